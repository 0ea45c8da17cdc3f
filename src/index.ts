/**
 * allegro-mock from code: start a mock in this process and steer it through its `/__mock` control API.
 */
import { ConfigError, loadConfig, type Config } from './server/config.js'
import { connectAllegroMock, type AllegroMockControl } from './control-client.js'

export * from './control-client.js'

/** The CLI's options as typed fields. Unlike the CLI: port 0, memory and `silent` logs unless told otherwise. */
export interface AllegroMockOptions {
  /** 0 (the default) picks a free port; `url` tells which. */
  port?: number
  /** Address to bind; default `127.0.0.1`. */
  host?: string
  /** A JSON data file to keep the state in across restarts; without it everything stays in memory. */
  data?: string
  /** Keep nothing on disk even when `data` is given; defaults to `data === undefined`. */
  memory?: boolean
  /** With `data`: `fsync` (a 2xx is on disk, the default) or `none` (faster, lost on power loss). */
  durability?: 'fsync' | 'none'
  /** Scenario for a new state and for resets; default `default`. */
  scenario?: string
  /** `manual`: time moves only through `clock.advance()`. */
  clock?: 'system' | 'manual'
  /** Where a manual clock starts on a new state. */
  clockStart?: string | Date
  /** Milliseconds a publication task stays `NEW`; default 3000. */
  taskDelay?: number
  /** Base of `Location` headers and file URLs; default the listening URL. */
  publicUrl?: string
  /** `manual`: device codes wait for approval at `/__mock/device`. */
  deviceApproval?: 'auto' | 'manual'
  /** Largest image `POST /sale/images` takes. */
  imageMaxBytes?: number
  /** Accept the contract kit's `Bearer pact:<login>` tokens (provider verification only). */
  pactTokens?: boolean
  /** How many client requests `requests.list()` keeps; default 1000. */
  journalSize?: number
  /** OAuth applications of your own, as `--client` gives them: they survive resets. */
  clients?: Array<{ clientId: string, clientSecret: string, redirectUris?: string[] }>
  /** Which disputes API answers: `guide` (`/sale/disputes*`), `issues` (`/sale/issues*`) or `both` (the default). */
  disputesApi?: 'guide' | 'issues' | 'both'
  /** From this time on the mock's clock, `/sale/disputes*` answers as a removed resource. */
  disputesRemovedAt?: string | Date
  /** Milliseconds a client may take to send a whole request (0: no limit); default 60 000. */
  requestTimeout?: number
  /** Milliseconds a client may take to send the headers; default 10 000. */
  headersTimeout?: number
  /** Milliseconds an idle keep-alive connection stays open; default 72 000. */
  keepAliveTimeout?: number
  logLevel?: Config['logLevel']
}

/** A running mock: the control helpers, plus `close`. */
export interface AllegroMock extends AllegroMockControl {
  /** Finishes in-flight requests and writes, then frees the port. */
  close (): Promise<void>
}

/**
 * Starts allegro-mock in this process, in memory on a free port unless told otherwise.
 * @example
 * const mock = await startAllegroMock({ clock: 'manual' })
 * const token = await mock.sellers.token('Seller_login1')
 * const answer = await fetch(`${mock.url}/sale/disputes`, {
 *   headers: { accept: 'application/vnd.allegro.public.v1+json', authorization: `Bearer ${token}` },
 * })
 * await mock.clock.advance({ by: 'PT1H' })
 * await mock.close()
 */
export async function startAllegroMock (options: AllegroMockOptions = {}): Promise<AllegroMock> {
  const config = configFrom(options)
  // Loaded here, so that a test file that only connects to a running mock does not load the server.
  const { startServer } = await import('./server/server.js')
  const server = await startServer(config)
  return { ...connectAllegroMock(server.url), close: () => server.close() }
}

/**
 * The server's configuration for these options, checked as the CLI checks its flags (environment variables play
 * no part). Throws `ConfigError` naming the offending option.
 * @example configFrom({ clock: 'manual' }) // { ...defaults, port: 0, dataFile: null, clock: 'manual', logLevel: 'silent' }
 */
export function configFrom (options: AllegroMockOptions): Config {
  const { port = 0, memory = options.data === undefined, logLevel = 'silent' } = options
  const flags: Array<[string, string | number | boolean | Date | undefined]> = [
    ['port', port], ['host', options.host], ['data', options.data], ['memory', memory], ['durability', options.durability], ['scenario', options.scenario],
    ['clock', options.clock], ['clock-start', options.clockStart], ['task-delay', options.taskDelay], ['public-url', options.publicUrl],
    ['device-approval', options.deviceApproval], ['image-max-bytes', options.imageMaxBytes], ['pact-tokens', options.pactTokens],
    ['journal-size', options.journalSize], ['log-level', logLevel], ['disputes-api', options.disputesApi],
    ['disputes-removed-at', options.disputesRemovedAt], ['request-timeout', options.requestTimeout],
    ['headers-timeout', options.headersTimeout], ['keep-alive-timeout', options.keepAliveTimeout],
    ...(options.clients ?? []).map((c): [string, string] => ['client', [c.clientId, c.clientSecret, ...(c.redirectUris?.length ? [c.redirectUris.join(',')] : [])].join(':')]),
  ]
  const argv = flags.flatMap(([name, value]): string[] => {
    if (value === undefined || value === false) return []
    if (value === true) return [`--${name}`]
    return [`--${name}=${value instanceof Date ? value.toISOString() : String(value)}`]
  })
  const command = loadConfig(argv, {})
  if (command.kind !== 'serve') throw new ConfigError('unreachable: options never ask for help')
  return command.config
}

export { ConfigError }
