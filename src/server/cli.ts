import { loadConfig, ConfigError, type Config } from './config.js'
import { DataFileError } from './core/store.js'
import { pollRealTime } from './core/clock.js'
import { UnknownScenarioError } from './seed.js'
import { startServer, type RunningServer } from './server.js'
import { packageVersion } from './version.js'
import { CONTRACT_COMMANDS, CONTRACT_USAGE, contractHelp, RefusalError, runContractCommand, UsageError, type ContractCommand } from '../contracts/commands.js'

const SHORT_USAGE = `Usage: allegro-mock [options], or allegro-mock <${CONTRACT_COMMANDS.join('|')}> [options]; --help lists them`

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

/**
 * The `allegro-mock` command: a contract command, or parse flags, start the server and close cleanly on
 * SIGINT/SIGTERM. Help and results go to stdout; the banner and every message to stderr, so that stdout carries
 * only the server's JSON log lines. A command line that does not fit exits 2.
 * @example await runCli(['--memory', '--port', '0'], process.env)
 */
export async function runCli (argv: readonly string[], env: Record<string, string | undefined>): Promise<void> {
  const [first, ...rest] = argv
  if (CONTRACT_COMMANDS.includes(first as ContractCommand)) {
    process.exitCode = await runContract(first as ContractCommand, rest)
    return
  }
  let command
  try {
    command = loadConfig(argv, env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const unknownCommand = first !== undefined && !first.startsWith('-') ? `unknown command "${first}"` : null
    console.error(`allegro-mock: ${unknownCommand ?? error.message}\n${SHORT_USAGE}`)
    process.exit(2)
  }
  if (command.kind === 'help') {
    console.log(`${command.text}\n\n${CONTRACT_USAGE}`)
    return
  }
  if (command.kind === 'version') {
    console.log(packageVersion())
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
  console.error(banner(server.url, command.config))
  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    console.error(`allegro-mock: ${signal} received, finishing in-flight requests and writes`)
    server.close().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1) })
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  // `npx allegro-mock` runs the server under `sh -c`, which dies of the SIGTERM npm passes on without passing it
  // further: under npm exec, being left by the parent is the signal to stop, or the server would live on as an orphan.
  if (process.env.npm_command === 'exec') whenOrphaned(() => shutdown('parent exit'))
}

/** Calls `then` once this process's parent is gone (it is then adopted by init or a subreaper). */
function whenOrphaned (then: () => void): void {
  const parent = process.ppid
  pollRealTime(200, () => {
    if (process.ppid === parent) return false
    then()
    return true
  })
}

async function runContract (command: ContractCommand, args: readonly string[]): Promise<number> {
  try {
    return await runContractCommand(command, args, line => console.log(line))
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`allegro-mock ${error.message}\n\n${contractHelp(command)}`)
      return 2
    }
    if (error instanceof RefusalError) {
      console.error(`allegro-mock ${error.message}`)
      return 2
    }
    throw error
  }
}
