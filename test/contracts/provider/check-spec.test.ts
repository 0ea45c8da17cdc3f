import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { checkSpec, readDeviationPatterns, schemaDifferences } from '../../../src/contracts/check-spec.js'
import { CONTRACT_FILE } from '../../../src/server/core/openapi.js'

const run = promisify(execFile)
// Allegro's published documents are not part of the repository: CI (.ci/run) points at them; elsewhere these tests skip.
const DOCUMENTS = [process.env.ALLEGRO_OPENAPI, process.env.ALLEGRO_OPENAPI_2021]
const AGAINST = DOCUMENTS.filter((path): path is string => path !== undefined && path !== '').map(path => resolve(path))
const withDocuments = AGAINST.length === 2 ? test : test.skip
if (AGAINST.length < 2) {
  console.warn('Skipping the comparison with Allegro\'s OpenAPI documents: set ALLEGRO_OPENAPI (2025-12-17) and ALLEGRO_OPENAPI_2021 (2021-07-16) to their files, from https://developer.allegro.pl/swagger.yaml and its 2021 edition.')
}

withDocuments('every difference from Allegro\'s documents is a listed, deliberate one', () => {
  const report = checkSpec({ against: AGAINST })
  expect(report.differences.length).toBeGreaterThan(0)
  expect(report.unlisted).toEqual([])
  expect(report.unusedPatterns).toEqual([])
})

withDocuments('a changed operation is reported as unlisted, and the command fails', async () => {
  const changed = readFileSync(CONTRACT_FILE, 'utf8').replace(
    /(DisputeMessageList:\n {6}type: object\n {6}properties:\n {8}messages:\n {10}type:) array/, '$1 object')
  expect(changed).not.toBe(readFileSync(CONTRACT_FILE, 'utf8'))
  const spec = join(mkdtempSync(join(tmpdir(), 'allegro-mock-contract-')), 'changed.yaml')
  writeFileSync(spec, changed)
  const report = checkSpec({ against: AGAINST, spec })
  expect(report.unlisted).toEqual([
    expect.stringMatching(/^GET \/sale\/disputes\/\{disputeId\}\/messages: response 200 .* schema properties\.messages\.type changed from "array" to "object"$/),
  ])
  const cli = await run(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'check-spec', '--spec', spec, ...AGAINST.flatMap(a => ['--against', a])])
    .then(() => ({ code: 0, stdout: '' }), (error: { code: number, stdout: string }) => error)
  expect(cli.code).toBe(1)
  expect(cli.stdout).toContain('UNLISTED GET /sale/disputes/{disputeId}/messages')
}, 60_000)

test('schema differences are named by where they are', () => {
  expect(schemaDifferences({ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { a: { type: 'integer' }, b: {} } }, ''))
    .toEqual(['properties.a.type changed from "integer" to "string"', 'properties.b removed'])
  expect(schemaDifferences({ anyOf: [{ type: 'string' }, { type: 'null' }] }, { type: 'string' }, 'x')).toEqual(['x nullable added'])
})

test('deviation patterns come from the README block, comments left out', () => {
  expect(readDeviationPatterns('text\n```deviations\n# why\nGET /a: response 429 added\n\n*: x\n```\n')).toEqual(['GET /a: response 429 added', '*: x'])
})

test('the README lists every provider state', async () => {
  const { PROVIDER_STATES } = await import('../../../src/contracts/provider-states.js')
  const readme = readFileSync('README.md', 'utf8')
  for (const state of Object.keys(PROVIDER_STATES)) expect(readme, state).toContain(`| \`${state}\` |`)
})
