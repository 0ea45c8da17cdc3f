import { parseArgs } from 'node:util'

export const CONTRACT_COMMANDS = ['verify', 'check-pacts', 'check-spec'] as const
export type ContractCommand = typeof CONTRACT_COMMANDS[number]

export const CONTRACT_USAGE = `Contract commands:
  allegro-mock verify --pacts <dir|file|url>... [--provider-url URL]
      Verify pacts against allegro-mock (started in memory on a manual clock, or the one at URL).
  allegro-mock check-pacts <pact file or dir>... [--spec FILE]
      Check pacts against allegro-mock's OpenAPI contract, or against FILE (e.g. Allegro's published document).
  allegro-mock check-spec --against <Allegro OpenAPI file>... [--spec FILE]
      Report every difference between allegro-mock's contract and Allegro's documents not listed as deliberate.`

/** Runs one contract command; resolves to the process exit code. Pact and the validator load only here. */
export async function runContractCommand (command: ContractCommand, args: readonly string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      pacts: { type: 'string', multiple: true },
      'provider-url': { type: 'string' },
      spec: { type: 'string' },
      against: { type: 'string', multiple: true },
    },
    allowPositionals: true,
    strict: true,
  })
  switch (command) {
    case 'verify': {
      const pacts = [...(values.pacts ?? []), ...positionals]
      if (pacts.length === 0) throw new UsageError('verify needs --pacts <dir|file|url>')
      const { verifyPacts } = await import('./verify.js')
      try {
        await verifyPacts({ pacts, providerUrl: values['provider-url'] })
        out(`Verified ${pacts.join(', ')} against allegro-mock: every interaction holds.`)
        return 0
      } catch {
        out('Verification failed: the interactions above do not hold against allegro-mock.')
        return 1
      }
    }
    case 'check-pacts': {
      if (positionals.length === 0) throw new UsageError('check-pacts needs at least one pact file or folder')
      const { checkPacts, describeProblem } = await import('./check-pacts.js')
      const results = await checkPacts(positionals, values.spec)
      for (const result of results) {
        out(`${result.pact}: ${result.errors.length} errors, ${result.warnings.length} warnings`)
        for (const item of [...result.errors, ...result.warnings]) out(`  ${describeProblem(item)}`)
      }
      return results.some(r => r.errors.length > 0) ? 1 : 0
    }
    case 'check-spec': {
      const { checkSpec } = await import('./check-spec.js')
      const against = values.against ?? []
      if (against.length === 0) throw new UsageError('check-spec needs --against <Allegro OpenAPI file>')
      const report = checkSpec({ against, spec: values.spec })
      for (const line of report.unlisted) out(`UNLISTED ${line}`)
      out(`${report.differences.length} differences, ${report.differences.length - report.unlisted.length} listed as deliberate, ${report.unlisted.length} not listed`)
      for (const pattern of report.unusedPatterns) out(`note: the deviation "${pattern}" matched nothing`)
      return report.unlisted.length > 0 ? 1 : 0
    }
  }
}

export class UsageError extends Error {
  override name = 'UsageError'
}
