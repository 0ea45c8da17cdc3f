import { makeConsumerPact } from '@pact-foundation/pact-core'
import { delay } from '../server/core/clock.js'

/** What Pact's `executeTest` hands a test body. */
export interface PactMockServer { port: number, url: string }

let bookkeeping: ReturnType<typeof makeConsumerPact> | null = null

/**
 * A consumer test's body that finishes only once Pact's mock server has recorded the requests it answered. The
 * native core of Pact 16 (the last line for Node 20, pact_ffi 0.5.4) books a match after sending the answer, so on a
 * busy machine `executeTest` can report a request it did answer as "expected but not received" (pact-js#1835, fixed
 * in pact-core 20.1, which needs Node 22). Waits at most 2 s: an interaction that really was not met still fails,
 * as Pact reports it.
 * @example .executeTest(recorded(async (mock) => { await myClient(mock.url).disputes() }))
 */
export function recorded<T> (body: (mock: PactMockServer) => Promise<T>): (mock: PactMockServer) => Promise<T> {
  return async (mock) => {
    const value = await body(mock)
    // Any handle reads the bookkeeping: it is kept by port inside the one native library.
    bookkeeping ??= makeConsumerPact('allegro-mock-kit', 'allegro-mock', 5, 'error')
    for (let i = 0; i < 200 && !bookkeeping.mockServerMatchedSuccessfully(mock.port); i++) await delay(10)
    return value
  }
}
