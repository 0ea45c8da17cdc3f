import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { cli, startProcess, BIN } from './processes.js'

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

test('--help and -h list the options and the commands on stdout, exit 0', async () => {
  for (const flag of ['--help', '-h']) {
    const { code, stdout } = await cli(flag)
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: allegro-mock [options]')
    expect(stdout).toContain('--pact-tokens')
    expect(stdout).toContain('allegro-mock check-spec --against')
  }
})

test.each(['verify', 'check-pacts', 'check-spec'])('allegro-mock %s --help describes that command, exit 0', async (command) => {
  for (const flag of ['--help', '-h']) {
    const { code, stdout } = await cli(command, flag)
    expect(code).toBe(0)
    expect(stdout).toContain(`Usage: allegro-mock ${command}`)
    expect(stdout).toContain('Options:')
  }
})

test('--version prints the package version', async () => {
  expect(await cli('--version')).toMatchObject({ code: 0, stdout: `${version}\n` })
})

test.each([
  [['--bogus'], 'allegro-mock: unknown option --bogus'],
  [['--port'], 'allegro-mock: --port needs a value'],
  [['--memory=yes'], 'allegro-mock: --memory takes no value'],
  [['serve'], 'allegro-mock: unknown command "serve"'],
  [['verify', '--pacts', 'x', '--bogus'], 'allegro-mock verify: unknown option --bogus'],
  [['verify', '--provider-url'], 'allegro-mock verify: --provider-url needs a value'],
  [['check-pacts', '--spec'], 'allegro-mock check-pacts: --spec needs a value'],
  [['check-spec'], 'allegro-mock check-spec needs --against'],
])('%j is refused in plain words with exit code 2', async (args, message) => {
  const { code, stdout, stderr } = await cli(...args)
  expect(code).toBe(2)
  expect(stderr).toContain(message)
  expect(stderr).toContain('Usage: allegro-mock')
  expect(stderr).not.toMatch(/ERR_PARSE_ARGS|positional argument|\n\s+at /)
  expect(stdout).toBe('')
})

test('check-spec takes several documents after one --against', async () => {
  const { code, stdout } = await cli('check-spec', '--against', 'openapi/allegro-mock.yaml', 'openapi/allegro-mock.yaml')
  expect(stdout).toContain('0 differences')
  expect(code).toBe(0)
})

test('verify --provider-url refuses a mock without --pact-tokens, and one that keeps its data in a file', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-verify-')), 'state.json')
  for (const [flags, reason] of [[['--memory'], 'runs without --pact-tokens'], [['--data', file, '--pact-tokens'], `keeps its data in ${file}`]] as const) {
    const target = await startProcess(process.execPath, [BIN, ...flags, '--port', '0', '--log-level', 'silent'])
    try {
      const { code, stderr } = await cli('verify', '--pacts', 'pacts', '--provider-url', target.url)
      expect(code).toBe(2)
      expect(stderr).toContain(reason)
      expect(stderr).toContain('allegro-mock --memory --clock manual --pact-tokens')
    } finally {
      target.child.kill('SIGTERM')
      await target.exited
    }
  }
})

test('verify --provider-url refuses a URL where nothing answers', async () => {
  const { code, stderr } = await cli('verify', '--pacts', 'pacts', '--provider-url', 'http://127.0.0.1:1')
  expect(code).toBe(2)
  expect(stderr).toContain('cannot reach http://127.0.0.1:1/__mock/health')
})
