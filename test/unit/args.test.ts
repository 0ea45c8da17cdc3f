import { expect, test } from 'vitest'
import { ArgsError, parseArgs, type ArgSpecs } from '../../src/server/core/args.js'

const specs: ArgSpecs = {
  port: { type: 'string' },
  memory: { type: 'boolean' },
  pacts: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
}

test('values come as --name value or --name=value; booleans stand alone', () => {
  expect(parseArgs(['--port', '0', '--memory'], specs, { positionals: false }).values).toEqual({ port: '0', memory: true })
  expect(parseArgs(['--port=0'], specs, { positionals: false }).values).toEqual({ port: '0' })
})

test('a repeatable option collects its values; the other arguments are positionals', () => {
  expect(parseArgs(['--pacts', 'a', 'b', '--pacts', 'c', '--', '--d'], specs, { positionals: true }))
    .toEqual({ values: { pacts: ['a', 'c'] }, positionals: ['b', '--d'] })
})

test('a one-letter alias stands for its option', () => {
  expect(parseArgs(['-h'], specs, { positionals: false }).values).toEqual({ help: true })
})

test.each([
  [['--bogus'], 'unknown option --bogus'],
  [['--bogus=1'], 'unknown option --bogus'],
  [['-x'], 'unknown option -x'],
  [['--port'], '--port needs a value'],
  [['--port', '--memory'], '--port needs a value'],
  [['--port='], '--port needs a value'],
  [['--memory=yes'], '--memory takes no value'],
  [['serve'], 'unexpected argument "serve"'],
])('%j is refused: %s', (argv, message) => {
  expect(() => parseArgs(argv, specs, { positionals: false })).toThrow(new ArgsError(message))
})
