import { ArgsError, parseArgs, type ArgSpec } from '../server/core/args.js'

export const CONTRACT_COMMANDS = ['verify', 'check-pacts', 'check-spec'] as const
export type ContractCommand = typeof CONTRACT_COMMANDS[number]

interface OptionHelp extends ArgSpec { placeholder?: string, help: string }

interface CommandHelp {
  usage: string
  summary: string
  options: Record<string, OptionHelp>
}

const HELP_OPTION: OptionHelp = { type: 'boolean', short: 'h', help: 'show this help' }

const COMMANDS: Record<ContractCommand, CommandHelp> = {
  verify: {
    usage: 'allegro-mock verify --pacts <dir|file|url>... [--provider-url URL]',
    summary: 'Verify pacts against allegro-mock: one started here in memory on a manual clock, or the one at URL.',
    options: {
      pacts: { type: 'string', multiple: true, placeholder: 'PACT', help: 'pact files, folders of them, or URLs (also as plain arguments)' },
      'provider-url': { type: 'string', placeholder: 'URL', help: 'a running allegro-mock started with --memory --pact-tokens (--clock manual too)' },
      help: HELP_OPTION,
    },
  },
  'check-pacts': {
    usage: 'allegro-mock check-pacts <pact file or dir>... [--spec FILE...] [--strict-statuses] [--strict-deviations]',
    summary: 'Check pacts against allegro-mock\'s OpenAPI contract, or against Allegro\'s published documents (each interaction against the first FILE that has its operation).',
    options: {
      pacts: { type: 'string', multiple: true, placeholder: 'PACT', help: 'pact files or folders (also as plain arguments)' },
      spec: { type: 'string', multiple: true, placeholder: 'FILE', help: 'the OpenAPI documents to check against, in order (default: allegro-mock\'s contract); repeat --spec for each' },
      'strict-statuses': { type: 'boolean', help: 'with --spec: a status, error body or operation the document leaves out is an error, not a warning' },
      'strict-deviations': { type: 'boolean', help: 'with --spec: a finding where allegro-mock deliberately differs (openapi/README.md) is an error, not a warning' },
      help: HELP_OPTION,
    },
  },
  'check-spec': {
    usage: 'allegro-mock check-spec --against <Allegro OpenAPI file>... [--spec FILE]',
    summary: 'Report every difference between allegro-mock\'s contract and Allegro\'s documents not listed as deliberate.',
    options: {
      against: { type: 'string', multiple: true, placeholder: 'FILE', help: 'Allegro\'s OpenAPI documents (several may follow one --against)' },
      spec: { type: 'string', placeholder: 'FILE', help: 'the contract to compare (default: allegro-mock\'s own)' },
      help: HELP_OPTION,
    },
  },
}

export const CONTRACT_USAGE = ['Contract commands (each takes --help):',
  ...CONTRACT_COMMANDS.map(command => `  ${COMMANDS[command].usage}\n      ${COMMANDS[command].summary}`)].join('\n')

/**
 * The help of one contract command.
 * @example contractHelp('verify') // 'Usage: allegro-mock verify --pacts <dir|file|url>... [--provider-url URL]\n...'
 */
export function contractHelp (command: ContractCommand): string {
  const { usage, summary, options } = COMMANDS[command]
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.placeholder ? ` ${o.placeholder}` : ''}`
    return `  ${flag.padEnd(24)} ${o.help}`
  })
  return [`Usage: ${usage}`, '', summary, '', 'Options:', ...rows].join('\n')
}

/**
 * Runs one contract command; resolves to the process exit code. Pact and the validator load only here.
 * Throws `UsageError` for a command line that does not fit and `RefusalError` for a target it will not touch
 * (the CLI exits 2 for both).
 * @example process.exitCode = await runContractCommand('check-pacts', ['--pacts', 'pacts/'], console.log)
 */
export async function runContractCommand (command: ContractCommand, args: readonly string[], out: (line: string) => void): Promise<number> {
  let values, positionals
  try {
    ({ values, positionals } = parseArgs(args, COMMANDS[command].options, { positionals: true }))
  } catch (error) {
    if (error instanceof ArgsError) throw new UsageError(`${command}: ${error.message}`)
    throw error
  }
  if (values.help) {
    out(contractHelp(command))
    return 0
  }
  const many = (name: string) => [...(values[name] as string[] | undefined ?? []), ...positionals]
  const one = (name: string) => values[name] as string | undefined
  switch (command) {
    case 'verify': {
      const pacts = many('pacts')
      if (pacts.length === 0) throw new UsageError('verify needs --pacts <dir|file|url>')
      const providerUrl = one('provider-url')
      if (providerUrl !== undefined) {
        const { checkProviderTarget } = await import('./provider-target.js')
        const target = await checkProviderTarget(providerUrl)
        if (!target.ok) throw new RefusalError(`verify: ${target.reason}`)
        for (const note of target.notes) out(`note: ${note}`)
      }
      const { verifyPacts } = await import('./verify.js')
      try {
        await verifyPacts({ pacts, providerUrl })
        out(`Verified ${pacts.join(', ')} against allegro-mock: every interaction holds.`)
        return 0
      } catch {
        out('Verification failed: the interactions above do not hold against allegro-mock.')
        return 1
      }
    }
    case 'check-pacts': {
      const pacts = many('pacts')
      if (pacts.length === 0) throw new UsageError('check-pacts needs at least one pact file or folder')
      const { checkPacts, describeProblem } = await import('./check-pacts.js')
      const specs = values.spec as string[] | undefined
      const results = await checkPacts(pacts, specs, { strictStatuses: values['strict-statuses'] === true, strictDeviations: values['strict-deviations'] === true })
      for (const result of results) {
        out(`${result.pact}: ${result.errors.length} errors, ${result.warnings.length} warnings`)
        for (const item of [...result.errors, ...result.warnings]) out(`  ${describeProblem(item)}`)
      }
      return results.some(r => r.errors.length > 0) ? 1 : 0
    }
    case 'check-spec': {
      const against = many('against')
      if (against.length === 0) throw new UsageError('check-spec needs --against <Allegro OpenAPI file>')
      const { checkSpec } = await import('./check-spec.js')
      const report = checkSpec({ against, spec: one('spec') })
      for (const line of report.unlisted) out(`UNLISTED ${line}`)
      out(`${report.differences.length} differences, ${report.differences.length - report.unlisted.length} listed as deliberate, ${report.unlisted.length} not listed`)
      for (const pattern of report.unusedPatterns) out(`note: the deviation "${pattern}" matched nothing`)
      return report.unlisted.length > 0 ? 1 : 0
    }
  }
}

/** A command line the person who typed it must fix: the CLI prints it with the command's help and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** A command that will not run against what it was given, e.g. a mock that keeps real data: the CLI exits 2. */
export class RefusalError extends Error {
  override name = 'RefusalError'
}
