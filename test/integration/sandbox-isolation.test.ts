import { beforeEach, describe, expect, test } from 'vitest'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { screenshotPng } from '../../src/fixtures/files.js'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { allegroHeaders, buildTestApp, expectContract, START, tokenFor, type TestApp } from '../support/app.js'
import { postMessage, uploadAttachment } from '../support/disputes.js'
import { command, offerStatus, tasks } from '../support/publication.js'
import { apiGet, apiSend, control, createSandbox, idIn, type Sandbox } from '../support/sandboxes.js'

const DELAY = 3000
const HOUR = 3600_000
const NO_FAULTS = { taskFailures: [], responses: [], latencies: [], rateLimit: { enabled: false, perMinute: 9000 } }
const DASHBOARD = { 'x-allegro-mock-client': 'dashboard' }

let t: TestApp
let waits: number[]
let a: Sandbox
let b: Sandbox
let first: string
beforeEach(async () => {
  waits = []
  t = await buildTestApp({ config: { taskDelayMs: DELAY }, wait: async (ms) => { waits.push(ms) } })
  a = await createSandbox(t.app, { login: 'Sandbox_A' })
  b = await createSandbox(t.app, { login: 'Sandbox_B' })
  first = await tokenFor(t.app)
})

const get = (url: string, token: string, extra: Record<string, string> = {}) => apiGet(t.app, url, token, extra)
const send = (method: 'POST' | 'PUT', url: string, token: string, payload: unknown) => apiSend(t.app, method, url, token, payload)
const download = (attachmentId: string, token: string) =>
  t.app.inject({ method: 'GET', url: `/sale/dispute-attachments/${attachmentId}`, headers: { authorization: `Bearer ${token}` } })
const messagesCount = async (disputeId: string, token: string) =>
  expectContract(await get(`/sale/disputes/${disputeId}`, token), 'getDisputeUsingGET').messagesCount as number
const sellerClock = async (sandbox: Sandbox) => (await control(t.app, 'GET', `/__mock/sellers/${sandbox.seller.id}/clock`)).json()
const advance = (sandbox: Sandbox, step: object) => control(t.app, 'POST', `/__mock/sellers/${sandbox.seller.id}/clock/advance`, step)
const advanceInstance = (step: object) => control(t.app, 'POST', '/__mock/clock/advance', step)
const plan = (sandbox: Sandbox | null, kind: 'tasks' | 'responses' | 'latency' | 'rate-limit', body: object) =>
  control(t.app, 'POST', `${sandbox ? `/__mock/sellers/${sandbox.seller.id}` : '/__mock'}/faults/${kind}`, body)
const faultsOf = async (sandbox: Sandbox | null) => (await control(t.app, 'GET', sandbox ? `/__mock/sellers/${sandbox.seller.id}/faults` : '/__mock/faults')).json()
const disputes = (token: string, extra: Record<string, string> = {}) => get('/sale/disputes', token, extra)
/** A token minted now on the seller's own clock (the creation token may have run out on a moved clock). */
const freshToken = async (sandbox: Sandbox) => (await control(t.app, 'GET', `/__mock/sellers/${sandbox.seller.id}/token`)).body
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString()

describe('data', () => {
  test('a message posted in one sandbox is not in the other sandbox\'s copy of the dispute, nor the scenario seller\'s', async () => {
    const res = await postMessage(t.app, a.accessToken, idIn(a, GUIDE.disputeId), { text: 'Tylko w A', type: 'REGULAR' })
    expect(res.statusCode).toBe(201)
    expect(await messagesCount(idIn(a, GUIDE.disputeId), a.accessToken)).toBe(6)
    expect(await messagesCount(idIn(b, GUIDE.disputeId), b.accessToken)).toBe(5)
    expect(await messagesCount(GUIDE.disputeId, first)).toBe(5)
    for (const [id, token] of [[idIn(b, GUIDE.disputeId), b.accessToken], [GUIDE.disputeId, first]] as const) {
      expect((await get(`/sale/disputes/${id}/messages?limit=100`, token)).body).not.toContain('Tylko w A')
    }
  })

  test('a contact created in one sandbox is listed only there', async () => {
    const created = expectContract(await send('POST', '/sale/offer-contacts', a.accessToken, { name: 'Kontakt A' }), 'createContactUsingPOST')
    const names = async (token: string) => expectContract(await get('/sale/offer-contacts', token), 'getListOfContactsUsingGET').contacts.map((c: { name: string }) => c.name)
    expect(await names(a.accessToken)).toContain('Kontakt A')
    expect(await names(b.accessToken)).toEqual(['Auta terenowe', 'Auta osobowe', 'Ciężarówki'])
    expect(await names(first)).toEqual(['Auta terenowe', 'Auta osobowe', 'Ciężarówki'])
    for (const token of [b.accessToken, first]) expect((await get(`/sale/offer-contacts/${created.id}`, token)).statusCode).toBe(403)
  })

  test('an offer created in one sandbox is another seller\'s offer to the other sandbox and to the scenario seller', async () => {
    const offer = expectContract(await send('POST', '/sale/offers', a.accessToken, { name: 'Oferta w A', category: { id: '57968' } }), 'createOfferUsingPOST')
    for (const token of [b.accessToken, first]) {
      const res = await get(`/sale/offers/${offer.id}`, token)
      expect(res.statusCode).toBe(403)
      expect(res.body).not.toContain('Oferta w A')
    }
    expect(expectContract(await get(`/sale/offers/${offer.id}`, a.accessToken), 'getOfferUsingGET').name).toBe('Oferta w A')
  })

  test('an attachment uploaded in one sandbox cannot be downloaded, used or uploaded to by the other', async () => {
    const bytes = screenshotPng({ width: 60, height: 30 })
    const attachment = await uploadAttachment(t.app, a.accessToken, bytes)
    expect((await download(attachment, a.accessToken)).rawPayload.equals(bytes)).toBe(true)
    for (const token of [b.accessToken, first]) expect((await download(attachment, token)).statusCode).toBe(403)
    const used = await postMessage(t.app, b.accessToken, idIn(b, GUIDE.disputeId), { type: 'REGULAR', attachment: { id: attachment } })
    expect(used.statusCode).toBe(422)
    expect(used.json().errors[0].message).toContain('not found')
    expect(await messagesCount(idIn(b, GUIDE.disputeId), b.accessToken)).toBe(5)

    const declared = expectContract(await send('POST', '/sale/dispute-attachments', a.accessToken, { fileName: 'a.png', size: bytes.length }), 'createAnAttachmentUsingPOST')
    const foreignPut = await t.app.inject({ method: 'PUT', url: `/sale/dispute-attachments/${declared.id}`, headers: allegroHeaders(b.accessToken, { 'content-type': 'image/png' }), payload: bytes })
    expect(foreignPut.statusCode).toBe(404)
    expect((await download(declared.id, a.accessToken)).statusCode).toBe(404)
  })

  test('the other sandbox\'s records answer as another seller\'s: 403 where Allegro documents it, else 404, never their data', async () => {
    const { commandId } = await command(t.app, a.accessToken, 'ACTIVATE', [idIn(a, ADS_GUIDE.readyOfferId)])
    const reads: Array<[string, number]> = [
      [`/sale/disputes/${idIn(a, GUIDE.disputeId)}`, 403],
      [`/sale/disputes/${idIn(a, GUIDE.disputeId)}/messages`, 403],
      [`/sale/dispute-attachments/${idIn(a, GUIDE.screenshotAttachmentId)}`, 403],
      [`/sale/offer-contacts/${idIn(a, ADS_GUIDE.contactId)}`, 403],
      [`/sale/offers/${idIn(a, ADS_GUIDE.draftOfferId)}`, 403],
      [`/sale/offer-classifieds-packages/${idIn(a, ADS_GUIDE.readyOfferId)}`, 403],
      [`/sale/classified-offers-stats?offer.id=${idIn(a, ADS_GUIDE.statsOfferIds[0])}`, 403],
      [`/order/checkout-forms/${idIn(a, GUIDE.checkoutFormId)}`, 404],
      [`/sale/offer-publication-commands/${commandId}`, 404],
      [`/sale/offer-publication-commands/${commandId}/tasks`, 404],
    ]
    for (const [url, status] of reads) {
      expect((await get(url, a.accessToken)).statusCode, url).toBe(200)
      for (const token of [b.accessToken, first]) {
        const res = await get(url, token)
        expect(res.statusCode, url).toBe(status)
        expect(res.body).not.toContain('Sandbox_A')
        expect(res.body).not.toContain('Buyer_login1')
      }
    }
    const writes: Array<[Promise<{ statusCode: number }>, number]> = [
      [postMessage(t.app, b.accessToken, idIn(a, GUIDE.disputeId), { text: 'Intruz', type: 'REGULAR' }), 403],
      [send('PUT', `/sale/offer-contacts/${idIn(a, ADS_GUIDE.contactId)}`, b.accessToken, { name: 'Przejęty' }), 403],
      [send('PUT', `/sale/offer-classifieds-packages/${idIn(a, ADS_GUIDE.draftOfferId)}`, b.accessToken, { basePackage: { id: ADS_GUIDE.basePackageId } }), 403],
    ]
    for (const [write, status] of writes) expect((await write).statusCode).toBe(status)
    expect(await messagesCount(idIn(a, GUIDE.disputeId), a.accessToken)).toBe(5)
    expect(expectContract(await get(`/sale/offer-contacts/${idIn(a, ADS_GUIDE.contactId)}`, a.accessToken), 'getContactUsingGET').name).toBe('Auta terenowe')
  })

  test('another sandbox\'s offer in a publication command FAILs as one that does not exist', async () => {
    const { commandId } = await command(t.app, b.accessToken, 'ACTIVATE', [idIn(a, ADS_GUIDE.readyOfferId)])
    await advanceInstance({ ms: DELAY })
    expect((await tasks(t.app, b.accessToken, commandId))[0]).toMatchObject({ status: 'FAIL', message: 'The offer does not exist.' })
    expect((await offerStatus(t.app, a.accessToken, idIn(a, ADS_GUIDE.readyOfferId))).status).toBe('INACTIVE')
  })

  test('filters never reach across sandboxes', async () => {
    const found = expectContract(await get(`/sale/disputes?checkoutForm.id=${idIn(a, GUIDE.checkoutFormId)}`, b.accessToken), 'getListOfDisputesUsingGET')
    expect(found.disputes).toEqual([])
    expect(expectContract(await get(`/sale/disputes?checkoutForm.id=${idIn(a, GUIDE.checkoutFormId)}`, a.accessToken), 'getListOfDisputesUsingGET').disputes.map((d: { id: string }) => d.id))
      .toEqual([idIn(a, GUIDE.disputeId)])
  })

  test('a visitor event on one sandbox\'s ad counts only in its statistics', async () => {
    const record = await control(t.app, 'POST', `/__mock/offers/${idIn(a, ADS_GUIDE.statsOfferIds[1])}/events`, { eventType: 'SHOWED_PHONE_NUMBER', count: 4 })
    expect(record.statusCode).toBe(201)
    const phones = async (token: string) => expectContract(await get('/sale/classified-seller-stats', token), 'classifiedSellerOfferStatsGET')
      .eventStatsTotal.find((e: { eventType: string }) => e.eventType === 'SHOWED_PHONE_NUMBER').count
    expect(await phones(a.accessToken)).toBe(5)
    expect(await phones(b.accessToken)).toBe(1)
    expect(await phones(first)).toBe(1)
  })
})

describe('clock', () => {
  test('a sandbox\'s clock shows its own offset; the other sandbox and the instance clock stay', async () => {
    expect((await advance(a, { by: 'PT1H' })).json()).toEqual({ mode: 'manual', now: at(HOUR), offsetMs: HOUR })
    expect((await advance(a, { ms: 1500 })).json()).toMatchObject({ now: at(HOUR + 1500), offsetMs: HOUR + 1500 })
    expect((await advance(a, { to: at(2 * HOUR) })).json()).toEqual({ mode: 'manual', now: at(2 * HOUR), offsetMs: 2 * HOUR })
    expect(await sellerClock(a)).toEqual({ mode: 'manual', now: at(2 * HOUR), offsetMs: 2 * HOUR })
    expect(await sellerClock(b)).toEqual({ mode: 'manual', now: START, offsetMs: 0 })
    expect((await control(t.app, 'GET', '/__mock/clock')).json()).toEqual({ mode: 'manual', now: START })
    expect((await control(t.app, 'GET', '/__mock/sellers/Seller_login1/clock')).json()).toMatchObject({ now: START, offsetMs: 0 })
  })

  test('a sandbox\'s publication tasks settle on its own clock; the other\'s stay NEW', async () => {
    const inB = await command(t.app, b.accessToken, 'ACTIVATE', [idIn(b, ADS_GUIDE.readyOfferId)])
    const inA = await command(t.app, a.accessToken, 'ACTIVATE', [idIn(a, ADS_GUIDE.readyOfferId)])
    await advance(a, { ms: DELAY })
    expect((await tasks(t.app, a.accessToken, inA.commandId))[0]).toMatchObject({ status: 'SUCCESS', finishedAt: at(DELAY) })
    expect((await offerStatus(t.app, a.accessToken, idIn(a, ADS_GUIDE.readyOfferId))).status).toBe('ACTIVE')
    expect((await tasks(t.app, b.accessToken, inB.commandId))[0].status).toBe('NEW')
    expect((await offerStatus(t.app, b.accessToken, idIn(b, ADS_GUIDE.readyOfferId))).status).toBe('ACTIVATING')
  })

  test('a sandbox\'s ads expire on its own clock', async () => {
    for (const sandbox of [a, b]) await command(t.app, sandbox.accessToken, 'ACTIVATE', [idIn(sandbox, ADS_GUIDE.readyOfferId)])
    await advanceInstance({ ms: DELAY })
    for (const sandbox of [a, b]) expect((await offerStatus(t.app, sandbox.accessToken, idIn(sandbox, ADS_GUIDE.readyOfferId))).status).toBe('ACTIVE')
    await advance(a, { ms: 960 * HOUR })
    expect(await offerStatus(t.app, await freshToken(a), idIn(a, ADS_GUIDE.readyOfferId))).toMatchObject({ status: 'ENDED', endedBy: 'EXPIRATION', endingAt: at(DELAY + 960 * HOUR) })
    expect((await offerStatus(t.app, b.accessToken, idIn(b, ADS_GUIDE.readyOfferId))).status).toBe('ACTIVE')
  })

  test('a sandbox\'s unused images expire on its own clock', async () => {
    const upload = async (token: string) => expectContract(await t.app.inject({
      method: 'POST', url: '/sale/images', headers: allegroHeaders(token, { 'content-type': 'image/png' }), payload: screenshotPng(),
    }), 'uploadOfferImageUsingPOST') as { location: string, expiresAt: string }
    const fetchImage = (location: string) => t.app.inject({ method: 'GET', url: new URL(location).pathname })
    const inA = await upload(a.accessToken)
    const inB = await upload(b.accessToken)
    await advance(a, { by: 'PT23H' })
    expect((await upload(await freshToken(a))).expiresAt).toBe(at(47 * HOUR))
    await advance(a, { by: 'PT1H' })
    expect((await fetchImage(inA.location)).statusCode).toBe(404)
    expect((await fetchImage(inB.location)).statusCode).toBe(200)
  })

  test('a sandbox\'s access token expires after 12 hours of its own time; the other\'s stays valid', async () => {
    await advance(a, { by: 'PT11H59M59S' })
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    await advance(a, { ms: 1000 })
    const expired = await disputes(a.accessToken)
    expect(expired.statusCode).toBe(401)
    expect(expired.json()).toEqual({ error: 'invalid_token', error_description: 'Access token expired' })
    expect((await disputes(b.accessToken)).statusCode).toBe(200)
    expect((await disputes(first)).statusCode).toBe(200)
    expect((await disputes(await freshToken(a))).statusCode).toBe(200)
  })

  test('a message written in a sandbox carries its own time', async () => {
    await advance(a, { by: 'P1D' })
    const inA = expectContract(await postMessage(t.app, await freshToken(a), idIn(a, GUIDE.disputeId), { text: 'Jutro', type: 'REGULAR' }), 'addMessageToDisputeUsingPOST')
    const inB = expectContract(await postMessage(t.app, b.accessToken, idIn(b, GUIDE.disputeId), { text: 'Dziś', type: 'REGULAR' }), 'addMessageToDisputeUsingPOST')
    expect(inA.createdAt).toBe(at(24 * HOUR))
    expect(inB.createdAt).toBe(START)
  })

  test('the instance clock moves every seller, on top of their own offsets', async () => {
    const inB = await command(t.app, b.accessToken, 'ACTIVATE', [idIn(b, ADS_GUIDE.readyOfferId)])
    await advance(a, { by: 'PT1H' })
    expect((await advanceInstance({ by: 'PT1H' })).json()).toEqual({ mode: 'manual', now: at(HOUR) })
    expect(await sellerClock(a)).toMatchObject({ now: at(2 * HOUR), offsetMs: HOUR })
    expect(await sellerClock(b)).toMatchObject({ now: at(HOUR), offsetMs: 0 })
    expect((await tasks(t.app, b.accessToken, inB.commandId))[0].status).toBe('SUCCESS')

    await advanceInstance({ by: 'PT10H' })
    expect((await disputes(a.accessToken)).statusCode).toBe(401)
    expect((await disputes(b.accessToken)).statusCode).toBe(200)
    await advanceInstance({ by: 'PT1H' })
    expect((await disputes(b.accessToken)).statusCode).toBe(401)
    expect((await disputes(first)).statusCode).toBe(401)
  })
})

describe('faults', () => {
  test('a response fault planned for one sandbox answers only its requests', async () => {
    expect((await plan(a, 'responses', { route: 'GET /sale/disputes', status: 503, times: 2 })).statusCode).toBe(201)
    expect(await faultsOf(a)).toMatchObject({ responses: [{ operationId: 'getListOfDisputesUsingGET', status: 503, remaining: 2 }] })
    expect(await faultsOf(b)).toEqual(NO_FAULTS)
    expect(await faultsOf(null)).toEqual(NO_FAULTS)
    expect((await disputes(b.accessToken)).statusCode).toBe(200)
    expect((await disputes(first)).statusCode).toBe(200)
    for (let i = 0; i < 2; i++) {
      const res = await disputes(a.accessToken)
      expect(res.statusCode).toBe(503)
      expect(res.json().errors[0].code).toBe('InternalServerErrorException')
    }
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
  })

  test('a latency fault planned for one sandbox delays only its requests', async () => {
    await plan(a, 'latency', { route: 'GET /sale/disputes', ms: 1500 })
    await disputes(b.accessToken)
    await disputes(first)
    expect(waits).toEqual([])
    await disputes(a.accessToken)
    expect(waits).toEqual([1500])
  })

  test('a task failure planned for one sandbox fails only its tasks', async () => {
    await plan(a, 'tasks', { message: 'Awaria tylko w A.' })
    const inB = await command(t.app, b.accessToken, 'ACTIVATE', [idIn(b, ADS_GUIDE.readyOfferId)])
    const inFirst = await command(t.app, first, 'ACTIVATE', [ADS_GUIDE.readyOfferId])
    const inA = await command(t.app, a.accessToken, 'ACTIVATE', [idIn(a, ADS_GUIDE.readyOfferId)])
    await advanceInstance({ ms: DELAY })
    expect((await tasks(t.app, b.accessToken, inB.commandId))[0].status).toBe('SUCCESS')
    expect((await tasks(t.app, first, inFirst.commandId))[0].status).toBe('SUCCESS')
    expect((await tasks(t.app, a.accessToken, inA.commandId))[0]).toMatchObject({ status: 'FAIL', message: 'Awaria tylko w A.' })
  })

  test('a rate limit set for one sandbox counts and limits only its requests', async () => {
    await plan(a, 'rate-limit', { enabled: true, perMinute: 2 })
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    for (let i = 0; i < 5; i++) {
      expect((await disputes(b.accessToken)).statusCode).toBe(200)
      expect((await disputes(first)).statusCode).toBe(200)
    }
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    const limited = await disputes(a.accessToken)
    expect(limited.statusCode).toBe(429)
    expect(expectContract(limited, 'getListOfDisputesUsingGET').errors[0].code).toBe('RateLimitExceedException')
    expect((await disputes(b.accessToken)).statusCode).toBe(200)
  })

  test('a rate limit window runs on the sandbox\'s own clock', async () => {
    await plan(a, 'rate-limit', { enabled: true, perMinute: 1 })
    await disputes(a.accessToken)
    expect((await disputes(a.accessToken)).statusCode).toBe(429)
    await advance(a, { ms: 60_000 })
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
  })

  test('instance-wide faults reach every sandbox', async () => {
    await plan(null, 'responses', { route: 'GET /sale/disputes', status: 500, times: 2 })
    expect((await disputes(a.accessToken)).statusCode).toBe(500)
    expect((await disputes(b.accessToken)).statusCode).toBe(500)
    expect((await disputes(first)).statusCode).toBe(200)

    await plan(null, 'latency', { route: 'GET /sale/disputes', ms: 700 })
    await disputes(a.accessToken)
    await disputes(b.accessToken)
    expect(waits).toEqual([700, 700])

    await plan(null, 'tasks', { message: 'Awaria wszędzie.', count: 2 })
    const inA = await command(t.app, a.accessToken, 'ACTIVATE', [idIn(a, ADS_GUIDE.readyOfferId)])
    const inB = await command(t.app, b.accessToken, 'ACTIVATE', [idIn(b, ADS_GUIDE.readyOfferId)])
    await advanceInstance({ ms: DELAY })
    for (const [sandbox, { commandId }] of [[a, inA], [b, inB]] as const) {
      expect((await tasks(t.app, sandbox.accessToken, commandId))[0]).toMatchObject({ status: 'FAIL', message: 'Awaria wszędzie.' })
    }
  })

  test('the instance-wide rate limit counts both sandboxes\' requests under their shared client id', async () => {
    await plan(null, 'rate-limit', { enabled: true, perMinute: 3 })
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    expect((await disputes(b.accessToken)).statusCode).toBe(200)
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    expect((await disputes(b.accessToken)).statusCode).toBe(429)
  })

  test('clearing one sandbox\'s faults leaves the other sandbox\'s planned', async () => {
    await plan(a, 'responses', { route: 'GET /sale/disputes', status: 503, times: 5 })
    await plan(b, 'responses', { route: 'GET /sale/disputes', status: 503, times: 5 })
    expect((await control(t.app, 'DELETE', `/__mock/sellers/${a.seller.id}/faults`)).json()).toEqual(NO_FAULTS)
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    expect((await disputes(b.accessToken)).statusCode).toBe(503)
    expect((await faultsOf(b)).responses[0].remaining).toBe(4)
  })

  test('a dashboard request neither takes a planned response fault nor answers it', async () => {
    await plan(a, 'responses', { route: 'GET /sale/disputes', status: 503, times: 1 })
    await plan(null, 'responses', { route: 'GET /sale/disputes/{disputeId}', status: 500, times: 1 })
    for (let i = 0; i < 3; i++) {
      expect((await disputes(a.accessToken, DASHBOARD)).statusCode).toBe(200)
      expect((await get(`/sale/disputes/${idIn(a, GUIDE.disputeId)}`, a.accessToken, DASHBOARD)).statusCode).toBe(200)
    }
    expect((await disputes(a.accessToken)).statusCode).toBe(503)
    expect((await get(`/sale/disputes/${idIn(a, GUIDE.disputeId)}`, a.accessToken)).statusCode).toBe(500)
  })

  test('a dashboard request does not count for the rate limit, and is not limited', async () => {
    await plan(a, 'rate-limit', { enabled: true, perMinute: 2 })
    for (let i = 0; i < 5; i++) expect((await disputes(a.accessToken, DASHBOARD)).statusCode).toBe(200)
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    expect((await disputes(a.accessToken)).statusCode).toBe(200)
    expect((await disputes(a.accessToken)).statusCode).toBe(429)
    expect((await disputes(a.accessToken, DASHBOARD)).statusCode).toBe(200)
  })

  test('a dashboard request is not slowed by a latency fault', async () => {
    await plan(a, 'latency', { route: 'GET /sale/disputes', ms: 900 })
    await disputes(a.accessToken, DASHBOARD)
    expect(waits).toEqual([])
  })
})
