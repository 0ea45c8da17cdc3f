/**
 * A typed client of allegro-mock's `/__mock` control API over HTTP. It works against a mock started in this process
 * (`startAllegroMock`) or anywhere else (`connectAllegroMock(url)`), and knows nothing of the server's internals.
 */

export interface MockSeller {
  id: string
  login: string
  /** Company accounts must state after-sales conditions. */
  company: boolean
}

export interface MockSellerWithToken extends MockSeller {
  /** A fresh 12-hour token for Allegro's API. */
  accessToken: string
  tokenExpiresAt: string
}

export interface MockClient {
  clientId: string
  clientSecret: string
  name: string
  redirectUris: string[]
}

export interface MockSandbox {
  seller: { id: string, login: string }
  accessToken: string
  refreshToken: string
  /** The scenario's ids, each with the sandbox's own for it (disputes, orders, offers, attachments...). */
  ids: Record<string, string>
}

export interface MockClockReading {
  mode: 'system' | 'manual'
  /** ISO 8601. */
  now: string
  /** A seller's own offset on top of the instance clock (per-seller readings only). */
  offsetMs?: number
}

/** One way to move a manual clock: by milliseconds, by an ISO 8601 duration (`PT1H`), or to an instant. */
export type ClockMove = { ms: number } | { by: string } | { to: string | Date }

export interface MockFaults {
  taskFailures: Array<{ offerIds: string[] | null, remaining: number | null, message: string }>
  responses: Array<{ operationId: string, status: number, remaining: number }>
  latencies: Array<{ operationId: string, ms: number }>
  rateLimit: { enabled: boolean, perMinute: number }
}

/** The whole state and its uploaded files (base64): what `snapshot.export()` gives and `snapshot.import()` takes. */
export interface MockSnapshot {
  state: unknown
  files: Record<string, string>
}

export interface RequestFilters {
  /** A seller's login or id. */
  seller?: string
  operationId?: string
  status?: number
  /** Only requests at or after this instant. */
  since?: string | Date
  /** At most this many, the newest. */
  limit?: number
}

/** One request in the mock's journal. */
export interface JournalEntry {
  time: string
  method: string
  path: string
  query: Record<string, string | string[]>
  operationId: string | null
  status: number
  /** The seller id the bearer token spoke for; null for application tokens, OAuth and anonymous requests. */
  seller: string | null
  /** The errors sent, for 4xx answers. */
  errors?: unknown[]
  /** The answer's `Trace-Id`, also the request id in the mock's log. */
  traceId: string
}

/** An answer of the control API with a status of 400 or more. */
export class AllegroMockError extends Error {
  constructor (readonly status: number, readonly body: unknown, readonly request: string) {
    super(`${request} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`)
    this.name = 'AllegroMockError'
  }
}

/** Planned failures, for everyone's traffic (`mock.faults`) or one seller's (`mock.seller(id).faults`). */
export interface FaultsControl {
  list (): Promise<MockFaults>
  clear (): Promise<MockFaults>
  /** The next `count` (default 1) publication tasks, or every task of `offerIds`, fail with `message`. */
  failTasks (fault: { message: string, count?: number, offerIds?: string[] }): Promise<MockFaults>
  /** The next `times` (default 1) requests to `route` (`GET /sale/disputes` or an operationId) answer `status`. */
  failResponses (fault: { route: string, status: number, times?: number }): Promise<MockFaults>
  /** Requests to `route` wait `ms` of real time first; 0 removes the delay. */
  delay (fault: { route: string, ms: number }): Promise<MockFaults>
  /** Allegro's rate limit per client id per minute (default 9000). */
  rateLimit (setting: { enabled: boolean, perMinute?: number }): Promise<MockFaults>
}

/** One seller's own reset, clock and faults: what a test with a sandbox seller changes without touching the others. */
export interface SellerControl {
  /** This seller's data back to its scenario (its clock offset and faults too); answers the fresh ids. */
  reset (): Promise<{ seller: string, scenario: string, ids: Record<string, string> }>
  clock: {
    now (): Promise<MockClockReading>
    /** Moves this seller's time only (with either instance clock): its tasks, expiries and token lifetimes. */
    advance (move: ClockMove): Promise<MockClockReading>
  }
  faults: FaultsControl
}

/** Everything `startAllegroMock` gives except `close`: the helpers, on any running mock. */
export interface AllegroMockControl {
  /** The mock's base URL: the API, upload and OAuth hosts at once. */
  url: string
  sellers: {
    /** Every seller with a fresh token, and the registered OAuth clients. */
    list (): Promise<{ sellers: MockSellerWithToken[], clients: MockClient[] }>
    /** A fresh token for a seller named by login or id (`expired: true` for one that has already expired). */
    token (seller: string, options?: { expired?: boolean }): Promise<string>
    create (seller: { login: string, id?: string, company?: boolean }): Promise<MockSellerWithToken>
  }
  sandboxes: {
    /** A new seller with a private copy of the scenario's data, its own clock, faults and reset. */
    create (options?: { scenario?: string, login?: string }): Promise<MockSandbox>
    delete (sellerId: string): Promise<void>
  }
  clock: {
    now (): Promise<MockClockReading>
    /** Moves a manual clock forward (the mock answers 409 on the system clock). */
    advance (move: ClockMove): Promise<MockClockReading>
  }
  /** Faults for everyone's traffic. */
  faults: FaultsControl
  /** One seller's reset, clock and faults, by login or id. */
  seller (seller: string): SellerControl
  /** Back to a scenario (default: the current one); sandboxes are removed. */
  reset (scenario?: string): Promise<{ scenario: string }>
  snapshot: {
    export (): Promise<MockSnapshot>
    import (snapshot: MockSnapshot): Promise<void>
  }
  requests: {
    /** The journal of requests the mock served, newest first. */
    list (filters?: RequestFilters): Promise<JournalEntry[]>
    clear (): Promise<void>
  }
}

/**
 * Helpers for a running allegro-mock, e.g. one a vitest `globalSetup` started in another process.
 * @example
 * const mock = connectAllegroMock('http://127.0.0.1:3000')
 * const sandbox = await mock.sandboxes.create()
 * await mock.seller(sandbox.seller.id).faults.failResponses({ route: 'GET /sale/disputes', status: 503 })
 * // ... the test, with `Authorization: Bearer ${sandbox.accessToken}` ...
 * await mock.sandboxes.delete(sandbox.seller.id)
 */
export function connectAllegroMock (url: string, fetchImpl: typeof fetch = fetch): AllegroMockControl {
  const base = url.replace(/\/$/, '')

  async function call (method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetchImpl(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (response.status >= 400) {
      const text = await response.text()
      let parsed: unknown = text
      try { parsed = JSON.parse(text) } catch { /* a plain-text answer stays text */ }
      throw new AllegroMockError(response.status, parsed, `${method} ${path}`)
    }
    return response
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => await (await call(method, path, body)).json() as T
  const none = async (method: string, path: string, body?: unknown): Promise<void> => { await (await call(method, path, body)).arrayBuffer() }
  const segment = encodeURIComponent
  const step = (move: ClockMove) => 'to' in move && move.to instanceof Date ? { to: move.to.toISOString() } : move
  const faultsAt = (prefix: string): FaultsControl => ({
    list: () => json('GET', prefix),
    clear: () => json('DELETE', prefix),
    failTasks: (fault) => json('POST', `${prefix}/tasks`, fault),
    failResponses: (fault) => json('POST', `${prefix}/responses`, fault),
    delay: (fault) => json('POST', `${prefix}/latency`, fault),
    rateLimit: (setting) => json('POST', `${prefix}/rate-limit`, setting),
  })

  return {
    url: base,
    sellers: {
      list: () => json('GET', '/__mock/sellers'),
      token: async (seller, options = {}) =>
        await (await call('GET', `/__mock/sellers/${segment(seller)}/token${options.expired ? '?expired=true' : ''}`)).text(),
      create: (seller) => json('POST', '/__mock/sellers', seller),
    },
    sandboxes: {
      create: (options = {}) => json('POST', '/__mock/sandboxes', options),
      delete: (sellerId) => none('DELETE', `/__mock/sandboxes/${segment(sellerId)}`),
    },
    clock: {
      now: () => json('GET', '/__mock/clock'),
      advance: (move) => json('POST', '/__mock/clock/advance', step(move)),
    },
    faults: faultsAt('/__mock/faults'),
    seller: (seller) => {
      const prefix = `/__mock/sellers/${segment(seller)}`
      return {
        reset: () => json('POST', `${prefix}/reset`),
        clock: {
          now: () => json('GET', `${prefix}/clock`),
          advance: (move) => json('POST', `${prefix}/clock/advance`, step(move)),
        },
        faults: faultsAt(`${prefix}/faults`),
      }
    },
    reset: (scenario) => json('POST', '/__mock/reset', scenario === undefined ? {} : { scenario }),
    snapshot: {
      export: () => json('GET', '/__mock/snapshot'),
      import: (snapshot) => none('PUT', '/__mock/snapshot', snapshot),
    },
    requests: {
      list: async (filters = {}) => (await json<{ requests: JournalEntry[] }>('GET', `/__mock/requests${journalQuery(filters)}`)).requests,
      clear: () => none('DELETE', '/__mock/requests'),
    },
  }
}

function journalQuery (filters: RequestFilters): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined) query.set(key, value instanceof Date ? value.toISOString() : String(value))
  }
  const text = query.toString()
  return text ? `?${text}` : ''
}
