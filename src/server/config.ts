import { ArgsError, parseArgs, type ArgSpecs } from './core/args.js'

/** Everything the server can be told at start. The only place that reads argv and the environment. */
export interface Config {
  host: string
  /** 0 picks any free port. */
  port: number
  /** The JSON data file, or null to keep everything in memory. */
  dataFile: string | null
  /** `fsync`: a 2xx means the change is on disk (file and folder synced); `none` leaves flushing to the OS. */
  durability: 'fsync' | 'none'
  scenario: string
  clock: 'system' | 'manual'
  /** Where a manual clock starts when the data holds no time of its own. */
  clockStart: string | null
  /** How long a publication task stays NEW before it settles. */
  taskDelayMs: number
  /** The base URL put in Location headers and in attachment and image URLs; null means the listening address. */
  publicUrl: string | null
  /** `auto` approves device codes for the scenario's first seller; `manual` waits for /__mock. */
  deviceApproval: 'auto' | 'manual'
  /** Largest image accepted by POST /sale/images. */
  imageMaxBytes: number
  /** Accept the contract kit's placeholder tokens (`Bearer pact:<login>`); for provider verification only. */
  pactTokens: boolean
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent'
  /** How many client requests GET /__mock/requests keeps (a ring: the oldest go first). */
  journalSize: number
  /** OAuth applications given at start (`--client`): part of the configuration, they survive resets and restarts. */
  clients: ConfiguredClient[]
  /** Which disputes API is served: the guide's `/sale/disputes*`, its successor `/sale/issues*`, or both (the cut-over). */
  disputesApi: 'guide' | 'issues' | 'both'
  /** From this moment on the mock's clock, `/sale/disputes*` and `/sale/dispute-attachments*` answer as removed; null: never. */
  disputesRemovedAt: string | null
  /** How long a client may take to send a whole request, headers and body (0: no limit); then 408 and close. */
  requestTimeoutMs: number
  /** How long a client may take to send a request's headers (at most `requestTimeoutMs`); then 408 and close. */
  headersTimeoutMs: number
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number
}

export interface ConfiguredClient { clientId: string, clientSecret: string, redirectUris: string[] }

export const defaultConfig: Config = {
  host: '127.0.0.1',
  port: 3000,
  dataFile: './data/allegro-mock.json',
  durability: 'fsync',
  scenario: 'default',
  clock: 'system',
  clockStart: null,
  taskDelayMs: 3000,
  publicUrl: null,
  deviceApproval: 'auto',
  imageMaxBytes: 10 * 1024 * 1024,
  pactTokens: false,
  logLevel: 'info',
  journalSize: 1000,
  clients: [],
  disputesApi: 'both',
  disputesRemovedAt: null,
  requestTimeoutMs: 60_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 72_000,
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const options = {
  host: { type: 'string', env: 'ALLEGRO_MOCK_HOST', help: 'address to bind', placeholder: 'ADDR' },
  port: { type: 'string', env: 'ALLEGRO_MOCK_PORT', help: 'port; 0 picks a free one and prints it', placeholder: 'N' },
  data: { type: 'string', env: 'ALLEGRO_MOCK_DATA', help: 'JSON data file, created when missing', placeholder: 'FILE' },
  memory: { type: 'boolean', env: 'ALLEGRO_MOCK_MEMORY', help: 'keep state in memory only (no data file)' },
  durability: { type: 'string', env: 'ALLEGRO_MOCK_DURABILITY', help: 'fsync (a 2xx is on disk), or none (faster, lost on power loss)', placeholder: 'MODE' },
  scenario: { type: 'string', env: 'ALLEGRO_MOCK_SCENARIO', help: 'scenario for a new data file and for resets', placeholder: 'NAME' },
  clock: { type: 'string', env: 'ALLEGRO_MOCK_CLOCK', help: 'system, or manual (moves only via /__mock/clock)', placeholder: 'MODE' },
  'clock-start': { type: 'string', env: 'ALLEGRO_MOCK_CLOCK_START', help: 'ISO date-time a manual clock starts at', placeholder: 'TIME' },
  'task-delay': { type: 'string', env: 'ALLEGRO_MOCK_TASK_DELAY', help: 'ms a publication task stays NEW', placeholder: 'MS' },
  'public-url': { type: 'string', env: 'ALLEGRO_MOCK_PUBLIC_URL', help: 'base URL for Location headers and file URLs', placeholder: 'URL' },
  'device-approval': { type: 'string', env: 'ALLEGRO_MOCK_DEVICE_APPROVAL', help: 'auto, or manual (approve via /__mock)', placeholder: 'MODE' },
  'image-max-bytes': { type: 'string', env: 'ALLEGRO_MOCK_IMAGE_MAX_BYTES', help: 'largest image POST /sale/images accepts', placeholder: 'N' },
  'pact-tokens': { type: 'boolean', env: 'ALLEGRO_MOCK_PACT_TOKENS', help: 'accept Bearer pact:<login> tokens (provider verification only)' },
  'log-level': { type: 'string', env: 'ALLEGRO_MOCK_LOG_LEVEL', help: 'fatal, error, warn, info, debug or silent', placeholder: 'LEVEL' },
  'journal-size': { type: 'string', env: 'ALLEGRO_MOCK_JOURNAL_SIZE', help: 'client requests GET /__mock/requests keeps', placeholder: 'N' },
  client: { type: 'string', multiple: true, env: 'ALLEGRO_MOCK_CLIENTS', help: 'your OAuth app, repeatable (env: space-separated)', placeholder: 'ID:SECRET[:URI,...]' },
  'disputes-api': { type: 'string', env: 'ALLEGRO_MOCK_DISPUTES_API', help: 'guide (/sale/disputes), issues (/sale/issues) or both (default: both)', placeholder: 'API' },
  'disputes-removed-at': { type: 'string', env: 'ALLEGRO_MOCK_DISPUTES_REMOVED_AT', help: 'ISO date(-time) on the mock\'s clock from which /sale/disputes* answers as removed', placeholder: 'TIME' },
  'request-timeout': { type: 'string', env: 'ALLEGRO_MOCK_REQUEST_TIMEOUT', help: 'ms a client may take to send a whole request (0: no limit)', placeholder: 'MS' },
  'headers-timeout': { type: 'string', env: 'ALLEGRO_MOCK_HEADERS_TIMEOUT', help: 'ms a client may take to send the headers', placeholder: 'MS' },
  'keep-alive-timeout': { type: 'string', env: 'ALLEGRO_MOCK_KEEP_ALIVE_TIMEOUT', help: 'ms an idle keep-alive connection stays open', placeholder: 'MS' },
  help: { type: 'boolean', env: '', help: 'show this help', short: 'h' },
  version: { type: 'boolean', env: '', help: 'print the version' },
} as const

const argSpecs: ArgSpecs = Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type, ...('short' in o ? { short: o.short } : {}), ...('multiple' in o ? { multiple: o.multiple } : {}) }]))

export type CliCommand = { kind: 'help', text: string } | { kind: 'version' } | { kind: 'serve', config: Config }

/**
 * Reads flags, then environment variables, then defaults.
 * @example loadConfig(['--port', '0', '--memory'], {}) // { kind: 'serve', config: { port: 0, dataFile: null, ... } }
 */
export function loadConfig (argv: readonly string[], env: Record<string, string | undefined>): CliCommand {
  let values: Record<string, unknown>
  try {
    values = parseArgs(argv, argSpecs, { positionals: false }).values
  } catch (error) {
    if (error instanceof ArgsError) throw new ConfigError(error.message)
    throw error
  }
  if (values.help) return { kind: 'help', text: helpText() }
  if (values.version) return { kind: 'version' }
  const pick = (name: keyof typeof options): string | undefined => {
    const flag = values[name]
    if (typeof flag === 'string') return flag
    if (flag === true) return 'true'
    const fromEnv = options[name].env ? env[options[name].env] : undefined
    return fromEnv === '' ? undefined : fromEnv
  }
  const config: Config = { ...defaultConfig }
  const host = pick('host')
  if (host !== undefined) config.host = host
  const port = pick('port')
  if (port !== undefined) config.port = integer('--port', port, 0, 65535)
  const data = pick('data')
  if (data !== undefined) config.dataFile = data
  const memory = pick('memory')
  if (memory !== undefined && memory !== 'false' && memory !== '0') config.dataFile = null
  const durability = pick('durability')
  if (durability !== undefined) config.durability = oneOf('--durability', durability, ['fsync', 'none'] as const)
  const scenario = pick('scenario')
  if (scenario !== undefined) config.scenario = scenario
  const clock = pick('clock')
  if (clock !== undefined) config.clock = oneOf('--clock', clock, ['system', 'manual'] as const)
  const clockStart = pick('clock-start')
  if (clockStart !== undefined) {
    if (Number.isNaN(Date.parse(clockStart))) throw new ConfigError(`--clock-start must be an ISO date-time, got "${clockStart}"`)
    config.clockStart = new Date(clockStart).toISOString()
  }
  const delay = pick('task-delay')
  if (delay !== undefined) config.taskDelayMs = integer('--task-delay', delay, 0, 24 * 3600 * 1000)
  const publicUrl = pick('public-url')
  if (publicUrl !== undefined) config.publicUrl = baseUrl(publicUrl)
  const approval = pick('device-approval')
  if (approval !== undefined) config.deviceApproval = oneOf('--device-approval', approval, ['auto', 'manual'] as const)
  const imageMax = pick('image-max-bytes')
  if (imageMax !== undefined) config.imageMaxBytes = integer('--image-max-bytes', imageMax, 1, 1024 * 1024 * 1024)
  const pactTokens = pick('pact-tokens')
  if (pactTokens !== undefined && pactTokens !== 'false' && pactTokens !== '0') config.pactTokens = true
  const clients = values.client as string[] | undefined ?? env.ALLEGRO_MOCK_CLIENTS?.split(/\s+/).filter(Boolean)
  if (clients !== undefined) config.clients = clients.map(clientOption)
  const journalSize = pick('journal-size')
  if (journalSize !== undefined) config.journalSize = integer('--journal-size', journalSize, 0, 1_000_000)
  const disputesApi = pick('disputes-api')
  if (disputesApi !== undefined) config.disputesApi = oneOf('--disputes-api', disputesApi, ['guide', 'issues', 'both'] as const)
  const removedAt = pick('disputes-removed-at')
  if (removedAt !== undefined) {
    if (Number.isNaN(Date.parse(removedAt))) throw new ConfigError(`--disputes-removed-at must be an ISO date or date-time, got "${removedAt}"`)
    config.disputesRemovedAt = new Date(removedAt).toISOString()
  }
  const requestTimeout = pick('request-timeout')
  if (requestTimeout !== undefined) config.requestTimeoutMs = integer('--request-timeout', requestTimeout, 0, 3_600_000)
  const headersTimeout = pick('headers-timeout')
  if (headersTimeout !== undefined) config.headersTimeoutMs = integer('--headers-timeout', headersTimeout, 1, 3_600_000)
  const keepAliveTimeout = pick('keep-alive-timeout')
  if (keepAliveTimeout !== undefined) config.keepAliveTimeoutMs = integer('--keep-alive-timeout', keepAliveTimeout, 1, 3_600_000)
  // Node refuses a header timeout longer than the request's; a shorter request timeout bounds the headers too.
  if (config.requestTimeoutMs > 0 && config.headersTimeoutMs > config.requestTimeoutMs) {
    if (headersTimeout !== undefined) throw new ConfigError(`--headers-timeout (${config.headersTimeoutMs}) must not exceed --request-timeout (${config.requestTimeoutMs})`)
    config.headersTimeoutMs = config.requestTimeoutMs
  }
  const logLevel = pick('log-level')
  if (logLevel !== undefined) config.logLevel = oneOf('--log-level', logLevel, ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const)
  return { kind: 'serve', config }
}

/** `ID:SECRET` or `ID:SECRET:https://app/callback,https://app/other`. */
function clientOption (text: string): ConfiguredClient {
  const first = text.indexOf(':')
  const second = first < 0 ? -1 : text.indexOf(':', first + 1)
  const clientId = text.slice(0, first)
  const clientSecret = second < 0 ? text.slice(first + 1) : text.slice(first + 1, second)
  if (first <= 0 || clientSecret === '') throw new ConfigError(`--client must be ID:SECRET[:REDIRECT_URI,...], got "${text}"`)
  const redirectUris = second < 0 ? [] : text.slice(second + 1).split(',').filter(Boolean)
  for (const uri of redirectUris) {
    let url: URL | null = null
    try { url = new URL(uri) } catch { url = null }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new ConfigError(`--client ${clientId}: "${uri}" is not an http(s) redirect URI`)
  }
  return { clientId, clientSecret, redirectUris }
}

function integer (flag: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ConfigError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`)
  return n
}

function oneOf<T extends string> (flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new ConfigError(`${flag} must be one of ${allowed.join(', ')}, got "${text}"`)
  return text as T
}

function baseUrl (text: string): string {
  let url: URL
  try { url = new URL(text) } catch { throw new ConfigError(`--public-url must be an absolute http(s) URL, got "${text}"`) }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`--public-url must be http or https, got "${text}"`)
  return url.toString().replace(/\/$/, '')
}

export function helpText (): string {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${'short' in o ? `-${o.short}, ` : ''}--${name}${'placeholder' in o ? ` ${o.placeholder}` : ''}`
    const env = o.env ? ` [${o.env}]` : ''
    const fallback = defaultFor(name)
    return `  ${flag.padEnd(24)} ${o.help}${fallback}${env}`
  })
  return ['Usage: allegro-mock [options]', '       allegro-mock <command> [options]   (verify, check-pacts, check-spec; each takes --help)', '',
    'A local, stateful stand-in for Allegro\'s REST API.', '', 'Options:', ...rows].join('\n')
}

function defaultFor (name: string): string {
  const defaults: Record<string, unknown> = {
    host: defaultConfig.host, port: defaultConfig.port, data: defaultConfig.dataFile, durability: defaultConfig.durability, scenario: defaultConfig.scenario,
    clock: defaultConfig.clock, 'task-delay': defaultConfig.taskDelayMs, 'device-approval': defaultConfig.deviceApproval,
    'image-max-bytes': defaultConfig.imageMaxBytes, 'log-level': defaultConfig.logLevel, 'journal-size': defaultConfig.journalSize,
    'request-timeout': defaultConfig.requestTimeoutMs, 'headers-timeout': defaultConfig.headersTimeoutMs, 'keep-alive-timeout': defaultConfig.keepAliveTimeoutMs,
  }
  return name in defaults ? ` (default: ${String(defaults[name])})` : ''
}
