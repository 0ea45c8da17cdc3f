import { afterAll, beforeAll, expect, test } from 'vitest'
import { AllegroMockError, ConfigError, configFrom, startAllegroMock, type AllegroMock } from '../../src/index.js'
import { defaultConfig } from '../../src/server/config.js'

const START = '2026-01-05T10:00:00.000Z'
const ACCEPT = { accept: 'application/vnd.allegro.public.v1+json' }

let mock: AllegroMock
beforeAll(async () => { mock = await startAllegroMock({ clock: 'manual', clockStart: new Date(START) }) })
afterAll(async () => { await mock.close() })

const disputesWith = (token: string) => fetch(`${mock.url}/sale/disputes`, { headers: { ...ACCEPT, authorization: `Bearer ${token}` } })

test('by default the mock takes a free port, keeps nothing on disk and logs nothing', () => {
  expect(configFrom({})).toEqual({ ...defaultConfig, port: 0, dataFile: null, logLevel: 'silent' })
  expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(mock.url).not.toBe('http://127.0.0.1:3000')
})

test('options are the CLI\'s flags, checked the same way', () => {
  expect(configFrom({ data: 'state.json', durability: 'none', taskDelay: 250, pactTokens: true, journalSize: 5, clockStart: '2026-01-05T10:00:00Z' }))
    .toMatchObject({ dataFile: 'state.json', durability: 'none', taskDelayMs: 250, pactTokens: true, journalSize: 5, clockStart: START })
  expect(configFrom({ data: 'state.json', memory: true }).dataFile).toBeNull()
  expect(configFrom({
    disputesApi: 'issues', disputesRemovedAt: new Date('2026-01-15T00:00:00Z'), requestTimeout: 500, headersTimeout: 400, keepAliveTimeout: 300,
    clients: [{ clientId: 'my-app', clientSecret: 's3cret', redirectUris: ['http://localhost:8080/cb', 'https://app.example/cb'] }, { clientId: 'cli', clientSecret: 'x' }],
  })).toMatchObject({
    disputesApi: 'issues', disputesRemovedAt: '2026-01-15T00:00:00.000Z', requestTimeoutMs: 500, headersTimeoutMs: 400, keepAliveTimeoutMs: 300,
    clients: [{ clientId: 'my-app', clientSecret: 's3cret', redirectUris: ['http://localhost:8080/cb', 'https://app.example/cb'] }, { clientId: 'cli', clientSecret: 'x', redirectUris: [] }],
  })
  expect(() => configFrom({ headersTimeout: 600, requestTimeout: 500 })).toThrow(ConfigError)
  expect(() => configFrom({ clock: 'fast' as 'manual' })).toThrow(new ConfigError('--clock must be one of system, manual, got "fast"'))
})

test('health reports the memory store and whether placeholder tokens are accepted', async () => {
  const health = await (await fetch(`${mock.url}/__mock/health`)).json()
  expect(health).toMatchObject({ status: 'UP', store: { kind: 'memory' }, clock: { mode: 'manual', now: START }, pactTokens: false })
  const verifiable = await startAllegroMock({ pactTokens: true })
  try {
    expect(await (await fetch(`${verifiable.url}/__mock/health`)).json()).toMatchObject({ pactTokens: true })
  } finally {
    await verifiable.close()
  }
})

test('a seller\'s token from sellers.token() opens the API; an expired one is refused', async () => {
  expect((await disputesWith(await mock.sellers.token('Seller_login1'))).status).toBe(200)
  expect((await disputesWith(await mock.sellers.token('Seller_login1', { expired: true }))).status).toBe(401)
})

test('sellers.list() has the scenario\'s sellers with tokens; sellers.create() adds one; reset() removes it', async () => {
  const { sellers, clients } = await mock.sellers.list()
  expect(sellers.map(s => s.login)).toEqual(['Seller_login1', 'Seller_login2'])
  expect((await disputesWith(sellers[1]!.accessToken)).status).toBe(200)
  expect(clients[0]).toMatchObject({ clientId: 'allegro-mock-client' })

  const created = await mock.sellers.create({ login: 'Nowy_sprzedawca', company: true })
  expect(created).toMatchObject({ login: 'Nowy_sprzedawca', company: true })
  expect((await mock.sellers.list()).sellers.map(s => s.login)).toContain('Nowy_sprzedawca')

  expect(await mock.reset()).toEqual({ scenario: 'default' })
  expect((await mock.sellers.list()).sellers.map(s => s.login)).not.toContain('Nowy_sprzedawca')
})

test('a refusal of the control API comes as AllegroMockError with its status and body', async () => {
  const error = await mock.sellers.token('Nobody').catch((e: unknown) => e)
  expect(error).toBeInstanceOf(AllegroMockError)
  expect(error).toMatchObject({ status: 404, request: 'GET /__mock/sellers/Nobody/token' })
})

test('clock.advance() moves the manual clock by milliseconds, a duration or to an instant', async () => {
  expect(await mock.clock.now()).toEqual({ mode: 'manual', now: START })
  expect((await mock.clock.advance({ ms: 1000 })).now).toBe('2026-01-05T10:00:01.000Z')
  expect((await mock.clock.advance({ by: 'PT1H' })).now).toBe('2026-01-05T11:00:01.000Z')
  expect((await mock.clock.advance({ to: new Date('2026-01-06T00:00:00Z') })).now).toBe('2026-01-06T00:00:00.000Z')
  expect(await mock.clock.now()).toEqual({ mode: 'manual', now: '2026-01-06T00:00:00.000Z' })
})

test('faults planned through faults.* hit the next request, and faults.clear() removes them', async () => {
  const token = await mock.sellers.token('Seller_login1')
  const planned = await mock.faults.failResponses({ route: 'GET /sale/disputes', status: 503, times: 1 })
  expect(planned.responses).toEqual([{ operationId: 'getListOfDisputesUsingGET', status: 503, remaining: 1 }])
  expect((await disputesWith(token)).status).toBe(503)
  expect((await disputesWith(token)).status).toBe(200)

  await mock.faults.failTasks({ message: 'Nie tym razem.' })
  await mock.faults.delay({ route: 'GET /sale/disputes', ms: 1 })
  await mock.faults.rateLimit({ enabled: true, perMinute: 100 })
  expect(await mock.faults.list()).toMatchObject({
    taskFailures: [{ message: 'Nie tym razem.', remaining: 1 }], latencies: [{ ms: 1 }], rateLimit: { enabled: true, perMinute: 100 },
  })
  expect(await mock.faults.clear()).toMatchObject({ taskFailures: [], responses: [], latencies: [], rateLimit: { enabled: false } })
})

test('snapshot.export() and snapshot.import() bring the state back', async () => {
  const before = await mock.snapshot.export()
  await mock.sellers.create({ login: 'Przejściowy' })
  await mock.snapshot.import(before)
  expect((await mock.sellers.list()).sellers.map(s => s.login)).not.toContain('Przejściowy')
})

test('a sandbox per test: its own seller and data, faults that hit only it, gone once deleted', async () => {
  const mine = await mock.sandboxes.create({ login: 'Sandbox_mine' })
  const theirs = await mock.sandboxes.create()
  expect(mine.seller.login).toBe('Sandbox_mine')
  expect(Object.keys(mine.ids).length).toBeGreaterThan(0)
  const listed = await (await disputesWith(mine.accessToken)).json()
  expect(listed.disputes.length).toBeGreaterThan(0)

  await mock.seller(mine.seller.id).faults.failResponses({ route: 'GET /sale/disputes', status: 503 })
  expect((await disputesWith(theirs.accessToken)).status).toBe(200)
  expect((await disputesWith(mine.accessToken)).status).toBe(503)

  const moved = await mock.seller(mine.seller.id).clock.advance({ by: 'PT1H' })
  expect(moved.offsetMs).toBe(3600_000)
  expect((await mock.seller(theirs.seller.id).clock.now()).offsetMs).toBe(0)

  await mock.sandboxes.delete(mine.seller.id)
  await mock.sandboxes.delete(theirs.seller.id)
  expect((await disputesWith(mine.accessToken)).status).toBe(401)
})

test('requests.list() reads the journal with filters, requests.clear() empties it', async () => {
  const sandbox = await mock.sandboxes.create()
  await disputesWith(sandbox.accessToken)
  const [entry] = await mock.requests.list({ seller: sandbox.seller.id, limit: 1 })
  expect(entry).toMatchObject({ method: 'GET', path: '/sale/disputes', operationId: 'getListOfDisputesUsingGET', status: 200, seller: sandbox.seller.id })
  expect(await mock.requests.list({ seller: sandbox.seller.id, status: 404 })).toEqual([])
  await mock.requests.clear()
  expect(await mock.requests.list()).toEqual([])
  await mock.sandboxes.delete(sandbox.seller.id)
})
