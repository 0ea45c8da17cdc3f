/** One command-line option: `--name VALUE` (string) or `--name` (boolean), optionally repeatable, with a one-letter alias. */
export interface ArgSpec {
  type: 'string' | 'boolean'
  /** A repeatable string option collects every value. */
  multiple?: boolean
  /** `h` lets `-h` stand for the option. */
  short?: string
}

export type ArgSpecs = Record<string, ArgSpec>

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
}

/** A command line that does not fit its options; the message is meant for the person who typed it. */
export class ArgsError extends Error {
  override name = 'ArgsError'
}

/**
 * Parses a command line against its options, with messages of our own (Node's `parseArgs` explains its errors in
 * terms of its own API). `--name=value` and `--name value` both work; `--` ends the options.
 * @example parseArgs(['--pacts', 'a', 'b'], { pacts: { type: 'string', multiple: true } }, { positionals: true })
 * // { values: { pacts: ['a'] }, positionals: ['b'] }
 */
export function parseArgs (argv: readonly string[], specs: ArgSpecs, { positionals: allowPositionals }: { positionals: boolean }): ParsedArgs {
  const values: ParsedArgs['values'] = {}
  const positionals: string[] = []
  const byShort = new Map(Object.entries(specs).flatMap(([name, spec]) => spec.short ? [[spec.short, name] as const] : []))
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (!allowPositionals) throw new ArgsError(`unexpected argument "${arg}"`)
      positionals.push(arg)
      continue
    }
    const long = arg.startsWith('--')
    const [rawName, inline] = long ? splitInline(arg.slice(2)) : [arg.slice(1), undefined]
    const name = long ? rawName : byShort.get(rawName)
    const spec = name === undefined ? undefined : specs[name]
    if (name === undefined || spec === undefined) throw new ArgsError(`unknown option ${arg.split('=')[0]}`)
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new ArgsError(`--${name} takes no value`)
      values[name] = true
      continue
    }
    let value = inline
    if (value === undefined) {
      const next = argv[i + 1]
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new ArgsError(`--${name} needs a value`)
      value = next
      i++
    }
    if (value === '') throw new ArgsError(`--${name} needs a value`)
    values[name] = spec.multiple ? [...(values[name] as string[] | undefined ?? []), value] : value
  }
  return { values, positionals }
}

function splitInline (text: string): [string, string | undefined] {
  const at = text.indexOf('=')
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}
