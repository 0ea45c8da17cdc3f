import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { checkPacts } from '../../../src/contracts/check-pacts.js'
import { verifyPacts } from '../../../src/contracts/verify.js'
import { PACT_DIR } from '../pact-setup.js'

const run = promisify(execFile)
const DISPUTES_PACT = join(PACT_DIR, 'allegro-disputes-client-allegro-mock.json')

/** Runs the allegro-mock CLI; resolves with its exit code and output whatever the code. */
async function cli (...args: string[]): Promise<{ code: number, output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code: number, stdout: string, stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

/** A copy of the disputes pact with one interaction's expected answer changed by `edit`. */
function tamperedPact (description: string, edit: (interaction: any) => void): string {
  const pact = JSON.parse(readFileSync(DISPUTES_PACT, 'utf8'))
  const interaction = pact.interactions.find((i: { description: string }) => i.description === description)
  if (!interaction) throw new Error(`No interaction "${description}"`)
  edit(interaction)
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-pact-')), 'tampered.json')
  writeFileSync(file, JSON.stringify(pact))
  return file
}

test('every pact the consumer tests wrote holds against the mock', async () => {
  await expect(verifyPacts({ pacts: [PACT_DIR] })).resolves.toBeUndefined()
}, 60_000)

test('every pact the consumer tests wrote agrees with the OpenAPI contract', async () => {
  const results = await checkPacts([PACT_DIR])
  expect(results.map(r => r.pact).sort()).toEqual([
    join(PACT_DIR, 'allegro-classifieds-client-allegro-mock.json'),
    join(PACT_DIR, 'allegro-disputes-client-allegro-mock.json'),
    join(PACT_DIR, 'allegro-issues-client-allegro-mock.json'),
  ])
  for (const result of results) expect(result.errors, result.pact).toEqual([])
})

test('a wrong expectation makes verify fail, naming the interaction and the field', async () => {
  const pact = tamperedPact('a request for dispute a38812fa', (interaction) => {
    interaction.response.body.content.status = 'CLOSED'
    delete interaction.response.matchingRules.body['$.status']
  })
  const { code, output } = await cli('verify', '--pacts', pact)
  expect(code).toBe(1)
  expect(output).toContain('a request for dispute a38812fa')
  expect(output).toContain('$.status')
  expect(output).toContain('Verification failed')
}, 60_000)

test('an expectation the contract does not allow makes check-pacts fail, naming the interaction and the field', async () => {
  const pact = tamperedPact('a request for dispute a38812fa', (interaction) => {
    interaction.response.body.content.messagesCount = 'five'
    delete interaction.response.matchingRules.body['$.messagesCount']
  })
  const { code, output } = await cli('check-pacts', pact)
  expect(code).toBe(1)
  expect(output).toMatch(/ERROR "a request for dispute a38812fa" .*response\.body\.messagesCount/)
})

test('the untouched pacts pass both commands', async () => {
  expect((await cli('check-pacts', PACT_DIR)).code).toBe(0)
}, 60_000)

const ALLEGRO_OPENAPI = process.env.ALLEGRO_OPENAPI
const withAllegroDocument = ALLEGRO_OPENAPI ? test : test.skip

withAllegroDocument('against Allegro\'s document, statuses and error bodies it leaves undocumented are warnings; --strict-statuses makes them errors', async () => {
  const undocumented = (items: Array<{ code: string }>) => items.filter(i => ['response.status.unknown', 'response.body.unknown'].includes(i.code))
  const [lenient] = await checkPacts([DISPUTES_PACT], ALLEGRO_OPENAPI!)
  expect(undocumented(lenient!.errors)).toEqual([])
  expect(undocumented(lenient!.warnings).length).toBeGreaterThan(0)
  const [strict] = await checkPacts([DISPUTES_PACT], ALLEGRO_OPENAPI!, { strictStatuses: true })
  expect(undocumented(strict!.errors).length).toBe(undocumented(lenient!.warnings).length)
  const { output } = await cli('check-pacts', DISPUTES_PACT, '--spec', ALLEGRO_OPENAPI!, '--strict-statuses')
  expect(output).toMatch(/ERROR ".*" .*No matching schema found for response body/)
}, 60_000)
