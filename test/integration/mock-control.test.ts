import { beforeEach, expect, test } from 'vitest'
import { systemClock } from '../../src/server/core/clock.js'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { screenshotPng } from '../../src/fixtures/files.js'
import { memoryPersistence } from '../../src/server/core/store.js'
import { buildTestApp, START, tokenFor, type TestApp, readState } from '../support/app.js'
import { uploadAttachment } from '../support/disputes.js'

let t: TestApp
beforeEach(async () => { t = await buildTestApp() })

test('health reports the store, the clock and the version', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/__mock/health' })
  expect(res.statusCode).toBe(200)
  expect(res.json()).toMatchObject({ status: 'UP', store: { kind: 'memory' }, clock: { mode: 'manual', now: START } })
})

test('health reports the disputes API mode, and DOWN (503) with the reason once a save failed', async () => {
  expect((await t.app.inject({ method: 'GET', url: '/__mock/health' })).json().disputes).toEqual({ api: 'both', removedAt: null })
  const failing = await buildTestApp({
    config: { disputesApi: 'issues', disputesRemovedAt: '2026-01-15T00:00:00.000Z' },
    persistence: { ...memoryPersistence(), location: 'failing.json', append: async () => { throw new Error('ENOSPC: no space left on device') } },
  })
  const health = () => failing.app.inject({ method: 'GET', url: '/__mock/health' })
  expect((await health()).json()).toMatchObject({ status: 'UP', disputes: { api: 'issues', removedAt: '2026-01-15T00:00:00.000Z' } })
  const write = await failing.app.inject({ method: 'POST', url: '/__mock/sellers', payload: { login: 'Fresh_login' } })
  expect(write.statusCode).toBeGreaterThanOrEqual(500)
  const down = await health()
  expect(down.statusCode).toBe(503)
  expect(down.json()).toMatchObject({ status: 'DOWN', store: { kind: 'file', location: 'failing.json', error: 'ENOSPC: no space left on device' } })
})

test('sellers come with ready-to-use tokens and the client credentials', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/__mock/sellers' })
  const body = res.json()
  expect(body.sellers.map((s: { login: string }) => s.login)).toEqual(['Seller_login1', 'Seller_login2'])
  expect(body.sellers[0].accessToken.split('.')).toHaveLength(3)
  expect(body.sellers[0].tokenExpiresAt).toBe('2026-01-05T22:00:00.000Z')
  expect(body.clients[0]).toMatchObject({ clientId: 'allegro-mock-client', clientSecret: 'allegro-mock-secret' })
})

test('one seller\'s token comes as plain text, by login or id', async () => {
  const byLogin = await t.app.inject({ method: 'GET', url: '/__mock/sellers/Seller_login2/token' })
  expect(byLogin.headers['content-type']).toBe('text/plain; charset=utf-8')
  const claims = JSON.parse(Buffer.from(byLogin.body.split('.')[1]!, 'base64url').toString())
  expect(claims.user_name).toBe('51738842')
  expect((await t.app.inject({ method: 'GET', url: '/__mock/sellers/51738842/token' })).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'GET', url: '/__mock/sellers/nobody/token' })).statusCode).toBe(404)
})

test('a seller can be added; a duplicate login is refused and changes nothing', async () => {
  const added = await t.app.inject({ method: 'POST', url: '/__mock/sellers', payload: { login: 'Third_seller', company: true } })
  expect(added.statusCode).toBe(201)
  expect(added.json()).toMatchObject({ login: 'Third_seller', company: true })
  expect(added.json().id).toMatch(/^\d{8}$/)
  const duplicate = await t.app.inject({ method: 'POST', url: '/__mock/sellers', payload: { login: 'Third_seller' } })
  expect(duplicate.statusCode).toBe(409)
  const invalid = await t.app.inject({ method: 'POST', url: '/__mock/sellers', payload: { login: '' } })
  expect(invalid.statusCode).toBe(422)
  expect(invalid.json().errors[0].path).toBe('login')
  const list = (await t.app.inject({ method: 'GET', url: '/__mock/sellers' })).json()
  expect(list.sellers).toHaveLength(3)
})

test('reset returns to a scenario and refuses an unknown one', async () => {
  await t.app.inject({ method: 'POST', url: '/__mock/sellers', payload: { login: 'Temporary' } })
  const reset = await t.app.inject({ method: 'POST', url: '/__mock/reset', payload: { scenario: 'default' } })
  expect(reset.json()).toEqual({ scenario: 'default' })
  expect((await t.app.inject({ method: 'GET', url: '/__mock/sellers' })).json().sellers).toHaveLength(2)
  const unknown = await t.app.inject({ method: 'POST', url: '/__mock/reset', payload: { scenario: 'nope' } })
  expect(unknown.statusCode).toBe(422)
  expect(unknown.json().errors[0].path).toBe('scenario')
  expect((await t.app.inject({ method: 'GET', url: '/__mock/scenarios' })).json().scenarios).toEqual(expect.arrayContaining(['default', 'empty']))
})

test('a snapshot exported and imported brings the whole state back', async () => {
  await t.app.inject({ method: 'POST', url: '/__mock/sellers', payload: { login: 'Kept_in_snapshot' } })
  const snapshot = (await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()
  await t.app.inject({ method: 'POST', url: '/__mock/reset', payload: { scenario: 'empty' } })
  expect((await t.app.inject({ method: 'GET', url: '/__mock/sellers' })).json().sellers).toHaveLength(1)
  const imported = await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: snapshot })
  expect(imported.statusCode).toBe(204)
  expect((await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()).toEqual(snapshot)
})

test('attachment bytes travel in snapshots and scenario files come back on reset', async () => {
  const token = await tokenFor(t.app)
  const bytes = screenshotPng({ width: 120, height: 70 })
  const id = await uploadAttachment(t.app, token, bytes)
  const blobKey = readState(t.store, s => s.disputeAttachments.find(a => a.id === id)!.meta.blobKey!)
  const snapshot = (await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()
  expect(Buffer.from(snapshot.files[blobKey], 'base64').equals(bytes)).toBe(true)

  await t.app.inject({ method: 'POST', url: '/__mock/reset', payload: { scenario: 'default' } })
  const download = (attachmentId: string) => t.app.inject({ method: 'GET', url: `/sale/dispute-attachments/${attachmentId}`, headers: { authorization: `Bearer ${token}` } })
  expect((await download(id)).statusCode).toBe(404)
  expect((await download(GUIDE.screenshotAttachmentId)).statusCode).toBe(200)
  expect(await t.blobs.keys()).not.toContain(blobKey)

  expect((await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: snapshot })).statusCode).toBe(204)
  expect((await download(id)).rawPayload.equals(bytes)).toBe(true)
})

test('a snapshot missing the bytes of a file it refers to is refused', async () => {
  const snapshot = (await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()
  delete snapshot.files[GUIDE.screenshotAttachmentId]
  const res = await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: snapshot })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0].path).toBe('files')
})

test('a snapshot that is not a state is refused and changes nothing', async () => {
  const before = (await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()
  const res = await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: { state: { version: 1, sellers: 'x' }, files: {} } })
  expect(res.statusCode).toBe(422)
  expect((await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()).toEqual(before)
})

test('the manual clock is read and advanced by ms, ISO duration or instant, and is persisted', async () => {
  expect((await t.app.inject({ method: 'GET', url: '/__mock/clock' })).json()).toEqual({ mode: 'manual', now: START })
  expect((await t.app.inject({ method: 'POST', url: '/__mock/clock/advance', payload: { ms: 1500 } })).json().now).toBe('2026-01-05T10:00:01.500Z')
  expect((await t.app.inject({ method: 'POST', url: '/__mock/clock/advance', payload: { by: 'P1DT2H' } })).json().now).toBe('2026-01-06T12:00:01.500Z')
  expect((await t.app.inject({ method: 'POST', url: '/__mock/clock/advance', payload: { to: '2026-02-01T00:00:00Z' } })).json().now).toBe('2026-02-01T00:00:00.000Z')
  expect(t.clock.now().toISOString()).toBe('2026-02-01T00:00:00.000Z')
  expect(readState(t.store, s => s.clockNow)).toBe('2026-02-01T00:00:00.000Z')
})

test('the clock never moves backwards and rejects nonsense', async () => {
  for (const payload of [{ to: '2020-01-01T00:00:00Z' }, { by: 'tomorrow' }, { ms: -5 }, {}]) {
    const res = await t.app.inject({ method: 'POST', url: '/__mock/clock/advance', payload })
    expect(res.statusCode, JSON.stringify(payload)).toBe(422)
  }
  expect(t.clock.now().toISOString()).toBe(START)
})

test('the system clock cannot be advanced', async () => {
  const system = await buildTestApp({ clock: systemClock() })
  const res = await system.app.inject({ method: 'POST', url: '/__mock/clock/advance', payload: { ms: 1000 } })
  expect(res.statusCode).toBe(409)
  expect(res.json().errors[0].code).toBe('ClockNotManual')
})
