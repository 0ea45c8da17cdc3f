import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { CONTRACT_COMMANDS, runContractCommand, UsageError } from '../../src/contracts/commands.js'

async function run (command: typeof CONTRACT_COMMANDS[number], ...args: string[]): Promise<{ code: number, output: string }> {
  const lines: string[] = []
  const code = await runContractCommand(command, args, line => lines.push(line))
  return { code, output: lines.join('\n') }
}

/** A pact with one interaction the contract does not have, so the check names the file and finds one error. */
function strayPact (): string {
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-pact-')), 'stray.json')
  writeFileSync(file, JSON.stringify({
    consumer: { name: 'c' }, provider: { name: 'allegro-mock' }, metadata: { pactSpecification: { version: '4.0' } },
    interactions: [{ type: 'Synchronous/HTTP', description: 'a stray request', request: { method: 'GET', path: '/nowhere' }, response: { status: 200 } }],
  }))
  return file
}

test.each(CONTRACT_COMMANDS)('%s --help answers its usage and exit code 0, running nothing', async (command) => {
  for (const flag of ['--help', '-h']) {
    const { code, output } = await run(command, flag)
    expect(code).toBe(0)
    expect(output).toMatch(new RegExp(`^Usage: allegro-mock ${command} `))
  }
})

test('check-pacts takes its pacts after --pacts as well as plain arguments', async () => {
  const pact = strayPact()
  for (const args of [['--pacts', pact], [pact]]) {
    const { code, output } = await run('check-pacts', ...args)
    expect(output).toContain(`${pact}: 1 errors`)
    expect(code).toBe(1)
  }
})

test('check-spec takes several documents after one --against', async () => {
  const { code, output } = await run('check-spec', '--against', 'openapi/allegro-mock.yaml', 'openapi/allegro-mock.yaml')
  expect(output).toContain('0 differences')
  expect(code).toBe(0)
})

test.each([
  [['check-pacts', '--bogus'], 'check-pacts: unknown option --bogus'],
  [['check-pacts', '--spec'], 'check-pacts: --spec needs a value'],
  [['check-pacts'], 'check-pacts needs at least one pact file or folder'],
  [['verify', '--provider-url', 'http://127.0.0.1:1'], 'verify needs --pacts <dir|file|url>'],
  [['check-spec', '--against'], 'check-spec: --against needs a value'],
] as const)('%j is a usage error: %s', async ([command, ...args], message) => {
  await expect(run(command, ...args)).rejects.toThrow(new UsageError(message))
})
