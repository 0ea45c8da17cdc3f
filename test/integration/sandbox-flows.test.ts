import { beforeEach, expect, test } from 'vitest'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { allegroHeaders, buildTestApp, expectContract, START, tokenFor, type TestApp } from '../support/app.js'
import { postMessage } from '../support/disputes.js'
import { GUIDE_DRAFT_ERRORS, guidePutBody } from '../support/offers.js'
import { command, offerStatus, report, tasks } from '../support/publication.js'
import { apiGet, apiSend, control, createSandbox, idIn, type Sandbox } from '../support/sandboxes.js'

// The guides' flows, as the README's walkthroughs run them, against a sandbox seller: its token, and its ids for
// every scenario id the guides name. A second sandbox stands beside it, and must not see any of it.
const DELAY = 3000
let t: TestApp
let a: Sandbox
let b: Sandbox
beforeEach(async () => {
  t = await buildTestApp({ config: { taskDelayMs: DELAY } })
  a = await createSandbox(t.app, { login: 'Sandbox_A' })
  b = await createSandbox(t.app, { login: 'Sandbox_B' })
})

const get = (url: string, token = a.accessToken) => apiGet(t.app, url, token)
const send = (method: 'POST' | 'PUT', url: string, payload: unknown, token = a.accessToken) => apiSend(t.app, method, url, token, payload)
const download = (url: string, token = a.accessToken) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

test('the disputes guide\'s flow runs against a sandbox seller: list, read, reply with an uploaded file, download, close', async () => {
  const disputeId = idIn(a, GUIDE.disputeId)
  const checkoutFormId = idIn(a, GUIDE.checkoutFormId)
  const list = async (query: string) => expectContract(await get(`/sale/disputes${query}`), 'getListOfDisputesUsingGET').disputes.map((d: { id: string }) => d.id)

  const all = await list('?limit=100')
  expect(await list('')).toEqual(all.slice(0, 10))
  expect(all.slice(0, 2)).toEqual([disputeId, idIn(a, GUIDE.unresolvedDisputeId)])
  expect(await list('?limit=4&offset=5')).toEqual(all.slice(5, 9))
  expect((await list('?status=ONGOING&status=UNRESOLVED')).length).toBeGreaterThan(0)
  expect(await list(`?checkoutForm.id=${checkoutFormId}`)).toEqual([disputeId])

  expect(expectContract(await get(`/sale/disputes/${disputeId}`), 'getDisputeUsingGET')).toEqual({
    id: disputeId,
    subject: { name: 'przedmiot jest uszkodzony' },
    status: 'ONGOING',
    messagesStatus: 'NEW',
    buyer: { id: '3952032', login: 'Buyer_login1' },
    checkoutForm: { id: checkoutFormId, createdAt: '2018-08-13T05:46:56.000Z' },
    message: {
      id: idIn(a, 'e75d97ba-18a7-4d1b-a7ee-d02ba1a21bba'),
      text: 'Niestety towar jest uszkodzony.',
      attachment: { fileName: 'Zrzut ekranu.png', url: `http://127.0.0.1:3000/sale/dispute-attachments/${idIn(a, GUIDE.screenshotAttachmentId)}` },
      author: { login: 'Buyer_login1', role: 'BUYER' },
      createdAt: '2018-09-14T06:34:24.258Z',
    },
    messagesCount: 5,
    lastMessageCreationDate: '2018-09-14T06:34:24.258Z',
  })
  const page = expectContract(await get(`/sale/disputes/${disputeId}/messages?limit=4&offset=0`), 'getMessagesFromDisputeUsingGET').messages
  expect(page.map((m: { id: string }) => m.id)).toEqual(['657fc2c1-addf-416a-8129-e2b55740248b', '8586fa58-ff19-4713-8b3e-9c0c3ff73e1b', '3f730fe3-f2d4-4548-a722-b81c27acd282', '10d392e2-6ea7-4347-9baf-5fe54a9580e8'].map(id => idIn(a, id)))
  expect(page[0].author).toEqual({ login: 'Sandbox_A', role: 'SELLER' })
  expect(expectContract(await get(`/order/checkout-forms/${checkoutFormId}`), 'getOrdersDetailsUsingGET').id).toBe(checkoutFormId)

  const guideMessage = await postMessage(t.app, a.accessToken, disputeId, {
    text: 'Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.', attachment: { id: idIn(a, GUIDE.readyAttachmentId) }, type: 'REGULAR',
  })
  expect(guideMessage.statusCode).toBe(201)
  expect(expectContract(guideMessage, 'addMessageToDisputeUsingPOST')).toMatchObject({
    author: { login: 'Sandbox_A', role: 'SELLER' }, createdAt: START,
    attachment: { fileName: 'Zrzut_ekranu.png', url: `http://127.0.0.1:3000/sale/dispute-attachments/${idIn(a, GUIDE.readyAttachmentId)}` },
  })

  const zrzut = await download(`/sale/dispute-attachments/${idIn(a, GUIDE.readyAttachmentId)}`)
  expect(zrzut.statusCode).toBe(200)
  expect(zrzut.rawPayload).toHaveLength(2549)
  const declared = await send('POST', '/sale/dispute-attachments', { size: 2549, fileName: 'Zrzut_ekranu.png' })
  expect(declared.statusCode).toBe(201)
  const location = declared.headers.location as string
  expect(location).toBe(`http://127.0.0.1:3000/sale/dispute-attachments/${expectContract(declared, 'createAnAttachmentUsingPOST').id}`)
  const uploaded = await t.app.inject({ method: 'PUT', url: new URL(location).pathname, headers: allegroHeaders(a.accessToken, { 'content-type': 'image/png' }), payload: zrzut.rawPayload })
  expect(uploaded.statusCode).toBe(200)
  const withFile = await postMessage(t.app, a.accessToken, disputeId, { attachment: { id: location.split('/').at(-1) }, type: 'REGULAR' })
  expect(withFile.statusCode).toBe(201)
  const copy = await download(new URL(location).pathname)
  expect(copy.rawPayload.equals(zrzut.rawPayload)).toBe(true)

  const example = await download(`/sale/dispute-attachments/${idIn(a, GUIDE.downloadAttachmentId)}`)
  expect(example.headers['content-type']).toBe('image/jpeg')
  expect(example.rawPayload.equals((await download(`/sale/dispute-attachments/${GUIDE.downloadAttachmentId}`, await tokenFor(t.app))).rawPayload)).toBe(true)

  expect((await postMessage(t.app, a.accessToken, disputeId, { text: 'Czy możemy zakończyć?', type: 'END_REQUEST' })).statusCode).toBe(201)
  expect((await control(t.app, 'POST', `/__mock/disputes/${disputeId}/messages`, { role: 'BUYER', text: 'Dziękuję, zgoda.' })).statusCode).toBe(201)
  expect((await control(t.app, 'POST', `/__mock/disputes/${disputeId}/messages`, { role: 'ADMIN', text: 'Zamykamy dyskusję.' })).statusCode).toBe(201)
  expect((await control(t.app, 'POST', `/__mock/disputes/${disputeId}/status`, { status: 'CLOSED' })).statusCode).toBe(200)
  const refused = await postMessage(t.app, a.accessToken, disputeId, { text: 'Halo?', type: 'REGULAR' })
  expect(refused.statusCode).toBe(409)
  expect(expectContract(await get(`/sale/disputes/${disputeId}`), 'getDisputeUsingGET')).toMatchObject({ status: 'CLOSED', messagesCount: 10 })

  for (const [id, token] of [[idIn(b, GUIDE.disputeId), b.accessToken], [GUIDE.disputeId, await tokenFor(t.app)]] as const) {
    expect(expectContract(await get(`/sale/disputes/${id}`, token), 'getDisputeUsingGET')).toMatchObject({ status: 'ONGOING', messagesCount: 5 })
  }
})

test('the classified-ads guide\'s flow runs against a sandbox seller: contact, draft, packages, fees, publication on the manual clock, statistics', async () => {
  const contact = expectContract(await send('POST', '/sale/offer-contacts', {
    name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '555-555-666' }, { number: '555555667' }],
  }), 'createContactUsingPOST')
  expect(contact.phones).toEqual([{ number: '+48 55 555 56 66' }, { number: '+48 55 555 56 67' }])
  const contacts = expectContract(await get('/sale/offer-contacts'), 'getListOfContactsUsingGET').contacts.map((c: { id: string }) => c.id)
  expect(contacts).toEqual([idIn(a, ADS_GUIDE.contactId), idIn(a, 'af1ccfd7-2753-4ed3-bdda-c78eb14442ab'), idIn(a, '27869b31-048e-43a0-bdc0-52b922f278a5'), contact.id])

  expect((await get('/sale/categories')).statusCode).toBe(200)
  expect((await get('/sale/categories?parent.id=4032')).statusCode).toBe(200)
  expect((await get('/sale/categories/57968/parameters')).statusCode).toBe(200)
  expect((await get('/sale/classifieds-packages?category.id=57968')).statusCode).toBe(200)
  expectContract(await get(`/sale/classifieds-packages/${ADS_GUIDE.basePackageId}`), 'getClassifiedPackageConfigurationUsingGET')

  const image = expectContract(await send('POST', '/sale/images', { url: 'https://imgur.com/1aOIvg3E.jpg' }), 'uploadOfferImageUsingPOST').location as string
  const draft = expectContract(await send('POST', '/sale/offers', { name: 'BMW X5 e53', category: { id: '257150' } }), 'createOfferUsingPOST')
  expect(draft.validation.errors.map((e: { message: string }) => e.message)).toEqual(GUIDE_DRAFT_ERRORS)

  const body = {
    ...guidePutBody(), id: draft.id, category: { id: '257150' }, images: [{ url: image }],
    description: { sections: [{ items: [{ type: 'TEXT', content: '<p>opis tekstowy</p>' }] }, { items: [{ type: 'IMAGE', url: image }] }] },
  }
  const withScenarioContact = expectContract(await send('PUT', `/sale/offers/${draft.id}`, { ...body, contact: { id: ADS_GUIDE.contactId } }), 'updateOfferUsingPUT')
  expect(withScenarioContact.validation.errors.map((e: { path: string }) => e.path)).toEqual(['contact.id'])
  const full = expectContract(await send('PUT', `/sale/offers/${draft.id}`, { ...body, contact: { id: idIn(a, ADS_GUIDE.contactId) } }), 'updateOfferUsingPUT')
  expect(full.validation.errors).toEqual([])

  const packages = { basePackage: { id: ADS_GUIDE.basePackageId }, extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8' }] }
  expect((await send('PUT', `/sale/offer-classifieds-packages/${draft.id}`, packages)).statusCode).toBe(200)
  expect(expectContract(await get(`/sale/offer-classifieds-packages/${draft.id}`), 'getClassifiedPackagesUsingGET'))
    .toEqual({ basePackage: packages.basePackage, extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8', republish: false }] })
  const fees = expectContract(await send('POST', '/pricing/offer-fee-preview', { offer: { id: draft.id, name: 'BMW X5 e53' } }), 'calculateFeePreviewUsingPOST')
  expect(fees.quotes[0]).toMatchObject({ name: 'Opłata za pakiet Podstawowy', fee: { amount: '19.00', currency: 'PLN' } })

  const activation = await command(t.app, a.accessToken, 'ACTIVATE', [draft.id])
  expect(activation.res.statusCode).toBe(201)
  expect(activation.body.taskCount).toEqual({ total: 0, success: 0, failed: 0 })
  expect((await tasks(t.app, a.accessToken, activation.commandId))[0].status).toBe('NEW')
  t.clock.advance(DELAY)
  expect((await tasks(t.app, a.accessToken, activation.commandId))[0].status).toBe('SUCCESS')
  expect((await report(t.app, a.accessToken, activation.commandId)).taskCount).toEqual({ total: 1, success: 1, failed: 0 })
  expect((await offerStatus(t.app, a.accessToken, draft.id)).status).toBe('ACTIVE')

  expect((await control(t.app, 'POST', `/__mock/offers/${draft.id}/events`, { eventType: 'SHOWED_PHONE_NUMBER' })).statusCode).toBe(201)
  const sellerStats = expectContract(await get('/sale/classified-seller-stats'), 'classifiedSellerOfferStatsGET')
  expect(sellerStats.eventStatsTotal).toEqual([{ eventType: 'SHOWED_PHONE_NUMBER', count: 2 }, { eventType: 'ASKED_QUESTION', count: 12 }])
  const offerStats = expectContract(await get(`/sale/classified-offers-stats?offer.id=${draft.id}&offer.id=${idIn(a, ADS_GUIDE.statsOfferIds[0])}`), 'classifiedOffersStatsGET')
  expect(offerStats.offerStats.map((s: { offer: { id: string }, eventStatsTotal: unknown }) => [s.offer.id, s.eventStatsTotal])).toEqual([
    [draft.id, [{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }]],
    [idIn(a, ADS_GUIDE.statsOfferIds[0]), [{ eventType: 'ASKED_QUESTION', count: 9 }]],
  ])

  const ending = await command(t.app, a.accessToken, 'END', [draft.id])
  t.clock.advance(DELAY)
  expect((await tasks(t.app, a.accessToken, ending.commandId))[0].status).toBe('SUCCESS')
  expect(await offerStatus(t.app, a.accessToken, draft.id)).toMatchObject({ status: 'ENDED', endedBy: 'USER' })

  expect(expectContract(await get('/sale/offer-contacts', b.accessToken), 'getListOfContactsUsingGET').contacts).toHaveLength(3)
  expect((await get(`/sale/offers/${draft.id}`, b.accessToken)).statusCode).toBe(403)
  expect((await get(`/sale/offer-publication-commands/${activation.commandId}`, b.accessToken)).statusCode).toBe(404)
  expect(expectContract(await get('/sale/classified-seller-stats', b.accessToken), 'classifiedSellerOfferStatsGET').eventStatsTotal)
    .toEqual([{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }, { eventType: 'ASKED_QUESTION', count: 12 }])
})

test('the guide\'s complete ad publishes in a sandbox on the sandbox\'s own clock', async () => {
  const ready = idIn(a, ADS_GUIDE.readyOfferId)
  const { commandId } = await command(t.app, a.accessToken, 'ACTIVATE', [ready])
  expect((await offerStatus(t.app, a.accessToken, ready)).status).toBe('ACTIVATING')
  await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/clock/advance`, { ms: DELAY })
  expect(await tasks(t.app, a.accessToken, commandId)).toEqual([{
    offer: { id: ready }, status: 'SUCCESS', message: '', field: 'publication', scheduledAt: START, finishedAt: '2026-01-05T10:00:03.000Z',
  }])
  expect(await offerStatus(t.app, a.accessToken, ready)).toEqual({
    duration: 'PT960H', status: 'ACTIVE', startingAt: '2026-01-05T10:00:03.000Z', endingAt: '2026-02-14T10:00:03.000Z',
  })
  expect((await offerStatus(t.app, b.accessToken, idIn(b, ADS_GUIDE.readyOfferId))).status).toBe('INACTIVE')
})
