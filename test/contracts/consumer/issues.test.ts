import { expect, test } from 'vitest'
import { MatchersV3 } from '@pact-foundation/pact'
import { AllegroApiError, createAllegroClient, VENDOR_JSON, VENDOR_JSON_BETA } from '../../../src/contracts/client.js'
import { bearer, eachLike, errorsBody, isoDateTime, plainJsonType, PROVIDER_STATE_NAMES, recorded, string, uuid, vendorJsonBody } from '../../../src/contracts/pact.js'
import { CLAIMS } from '../../../src/fixtures/claims.js'
import { screenshotPng } from '../../../src/fixtures/files.js'
import { consumerPact } from '../pact-setup.js'

const pact = consumerPact('allegro-issues-client')
const DISPUTE = 'a38812fa-6fef-4c9c-ac06-a0952b67ba78'
const CLAIM = CLAIMS.awaitingId
const DECLARED = '5a4c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4'
const asSeller = { accept: VENDOR_JSON_BETA, authorization: bearer() }
const client = (url: string) => createAllegroClient({ apiUrl: url, token: 'pact:Seller_login1' })

const ISSUE_STATUS = '^(DISPUTE_ONGOING|DISPUTE_CLOSED|DISPUTE_UNRESOLVED|CLAIM_SUBMITTED|CLAIM_ACCEPTED|CLAIM_REJECTED)$'
const ROLE = '^(BUYER|SELLER|ADMIN|SYSTEM|FULFILLMENT)$'

const chatEntry = {
  id: uuid('657fc2c1-addf-416a-8129-e2b55740248b'),
  text: string('Vestibulum eu interdum ex, p…'),
  author: { role: MatchersV3.regex(ROLE, 'SELLER') },
  createdAt: isoDateTime('2018-09-14T06:36:55.332Z'),
}

test('lists the seller\'s disputes and claims', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('a request for the seller\'s issues')
    .withRequest('GET', '/sale/issues', b => b.headers(asSeller).query({ limit: '10', offset: '0' }))
    .willRespondWith(200, b => vendorJsonBody(b, {
      issues: eachLike({
        id: uuid(CLAIM),
        type: MatchersV3.regex('^(DISPUTE|CLAIM)$', 'CLAIM'),
        openedDate: isoDateTime('2026-01-02T09:15:00.000Z'),
        checkoutForm: { id: uuid('6d942161-cf76-11f0-8c6d-8c6dcee42efa') },
        currentState: { status: MatchersV3.regex(ISSUE_STATUS, 'CLAIM_SUBMITTED'), chatActive: MatchersV3.boolean(true) },
        chat: { messagesCount: MatchersV3.integer(1) },
      }),
    }, 'beta'))
    .executeTest(recorded(async (mock) => {
      const { issues } = await client(mock.url).listIssues({ limit: 10, offset: 0 })
      expect(issues.length).toBeGreaterThan(0)
    }))
})

test('reads a claim awaiting the seller\'s decision', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.claimAwaitsDecision, { claimId: CLAIM })
    .uponReceiving('a request for a claim awaiting a decision')
    .withRequest('GET', `/sale/issues/${CLAIM}`, b => b.headers(asSeller))
    .willRespondWith(200, b => vendorJsonBody(b, {
      id: CLAIM,
      type: 'CLAIM',
      referenceNumber: string('1/2026'),
      decisionDueDate: isoDateTime('2026-01-16T09:15:00.000Z'),
      currentState: { status: 'CLAIM_SUBMITTED', statusDueDate: isoDateTime('2026-01-16T09:15:00.000Z'), chatActive: true },
      expectations: eachLike({ name: string('REPAIR') }),
      reason: { type: string('DEFECT_FOUND_DURING_USE') },
    }, 'beta'))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).getIssue(CLAIM)).currentState.status).toBe('CLAIM_SUBMITTED')
    }))
})

test('accepts a claim', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.claimAwaitsDecision, { claimId: CLAIM })
    .uponReceiving('the seller\'s acceptance of a claim')
    .withRequest('POST', `/sale/issues/${CLAIM}/status`, b => vendorJsonBody(b, { status: 'ACCEPTED_REPAIR', message: 'Naprawimy urządzenie.' }, 'beta').headers({ authorization: bearer() }))
    .willRespondWith(200)
    .executeTest(recorded(async (mock) => {
      await client(mock.url).changeClaimStatus(CLAIM, { status: 'ACCEPTED_REPAIR', message: 'Naprawimy urządzenie.' })
    }))
})

test('reads a claim the seller decided', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.claimDecided, { claimId: CLAIM, decision: 'ACCEPTED_REPAIR' })
    .uponReceiving('a request for a decided claim')
    .withRequest('GET', `/sale/issues/${CLAIM}`, b => b.headers(asSeller))
    .willRespondWith(200, b => vendorJsonBody(b, { id: CLAIM, type: 'CLAIM', currentState: { status: 'CLAIM_ACCEPTED', statusDueDate: null } }, 'beta'))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).getIssue(CLAIM)).currentState.status).toBe('CLAIM_ACCEPTED')
    }))
})

test('a decided claim cannot be decided again: 400', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.claimDecided, { claimId: CLAIM, decision: 'ACCEPTED_REPAIR' })
    .uponReceiving('a second decision on a claim')
    .withRequest('POST', `/sale/issues/${CLAIM}/status`, b => vendorJsonBody(b, { status: 'REJECTED_OTHER', message: 'Jednak nie.' }, 'beta').headers({ authorization: bearer() }))
    .willRespondWith(400, b => vendorJsonBody(b, errorsBody('VALIDATION_ERROR', 'status'), 'beta'))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).changeClaimStatus(CLAIM, { status: 'REJECTED_OTHER', message: 'Jednak nie.' }).catch(e => e)
      expect(error).toBeInstanceOf(AllegroApiError)
      expect(error.status).toBe(400)
    }))
})

test('a status change on a dispute is refused with 400', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('a status change on a dispute')
    .withRequest('POST', `/sale/issues/${DISPUTE}/status`, b => vendorJsonBody(b, { status: 'ACCEPTED_REFUND', message: 'Zwracamy.' }, 'beta').headers({ authorization: bearer() }))
    .willRespondWith(400, b => vendorJsonBody(b, errorsBody('VALIDATION_ERROR', 'issueId'), 'beta'))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).changeClaimStatus(DISPUTE, { status: 'ACCEPTED_REFUND', message: 'Zwracamy.' }).catch(e => e)
      expect(error.status).toBe(400)
    }))
})

test('reads a dispute\'s chat through the issues API', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('a request for the chat of dispute a38812fa')
    .withRequest('GET', `/sale/issues/${DISPUTE}/chat`, b => b.headers(asSeller).query({ limit: '5' }))
    .willRespondWith(200, b => vendorJsonBody(b, { chat: eachLike(chatEntry) }, 'beta'))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).getIssueChat(DISPUTE, { limit: 5 })).chat.length).toBeGreaterThan(0)
    }))
})

test('posts a message to a dispute through the issues API', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('a seller\'s message to dispute a38812fa through the issues API')
    .withRequest('POST', `/sale/issues/${DISPUTE}/message`, b => vendorJsonBody(b, { text: 'Proszę o zdjęcie uszkodzenia.', type: 'REGULAR' }, 'beta').headers(asSeller))
    .willRespondWith(201, b => vendorJsonBody(b, {
      id: uuid('962e051e-2509-4ccf-910d-5e5179b975b9'), text: 'Proszę o zdjęcie uszkodzenia.', attachments: [],
      author: { login: 'Seller_login1', role: 'SELLER' }, createdAt: isoDateTime('2026-01-05T10:00:00.000Z'),
    }, 'beta'))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).postIssueMessage(DISPUTE, { text: 'Proszę o zdjęcie uszkodzenia.', type: 'REGULAR' })).author.role).toBe('SELLER')
    }))
})

test('a message to an issue whose chat is closed is refused with 409', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.chatClosed, { issueId: CLAIM })
    .uponReceiving('a seller\'s message to a claim with a closed chat')
    .withRequest('POST', `/sale/issues/${CLAIM}/message`, b => vendorJsonBody(b, { text: 'Halo?', type: 'REGULAR' }, 'beta').headers(asSeller))
    .willRespondWith(409, b => vendorJsonBody(b, { errors: eachLike({ code: 'CONFLICT', message: string('Dispute is in a state that forbids adding new messages') }) }, 'beta'))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).postIssueMessage(CLAIM, { text: 'Halo?', type: 'REGULAR' }).catch(e => e)
      expect(error.status).toBe(409)
    }))
})

test('declares an issue attachment and gets the upload URL in Location', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('an issue attachment declaration')
    .withRequest('POST', '/sale/issues/attachments', b => vendorJsonBody(b, { fileName: 'wada.png', size: 2549 }, 'beta').headers(asSeller))
    .willRespondWith(201, b => vendorJsonBody(b, { id: uuid(DECLARED) }, 'beta')
      .headers({ location: MatchersV3.regex('^https?://.+/sale/issues/attachments/[0-9a-f-]{36}$', `http://127.0.0.1:3000/sale/issues/attachments/${DECLARED}`) }))
    .executeTest(recorded(async (mock) => {
      const { id, location } = await client(mock.url).declareIssueAttachment({ fileName: 'wada.png', size: 2549 })
      expect(location.endsWith(id)).toBe(true)
    }))
})

test('uploads the declared bytes; the answer names the attachment', async () => {
  const bytes = screenshotPng()
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.attachmentDeclared, { seller: 'Seller_login1', attachmentId: DECLARED, size: String(bytes.length) })
    .uponReceiving('the upload of a declared issue attachment')
    .withRequest('PUT', `/sale/issues/attachments/${DECLARED}`, b => b.headers(asSeller).body('image/png', bytes))
    .willRespondWith(200, b => vendorJsonBody(b, { id: DECLARED }, 'beta'))
    .executeTest(recorded(async (mock) => {
      expect(await client(mock.url).uploadIssueAttachment(`${mock.url}/sale/issues/attachments/${DECLARED}`, bytes, 'image/png')).toEqual({ id: DECLARED })
    }))
})

test('downloads the buyer\'s screenshot through the issues API', async () => {
  const bytes = screenshotPng()
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('a download of attachment 731f2401 through the issues API')
    .withRequest('GET', '/sale/issues/attachments/731f2401-7b79-4212-be9e-591464526cfe', b => b.headers({ authorization: bearer() }))
    .willRespondWith(200, b => b.body('image/png', bytes))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).downloadIssueAttachment('731f2401-7b79-4212-be9e-591464526cfe')).bytes.equals(bytes)).toBe(true)
    }))
})

test('the public media type on the issues API is refused with 406', async () => {
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('a request for issues accepting the public media type')
    .withRequest('GET', '/sale/issues', b => b.headers({ accept: VENDOR_JSON, authorization: bearer() }))
    .willRespondWith(406, b => b.headers({ 'content-type': plainJsonType }).jsonBody(errorsBody('NotAcceptableException')))
    .executeTest(recorded(async (mock) => {
      const res = await fetch(`${mock.url}/sale/issues`, { headers: { accept: VENDOR_JSON, authorization: bearer() } })
      expect(res.status).toBe(406)
    }))
})
