import { beforeEach, expect, test } from 'vitest'
import { allegroHeaders, buildTestApp, tokenFor, type TestApp } from '../support/app.js'
import { GUIDE } from '../../src/fixtures/disputes.js'

let t: TestApp
let token: string
const journal = async (query = '') => (await t.app.inject({ method: 'GET', url: `/__mock/requests${query}` })).json()

beforeEach(async () => {
  t = await buildTestApp({ config: { journalSize: 5 } })
  token = await tokenFor(t.app)
})

test('each client request is journaled, newest first, with its operation, status, seller and query', async () => {
  await t.app.inject({ method: 'GET', url: '/sale/disputes?limit=2&status=ONGOING&status=CLOSED', headers: allegroHeaders(token) })
  await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}`, headers: allegroHeaders(token) })
  const { requests } = await journal()
  expect(requests.map((r: { operationId: string }) => r.operationId)).toEqual(['getDisputeUsingGET', 'getListOfDisputesUsingGET'])
  expect(requests[1]).toMatchObject({
    method: 'GET', path: '/sale/disputes', query: { limit: '2', status: ['ONGOING', 'CLOSED'] }, status: 200, seller: '44667781', time: '2026-01-05T10:00:00.000Z',
  })
  expect(requests[1].errors).toBeUndefined()
})

test('a 4xx entry carries the errors that were sent; an unmocked route has no operation', async () => {
  await t.app.inject({ method: 'GET', url: '/sale/disputes/00000000-0000-4000-8000-000000000000', headers: allegroHeaders(token) })
  await t.app.inject({ method: 'GET', url: '/sale/nowhere', headers: allegroHeaders(token) })
  await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: { accept: 'application/json' } })
  const [unauthorized, unmocked, missing] = (await journal()).requests
  expect(missing).toMatchObject({ status: 404, operationId: 'getDisputeUsingGET', errors: [{ code: 'NOT_FOUND' }] })
  expect(unmocked).toMatchObject({ status: 404, operationId: null, errors: [{ code: 'RouteNotMockedException' }] })
  expect(unauthorized).toMatchObject({ status: 401, seller: null, errors: [{ error: 'unauthorized' }] })
})

test('filters: seller (login or id), operationId, status, since', async () => {
  const other = await tokenFor(t.app, 'Seller_login2')
  await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })
  t.clock.advance(60_000)
  await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(other) })
  await t.app.inject({ method: 'GET', url: '/sale/disputes/00000000-0000-4000-8000-000000000000', headers: allegroHeaders(other) })
  expect((await journal('?seller=Seller_login2')).requests).toHaveLength(2)
  expect((await journal('?seller=44667781')).requests).toHaveLength(1)
  expect((await journal('?status=404')).requests).toHaveLength(1)
  expect((await journal('?operationId=getListOfDisputesUsingGET')).requests).toHaveLength(2)
  expect((await journal('?since=2026-01-05T10:00:30Z')).requests).toHaveLength(2)
  expect((await t.app.inject({ method: 'GET', url: '/__mock/requests?since=yesterday' })).statusCode).toBe(422)
})

test('the journal is a bounded ring: the oldest entries go first', async () => {
  for (let i = 0; i < 7; i++) await t.app.inject({ method: 'GET', url: `/sale/disputes?offset=${i}`, headers: allegroHeaders(token) })
  const { requests, size } = await journal()
  expect(size).toBe(5)
  expect(requests.map((r: { query: { offset: string } }) => r.query.offset)).toEqual(['6', '5', '4', '3', '2'])
})

test('the control API, the dashboard and its requests are not client traffic; DELETE empties the journal', async () => {
  await t.app.inject({ method: 'GET', url: '/__mock/sellers' })
  await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token, { 'x-allegro-mock-client': 'dashboard' }) })
  expect((await journal()).requests).toEqual([])
  await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })
  expect((await journal()).requests).toHaveLength(1)
  expect((await t.app.inject({ method: 'DELETE', url: '/__mock/requests' })).statusCode).toBe(204)
  expect((await journal()).requests).toEqual([])
})
