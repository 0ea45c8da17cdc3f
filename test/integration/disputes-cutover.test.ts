import type { InjectOptions } from 'fastify'
import { describe, expect, test } from 'vitest'
import { CLAIMS } from '../../src/fixtures/claims.js'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { screenshotPng } from '../../src/fixtures/files.js'
import { loadConfig, type Config } from '../../src/server/config.js'
import { allegroHeaders, buildTestApp, expectContract, START, tokenFor, type TestApp } from '../support/app.js'
import { issueHeaders } from '../support/issues.js'

// Declared (not uploaded) by the first seller in every app here: one for each API's upload.
const FOR_GUIDE = '5a4c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4'
const FOR_ISSUES = '6b5d2e3f-4051-4c6d-9e7f-8091a2b3c4d5'

const FEATURE_UNAVAILABLE = {
  errors: [{
    code: 'NotFoundException', message: 'Feature unavailable. Contact the application author.', details: null, path: null,
    userMessage: 'Funkcja jest niedostępna. Skontaktuj się z autorem aplikacji.', metadata: {},
  }],
}

/** One request to every operation of the guide's disputes API, as a client on it sends them. */
function guideRequests (token: string): Array<[string, { method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: string | Buffer }]> {
  return [
    ['getListOfDisputesUsingGET', { method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) }],
    ['getDisputeUsingGET', { method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}`, headers: allegroHeaders(token) }],
    ['getMessagesFromDisputeUsingGET', { method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}/messages`, headers: allegroHeaders(token) }],
    ['addMessageToDisputeUsingPOST', { method: 'POST', url: `/sale/disputes/${GUIDE.disputeId}/messages`, headers: allegroHeaders(token), payload: '{"text":"Halo","type":"REGULAR"}' }],
    ['createAnAttachmentUsingPOST', { method: 'POST', url: '/sale/dispute-attachments', headers: allegroHeaders(token), payload: '{"fileName":"a.png","size":10}' }],
    ['uploadDisputeAttachmentUsingPUT', { method: 'PUT', url: `/sale/dispute-attachments/${FOR_GUIDE}`, headers: allegroHeaders(token, { 'content-type': 'image/png' }), payload: screenshotPng() }],
    ['getAttachmentUsingGET', { method: 'GET', url: `/sale/dispute-attachments/${GUIDE.downloadAttachmentId}`, headers: { authorization: `Bearer ${token}` } }],
  ]
}

function issuesRequests (token: string): Array<[string, { method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: string | Buffer }]> {
  return [
    ['getListOfIssuesUsingGET', { method: 'GET', url: '/sale/issues', headers: issueHeaders(token) }],
    ['getIssueUsingGET', { method: 'GET', url: `/sale/issues/${CLAIMS.awaitingId}`, headers: issueHeaders(token) }],
    ['getChatFromIssueUsingGET', { method: 'GET', url: `/sale/issues/${CLAIMS.awaitingId}/chat`, headers: issueHeaders(token) }],
    ['addMessageToIssueUsingPOST', { method: 'POST', url: `/sale/issues/${CLAIMS.awaitingId}/message`, headers: issueHeaders(token), payload: '{"text":"Halo","type":"REGULAR"}' }],
    ['changeStatusOfIssueUsingPOST', { method: 'POST', url: `/sale/issues/${CLAIMS.awaitingId}/status`, headers: issueHeaders(token), payload: '{"status":"ACCEPTED_REPAIR","message":"OK"}' }],
    ['createAnIssueAttachmentUsingPOST', { method: 'POST', url: '/sale/issues/attachments', headers: issueHeaders(token), payload: '{"fileName":"a.png","size":10}' }],
    ['uploadIssueAttachmentUsingPUT', { method: 'PUT', url: `/sale/issues/attachments/${FOR_ISSUES}`, headers: issueHeaders(token, { 'content-type': 'image/png' }), payload: screenshotPng() }],
    ['getIssueAttachmentUsingGET', { method: 'GET', url: `/sale/issues/attachments/${GUIDE.downloadAttachmentId}`, headers: { authorization: `Bearer ${token}` } }],
  ]
}

async function app (config: Partial<Config>): Promise<{ t: TestApp, token: string }> {
  const t = await buildTestApp({ config })
  await t.store.update(tx => {
    for (const id of [FOR_GUIDE, FOR_ISSUES]) {
      tx.seller('44667781').disputeAttachments.put({
        id, fileName: 'a.png', size: screenshotPng().length,
        meta: { sellerId: '44667781', declaredAt: START, contentType: null, uploadedAt: null, messageId: null },
      })
    }
  })
  return { t, token: await tokenFor(t.app) }
}

async function expectRemoved (t: TestApp, operationId: string, request: InjectOptions) {
  const res = await t.app.inject(request)
  expect(res.statusCode, operationId).toBe(404)
  expect(res.headers['content-type'], operationId).toBe('application/json; charset=utf-8')
  expect(expectContract(res, operationId), operationId).toEqual(FEATURE_UNAVAILABLE)
}

describe('--disputes-api', () => {
  test('both (the default): both APIs answer', async () => {
    const { t, token } = await app({})
    for (const [operationId, request] of [...guideRequests(token), ...issuesRequests(token)]) {
      const res = await t.app.inject(request)
      expect(res.statusCode, `${operationId} ${res.body}`).toBeLessThan(300)
      expectContract(res, operationId)
    }
  })

  test('issues: every operation of the guide\'s API answers 404 Feature unavailable, whatever the token or headers', async () => {
    const { t, token } = await app({ disputesApi: 'issues' })
    for (const [operationId, request] of guideRequests(token)) await expectRemoved(t, operationId, request)
    await expectRemoved(t, 'getListOfDisputesUsingGET', { method: 'GET', url: '/sale/disputes' })
    for (const [operationId, request] of issuesRequests(token)) expect((await t.app.inject(request)).statusCode, operationId).toBeLessThan(300)
    // The tester's side of disputes keeps working, and what it writes shows through the successor.
    const reply = await t.app.inject({ method: 'POST', url: `/__mock/disputes/${GUIDE.disputeId}/messages`, payload: { role: 'BUYER', text: 'Halo?' } })
    expect(reply.statusCode).toBe(201)
    const chat = expectContract(await t.app.inject({ method: 'GET', url: `/sale/issues/${GUIDE.disputeId}/chat?limit=1`, headers: issueHeaders(token) }), 'getChatFromIssueUsingGET')
    expect(chat.chat[0].id).toBe(reply.json().id)
  })

  test('guide: the issues API answers 404 Feature unavailable, the guide\'s as before', async () => {
    const { t, token } = await app({ disputesApi: 'guide' })
    for (const [operationId, request] of issuesRequests(token)) await expectRemoved(t, operationId, request)
    for (const [operationId, request] of guideRequests(token)) expect((await t.app.inject(request)).statusCode, operationId).toBeLessThan(300)
  })
})

describe('--disputes-removed-at', () => {
  test('the guide\'s API works until the moment on the mock\'s clock, then answers as removed; the issues API goes on', async () => {
    const removedAt = new Date(Date.parse(START) + 3600_000).toISOString()
    const { t, token } = await app({ disputesRemovedAt: removedAt })
    const posted = await t.app.inject({ method: 'POST', url: `/sale/disputes/${GUIDE.disputeId}/messages`, headers: allegroHeaders(token), payload: { text: 'Przed wyłączeniem', type: 'REGULAR' } })
    expect(posted.statusCode).toBe(201)
    t.clock.advance(3600_000 - 1)
    expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })).statusCode).toBe(200)
    t.clock.advance(1)
    for (const [operationId, request] of guideRequests(token)) await expectRemoved(t, operationId, request)
    // What was written before the removal is there in the successor.
    const chat = expectContract(await t.app.inject({ method: 'GET', url: `/sale/issues/${GUIDE.disputeId}/chat?limit=1`, headers: issueHeaders(token) }), 'getChatFromIssueUsingGET')
    expect(chat.chat[0]).toMatchObject({ id: posted.json().id, text: 'Przed wyłączeniem' })
  })

  test('a removal date already past answers 404 from the start', async () => {
    const { t, token } = await app({ disputesRemovedAt: '2026-01-07T00:00:00.000Z' })
    expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })).statusCode).toBe(200)
    t.clock.set(new Date('2026-01-07T00:00:00.000Z'))
    await expectRemoved(t, 'getListOfDisputesUsingGET', { method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })
  })
})

describe('the options', () => {
  const serve = (argv: string[], env: Record<string, string> = {}) => {
    const command = loadConfig(argv, env)
    if (command.kind !== 'serve') throw new Error('not serve')
    return command.config
  }

  test('--disputes-api takes guide, issues or both (default both), also from ALLEGRO_MOCK_DISPUTES_API', () => {
    expect(serve([]).disputesApi).toBe('both')
    expect(serve(['--disputes-api', 'issues']).disputesApi).toBe('issues')
    expect(serve([], { ALLEGRO_MOCK_DISPUTES_API: 'guide' }).disputesApi).toBe('guide')
    expect(() => serve(['--disputes-api', 'new'])).toThrow('--disputes-api must be one of guide, issues, both')
  })

  test('--disputes-removed-at takes an ISO date or date-time, also from ALLEGRO_MOCK_DISPUTES_REMOVED_AT', () => {
    expect(serve([]).disputesRemovedAt).toBeNull()
    expect(serve(['--disputes-removed-at', '2026-01-07']).disputesRemovedAt).toBe('2026-01-07T00:00:00.000Z')
    expect(serve([], { ALLEGRO_MOCK_DISPUTES_REMOVED_AT: '2026-01-07T10:00:00+01:00' }).disputesRemovedAt).toBe('2026-01-07T09:00:00.000Z')
    expect(() => serve(['--disputes-removed-at', 'soon'])).toThrow('--disputes-removed-at must be an ISO date')
  })
})
