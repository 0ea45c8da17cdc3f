import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { buildApp } from '../../src/server/app.js'
import { defaultConfig, type Config } from '../../src/server/config.js'
import { manualClock, type Clock, type ManualClock } from '../../src/server/core/clock.js'
import { memoryBlobStore, type BlobStore } from '../../src/server/core/blob-store.js'
import { randomIds, type Ids } from '../../src/server/core/ids.js'
import { loadContract, VENDOR_JSON } from '../../src/server/core/openapi.js'
import { memoryPersistence, openStore, type Persistence } from '../../src/server/core/store.js'
import { checkAgainstSchema } from '../../src/server/core/validation.js'
import { mediaTypeOf } from '../../src/server/plugins/allegro-http.js'
import { newSecret, seedDump } from '../../src/server/seed.js'
import { SCHEMA, toV1, type AppStore, type StateV1 } from '../../src/server/state.js'
import { stateFormat } from '../../src/server/state-format.js'

export { VENDOR_JSON }
export const START = '2026-01-05T10:00:00.000Z'

export interface TestApp {
  app: FastifyInstance
  clock: ManualClock
  store: AppStore
  blobs: BlobStore
  ids: Ids
}

/** A fresh app on a manual clock and an in-memory store seeded from a scenario. */
export async function buildTestApp (options: { scenario?: string, clock?: Clock, config?: Partial<Config>, wait?: (ms: number) => Promise<void>, persistence?: Persistence } = {}): Promise<TestApp> {
  // Tests that pass the system clock never advance it; every other test gets a manual clock.
  const clock = (options.clock ?? manualClock(START)) as ManualClock
  const ids = randomIds()
  const blobs = memoryBlobStore()
  const scenario = options.scenario ?? 'default'
  const store = await openStore(SCHEMA, options.persistence ?? memoryPersistence(), {
    initial: async () => {
      const { dump, files } = await seedDump(scenario, { secret: newSecret(), scenario, clockNow: clock.now().toISOString() })
      for (const [key, bytes] of Object.entries(files)) await blobs.put(key, bytes)
      return dump
    },
    format: stateFormat('memory'),
  })
  const config: Config = { ...defaultConfig, dataFile: null, clock: 'manual', logLevel: 'silent', publicUrl: 'http://127.0.0.1:3000', ...options.config }
  const app = await buildApp({ store, blobs, clock, ids, config, wait: options.wait })
  return { app, clock, store, blobs, ids }
}

/** A ready-made 12-hour token for a scenario seller, from /__mock/sellers. */
export async function tokenFor (app: FastifyInstance, login = 'Seller_login1'): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/__mock/sellers' })
  const seller = (res.json() as { sellers: Array<{ login: string, accessToken: string }> }).sellers.find(s => s.login === login)
  if (!seller) throw new Error(`No seller ${login}`)
  return seller.accessToken
}

/** The headers the guides send: vendor JSON both ways, and the bearer token. */
export function allegroHeaders (token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { accept: VENDOR_JSON, authorization: `Bearer ${token}`, 'content-type': VENDOR_JSON, ...extra }
}

/**
 * Asserts that the response's status is one the contract declares for the operation and that its body matches the
 * schema for its media type. Returns the parsed body.
 */
export function expectContract<T = any> (response: LightMyRequestResponse, operationId: string): T {
  const operation = loadContract().operations.get(operationId)
  if (!operation) throw new Error(`No operation ${operationId}`)
  const status = String(response.statusCode)
  const declared = operation.responses[status]
  expect(declared, `${operationId} does not declare status ${status}: ${response.body}`).toBeDefined()
  const types = Object.keys(declared!)
  if (types.length === 0) {
    expect(response.body, `${operationId} ${status} declares no body`).toBe('')
    return undefined as T
  }
  const type = mediaTypeOf(response.headers['content-type'] as string | undefined)
  const schemaType = types.includes(type) ? type : types.includes('*/*') ? '*/*' : undefined
  expect(schemaType, `${operationId} ${status} answered ${type}, the contract has ${types.join(', ')}`).toBeDefined()
  const schema = declared![schemaType!]
  if (!schema || type === 'text/html' || schemaType === '*/*') return response.body as T
  const body = response.json()
  const problems = checkAgainstSchema(schema, body)
  expect(problems, `${operationId} ${status} body breaks the contract: ${JSON.stringify(body).slice(0, 500)}`).toEqual([])
  return body as T
}

/** The whole state in the flat snapshot form, for assertions about what is stored. */
export function readState<T> (store: AppStore, select: (state: StateV1) => T): T {
  return select(toV1(store.dump()))
}
