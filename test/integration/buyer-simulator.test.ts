import { beforeEach, expect, test } from 'vitest'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { greyJpeg } from '../../src/fixtures/files.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp, readState } from '../support/app.js'
import { postMessage } from '../support/disputes.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: allegroHeaders(token) })
const simulate = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/__mock/disputes${url}`, payload: payload as object })

async function quietOrderId (): Promise<string> {
  const orders = expectContract(await get('/order/checkout-forms?limit=100'), 'getListOfOrdersUsingGET')
  const disputed = new Set(readState(t.store, s => s.disputes.map(d => d.checkoutForm.id)))
  return orders.checkoutForms.find((o: { id: string }) => !disputed.has(o.id)).id
}

test('the buyer opens a dispute on an order: ONGOING, NEW, first on the seller\'s list', async () => {
  const orderId = await quietOrderId()
  t.clock.advance(1000)
  const opened = await simulate('', { checkoutFormId: orderId, subject: 'przedmiot nie dotarł', text: 'Paczka nie dotarła.' })
  expect(opened.statusCode).toBe(201)
  const list = expectContract(await get('/sale/disputes?limit=1'), 'getListOfDisputesUsingGET')
  expect(list.disputes[0]).toMatchObject({
    id: opened.json().id, status: 'ONGOING', messagesStatus: 'NEW', messagesCount: 1,
    checkoutForm: { id: orderId }, openedDate: '2026-01-05T10:00:01.000Z', lastMessageCreationDate: '2026-01-05T10:00:01.000Z',
    message: { text: 'Paczka nie dotarła.', author: { role: 'BUYER' } },
  })
})

test('buyer and advisor messages move messagesStatus and the counts', async () => {
  const buyer = await simulate(`/${GUIDE.disputeId}/messages`, { role: 'BUYER', text: 'Czekam na odpowiedź.' })
  expect(buyer.statusCode).toBe(201)
  expect(buyer.json().author).toEqual({ login: 'Buyer_login1', role: 'BUYER' })
  let dispute = expectContract(await get(`/sale/disputes/${GUIDE.disputeId}`), 'getDisputeUsingGET')
  expect(dispute).toMatchObject({ messagesStatus: 'BUYER_REPLIED', messagesCount: 6 })

  t.clock.advance(5000)
  const admin = await simulate(`/${GUIDE.disputeId}/messages`, { role: 'ADMIN', text: 'Doradca Allegro w sprawie.' })
  expect(admin.json().author).toEqual({ role: 'ADMIN' })
  dispute = expectContract(await get(`/sale/disputes/${GUIDE.disputeId}`), 'getDisputeUsingGET')
  expect(dispute).toMatchObject({ messagesStatus: 'ALLEGRO_ADVISOR_REPLIED', messagesCount: 7, lastMessageCreationDate: '2026-01-05T10:00:05.000Z' })
  const messages = expectContract(await get(`/sale/disputes/${GUIDE.disputeId}/messages?limit=2`), 'getMessagesFromDisputeUsingGET')
  expect(messages.messages.map((m: { text: string }) => m.text)).toEqual(['Doradca Allegro w sprawie.', 'Czekam na odpowiedź.'])
})

test('a buyer\'s attachment reaches the seller byte for byte', async () => {
  const bytes = greyJpeg()
  const res = await simulate(`/${GUIDE.disputeId}/messages`, { role: 'BUYER', file: { fileName: 'paragon.jpg', contentType: 'image/jpeg', base64: bytes.toString('base64') } })
  expect(res.statusCode).toBe(201)
  const url = new URL(res.json().attachment.url)
  const download = await t.app.inject({ method: 'GET', url: url.pathname, headers: { authorization: `Bearer ${token}` } })
  expect(download.rawPayload.equals(bytes)).toBe(true)
  expect(download.headers['content-type']).toBe('image/jpeg')
})

test('a buyer\'s file that is not what it claims is refused and nothing is stored', async () => {
  const res = await simulate(`/${GUIDE.disputeId}/messages`, { role: 'BUYER', file: { fileName: 'x.png', contentType: 'image/png', base64: greyJpeg().toString('base64') } })
  expect(res.statusCode).toBe(422)
  expect(readState(t.store, s => s.disputes.find(d => d.id === GUIDE.disputeId)!.messagesCount)).toBe(5)
  expect((await t.blobs.keys()).length).toBe(3)
})

test('close, reopen and mark unresolved', async () => {
  const closed = await simulate(`/${GUIDE.disputeId}/status`, { status: 'CLOSED' })
  expect(closed.json().status).toBe('CLOSED')
  expect((await postMessage(t.app, token, GUIDE.disputeId, { text: 'x', type: 'REGULAR' })).statusCode).toBe(409)
  expect((await simulate(`/${GUIDE.disputeId}/messages`, { role: 'BUYER', text: 'x' })).statusCode).toBe(409)

  t.clock.advance(60_000)
  const reopened = await simulate(`/${GUIDE.disputeId}/status`, { status: 'ONGOING' })
  expect(reopened.json()).toMatchObject({ status: 'ONGOING', openedDate: '2026-01-05T10:01:00.000Z' })
  expect((await postMessage(t.app, token, GUIDE.disputeId, { text: 'Wracamy do sprawy.', type: 'REGULAR' })).statusCode).toBe(201)

  const unresolved = await simulate(`/${GUIDE.disputeId}/status`, { status: 'UNRESOLVED' })
  expect(unresolved.json().status).toBe('UNRESOLVED')
  expect(expectContract(await get(`/sale/disputes?status=UNRESOLVED&limit=100`), 'getListOfDisputesUsingGET').disputes.map((d: { id: string }) => d.id)).toContain(GUIDE.disputeId)
})

test('the simulator refuses unknown disputes and orders, and bad input', async () => {
  expect((await simulate('/00000000-0000-4000-8000-000000000000/messages', { role: 'BUYER', text: 'x' })).statusCode).toBe(404)
  expect((await simulate('', { checkoutFormId: '00000000-0000-1000-8000-000000000000', subject: 'x', text: 'y' })).statusCode).toBe(404)
  expect((await simulate(`/${GUIDE.disputeId}/messages`, { role: 'SELLER', text: 'x' })).statusCode).toBe(422)
  expect((await simulate(`/${GUIDE.disputeId}/messages`, { role: 'BUYER' })).statusCode).toBe(422)
  expect((await simulate(`/${GUIDE.disputeId}/status`, { status: 'WON' })).statusCode).toBe(422)
})
