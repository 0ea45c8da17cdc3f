import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { checkPacts } from '../../../src/contracts/check-pacts.js'
import { PACT_DIR } from '../pact-setup.js'

const run = promisify(execFile)
// Allegro's published documents are not part of the repository: CI (.ci/run) points at them; elsewhere these tests skip.
const DOCUMENTS = [process.env.ALLEGRO_OPENAPI, process.env.ALLEGRO_OPENAPI_2021]
const AGAINST = DOCUMENTS.filter((path): path is string => path !== undefined && path !== '').map(path => resolve(path))
const withDocuments = AGAINST.length === 2 ? test : test.skip
if (AGAINST.length < 2) {
  console.warn('Skipping the check of the kit\'s pacts against Allegro\'s OpenAPI documents: set ALLEGRO_OPENAPI (2025-12-17) and ALLEGRO_OPENAPI_2021 (2021-07-16) to their files, from https://developer.allegro.pl/swagger.yaml and its 2021 edition.')
}

const SPECS = AGAINST.flatMap(file => ['--spec', file])

async function cli (...args: string[]): Promise<{ code: number, output: string }> {
  return await run(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], { maxBuffer: 64 * 1024 * 1024 })
    .then(({ stdout }) => ({ code: 0, output: stdout }), (error: { code: number, stdout: string }) => ({ code: error.code, output: error.stdout }))
}

withDocuments('the kit\'s own pacts pass check-pacts against Allegro\'s two documents', async () => {
  const { code, output } = await cli('check-pacts', '--pacts', PACT_DIR, ...SPECS)
  for (const pact of ['classifieds', 'disputes', 'issues']) {
    expect(output).toMatch(new RegExp(`allegro-${pact}-client-allegro-mock\\.json: 0 errors, \\d+ warnings`))
  }
  expect(output).not.toContain('ERROR')
  expect(code).toBe(0)
  // Each interaction met a document that has its operation: /sale/offers in the 2021 one, the rest in the 2025 one.
  expect(output).not.toContain('Path or method not defined')
  // The seller's text-only messages are the listed MessageRequest deviation, a warning that names it.
  expect(output).toContain('must have required property \'attachment\' (a deviation allegro-mock lists: "POST /sale/disputes/{disputeId}/messages: request schema required changed')
  expect(output).toContain('must have required property \'attachment\' (a deviation allegro-mock lists: "POST /sale/issues/{issueId}/message: request schema required changed')
}, 120_000)

withDocuments('with --strict-deviations, the deviations are errors: exactly the text-only messages', async () => {
  const { code, output } = await cli('check-pacts', join(PACT_DIR, 'allegro-issues-client-allegro-mock.json'), ...SPECS, '--strict-deviations')
  expect(output.split('\n').filter(line => line.includes('ERROR'))).toEqual([
    expect.stringMatching(/^ {2}ERROR "a seller's message to dispute a38812fa through the issues API" \[root\]\.interactions\[\d+\]\.request\.body: .*must have required property 'attachment'$/),
  ])
  expect(code).toBe(1)
}, 60_000)

withDocuments('a response field the mock adds on purpose is a warning; one nobody lists is an error', async () => {
  const pact = JSON.parse(readFileSync(join(PACT_DIR, 'allegro-classifieds-client-allegro-mock.json'), 'utf8'))
  const interaction = pact.interactions.find((i: { description: string }) => i.description === 'a request for the children of category 4032')
  Object.assign(interaction.response.body.content.categories[0].options, { advertisementPriceOptional: false, colour: 'red' })
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-pact-')), 'classifieds.json')
  writeFileSync(file, JSON.stringify(pact))
  const [result] = await checkPacts([file], AGAINST)
  expect(result!.errors.map(e => e.message)).toEqual([expect.stringMatching(/additional properties - colour$/)])
  expect(result!.warnings.map(w => w.message)).toContainEqual(expect.stringMatching(
    /additional properties - advertisementPriceOptional \(a deviation allegro-mock lists: "GET \/sale\/categories: response 200 \* schema properties\.categories\.items\.properties\.options\.properties\.advertisementPriceOptional added"\)$/))
}, 60_000)
