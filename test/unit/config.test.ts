import { expect, test } from 'vitest'
import { ConfigError, defaultConfig, loadConfig } from '../../src/server/config.js'

const serve = (argv: string[], env: Record<string, string> = {}) => {
  const command = loadConfig(argv, env)
  if (command.kind !== 'serve') throw new Error('expected serve')
  return command.config
}

test('with no flags the defaults apply', () => {
  expect(serve([])).toEqual(defaultConfig)
})

test('flags override environment variables, which override defaults', () => {
  const config = serve(['--port', '0'], { ALLEGRO_MOCK_PORT: '4000', ALLEGRO_MOCK_CLOCK: 'manual', ALLEGRO_MOCK_TASK_DELAY: '250' })
  expect(config.port).toBe(0)
  expect(config.clock).toBe('manual')
  expect(config.taskDelayMs).toBe(250)
})

test('--memory drops the data file and --public-url loses its trailing slash', () => {
  const config = serve(['--memory', '--public-url', 'https://mock.example.test/'])
  expect(config.dataFile).toBeNull()
  expect(config.publicUrl).toBe('https://mock.example.test')
})

test.each([
  [['--port', '70000'], /--port/],
  [['--port', 'abc'], /--port/],
  [['--clock', 'fast'], /--clock must be one of system, manual/],
  [['--public-url', 'ftp://x'], /--public-url/],
  [['--clock-start', 'soon'], /--clock-start/],
  [['--unknown'], /unknown option --unknown/],
  [['--port'], /--port needs a value/],
  [['extra'], /unexpected argument "extra"/],
])('%j is refused with a message naming the flag', (argv, message) => {
  expect(() => loadConfig(argv, {})).toThrow(ConfigError)
  expect(() => loadConfig(argv, {})).toThrow(message)
})

test('-h is --help, and --version asks for the version', () => {
  expect(loadConfig(['-h'], {}).kind).toBe('help')
  expect(loadConfig(['--version'], {})).toEqual({ kind: 'version' })
})

test('--help lists every flag with its environment variable', () => {
  const command = loadConfig(['--help'], {})
  expect(command.kind).toBe('help')
  if (command.kind !== 'help') return
  for (const flag of ['--port', '--host', '--data', '--memory', '--scenario', '--clock', '--task-delay', '--public-url']) {
    expect(command.text).toContain(flag)
  }
  expect(command.text).toContain('ALLEGRO_MOCK_PORT')
})
