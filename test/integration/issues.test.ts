import { beforeEach, describe, expect, test } from 'vitest'
import { CLAIMS } from '../../src/fixtures/claims.js'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { greyJpeg, screenshotPng } from '../../src/fixtures/files.js'
import { allegroHeaders, buildTestApp, expectContract, readState, START, tokenFor, VENDOR_JSON, type TestApp } from '../support/app.js'
import { changeClaimStatus, issueHeaders, postIssueMessage, uploadIssueAttachment, VENDOR_JSON_BETA } from '../support/issues.js'

let t: TestApp
let token: string
let otherToken: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
  otherToken = await tokenFor(t.app, 'Seller_login2')
})

const DAY = 24 * 3600 * 1000
const get = (url: string, bearer = token, extra: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: issueHeaders(bearer, extra) })
const listIssues = async (query = '', bearer = token) =>
  expectContract<{ issues: Array<Record<string, any>> }>(await get(`/sale/issues${query}`, bearer), 'getListOfIssuesUsingGET').issues
const issue = async (id: string, bearer = token, extra: Record<string, string> = {}) =>
  expectContract<Record<string, any>>(await get(`/sale/issues/${id}`, bearer, extra), 'getIssueUsingGET')
const chat = async (id: string, query = '', extra: Record<string, string> = {}) =>
  expectContract<{ chat: Array<Record<string, any>> }>(await get(`/sale/issues/${id}/chat${query}`, token, extra), 'getChatFromIssueUsingGET').chat
const decide = async (id: string, body: unknown, bearer = token) => {
  const res = await changeClaimStatus(t.app, bearer, id, body)
  expectContract(res, 'changeStatusOfIssueUsingPOST')
  return res
}
const control = (method: 'POST' | 'GET', url: string, payload?: unknown) => t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) })

describe('GET /sale/issues', () => {
  test('disputes and claims in one list, newest opened first, in the beta media type', async () => {
    const res = await get('/sale/issues?limit=100')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(`${VENDOR_JSON_BETA};charset=UTF-8`)
    const issues = expectContract(res, 'getListOfIssuesUsingGET').issues as Array<Record<string, any>>
    expect(issues).toHaveLength(17)
    expect(issues.slice(0, 7).map(i => i.id)).toEqual([
      CLAIMS.awaitingId, CLAIMS.returnRequestedId, CLAIMS.acceptedOnDueDateId, CLAIMS.acceptedId, CLAIMS.rejectedId,
      GUIDE.disputeId, GUIDE.unresolvedDisputeId,
    ])
    expect(issues.filter(i => i.type === 'DISPUTE')).toHaveLength(12)
    const opened = issues.map(i => i.openedDate)
    expect([...opened].sort().reverse()).toEqual(opened)
  })

  test('without parameters the first 10; limit and offset page', async () => {
    const all = (await listIssues('?limit=100')).map(i => i.id)
    expect((await listIssues()).map(i => i.id)).toEqual(all.slice(0, 10))
    expect((await listIssues('?limit=4&offset=5')).map(i => i.id)).toEqual(all.slice(5, 9))
    expect(await listIssues('?offset=100')).toEqual([])
  })

  test('limit and offset out of range answer 422 naming the parameter', async () => {
    for (const [query, path] of [['?limit=0', 'limit'], ['?limit=101', 'limit'], ['?offset=-1', 'offset']] as const) {
      const res = await get(`/sale/issues${query}`)
      expect(res.statusCode, query).toBe(422)
      expect(expectContract(res, 'getListOfIssuesUsingGET').errors[0].path).toBe(path)
    }
  })

  test('status filters, repeatable, across both types', async () => {
    expect((await listIssues('?status=CLAIM_SUBMITTED')).map(i => i.id)).toEqual([CLAIMS.awaitingId, CLAIMS.returnRequestedId])
    expect((await listIssues('?status=CLAIM_ACCEPTED&status=CLAIM_REJECTED')).map(i => i.id))
      .toEqual([CLAIMS.acceptedOnDueDateId, CLAIMS.acceptedId, CLAIMS.rejectedId])
    const ongoing = (await listIssues('?status=DISPUTE_ONGOING&limit=100')).map(i => i.id)
    const guide = expectContract(await t.app.inject({ method: 'GET', url: '/sale/disputes?status=ONGOING&limit=100', headers: allegroHeaders(token) }), 'getListOfDisputesUsingGET')
    expect(ongoing).toEqual(guide.disputes.map((d: { id: string }) => d.id))
    const bad = await get('/sale/issues?status=ONGOING')
    expect(bad.statusCode).toBe(422)
    expectContract(bad, 'getListOfIssuesUsingGET')
  })

  test('checkoutForm.id finds the disputes and claims of one order', async () => {
    expect((await listIssues(`?checkoutForm.id=${GUIDE.checkoutFormId}`)).map(i => i.id)).toEqual([GUIDE.disputeId])
    const claim = await issue(CLAIMS.awaitingId)
    expect((await listIssues(`?checkoutForm.id=${claim.checkoutForm.id}`)).map(i => i.id)).toEqual([CLAIMS.awaitingId, CLAIMS.rejectedId])
    expect(await listIssues('?checkoutForm.id=29738e61-7f6a-11e8-ac45-09db60ede9d6')).toEqual([])
  })

  test('the beta media type is required: the public one, JSON or none answer 406; no token 401', async () => {
    for (const accept of [VENDOR_JSON, 'application/json', '*/*', undefined]) {
      const res = await t.app.inject({ method: 'GET', url: '/sale/issues', headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) } })
      expect(res.statusCode, String(accept)).toBe(406)
      expect(expectContract(res, 'getListOfIssuesUsingGET').errors[0].code).toBe('NotAcceptableException')
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/sale/issues', headers: { accept: VENDOR_JSON_BETA } })
    expect(anonymous.statusCode).toBe(401)
    expect(expectContract(anonymous, 'getListOfIssuesUsingGET')).toMatchObject({ error: 'unauthorized' })
    // And the other way round: the beta type on the guide's API.
    expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: { accept: VENDOR_JSON_BETA, authorization: `Bearer ${token}` } })).statusCode).toBe(406)
  })
})

describe('GET /sale/issues/{id}', () => {
  test('a dispute seen as an issue: the guide\'s dispute a38812fa', async () => {
    expect(await issue(GUIDE.disputeId)).toEqual({
      id: GUIDE.disputeId,
      type: 'DISPUTE',
      referenceNumber: null,
      decisionDueDate: null,
      openedDate: '2018-09-14T06:34:24.258Z',
      subject: 'przedmiot jest uszkodzony',
      buyer: { id: '3952032', login: 'Buyer_login1' },
      checkoutForm: { id: GUIDE.checkoutFormId, createdAt: '2018-08-13T05:46:56.000Z' },
      currentState: { status: 'DISPUTE_ONGOING', statusDueDate: null, returnRequired: null, chatActive: true },
      chat: {
        lastMessage: { status: 'NEW', createdAt: '2018-09-14T06:34:24.258Z' },
        messagesCount: 5,
        initialMessage: {
          id: 'e75d97ba-18a7-4d1b-a7ee-d02ba1a21bba',
          text: 'Niestety towar jest uszkodzony.',
          attachments: [{ fileName: 'Zrzut ekranu.png', url: `http://127.0.0.1:3000/sale/issues/attachments/${GUIDE.screenshotAttachmentId}` }],
          author: { login: 'Buyer_login1', role: 'BUYER' },
          createdAt: '2018-09-14T06:34:24.258Z',
        },
      },
      expectations: [],
      description: null,
      offer: null,
      product: null,
      reason: null,
      right: null,
      attachments: [{ fileName: 'Zrzut ekranu.png', url: `http://127.0.0.1:3000/sale/issues/attachments/${GUIDE.screenshotAttachmentId}` }],
    })
    expect((await issue(GUIDE.unresolvedDisputeId)).currentState.status).toBe('DISPUTE_UNRESOLVED')
  })

  test('a claim awaiting the seller\'s decision', async () => {
    const claim = await issue(CLAIMS.awaitingId)
    expect(claim).toMatchObject({
      id: CLAIMS.awaitingId,
      type: 'CLAIM',
      referenceNumber: '1/2026',
      openedDate: '2026-01-02T09:15:00.000Z',
      decisionDueDate: '2026-01-16T09:15:00.000Z',
      subject: 'wada ujawniła się podczas używania',
      buyer: { login: 'Klient_s1_1' },
      currentState: { status: 'CLAIM_SUBMITTED', statusDueDate: '2026-01-16T09:15:00.000Z', returnRequired: null, chatActive: true },
      chat: { lastMessage: { status: 'NEW', createdAt: '2026-01-02T09:15:00.000Z' }, messagesCount: 1 },
      expectations: [{ name: 'REPAIR' }],
      offer: { id: '7783912345', quantity: 1 },
      reason: { type: 'DEFECT_FOUND_DURING_USE', description: 'Urządzenie przestało działać po tygodniu. Proszę o naprawę.' },
      right: 'COMPLAINT',
    })
    expect(claim.product.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('claims in every state of the default scenario', async () => {
    expect((await issue(CLAIMS.acceptedId)).currentState).toEqual({ status: 'CLAIM_ACCEPTED', statusDueDate: null, returnRequired: false, chatActive: true })
    expect((await issue(CLAIMS.rejectedId)).currentState).toEqual({ status: 'CLAIM_REJECTED', statusDueDate: null, returnRequired: true, chatActive: false })
    expect((await issue(CLAIMS.acceptedOnDueDateId)).currentState.status).toBe('CLAIM_ACCEPTED')
    expect((await issue(CLAIMS.returnRequestedId))).toMatchObject({
      currentState: { status: 'CLAIM_SUBMITTED', returnRequired: true }, chat: { lastMessage: { status: 'BUYER_REPLIED' }, messagesCount: 3 },
    })
  })

  test('Accept-Language picks the subject\'s language', async () => {
    expect((await issue(CLAIMS.awaitingId, token, { 'accept-language': 'en-US' })).subject).toBe('a defect showed up during use')
    expect((await issue(CLAIMS.awaitingId, token, { 'accept-language': 'pl-PL' })).subject).toBe('wada ujawniła się podczas używania')
    expect((await issue(GUIDE.disputeId, token, { 'accept-language': 'en-US' })).subject).toBe('the item is damaged')
    expect((await listIssues('?limit=1', token)).map(i => i.subject)).toEqual(['wada ujawniła się podczas używania'])
  })

  test('unknown: 404; another seller\'s dispute or claim: 403 without their data', async () => {
    const unknown = await get('/sale/issues/00000000-0000-4000-8000-000000000001')
    expect(unknown.statusCode).toBe(404)
    expect(expectContract(unknown, 'getIssueUsingGET').errors[0].code).toBe('NOT_FOUND')
    for (const id of [GUIDE.disputeId, CLAIMS.awaitingId]) {
      const res = await get(`/sale/issues/${id}`, otherToken)
      expect(res.statusCode, id).toBe(403)
      expect(expectContract(res, 'getIssueUsingGET').errors[0].code).toBe('AccessDenied')
      expect(res.headers['content-type']).toBe(`${VENDOR_JSON_BETA};charset=UTF-8`)
      expect(res.body).not.toContain('Klient_s1')
      expect(res.body).not.toContain('Buyer_login1')
    }
    const notUuid = await get('/sale/issues/abc')
    expect(notUuid.statusCode).toBe(400)
  })
})

describe('GET /sale/issues/{id}/chat', () => {
  test('a dispute\'s chat is its messages: the same ids, the same order, newest first', async () => {
    const guide = expectContract(await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}/messages?limit=100`, headers: allegroHeaders(token) }), 'getMessagesFromDisputeUsingGET')
    const entries = await chat(GUIDE.disputeId, '?limit=100')
    expect(entries.map(m => m.id)).toEqual(guide.messages.map((m: { id: string }) => m.id))
    expect(entries[4]).toEqual({
      id: 'e75d97ba-18a7-4d1b-a7ee-d02ba1a21bba', text: 'Niestety towar jest uszkodzony.',
      attachments: [{ fileName: 'Zrzut ekranu.png', url: `http://127.0.0.1:3000/sale/issues/attachments/${GUIDE.screenshotAttachmentId}` }],
      author: { login: 'Buyer_login1', role: 'BUYER' }, createdAt: '2018-09-14T06:34:24.258Z',
    })
  })

  test('a claim\'s chat has its messages and its state changes, newest first, worded in the asked language', async () => {
    const entries = await chat(CLAIMS.acceptedId)
    expect(entries.map(m => m.author.role)).toEqual(['SYSTEM', 'SELLER', 'BUYER'])
    expect(entries[0]).toMatchObject({ text: 'Sprzedający uznał reklamację: wymiana.', attachments: [], createdAt: '2025-12-11T10:00:00.000Z' })
    expect((await chat(CLAIMS.acceptedId, '', { 'accept-language': 'en-US' }))[0]!.text).toBe('The seller accepted the claim: exchange.')
    expect((await chat(CLAIMS.acceptedOnDueDateId))[0]).toMatchObject({
      author: { role: 'SYSTEM' }, createdAt: '2025-12-29T08:45:00.000Z',
      text: 'Reklamacja została uznana, bo sprzedający nie odpowiedział w terminie: częściowy zwrot pieniędzy (15.00 PLN).',
    })
  })

  test('limit and offset page the chat; out of range is 422', async () => {
    const all = (await chat(GUIDE.disputeId, '?limit=100')).map(m => m.id)
    expect((await chat(GUIDE.disputeId, '?limit=2&offset=1')).map(m => m.id)).toEqual(all.slice(1, 3))
    const res = await get(`/sale/issues/${GUIDE.disputeId}/chat?limit=0`)
    expect(res.statusCode).toBe(422)
    expectContract(res, 'getChatFromIssueUsingGET')
  })

  test('unknown 404, another seller\'s 403', async () => {
    const unknown = await get('/sale/issues/00000000-0000-4000-8000-000000000001/chat')
    expect(unknown.statusCode).toBe(404)
    expectContract(unknown, 'getChatFromIssueUsingGET')
    const theirs = await get(`/sale/issues/${CLAIMS.rejectedId}/chat`, otherToken)
    expect(theirs.statusCode).toBe(403)
    expectContract(theirs, 'getChatFromIssueUsingGET')
  })
})

describe('one state, two views', () => {
  test('a message posted through the issues API is the guide\'s message: same id, first in both lists', async () => {
    const res = await postIssueMessage(t.app, token, GUIDE.disputeId, { text: 'Dzień dobry, sprawdzamy.', type: 'REGULAR' })
    expect(res.statusCode).toBe(201)
    const posted = expectContract(res, 'addMessageToIssueUsingPOST')
    expect(posted).toEqual({ id: posted.id, text: 'Dzień dobry, sprawdzamy.', attachments: [], author: { login: 'Seller_login1', role: 'SELLER' }, createdAt: START })
    const guide = expectContract(await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}/messages`, headers: allegroHeaders(token) }), 'getMessagesFromDisputeUsingGET')
    expect(guide.messages[0]).toEqual({ id: posted.id, text: 'Dzień dobry, sprawdzamy.', author: { login: 'Seller_login1', role: 'SELLER' }, createdAt: START })
    const dispute = expectContract(await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}`, headers: allegroHeaders(token) }), 'getDisputeUsingGET')
    expect(dispute).toMatchObject({ messagesCount: 6, messagesStatus: 'SELLER_REPLIED', lastMessageCreationDate: START })
    expect((await issue(GUIDE.disputeId)).chat).toMatchObject({ messagesCount: 6, lastMessage: { status: 'SELLER_REPLIED', createdAt: START } })
  })

  test('a message posted through the guide\'s API, and the buyer\'s reply, show in the issue\'s chat in the same order', async () => {
    const first = await t.app.inject({ method: 'POST', url: `/sale/disputes/${GUIDE.disputeId}/messages`, headers: allegroHeaders(token), payload: { text: 'Raz', type: 'REGULAR' } })
    expect(first.statusCode).toBe(201)
    const reply = await control('POST', `/__mock/issues/${GUIDE.disputeId}/messages`, { role: 'BUYER', text: 'Dwa' })
    expect(reply.statusCode).toBe(201)
    const second = await postIssueMessage(t.app, token, GUIDE.disputeId, { text: 'Trzy', type: 'REGULAR' })
    const entries = (await chat(GUIDE.disputeId, '?limit=3')).map(m => [m.id, m.text])
    expect(entries).toEqual([[second.json().id, 'Trzy'], [reply.json().id, 'Dwa'], [first.json().id, 'Raz']])
    const guide = expectContract(await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}/messages?limit=3`, headers: allegroHeaders(token) }), 'getMessagesFromDisputeUsingGET')
    expect(guide.messages.map((m: { id: string, text: string }) => [m.id, m.text])).toEqual(entries)
  })

  test('an attachment uploaded through one API is used and downloaded through the other', async () => {
    const bytes = screenshotPng({ width: 30, height: 20 })
    const id = await uploadIssueAttachment(t.app, token, bytes)
    const posted = await t.app.inject({ method: 'POST', url: `/sale/disputes/${GUIDE.disputeId}/messages`, headers: allegroHeaders(token), payload: { attachment: { id }, type: 'REGULAR' } })
    expect(posted.statusCode).toBe(201)
    expect(expectContract(posted, 'addMessageToDisputeUsingPOST').attachment.url).toBe(`http://127.0.0.1:3000/sale/dispute-attachments/${id}`)
    expect((await chat(GUIDE.disputeId, '?limit=1'))[0]!.attachments).toEqual([{ fileName: 'zdjecie.png', url: `http://127.0.0.1:3000/sale/issues/attachments/${id}` }])
    const viaGuide = await t.app.inject({ method: 'GET', url: `/sale/dispute-attachments/${id}`, headers: { authorization: `Bearer ${token}` } })
    const viaIssues = await t.app.inject({ method: 'GET', url: `/sale/issues/attachments/${id}`, headers: { authorization: `Bearer ${token}` } })
    expectContract(viaIssues, 'getIssueAttachmentUsingGET')
    expect(viaGuide.rawPayload.equals(bytes)).toBe(true)
    expect(viaIssues.rawPayload.equals(bytes)).toBe(true)
    expect(viaIssues.headers['content-type']).toBe('image/png')
  })

  test('a status the simulator sets on the dispute shows in both: closed, then the issue\'s chat is inactive', async () => {
    const res = await control('POST', `/__mock/issues/${GUIDE.disputeId}/status`, { status: 'DISPUTE_CLOSED' })
    expect(res.statusCode).toBe(200)
    expect(res.json().currentState).toMatchObject({ status: 'DISPUTE_CLOSED', chatActive: false })
    const guide = expectContract(await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}`, headers: allegroHeaders(token) }), 'getDisputeUsingGET')
    expect(guide.status).toBe('CLOSED')
    const refused = await postIssueMessage(t.app, token, GUIDE.disputeId, { text: 'Halo?', type: 'REGULAR' })
    expect(refused.statusCode).toBe(409)
    expect(expectContract(refused, 'addMessageToIssueUsingPOST').errors[0]).toMatchObject({ code: 'CONFLICT', message: 'Dispute is in a state that forbids adding new messages' })
  })
})

describe('POST /sale/issues/{id}/message', () => {
  test('a text message to a claim: 201, counted in the chat, last message by the seller', async () => {
    const res = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'Proszę przesłać zdjęcie wady.', type: 'REGULAR' })
    expect(res.statusCode).toBe(201)
    expect(expectContract(res, 'addMessageToIssueUsingPOST')).toMatchObject({ text: 'Proszę przesłać zdjęcie wady.', author: { login: 'Seller_login1', role: 'SELLER' }, createdAt: START })
    expect((await issue(CLAIMS.awaitingId)).chat).toMatchObject({ messagesCount: 2, lastMessage: { status: 'SELLER_REPLIED', createdAt: START } })
    expect((await chat(CLAIMS.awaitingId))[0]!.id).toBe(res.json().id)
  })

  test('return types set returnRequired on a claim; END_REQUEST is for disputes only, return types for claims only', async () => {
    expect((await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'Proszę odesłać.', type: 'RETURN_REQUIRED_CUSTOM' })).statusCode).toBe(201)
    expect((await issue(CLAIMS.awaitingId)).currentState.returnRequired).toBe(true)
    expect((await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'Jednak nie trzeba.', type: 'RETURN_NOT_REQUIRED' })).statusCode).toBe(201)
    expect((await issue(CLAIMS.awaitingId)).currentState.returnRequired).toBe(false)
    const end = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'Koniec?', type: 'END_REQUEST' })
    expect(end.statusCode).toBe(422)
    expect(expectContract(end, 'addMessageToIssueUsingPOST').errors[0].path).toBe('type')
    const onDispute = await postIssueMessage(t.app, token, GUIDE.disputeId, { text: 'Odeślij', type: 'RETURN_REQUIRED_CUSTOM' })
    expect(onDispute.statusCode).toBe(422)
    expectContract(onDispute, 'addMessageToIssueUsingPOST')
    expect((await postIssueMessage(t.app, token, GUIDE.disputeId, { text: 'Czy możemy zakończyć?', type: 'END_REQUEST' })).statusCode).toBe(201)
  })

  test('neither text nor attachment: 422; a bad type: 422; not JSON: 400; the public media type: 415', async () => {
    const empty = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { type: 'REGULAR' })
    expect(empty.statusCode).toBe(422)
    expect(expectContract(empty, 'addMessageToIssueUsingPOST').errors[0].path).toBe('text')
    const badType = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'x', type: 'SHOUT' })
    expect(badType.statusCode).toBe(422)
    expectContract(badType, 'addMessageToIssueUsingPOST')
    const notJson = await t.app.inject({ method: 'POST', url: `/sale/issues/${CLAIMS.awaitingId}/message`, headers: issueHeaders(token), payload: '{"text":' })
    expect(notJson.statusCode).toBe(400)
    expect(expectContract(notJson, 'addMessageToIssueUsingPOST').errors[0].code).toBe('INVALID_JSON')
    const publicType = await t.app.inject({ method: 'POST', url: `/sale/issues/${CLAIMS.awaitingId}/message`, headers: issueHeaders(token, { 'content-type': VENDOR_JSON }), payload: { text: 'x', type: 'REGULAR' } })
    expect(publicType.statusCode).toBe(415)
    expect(expectContract(publicType, 'addMessageToIssueUsingPOST').errors[0].code).toBe('NotSupportedException')
  })

  test('an attachment: uploaded, once, the seller\'s own; two attachments are refused', async () => {
    const bytes = greyJpeg()
    const id = await uploadIssueAttachment(t.app, token, bytes, 'image/jpeg', 'wada.jpg')
    const res = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { attachments: [{ id }], type: 'REGULAR' })
    expect(res.statusCode).toBe(201)
    expect(expectContract(res, 'addMessageToIssueUsingPOST').attachments).toEqual([{ fileName: 'wada.jpg', url: `http://127.0.0.1:3000/sale/issues/attachments/${id}` }])
    const again = await postIssueMessage(t.app, token, CLAIMS.returnRequestedId, { attachments: [{ id }], type: 'REGULAR' })
    expect(again.statusCode).toBe(422)
    expect(expectContract(again, 'addMessageToIssueUsingPOST').errors[0].message).toContain('already used')
    const declared = expectContract(await t.app.inject({ method: 'POST', url: '/sale/issues/attachments', headers: issueHeaders(token), payload: { fileName: 'a.png', size: 10 } }), 'createAnIssueAttachmentUsingPOST')
    const notUploaded = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { attachments: [{ id: declared.id }], type: 'REGULAR' })
    expect(notUploaded.statusCode).toBe(422)
    const theirs = await uploadIssueAttachment(t.app, otherToken, screenshotPng())
    expect((await postIssueMessage(t.app, token, CLAIMS.awaitingId, { attachments: [{ id: theirs }], type: 'REGULAR' })).statusCode).toBe(422)
    const two = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'x', attachments: [{ id }, { id: theirs }], type: 'REGULAR' })
    expect(two.statusCode).toBe(422)
    expectContract(two, 'addMessageToIssueUsingPOST')
  })

  test('a claim whose chat is closed answers 409, and nothing is stored', async () => {
    const before = readState(t.store, s => s.claimMessages!.length)
    const res = await postIssueMessage(t.app, token, CLAIMS.rejectedId, { text: 'Halo?', type: 'REGULAR' })
    expect(res.statusCode).toBe(409)
    expect(expectContract(res, 'addMessageToIssueUsingPOST').errors[0].code).toBe('CONFLICT')
    expect(readState(t.store, s => s.claimMessages!.length)).toBe(before)
  })

  test('unknown 404; another seller\'s 403 and nothing is written', async () => {
    const unknown = await postIssueMessage(t.app, token, '00000000-0000-4000-8000-000000000001', { text: 'x', type: 'REGULAR' })
    expect(unknown.statusCode).toBe(404)
    expectContract(unknown, 'addMessageToIssueUsingPOST')
    for (const id of [GUIDE.disputeId, CLAIMS.awaitingId]) {
      const res = await postIssueMessage(t.app, otherToken, id, { text: 'Intruz', type: 'REGULAR' })
      expect(res.statusCode, id).toBe(403)
      expectContract(res, 'addMessageToIssueUsingPOST')
    }
    expect(readState(t.store, s => [...s.disputeMessages, ...s.claimMessages!].some(m => m.text === 'Intruz'))).toBe(false)
  })
})

describe('POST /sale/issues/{id}/status', () => {
  test('the seller accepts a claim with a partial refund: 200 without a body, the state and the chat follow', async () => {
    const res = await decide(CLAIMS.awaitingId, { status: 'ACCEPTED_PARTIAL_REFUND', message: 'Zwracamy część kwoty.', partialRefund: { amount: '10.50', currency: 'PLN' } })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
    const claim = await issue(CLAIMS.awaitingId)
    expect(claim.currentState).toEqual({ status: 'CLAIM_ACCEPTED', statusDueDate: null, returnRequired: null, chatActive: true })
    expect(claim.decisionDueDate).toBe('2026-01-16T09:15:00.000Z')
    const entries = await chat(CLAIMS.awaitingId)
    expect(entries.slice(0, 2)).toMatchObject([
      { author: { role: 'SYSTEM' }, text: 'Sprzedający uznał reklamację: częściowy zwrot pieniędzy (10.50 PLN).', createdAt: START },
      { author: { login: 'Seller_login1', role: 'SELLER' }, text: 'Zwracamy część kwoty.', createdAt: START },
    ])
    expect(claim.chat).toMatchObject({ messagesCount: 3, lastMessage: { status: 'SELLER_REPLIED', createdAt: START } })
    expect((await listIssues('?status=CLAIM_SUBMITTED')).map(i => i.id)).toEqual([CLAIMS.returnRequestedId])
  })

  test('the seller rejects a claim', async () => {
    expect((await decide(CLAIMS.returnRequestedId, { status: 'REJECTED_PRODUCT_NOT_RETURNED', message: 'Paczka do nas nie dotarła.' })).statusCode).toBe(200)
    expect((await issue(CLAIMS.returnRequestedId)).currentState.status).toBe('CLAIM_REJECTED')
    expect((await chat(CLAIMS.returnRequestedId, '', { 'accept-language': 'en-US' }))[0]!.text).toBe('The seller rejected the claim: the product was not sent back.')
  })

  test('a decided claim cannot be decided again: 400', async () => {
    const res = await decide(CLAIMS.acceptedId, { status: 'REJECTED_OTHER', message: 'Zmiana zdania.' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'status', message: 'The claim was already accepted' })
    expect((await issue(CLAIMS.acceptedId)).currentState.status).toBe('CLAIM_ACCEPTED')
  })

  test('a status change is not an operation for disputes: 400, the dispute is untouched', async () => {
    const res = await decide(GUIDE.disputeId, { status: 'ACCEPTED_REFUND', message: 'OK' })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'issueId' })
    expect(res.json().errors[0].message).toContain('not a valid operation for disputes')
    expect((await issue(GUIDE.disputeId)).currentState.status).toBe('DISPUTE_ONGOING')
  })

  test('the partial refund\'s rules: needed, positive, at most the order\'s total, in its currency, only with a partial refund', async () => {
    const cases: Array<[unknown, string]> = [
      [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x' }, 'partialRefund'],
      [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '0.00', currency: 'PLN' } }, 'partialRefund.amount'],
      [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '99999.00', currency: 'PLN' } }, 'partialRefund.amount'],
      [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '5.00', currency: 'EUR' } }, 'partialRefund.currency'],
      [{ status: 'ACCEPTED_REFUND', message: 'x', partialRefund: { amount: '5.00', currency: 'PLN' } }, 'partialRefund'],
      [{ status: 'ACCEPTED_REFUND', message: '   ' }, 'message'],
      [{ status: 'ACCEPTED_REFUND' }, 'message'],
      [{ status: 'ACCEPTED_EVERYTHING', message: 'x' }, 'status'],
    ]
    for (const [body, path] of cases) {
      const res = await decide(CLAIMS.awaitingId, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().errors[0].path, JSON.stringify(body)).toBe(path)
    }
    expect((await issue(CLAIMS.awaitingId)).currentState.status).toBe('CLAIM_SUBMITTED')
  })

  test('unknown 404, another seller\'s 403, the public media type 415, no token 401', async () => {
    expect((await decide('00000000-0000-4000-8000-000000000001', { status: 'ACCEPTED_REFUND', message: 'x' })).statusCode).toBe(404)
    expect((await decide(CLAIMS.awaitingId, { status: 'ACCEPTED_REFUND', message: 'x' }, otherToken)).statusCode).toBe(403)
    const publicType = await t.app.inject({ method: 'POST', url: `/sale/issues/${CLAIMS.awaitingId}/status`, headers: issueHeaders(token, { 'content-type': VENDOR_JSON }), payload: { status: 'ACCEPTED_REFUND', message: 'x' } })
    expect(publicType.statusCode).toBe(415)
    expectContract(publicType, 'changeStatusOfIssueUsingPOST')
    const anonymous = await t.app.inject({ method: 'POST', url: `/sale/issues/${CLAIMS.awaitingId}/status`, headers: { 'content-type': VENDOR_JSON_BETA }, payload: { status: 'ACCEPTED_REFUND', message: 'x' } })
    expect(anonymous.statusCode).toBe(401)
    expectContract(anonymous, 'changeStatusOfIssueUsingPOST')
    expect((await issue(CLAIMS.awaitingId)).currentState.status).toBe('CLAIM_SUBMITTED')
  })
})

describe('the due-date rule, on the manual clock', () => {
  test('a claim not decided by its due date is accepted at that date, as the buyer asked', async () => {
    t.clock.set(new Date(Date.parse('2026-01-12T14:00:00.000Z') - 1))
    token = await tokenFor(t.app)
    expect((await issue(CLAIMS.returnRequestedId)).currentState.status).toBe('CLAIM_SUBMITTED')
    t.clock.advance(1)
    const claim = await issue(CLAIMS.returnRequestedId)
    expect(claim.currentState).toEqual({ status: 'CLAIM_ACCEPTED', statusDueDate: null, returnRequired: true, chatActive: true })
    expect((await chat(CLAIMS.returnRequestedId))[0]).toMatchObject({
      author: { role: 'SYSTEM' }, createdAt: '2026-01-12T14:00:00.000Z',
      text: 'Reklamacja została uznana, bo sprzedający nie odpowiedział w terminie: częściowy zwrot pieniędzy (20.00 PLN).',
    })
    expect((await issue(CLAIMS.awaitingId)).currentState.status).toBe('CLAIM_SUBMITTED')
    expect(readState(t.store, s => s.claims!.find(c => c.id === CLAIMS.returnRequestedId)!.meta.decision))
      .toEqual({ status: 'ACCEPTED_PARTIAL_REFUND', by: 'DUE_DATE', at: '2026-01-12T14:00:00.000Z', partialRefund: { amount: '20.00', currency: 'PLN' } })
  })

  test('after the due date the seller\'s decision comes too late: 400, the claim stays accepted', async () => {
    t.clock.advance(30 * DAY)
    token = await tokenFor(t.app)
    const res = await decide(CLAIMS.awaitingId, { status: 'REJECTED_OTHER', message: 'Za późno?' })
    expect(res.statusCode).toBe(400)
    expect((await issue(CLAIMS.awaitingId)).currentState.status).toBe('CLAIM_ACCEPTED')
    expect((await listIssues('?status=CLAIM_SUBMITTED')).map(i => i.id)).toEqual([])
  })

  test('the list settles due claims too, and a message to one goes in after its acceptance', async () => {
    t.clock.advance(30 * DAY)
    token = await tokenFor(t.app)
    expect((await listIssues('?status=CLAIM_ACCEPTED')).map(i => i.id)).toEqual([CLAIMS.awaitingId, CLAIMS.returnRequestedId, CLAIMS.acceptedOnDueDateId, CLAIMS.acceptedId])
    const res = await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'Przyjęte.', type: 'REGULAR' })
    expect(res.statusCode).toBe(201)
    expect((await chat(CLAIMS.awaitingId)).map(m => m.author.role)).toEqual(['SELLER', 'SYSTEM', 'BUYER'])
  })

  test('each seller\'s claims fall due on that seller\'s clock', async () => {
    t.clock.set(new Date('2026-01-16T09:15:00.000Z'))
    token = await tokenFor(t.app)
    otherToken = await tokenFor(t.app, 'Seller_login2')
    expect((await issue(CLAIMS.awaitingId)).currentState.status).toBe('CLAIM_ACCEPTED')
    expect((await issue(CLAIMS.otherSellerAwaitingId, otherToken)).currentState.status).toBe('CLAIM_SUBMITTED')
    const moved = await control('POST', '/__mock/sellers/Seller_login2/clock/advance', { by: 'P2D' })
    expect(moved.statusCode).toBe(200)
    otherToken = await tokenFor(t.app, 'Seller_login2')
    expect((await issue(CLAIMS.otherSellerAwaitingId, otherToken)).currentState.status).toBe('CLAIM_ACCEPTED')
  })
})

describe('attachments: declare, upload, use, download', () => {
  const declare = async (size: number, bearer = token, fileName = 'zdjecie.png') =>
    t.app.inject({ method: 'POST', url: '/sale/issues/attachments', headers: issueHeaders(bearer), payload: { fileName, size } })
  const put = (id: string, bytes: Buffer, contentType = 'image/png', bearer = token) =>
    t.app.inject({ method: 'PUT', url: `/sale/issues/attachments/${id}`, headers: issueHeaders(bearer, { 'content-type': contentType }), payload: bytes })

  test('the declaration answers 201 with the id and the one-time upload URL in Location; the upload answers the id', async () => {
    const bytes = screenshotPng()
    const declared = await declare(bytes.length)
    expect(declared.statusCode).toBe(201)
    const { id } = expectContract(declared, 'createAnIssueAttachmentUsingPOST')
    expect(declared.headers.location).toBe(`http://127.0.0.1:3000/sale/issues/attachments/${id}`)
    const uploaded = await put(id, bytes)
    expect(uploaded.statusCode).toBe(200)
    expect(expectContract(uploaded, 'uploadIssueAttachmentUsingPUT')).toEqual({ id })
    expect(uploaded.headers['content-type']).toBe(`${VENDOR_JSON_BETA};charset=UTF-8`)
  })

  test('the same limits as the guide\'s: over 2 MiB at declaration 422 ATTACHMENT_ERROR, a bad name 422', async () => {
    const big = await declare(2_097_153)
    expect(big.statusCode).toBe(422)
    expect(expectContract(big, 'createAnIssueAttachmentUsingPOST').errors[0]).toMatchObject({ code: 'ATTACHMENT_ERROR', path: 'size' })
    expect((await declare(10, token, '../etc/passwd')).statusCode).toBe(422)
    const zero = await declare(0)
    expect(zero.statusCode).toBe(422)
    expectContract(zero, 'createAnIssueAttachmentUsingPOST')
  })

  test('uploads are checked: size against the declaration, signature against the type, one time, media type, 413', async () => {
    const bytes = screenshotPng()
    const { id } = (await declare(bytes.length)).json()
    const wrongSize = await put(id, Buffer.concat([bytes, Buffer.alloc(1)]))
    expect(wrongSize.statusCode).toBe(422)
    expectContract(wrongSize, 'uploadIssueAttachmentUsingPUT')
    const wrongSignature = await put(id, bytes, 'image/jpeg')
    expect(wrongSignature.statusCode).toBe(422)
    const webp = await put(id, bytes, 'image/webp')
    expect(webp.statusCode).toBe(415)
    expectContract(webp, 'uploadIssueAttachmentUsingPUT')
    expect((await put(id, bytes)).statusCode).toBe(200)
    expect((await put(id, bytes)).statusCode).toBe(422)
    const { id: large } = (await declare(2_097_152)).json()
    const tooBig = await put(large, Buffer.concat([bytes, Buffer.alloc(2_097_153 - bytes.length)]))
    expect(tooBig.statusCode).toBe(413)
    expectContract(tooBig, 'uploadIssueAttachmentUsingPUT')
  })

  test('an upload to an unknown id or another seller\'s declaration is 404; a download of another seller\'s file 403', async () => {
    const bytes = screenshotPng()
    const unknown = await put('00000000-0000-4000-8000-000000000002', bytes)
    expect(unknown.statusCode).toBe(404)
    expectContract(unknown, 'uploadIssueAttachmentUsingPUT')
    const { id: theirs } = (await declare(bytes.length, otherToken)).json()
    expect((await put(theirs, bytes)).statusCode).toBe(404)
    const download = await t.app.inject({ method: 'GET', url: `/sale/issues/attachments/${GUIDE.screenshotAttachmentId}`, headers: { authorization: `Bearer ${otherToken}` } })
    expect(download.statusCode).toBe(403)
    expect(expectContract(download, 'getIssueAttachmentUsingGET').errors[0].code).toBe('AccessDenied')
    expect(download.headers['content-type']).toBe(`${VENDOR_JSON_BETA};charset=UTF-8`)
    const missing = await t.app.inject({ method: 'GET', url: '/sale/issues/attachments/00000000-0000-4000-8000-000000000003', headers: { authorization: `Bearer ${token}` } })
    expect(missing.statusCode).toBe(404)
    expectContract(missing, 'getIssueAttachmentUsingGET')
  })

  test('the guide\'s attachment downloads through the issues API without an Accept header', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/sale/issues/attachments/${GUIDE.downloadAttachmentId}`, headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/jpeg')
    expect(res.rawPayload.equals(greyJpeg())).toBe(true)
  })
})

describe('the simulator: the buyer\'s and Allegro\'s side', () => {
  const quietOrder = () => readState(t.store, s => s.checkoutForms.find(f => f.buyer.login === 'Klient_s1_3')!)

  test('the buyer files a claim with a photo: SUBMITTED, due in 14 days, numbered on from the seller\'s claims', async () => {
    const order = quietOrder()
    const photo = greyJpeg()
    const res = await control('POST', '/__mock/claims', {
      checkoutFormId: order.id, reason: { type: 'ITEM_IS_DAMAGED', description: 'Pęknięta obudowa.' },
      expectations: [{ name: 'EXCHANGE' }], text: 'Proszę o wymianę.', file: { fileName: 'obudowa.jpg', contentType: 'image/jpeg', base64: photo.toString('base64') },
    })
    expect(res.statusCode).toBe(201)
    const filed = res.json()
    const claim = await issue(filed.id)
    expect(claim).toMatchObject({
      type: 'CLAIM', referenceNumber: '2/2026', openedDate: START, decisionDueDate: '2026-01-19T10:00:00.000Z',
      buyer: { id: order.buyer.id, login: 'Klient_s1_3' }, checkoutForm: { id: order.id },
      currentState: { status: 'CLAIM_SUBMITTED', statusDueDate: '2026-01-19T10:00:00.000Z', returnRequired: null, chatActive: true },
      chat: { messagesCount: 1, lastMessage: { status: 'NEW' }, initialMessage: { text: 'Proszę o wymianę.', author: { login: 'Klient_s1_3', role: 'BUYER' } } },
      expectations: [{ name: 'EXCHANGE' }], reason: { type: 'ITEM_IS_DAMAGED', description: 'Pęknięta obudowa.' }, right: 'COMPLAINT',
    })
    expect(claim.attachments).toHaveLength(1)
    const download = await t.app.inject({ method: 'GET', url: new URL(claim.attachments[0].url).pathname, headers: { authorization: `Bearer ${token}` } })
    expect(download.rawPayload.equals(photo)).toBe(true)
    expect((await listIssues('?limit=1')).map(i => i.id)).toEqual([filed.id])
  })

  test('a claim on an unknown order 404; without a text or a file 422; a file that is not what it says 422', async () => {
    expect((await control('POST', '/__mock/claims', { checkoutFormId: '00000000-0000-1000-8000-000000000000', reason: { type: 'ITEM_IS_DAMAGED' }, text: 'x' })).statusCode).toBe(404)
    expect((await control('POST', '/__mock/claims', { checkoutFormId: quietOrder().id, reason: { type: 'ITEM_IS_DAMAGED' } })).statusCode).toBe(422)
    const fake = await control('POST', '/__mock/claims', { checkoutFormId: quietOrder().id, reason: { type: 'ITEM_IS_DAMAGED' }, file: { fileName: 'a.png', contentType: 'image/png', base64: Buffer.from('not a png').toString('base64') } })
    expect(fake.statusCode).toBe(422)
    expect((await control('POST', '/__mock/claims', { checkoutFormId: quietOrder().id, reason: { type: 'LOST_INTEREST' }, text: 'x' })).statusCode).toBe(422)
  })

  test('the buyer and the advisor write in a claim; the last message status follows', async () => {
    await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'Proszę o zdjęcie.', type: 'REGULAR' })
    expect((await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/messages`, { role: 'BUYER', text: 'Wysyłam.' })).statusCode).toBe(201)
    expect((await issue(CLAIMS.awaitingId)).chat.lastMessage.status).toBe('BUYER_REPLIED')
    const advisor = await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/messages`, { role: 'ADMIN', text: 'Prosimy o porozumienie.' })
    expect(advisor.json().author).toEqual({ role: 'ADMIN' })
    expect((await issue(CLAIMS.awaitingId)).chat.lastMessage.status).toBe('ALLEGRO_ADVISOR_REPLIED')
    expect((await control('POST', `/__mock/issues/${CLAIMS.rejectedId}/messages`, { role: 'BUYER', text: 'Halo' })).statusCode).toBe(409)
  })

  test('Allegro decides, reopens, closes and opens a claim\'s chat', async () => {
    const decided = await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { status: 'CLAIM_REJECTED', decision: 'REJECTED_MINOR_DEFECT' })
    expect(decided.statusCode).toBe(200)
    expect(decided.json().currentState.status).toBe('CLAIM_REJECTED')
    expect((await chat(CLAIMS.awaitingId))[0]!.text).toBe('Allegro odrzucił reklamację: wada jest nieistotna.')
    const reopened = await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { status: 'CLAIM_SUBMITTED' })
    expect(reopened.json()).toMatchObject({ decisionDueDate: '2026-01-19T10:00:00.000Z', currentState: { status: 'CLAIM_SUBMITTED', statusDueDate: '2026-01-19T10:00:00.000Z' } })
    const closed = await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { chatActive: false })
    expect(closed.json().currentState.chatActive).toBe(false)
    expect((await postIssueMessage(t.app, token, CLAIMS.awaitingId, { text: 'x', type: 'REGULAR' })).statusCode).toBe(409)
    await control('POST', `/__mock/issues/${CLAIMS.rejectedId}/status`, { chatActive: true })
    expect((await postIssueMessage(t.app, token, CLAIMS.rejectedId, { text: 'Jednak piszę.', type: 'REGULAR' })).statusCode).toBe(201)
  })

  test('Allegro may overturn its decision on a decided claim; the same decision again changes nothing', async () => {
    const states = async () => (await chat(CLAIMS.awaitingId)).filter(entry => entry.author.role === 'SYSTEM').length
    await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { status: 'CLAIM_ACCEPTED', decision: 'ACCEPTED_EXCHANGE' })
    const before = await states()
    const again = await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { status: 'CLAIM_ACCEPTED', decision: 'ACCEPTED_EXCHANGE' })
    expect(again.statusCode).toBe(200)
    expect(await states()).toBe(before)
    const overturned = await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { decision: 'ACCEPTED_REFUND' })
    expect(overturned.json().currentState.status).toBe('CLAIM_ACCEPTED')
    expect(await states()).toBe(before + 1)
    expect((await chat(CLAIMS.awaitingId))[0]!.text).toContain('zwrot pieniędzy')
    const rejected = await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { decision: 'REJECTED_OTHER' })
    expect(rejected.json().currentState.status).toBe('CLAIM_REJECTED')
  })

  test('wrong statuses for the type, and unknown issues, are refused', async () => {
    expect((await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { status: 'DISPUTE_CLOSED' })).statusCode).toBe(422)
    expect((await control('POST', `/__mock/issues/${GUIDE.disputeId}/status`, { status: 'CLAIM_ACCEPTED' })).statusCode).toBe(422)
    expect((await control('POST', `/__mock/issues/${GUIDE.disputeId}/status`, { chatActive: false })).statusCode).toBe(422)
    expect((await control('POST', `/__mock/issues/${CLAIMS.awaitingId}/status`, { status: 'CLAIM_ACCEPTED', decision: 'REJECTED_OTHER' })).statusCode).toBe(422)
    expect((await control('POST', '/__mock/issues/00000000-0000-4000-8000-000000000001/status', { status: 'CLAIM_ACCEPTED' })).statusCode).toBe(404)
    expect((await control('POST', `/__mock/issues/${GUIDE.disputeId}/status`, { status: 'DISPUTE_UNRESOLVED' })).json().currentState.status).toBe('DISPUTE_UNRESOLVED')
  })
})

describe('isolation between sellers', () => {
  test('each seller lists only their own issues', async () => {
    const mine = (await listIssues('?limit=100')).map(i => i.id)
    const theirs = (await listIssues('?limit=100', otherToken)).map(i => i.id)
    expect(theirs).toHaveLength(5)
    expect(theirs).toEqual(expect.arrayContaining([CLAIMS.otherSellerAwaitingId, CLAIMS.otherSellerRejectedId]))
    expect(theirs.some(id => mine.includes(id))).toBe(false)
    const order = (await issue(CLAIMS.awaitingId)).checkoutForm.id
    expect(await listIssues(`?checkoutForm.id=${order}`, otherToken)).toEqual([])
  })
})
