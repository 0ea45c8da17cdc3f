import { Verifier } from '@pact-foundation/pact-core'
import { defaultConfig } from '../server/config.js'
import { startServer, type RunningServer } from '../server/server.js'
import { expandPactLocations } from './pact-files.js'

export interface VerifyOptions {
  /** Pact files, folders of them, or URLs. */
  pacts: string[]
  /**
   * A mock already running with `--clock manual --pact-tokens`; without it one is started here, in memory.
   */
  providerUrl?: string
  providerName?: string
  logLevel?: 'error' | 'warn' | 'info' | 'debug'
}

/**
 * Verifies pacts against allegro-mock with Pact's own verifier: provider states are set up through the mock's
 * `/__mock/provider-states`, and the kit's placeholder tokens (`Bearer pact:<login>`) are accepted by the mock itself,
 * so any Pact verifier, in any language, can do the same. Resolves when every interaction holds; rejects otherwise,
 * after Pact has printed each failing interaction and the mismatching field.
 * @example await verifyPacts({ pacts: ['pacts/'] })
 */
export async function verifyPacts (options: VerifyOptions): Promise<void> {
  let server: RunningServer | null = null
  const baseUrl = options.providerUrl?.replace(/\/$/, '') ??
    (server = await startServer({ ...defaultConfig, port: 0, dataFile: null, clock: 'manual', pactTokens: true, logLevel: 'silent' })).url
  try {
    await new Verifier({
      provider: options.providerName ?? 'allegro-mock',
      providerBaseUrl: baseUrl,
      pactUrls: expandPactLocations(options.pacts),
      providerStatesSetupUrl: `${baseUrl}/__mock/provider-states`,
      logLevel: options.logLevel ?? 'error',
    }).verify()
  } finally {
    await server?.close()
  }
}
