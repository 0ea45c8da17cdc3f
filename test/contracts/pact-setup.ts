import { resolve } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { PactV4, SpecificationVersion } from '@pact-foundation/pact'
import { makeConsumerPact } from '@pact-foundation/pact-core'

export const PACT_DIR = resolve('pacts')
export const PROVIDER = 'allegro-mock'

/** A Pact V4 consumer writing to pacts/. One consumer name per test file, so files never share a pact. */
export function consumerPact (consumer: string): PactV4 {
  return new PactV4({ consumer, provider: PROVIDER, dir: PACT_DIR, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'error' })
}

// Any handle reads the mock servers' bookkeeping: it is kept by port inside the one native library.
const bookkeeping = makeConsumerPact('allegro-mock-consumer-tests', PROVIDER, 5, 'error')

/**
 * A consumer test's body, finished only once Pact's mock server has recorded the requests it answered. pact_ffi 0.5.4
 * (the Pact 16 line, the last for Node 20) records a match after it sends the answer, so under load `executeTest`
 * can read "expected but not received" for a request it did answer (pact-js#1835; fixed in pact-core 20.1, which
 * needs Node 22). Waits at most 2 s: an interaction that really was not met still fails, as Pact reports it.
 * @example .executeTest(recorded(async (mock) => { await client(mock.url).disputes() }))
 */
export function recorded<T> (body: (mock: { port: number, url: string }) => Promise<T>): (mock: { port: number, url: string }) => Promise<T> {
  return async (mock) => {
    const value = await body(mock)
    for (let i = 0; i < 200 && !bookkeeping.mockServerMatchedSuccessfully(mock.port); i++) await delay(10)
    return value
  }
}
