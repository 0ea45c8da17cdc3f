import { beforeEach, describe, expect, test } from 'vitest'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { screenshotPng } from '../../src/fixtures/files.js'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { scenarios } from '../../src/fixtures/scenarios.js'
import type { StoredCommand } from '../../src/server/modules/publication/publication.types.js'
import { buildTestApp, expectContract, readState, tokenFor, type TestApp } from '../support/app.js'
import { postMessage, uploadAttachment } from '../support/disputes.js'
import { GUIDE_DRAFT_ERRORS } from '../support/offers.js'
import { apiGet, apiSend, control, createSandbox, idIn, type Sandbox } from '../support/sandboxes.js'

const FIRST = { id: '44667781', login: 'Seller_login1' }
const NO_FAULTS = { taskFailures: [], responses: [], latencies: [], rateLimit: { enabled: false, perMinute: 9000 } }
const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

// The default scenario has no publication commands; this one adds the guide's first ended ad's activation, so the
// copy of commands (and of the offer ids inside their tasks) can be seen.
const ACTIVATION_ID = '5a9c3c3e-7f0e-4d5c-9d39-4d4c4b1a2f10'
scenarios['sandbox-with-command'] = () => {
  const data = scenarios.default!()
  const at = '2022-08-01T07:59:57.000Z'
  const command: StoredCommand = {
    id: ACTIVATION_ID,
    createdAt: at,
    tasks: [{
      offer: { id: ADS_GUIDE.statsOfferIds[0] }, status: 'SUCCESS', message: '', field: 'publication', scheduledAt: at, finishedAt: '2022-08-01T08:00:00.000Z',
      meta: { settlesAt: '2022-08-01T08:00:00.000Z', previousStatus: 'INACTIVE', forcedFailure: null, violations: [] },
    }],
    meta: { sellerId: FIRST.id, action: 'ACTIVATE', scheduledFor: null },
  }
  return { ...data, publicationCommands: [command] }
}

let t: TestApp
let a: Sandbox
let b: Sandbox
let first: string
beforeEach(async () => {
  t = await buildTestApp()
  a = await createSandbox(t.app, { login: 'Sandbox_A' })
  b = await createSandbox(t.app)
  first = await tokenFor(t.app)
})

const get = (url: string, token: string) => apiGet(t.app, url, token)
const download = (attachmentId: string, token: string) =>
  t.app.inject({ method: 'GET', url: `/sale/dispute-attachments/${attachmentId}`, headers: { authorization: `Bearer ${token}` } })

/** A scenario answer as the sandbox must give it: every scenario id swapped for the sandbox's, and the seller's login. */
function asIn (sandbox: Sandbox, value: unknown): unknown {
  let json = JSON.stringify(value)
  const swaps: Array<[string, string]> = [...Object.entries(sandbox.ids), [FIRST.login, sandbox.seller.login]]
  for (const [from, to] of swaps.sort(([x], [y]) => y.length - x.length)) json = json.split(from).join(to)
  return JSON.parse(json)
}

/** Every dispute of a seller in full (list, each one, each thread), by the scenario's order. */
async function disputesOf (token: string) {
  const list = expectContract(await get('/sale/disputes?limit=100', token), 'getListOfDisputesUsingGET').disputes as Array<{ id: string }>
  const full = []
  for (const { id } of list) {
    full.push({
      dispute: expectContract(await get(`/sale/disputes/${id}`, token), 'getDisputeUsingGET'),
      messages: expectContract(await get(`/sale/disputes/${id}/messages?limit=100`, token), 'getMessagesFromDisputeUsingGET').messages,
    })
  }
  return { list, full }
}

const sellerIdsOf = (sellers: Array<{ id: string }>) => sellers.map(s => s.id)
const sellersNow = async () => (await control(t.app, 'GET', '/__mock/sellers')).json().sellers as Array<{ id: string, login: string }>

describe('creating a sandbox', () => {
  test('a sandbox is a new seller with its own login and a working token pair', async () => {
    expect(a.seller).toEqual({ id: expect.stringMatching(/^\d{8}$/), login: 'Sandbox_A' })
    expect(b.seller.login).toBe(`sandbox-${b.seller.id}`)
    expect(new Set([a.seller.id, b.seller.id, FIRST.id, '51738842']).size).toBe(4)
    expect((await sellersNow()).map(s => s.login)).toEqual(['Seller_login1', 'Seller_login2', 'Sandbox_A', b.seller.login])

    expect((await get('/sale/disputes', a.accessToken)).statusCode).toBe(200)
    const refreshed = await t.app.inject({
      method: 'POST', url: '/auth/oauth/token', payload: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: a.refreshToken }).toString(),
      headers: { authorization: `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(refreshed.statusCode).toBe(200)
    const claims = JSON.parse(Buffer.from(refreshed.json().access_token.split('.')[1], 'base64url').toString())
    expect(claims.user_name).toBe(a.seller.id)
  })

  test('POST /__mock/sandboxes without any body creates a sandbox of the current scenario', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/__mock/sandboxes' })
    expect(res.statusCode, res.body).toBe(201)
    const sandbox = res.json() as Sandbox
    expect(sandbox.ids[GUIDE.disputeId]).toBeDefined()
    expect(expectContract(await get('/sale/disputes?limit=100', sandbox.accessToken), 'getListOfDisputesUsingGET').disputes).toHaveLength(12)
  })

  test('every id a sandbox gets is new: neither the scenario\'s nor another sandbox\'s', async () => {
    const scenarioIds = Object.keys(a.ids)
    expect(Object.keys(b.ids).sort()).toEqual([...scenarioIds].sort())
    for (const id of [GUIDE.disputeId, GUIDE.checkoutFormId, GUIDE.screenshotAttachmentId, GUIDE.readyAttachmentId, ADS_GUIDE.draftOfferId, ADS_GUIDE.readyOfferId, ADS_GUIDE.contactId]) {
      expect(scenarioIds).toContain(id)
    }
    const ownA = new Set(Object.values(a.ids))
    const ownB = new Set(Object.values(b.ids))
    expect(ownA.size).toBe(scenarioIds.length)
    for (const id of scenarioIds) {
      expect(ownA.has(id), id).toBe(false)
      expect(ownB.has(id), id).toBe(false)
      expect(ownB.has(a.ids[id]!), id).toBe(false)
    }
    expect(a.ids[FIRST.id]).toBe(a.seller.id)
    expect(idIn(a, ADS_GUIDE.draftOfferId)).toMatch(/^\d{10}$/)
  })

  test('checkout form ids stay time UUIDs of the same moment, and answer as the sandbox\'s orders', async () => {
    const forms = expectContract(await get('/order/checkout-forms?limit=100', first), 'getListOfOrdersUsingGET').checkoutForms as Array<{ id: string }>
    expect(forms).toHaveLength(15)
    for (const { id } of forms) {
      for (const sandbox of [a, b]) {
        const own = idIn(sandbox, id)
        expect(own).toMatch(TIME_UUID)
        expect(own.slice(0, 18)).toBe(id.slice(0, 18))
        const res = await get(`/order/checkout-forms/${own}`, sandbox.accessToken)
        expect(res.statusCode, own).toBe(200)
        expect(expectContract(res, 'getOrdersDetailsUsingGET')).toEqual(asIn(sandbox, (await get(`/order/checkout-forms/${id}`, first)).json()))
      }
    }
  })

  test('a sandbox\'s disputes and threads are the first seller\'s under its ids, its login writing the seller\'s messages', async () => {
    const scenario = await disputesOf(first)
    expect(scenario.list).toHaveLength(12)
    for (const sandbox of [a, b]) {
      const own = await disputesOf(sandbox.accessToken)
      expect(own.list.map(d => d.id)).toEqual(scenario.list.map(d => idIn(sandbox, d.id)))
      expect(own.full).toEqual(asIn(sandbox, scenario.full))
    }
    const thread = expectContract(await get(`/sale/disputes/${idIn(a, GUIDE.disputeId)}/messages`, a.accessToken), 'getMessagesFromDisputeUsingGET').messages
    expect(thread[0].author).toEqual({ login: 'Sandbox_A', role: 'SELLER' })
    expect(JSON.stringify(thread)).not.toContain(FIRST.login)
  })

  test('a sandbox\'s attachments download byte-identical to the scenario\'s', async () => {
    for (const id of [GUIDE.screenshotAttachmentId, GUIDE.downloadAttachmentId, GUIDE.readyAttachmentId]) {
      const original = await download(id, first)
      expect(original.statusCode, id).toBe(200)
      for (const sandbox of [a, b]) {
        const copy = await download(idIn(sandbox, id), sandbox.accessToken)
        expect(copy.statusCode, id).toBe(200)
        expect(copy.headers['content-type']).toBe(original.headers['content-type'])
        expect(copy.headers['content-disposition']).toBe(original.headers['content-disposition'])
        expect(copy.rawPayload.equals(original.rawPayload), id).toBe(true)
      }
    }
    expect((await download(idIn(a, GUIDE.readyAttachmentId), a.accessToken)).rawPayload).toHaveLength(2549)
  })

  test('a sandbox\'s contacts, offers, packages and statistics are the first seller\'s under its ids', async () => {
    const reads = [
      ['/sale/offer-contacts', 'getListOfContactsUsingGET'],
      [`/sale/offer-contacts/${ADS_GUIDE.contactId}`, 'getContactUsingGET'],
      [`/sale/offers/${ADS_GUIDE.draftOfferId}`, 'getOfferUsingGET'],
      [`/sale/offers/${ADS_GUIDE.readyOfferId}`, 'getOfferUsingGET'],
      [`/sale/offers/${ADS_GUIDE.statsOfferIds[1]}`, 'getOfferUsingGET'],
      [`/sale/offer-classifieds-packages/${ADS_GUIDE.readyOfferId}`, 'getClassifiedPackagesUsingGET'],
      ['/sale/classified-seller-stats', 'classifiedSellerOfferStatsGET'],
      [`/sale/classified-offers-stats?offer.id=${ADS_GUIDE.statsOfferIds.join('&offer.id=')}`, 'classifiedOffersStatsGET'],
    ] as const
    for (const [url, operationId] of reads) {
      const original = await get(url, first)
      expect(original.statusCode, url).toBe(200)
      for (const sandbox of [a, b]) {
        const res = await get(asIn(sandbox, url) as string, sandbox.accessToken)
        expect(res.statusCode, url).toBe(200)
        expect(expectContract(res, operationId), url).toEqual(asIn(sandbox, original.json()))
      }
    }
    const contacts = expectContract(await get('/sale/offer-contacts', a.accessToken), 'getListOfContactsUsingGET').contacts
    expect(contacts.map((c: { id: string }) => c.id)).toEqual(['0c046252-9559-4ecb-8ea3-879f60e46947', 'af1ccfd7-2753-4ed3-bdda-c78eb14442ab', '27869b31-048e-43a0-bdc0-52b922f278a5'].map(id => idIn(a, id)))
  })

  test('a sandbox is a company account like the seller it copies: a new draft gets the guide\'s six errors', async () => {
    const draft = expectContract(await apiSend(t.app, 'POST', '/sale/offers', a.accessToken, { name: 'BMW X5 e53', category: { id: '257150' } }), 'createOfferUsingPOST')
    expect(draft.validation.errors.map((e: { message: string }) => e.message)).toEqual(GUIDE_DRAFT_ERRORS)
    expect((await sellersNow()).find(s => s.id === a.seller.id)).toMatchObject({ company: true })
  })

  test('publication commands are copied under new ids, their tasks naming the sandbox\'s offers', async () => {
    const own = await buildTestApp({ scenario: 'sandbox-with-command' })
    const scenarioToken = await tokenFor(own.app)
    const [x, y] = [await createSandbox(own.app), await createSandbox(own.app)]
    const path = (id: string) => `/sale/offer-publication-commands/${id}`
    const report = expectContract(await apiGet(own.app, path(ACTIVATION_ID), scenarioToken), 'getPublicationReportUsingGET')
    const tasks = expectContract(await apiGet(own.app, `${path(ACTIVATION_ID)}/tasks`, scenarioToken), 'getPublicationTasksUsingGET')
    expect(report.taskCount).toEqual({ total: 1, success: 1, failed: 0 })
    for (const [sandbox, other] of [[x, y], [y, x]] as const) {
      const id = idIn(sandbox, ACTIVATION_ID)
      expect(id).not.toBe(ACTIVATION_ID)
      expect(expectContract(await apiGet(own.app, path(id), sandbox.accessToken), 'getPublicationReportUsingGET')).toEqual({ ...report, id })
      const copied = expectContract(await apiGet(own.app, `${path(id)}/tasks`, sandbox.accessToken), 'getPublicationTasksUsingGET')
      expect(copied).toEqual(asIn(sandbox, tasks))
      expect(copied.tasks[0].offer.id).toBe(idIn(sandbox, ADS_GUIDE.statsOfferIds[0]))
      expect((await apiGet(own.app, path(id), other.accessToken)).statusCode).toBe(404)
    }
    expect((await apiGet(own.app, path(ACTIVATION_ID), x.accessToken)).statusCode).toBe(404)
  })
})

describe('bad input', () => {
  async function unchanged<T> (act: () => Promise<T>): Promise<T> {
    const before = { sellers: await sellersNow(), blobs: (await t.blobs.keys()).sort(), partitions: t.store.partitionIds().sort() }
    const result = await act()
    expect(sellerIdsOf(await sellersNow())).toEqual(sellerIdsOf(before.sellers))
    expect((await t.blobs.keys()).sort()).toEqual(before.blobs)
    expect(t.store.partitionIds().sort()).toEqual(before.partitions)
    return result
  }

  test('an unknown scenario is refused in Allegro\'s error shape and creates nothing', async () => {
    const res = await unchanged(() => control(t.app, 'POST', '/__mock/sandboxes', { scenario: 'no-such-scenario', login: 'Never_made' }))
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual([expect.objectContaining({ code: 'VALIDATION_ERROR', path: 'scenario', userMessage: expect.any(String) })])
    expect(res.json().errors[0].message).toContain('no-such-scenario')
    expect((await control(t.app, 'GET', '/__mock/sellers/Never_made/token')).statusCode).toBe(404)
  })

  test('a login already taken, by a scenario seller or another sandbox, is 409 and creates nothing', async () => {
    for (const login of [FIRST.login, 'Sandbox_A']) {
      const res = await unchanged(() => control(t.app, 'POST', '/__mock/sandboxes', { login }))
      expect(res.statusCode, login).toBe(409)
      expect(res.json().errors[0].code).toBe('CONFLICT')
    }
  })

  test('a body with an empty login or an unknown field is 422 and creates nothing', async () => {
    for (const payload of [{ login: '' }, { seller: 'x' }, { scenario: '' }]) {
      const res = await unchanged(() => control(t.app, 'POST', '/__mock/sandboxes', payload))
      expect(res.statusCode, JSON.stringify(payload)).toBe(422)
      expect(res.json().errors[0].code).toBe('VALIDATION_ERROR')
    }
  })

  test('an unknown seller in any per-seller route is 404', async () => {
    const calls: Array<['GET' | 'POST' | 'DELETE', string, object?]> = [
      ['POST', '/__mock/sellers/nobody/reset'],
      ['GET', '/__mock/sellers/nobody/clock'],
      ['POST', '/__mock/sellers/nobody/clock/advance', { ms: 1000 }],
      ['GET', '/__mock/sellers/nobody/faults'],
      ['DELETE', '/__mock/sellers/nobody/faults'],
      ['POST', '/__mock/sellers/nobody/faults/tasks', { message: 'x' }],
      ['POST', '/__mock/sellers/nobody/faults/responses', { route: 'GET /sale/disputes', status: 503 }],
      ['POST', '/__mock/sellers/nobody/faults/latency', { route: 'GET /sale/disputes', ms: 10 }],
      ['POST', '/__mock/sellers/nobody/faults/rate-limit', { enabled: true }],
      ['DELETE', '/__mock/sandboxes/12345678'],
    ]
    for (const [method, url, payload] of calls) {
      const res = await unchanged(() => control(t.app, method, url, payload))
      expect(res.statusCode, `${method} ${url}`).toBe(404)
      expect(res.json().errors[0].code).toBe('NOT_FOUND')
    }
    expect((await control(t.app, 'GET', '/__mock/faults')).json()).toEqual(NO_FAULTS)
  })

  test('a sandbox clock step backwards or of no kind is 422 and leaves its clock', async () => {
    for (const payload of [{ to: '2020-01-01T00:00:00Z' }, { by: 'soon' }, {}]) {
      const res = await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/clock/advance`, payload)
      expect(res.statusCode, JSON.stringify(payload)).toBe(422)
    }
    expect((await control(t.app, 'GET', `/__mock/sellers/${a.seller.id}/clock`)).json()).toMatchObject({ offsetMs: 0 })
  })
})

describe('reset', () => {
  test('a sandbox\'s reset brings its data back under the same ids and clears its faults and clock; the others keep theirs', async () => {
    const disputeA = idIn(a, GUIDE.disputeId)
    const disputeB = idIn(b, GUIDE.disputeId)
    expect((await postMessage(t.app, a.accessToken, disputeA, { text: 'A pisze', type: 'REGULAR' })).statusCode).toBe(201)
    const contact = expectContract(await apiSend(t.app, 'POST', '/sale/offer-contacts', a.accessToken, { name: 'Nowy w A' }), 'createContactUsingPOST')
    expect((await apiSend(t.app, 'PUT', `/sale/offer-contacts/${idIn(a, ADS_GUIDE.contactId)}`, a.accessToken, { name: 'Zmieniony w A' })).statusCode).toBe(200)
    const offer = expectContract(await apiSend(t.app, 'POST', '/sale/offers', a.accessToken, { name: 'Oferta A', category: { id: '57968' } }), 'createOfferUsingPOST')
    const attachment = await uploadAttachment(t.app, a.accessToken, screenshotPng({ width: 33, height: 21 }))
    const uploadedKey = readState(t.store, s => s.disputeAttachments.find(x => x.id === attachment)!.meta.blobKey!)
    await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/faults/responses`, { route: 'GET /sale/offer-contacts', status: 503, times: 5 })
    await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/faults/rate-limit`, { enabled: true, perMinute: 1 })
    await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/clock/advance`, { by: 'PT1H' })

    expect((await postMessage(t.app, b.accessToken, disputeB, { text: 'B pisze', type: 'REGULAR' })).statusCode).toBe(201)
    await control(t.app, 'POST', `/__mock/sellers/${b.seller.id}/faults/latency`, { route: 'GET /sale/disputes', ms: 100 })
    await control(t.app, 'POST', `/__mock/sellers/${b.seller.id}/clock/advance`, { by: 'PT2H' })
    expect((await postMessage(t.app, first, GUIDE.disputeId, { text: 'Pierwszy pisze', type: 'REGULAR' })).statusCode).toBe(201)

    const reset = await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/reset`)
    expect(reset.statusCode).toBe(200)
    expect(reset.json()).toEqual({ seller: a.seller.id, scenario: 'default', ids: a.ids })

    expect(expectContract(await get(`/sale/disputes/${disputeA}`, a.accessToken), 'getDisputeUsingGET').messagesCount).toBe(5)
    const contacts = expectContract(await get('/sale/offer-contacts', a.accessToken), 'getListOfContactsUsingGET')
    expect(contacts).toEqual(asIn(a, (await get('/sale/offer-contacts', first)).json()))
    expect((await get(`/sale/offer-contacts/${contact.id}`, a.accessToken)).statusCode).toBe(404)
    expect((await get(`/sale/offers/${offer.id}`, a.accessToken)).statusCode).toBe(404)
    expect((await download(attachment, a.accessToken)).statusCode).toBe(404)
    expect(await t.blobs.keys()).not.toContain(uploadedKey)
    expect((await download(idIn(a, GUIDE.screenshotAttachmentId), a.accessToken)).statusCode).toBe(200)
    expect((await control(t.app, 'GET', `/__mock/sellers/${a.seller.id}/faults`)).json()).toEqual(NO_FAULTS)
    expect((await control(t.app, 'GET', `/__mock/sellers/${a.seller.id}/clock`)).json()).toMatchObject({ now: '2026-01-05T10:00:00.000Z', offsetMs: 0 })
    for (let i = 0; i < 3; i++) expect((await get('/sale/offer-contacts', a.accessToken)).statusCode).toBe(200)

    expect(expectContract(await get(`/sale/disputes/${disputeB}`, b.accessToken), 'getDisputeUsingGET').messagesCount).toBe(6)
    expect((await control(t.app, 'GET', `/__mock/sellers/${b.seller.id}/faults`)).json().latencies).toHaveLength(1)
    expect((await control(t.app, 'GET', `/__mock/sellers/${b.seller.id}/clock`)).json()).toMatchObject({ offsetMs: 2 * 3600_000 })
    expect(expectContract(await get(`/sale/disputes/${GUIDE.disputeId}`, first), 'getDisputeUsingGET').messagesCount).toBe(6)
  })

  test('a scenario seller\'s reset restores its original data with its original ids and leaves the sandboxes alone', async () => {
    const before = await disputesOf(first)
    const contacts = (await get('/sale/offer-contacts', first)).json()
    await postMessage(t.app, first, GUIDE.disputeId, { text: 'Do cofnięcia', type: 'REGULAR' })
    await apiSend(t.app, 'POST', '/sale/offer-contacts', first, { name: 'Do cofnięcia' })
    const second = await tokenFor(t.app, 'Seller_login2')
    const [secondDispute] = expectContract(await get('/sale/disputes', second), 'getListOfDisputesUsingGET').disputes
    expect((await postMessage(t.app, second, secondDispute.id, { text: 'Drugi zostaje', type: 'REGULAR' })).statusCode).toBe(201)
    expect((await postMessage(t.app, a.accessToken, idIn(a, GUIDE.disputeId), { text: 'A zostaje', type: 'REGULAR' })).statusCode).toBe(201)

    const reset = await control(t.app, 'POST', `/__mock/sellers/${FIRST.login}/reset`)
    expect(reset.json()).toEqual({ seller: FIRST.id, scenario: 'default', ids: {} })

    expect(await disputesOf(first)).toEqual(before)
    expect((await get('/sale/offer-contacts', first)).json()).toEqual(contacts)
    expect((await download(GUIDE.screenshotAttachmentId, first)).statusCode).toBe(200)
    expect(expectContract(await get(`/sale/disputes/${secondDispute.id}/messages?limit=1`, second), 'getMessagesFromDisputeUsingGET').messages[0].text).toBe('Drugi zostaje')
    expect(expectContract(await get(`/sale/disputes/${idIn(a, GUIDE.disputeId)}`, a.accessToken), 'getDisputeUsingGET').messagesCount).toBe(6)
  })

  test('a seller added through POST /__mock/sellers resets to empty, not to a copy of the first seller', async () => {
    const added = (await control(t.app, 'POST', '/__mock/sellers', { login: 'Added_seller' })).json()
    await apiSend(t.app, 'POST', '/sale/offer-contacts', added.accessToken, { name: 'Mój kontakt' })
    expect((await control(t.app, 'POST', '/__mock/sellers/Added_seller/reset')).statusCode).toBe(200)
    expect(expectContract(await get('/sale/disputes', added.accessToken), 'getListOfDisputesUsingGET').disputes).toEqual([])
    expect(expectContract(await get('/sale/offer-contacts', added.accessToken), 'getListOfContactsUsingGET').contacts).toEqual([])
    expect(expectContract(await get('/order/checkout-forms', added.accessToken), 'getListOfOrdersUsingGET').totalCount).toBe(0)
  })
})

describe('snapshots', () => {
  test('a snapshot carries the sandboxes: their data, files, clock offsets and faults come back on import', async () => {
    const disputeA = idIn(a, GUIDE.disputeId)
    await postMessage(t.app, a.accessToken, disputeA, { text: 'Zapisane w migawce', type: 'REGULAR' })
    await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/clock/advance`, { ms: 5000 })
    await control(t.app, 'POST', `/__mock/sellers/${a.seller.id}/faults/latency`, { route: 'GET /sale/offers/{offerId}', ms: 10 })
    const snapshot = (await control(t.app, 'GET', '/__mock/snapshot')).json()
    await control(t.app, 'POST', '/__mock/reset')
    expect((await get('/sale/disputes', a.accessToken)).statusCode).toBe(401)

    expect((await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: snapshot })).statusCode).toBe(204)
    expect(expectContract(await get(`/sale/disputes/${disputeA}/messages?limit=1`, a.accessToken), 'getMessagesFromDisputeUsingGET').messages[0].text).toBe('Zapisane w migawce')
    expect((await download(idIn(a, GUIDE.screenshotAttachmentId), a.accessToken)).statusCode).toBe(200)
    expect((await control(t.app, 'GET', `/__mock/sellers/${a.seller.id}/clock`)).json()).toMatchObject({ offsetMs: 5000 })
    expect((await control(t.app, 'GET', `/__mock/sellers/${a.seller.id}/faults`)).json().latencies).toEqual([{ operationId: 'getOfferUsingGET', ms: 10 }])
    expect((await control(t.app, 'GET', `/__mock/sellers/${b.seller.id}/clock`)).json()).toMatchObject({ offsetMs: 0 })
    expect((await control(t.app, 'DELETE', `/__mock/sandboxes/${b.seller.id}`)).statusCode).toBe(204)
  })
})

describe('deleting a sandbox', () => {
  test('DELETE removes the sandbox: its tokens are refused, its records and files are gone, the others stay', async () => {
    const uploaded = await uploadAttachment(t.app, a.accessToken, screenshotPng({ width: 44, height: 12 }))
    const keysOf = (sellerId: string) => readState(t.store, s => [...s.disputeAttachments, ...s.images]
      .filter(x => x.meta.sellerId === sellerId).map(x => x.meta.blobKey).filter((k): k is string => k !== null))
    const keysA = keysOf(a.seller.id)
    const keysB = keysOf(b.seller.id)
    expect(keysA).toHaveLength(4)
    expect(keysA).toContain(readState(t.store, s => s.disputeAttachments.find(x => x.id === uploaded)!.meta.blobKey))
    for (const key of [...keysA, ...keysB]) expect(await t.blobs.keys()).toContain(key)

    const res = await control(t.app, 'DELETE', `/__mock/sandboxes/${a.seller.id}`)
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')

    const refused = await get('/sale/disputes', a.accessToken)
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toEqual({ error: 'invalid_token', error_description: 'Invalid access token' })
    const refreshed = await t.app.inject({
      method: 'POST', url: '/auth/oauth/token', payload: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: a.refreshToken }).toString(),
      headers: { authorization: `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(refreshed.statusCode).toBe(400)
    expect(refreshed.json().error).toBe('invalid_grant')

    expect(sellerIdsOf(await sellersNow())).not.toContain(a.seller.id)
    expect(t.store.partitionIds()).not.toContain(a.seller.id)
    const leftovers = readState(t.store, s => [...s.disputes, ...s.disputeAttachments, ...s.checkoutForms, ...s.contacts, ...s.images, ...s.offers, ...s.publicationCommands]
      .filter(x => x.meta.sellerId === a.seller.id).length + s.classifiedEvents.filter(e => e.sellerId === a.seller.id).length)
    expect(leftovers).toBe(0)
    const blobs = await t.blobs.keys()
    for (const key of keysA) expect(blobs).not.toContain(key)
    for (const key of keysB) expect(blobs).toContain(key)

    expect((await get(`/sale/disputes/${idIn(a, GUIDE.disputeId)}`, b.accessToken)).statusCode).toBe(404)
    expect((await control(t.app, 'GET', `/__mock/sellers/${a.seller.id}/clock`)).statusCode).toBe(404)
    expect((await download(idIn(b, GUIDE.screenshotAttachmentId), b.accessToken)).statusCode).toBe(200)
    expect(expectContract(await get('/sale/disputes?limit=100', first), 'getListOfDisputesUsingGET').disputes).toHaveLength(12)
  })

  test('a second DELETE of the same sandbox is 404', async () => {
    expect((await control(t.app, 'DELETE', `/__mock/sandboxes/${a.seller.id}`)).statusCode).toBe(204)
    const again = await control(t.app, 'DELETE', `/__mock/sandboxes/${a.seller.id}`)
    expect(again.statusCode).toBe(404)
    expect(again.json().errors[0].code).toBe('NOT_FOUND')
  })

  test('a scenario seller, or one added through POST /__mock/sellers, cannot be deleted as a sandbox', async () => {
    const added = (await control(t.app, 'POST', '/__mock/sellers', { login: 'Not_a_sandbox' })).json()
    for (const id of [FIRST.id, '51738842', added.id]) {
      const res = await control(t.app, 'DELETE', `/__mock/sandboxes/${id}`)
      expect(res.statusCode, id).toBe(404)
    }
    expect(sellerIdsOf(await sellersNow())).toEqual([FIRST.id, '51738842', a.seller.id, b.seller.id, added.id])
    expect(expectContract(await get('/sale/disputes?limit=100', first), 'getListOfDisputesUsingGET').disputes).toHaveLength(12)
    expect((await download(GUIDE.screenshotAttachmentId, first)).statusCode).toBe(200)
  })

  test('a whole-instance reset removes every sandbox', async () => {
    expect((await control(t.app, 'POST', '/__mock/reset')).statusCode).toBe(200)
    expect(sellerIdsOf(await sellersNow())).toEqual([FIRST.id, '51738842'])
    expect((await get('/sale/disputes', b.accessToken)).statusCode).toBe(401)
    expect(await t.blobs.keys()).toHaveLength(3)
  })
})
