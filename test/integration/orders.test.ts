import { beforeEach, expect, test } from 'vitest'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp, readState } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const list = async (query: string, bearer = token) => {
  const res = await t.app.inject({ method: 'GET', url: `/order/checkout-forms${query}`, headers: allegroHeaders(bearer) })
  return { res, body: expectContract(res, 'getListOfOrdersUsingGET') }
}

test('every dispute\'s checkout form can be read as an order', async () => {
  const disputeOrders = readState(t.store, s => s.disputes.filter(d => d.meta.sellerId === '44667781').map(d => d.checkoutForm.id))
  for (const id of disputeOrders) {
    const res = await t.app.inject({ method: 'GET', url: `/order/checkout-forms/${id}`, headers: allegroHeaders(token) })
    expect(res.statusCode, id).toBe(200)
    expect(expectContract(res, 'getOrdersDetailsUsingGET').id).toBe(id)
  }
})

test('the list has count and totalCount, newest bought first by default', async () => {
  const { body } = await list('')
  expect(body.count).toBe(body.checkoutForms.length)
  expect(body.totalCount).toBe(15)
  const bought = body.checkoutForms.map((f: { lineItems: Array<{ boughtAt: string }> }) => f.lineItems[0]!.boughtAt)
  expect(bought).toEqual([...bought].sort().reverse())
})

test('limit and offset page; totalCount stays', async () => {
  const all = (await list('?limit=100')).body.checkoutForms.map((f: { id: string }) => f.id)
  const page = await list('?limit=3&offset=2')
  expect(page.body.checkoutForms.map((f: { id: string }) => f.id)).toEqual(all.slice(2, 5))
  expect(page.body).toMatchObject({ count: 3, totalCount: 15 })
  expect((await list('?offset=100')).body).toMatchObject({ checkoutForms: [], count: 0, totalCount: 15 })
})

test('filters: status, fulfillment.status, buyer.login, bought dates, sort', async () => {
  expect((await list('?status=BOUGHT')).body.totalCount).toBe(1)
  expect((await list('?fulfillment.status=PROCESSING')).body.totalCount).toBe(1)
  expect((await list('?buyer.login=Buyer_login1')).body.checkoutForms.map((f: { id: string }) => f.id)).toEqual([GUIDE.checkoutFormId])
  expect((await list('?lineItems.boughtAt.lte=2017-01-01T00:00:00Z')).body.totalCount).toBe(11)
  const ascending = (await list('?sort=lineItems.boughtAt&limit=1')).body.checkoutForms[0].id
  expect(ascending).toBe(readState(t.store, s => s.checkoutForms.filter(f => f.meta.sellerId === '44667781')
    .sort((a, b) => a.lineItems[0]!.boughtAt!.localeCompare(b.lineItems[0]!.boughtAt!))[0]!.id))
})

test('illegal filter values: 400; a sort or limit outside the schema: 422', async () => {
  const illegal = await list('?status=LOST')
  expect(illegal.res.statusCode).toBe(400)
  expect(illegal.body.errors[0].path).toBe('status')
  expect((await list('?sort=price')).res.statusCode).toBe(422)
  const tooMany = await list('?limit=101')
  expect(tooMany.res.statusCode).toBe(422)
  expect(tooMany.body.errors[0].path).toBe('limit')
})

test('one order: 422 for an id that is not a time UUID, 404 for unknown or another seller\'s', async () => {
  const get = (id: string, bearer = token) => t.app.inject({ method: 'GET', url: `/order/checkout-forms/${id}`, headers: allegroHeaders(bearer) })
  const notTime = await get('a38812fa-6fef-4c9c-ac06-a0952b67ba78')
  expect(notTime.statusCode).toBe(422)
  expect(expectContract(notTime, 'getOrdersDetailsUsingGET').errors[0]).toMatchObject({ message: 'Not valid time UUID', path: 'getOrder.checkoutFormId' })
  expect((await get('29738e61-7f6a-11e8-ac45-09db60ede9d6')).statusCode).toBe(404)
  const other = await tokenFor(t.app, 'Seller_login2')
  const res = await get(GUIDE.checkoutFormId, other)
  expect(res.statusCode).toBe(404)
  expect(res.body).not.toContain('Buyer_login1')
  expect((await list('', other)).body.totalCount).toBe(5)
})
