import { resolve } from 'node:path'
import { PactV4, SpecificationVersion } from '@pact-foundation/pact'

export const PACT_DIR = resolve('pacts')
export const PROVIDER = 'allegro-mock'

/** A Pact V4 consumer writing to pacts/. One consumer name per test file, so files never share a pact. */
export function consumerPact (consumer: string): PactV4 {
  return new PactV4({ consumer, provider: PROVIDER, dir: PACT_DIR, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'error' })
}
