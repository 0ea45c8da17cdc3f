import { helpText, loadConfig, ConfigError, type Config } from './config.js'
import { DataFileError } from './core/store.js'
import { UnknownScenarioError } from './seed.js'
import { startServer, type RunningServer } from './server.js'
import { CONTRACT_COMMANDS, CONTRACT_USAGE, runContractCommand, UsageError, type ContractCommand } from '../contracts/commands.js'

function banner (url: string, config: Config): string {
  return [
    `allegro-mock is listening on ${url}`,
    `  data:  ${config.dataFile ?? 'in memory'}   clock: ${config.clock}   scenario for new data: ${config.scenario}`,
    `  sellers and their tokens:   curl -s ${url}/__mock/sellers`,
    `  one seller's token:         TOKEN=$(curl -s ${url}/__mock/sellers/<login>/token)`,
    `  OAuth (client_credentials): curl -s -u allegro-mock-client:allegro-mock-secret -d grant_type=client_credentials ${url}/auth/oauth/token`,
    `  call the API:               curl -s -H 'Accept: application/vnd.allegro.public.v1+json' -H "Authorization: Bearer $TOKEN" ${url}/sale/disputes`,
  ].join('\n')
}

/** The `allegro-mock` command: parse flags, start the server, close cleanly on SIGINT/SIGTERM. */
export async function runCli (argv: readonly string[], env: Record<string, string | undefined>): Promise<void> {
  const [first, ...rest] = argv
  if (CONTRACT_COMMANDS.includes(first as ContractCommand)) {
    try {
      process.exitCode = await runContractCommand(first as ContractCommand, rest, line => console.log(line))
    } catch (error) {
      if (!(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) throw error
      console.error(`allegro-mock: ${(error as Error).message}\n\n${CONTRACT_USAGE}`)
      process.exitCode = 2
    }
    return
  }
  let command
  try {
    command = loadConfig(argv, env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`allegro-mock: ${error.message}\n\n${helpText()}\n\n${CONTRACT_USAGE}`)
      process.exit(2)
    }
    throw error
  }
  if (command.kind === 'help') {
    console.log(`${command.text}\n\n${CONTRACT_USAGE}`)
    return
  }
  let server: RunningServer
  try {
    server = await startServer(command.config)
  } catch (error) {
    if (error instanceof DataFileError || error instanceof UnknownScenarioError) {
      console.error(`allegro-mock: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  console.log(banner(server.url, command.config))
  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`allegro-mock: ${signal} received, finishing in-flight requests and writes`)
    server.close().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1) })
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}
