import { beforeEach, expect, test } from 'vitest'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { CLAIMS } from '../../src/fixtures/claims.js'
import { DataFileError } from '../../src/server/core/store.js'
import { TABLE_SCHEMAS } from '../../src/server/state-schema.js'
import { SCHEMA } from '../../src/server/state.js'
import { stateFormat } from '../../src/server/state-format.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, VENDOR_JSON, type TestApp } from '../support/app.js'

const BETA = 'application/vnd.allegro.beta.v1+json'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const snapshot = async () => (await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()
const stillServes = async () => {
  expect((await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}`, headers: allegroHeaders(token) })).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'POST', url: '/sale/offer-contacts', headers: allegroHeaders(token), payload: { name: 'Po', emails: [], phones: [] } })).statusCode).toBe(201)
  expect((await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).statusCode).toBe(200)
}

test.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])('a reset to the scenario "%s" is refused with 422 and changes nothing', async (scenario) => {
  const before = JSON.stringify(await snapshot())
  const res = await t.app.inject({ method: 'POST', url: '/__mock/reset', payload: { scenario } })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'scenario' })
  expect(JSON.stringify(await snapshot())).toBe(before)
  await stillServes()
})

const broken: Array<[string, (state: any) => void]> = [
  ['a dispute that is a number', s => { s.disputes = [1] }],
  ['a dispute without meta', s => { delete s.disputes[0].meta }],
  ['a seller that is null', s => { s.sellers = [null, ...s.sellers] }],
  ['an offer that is a string', s => { s.offers = ['x'] }],
  ['faults without a rate limit', s => { delete s.faults.rateLimit }],
  ['a message of a dispute that is not there', s => { s.disputeMessages[0].meta.disputeId = 'nope' }],
  ['a contact of a seller who is not there', s => { s.contacts[0].meta.sellerId = '1' }],
  ['an attachment with a size that is text', s => { s.disputeAttachments[0].size = 'big' }],
]

test.each(broken)('a snapshot with %s is refused with 422 naming the record, and changes nothing', async (_name, breakIt) => {
  const good = await snapshot()
  const bad = structuredClone(good)
  breakIt(bad.state)
  const res = await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: bad })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0].path).toBe('state')
  expect(JSON.stringify(await snapshot())).toBe(JSON.stringify(good))
  await stillServes()
})

const claimOf = (s: any, id: string = CLAIMS.awaitingId) => s.claims.find((c: { id: string }) => c.id === id)
const brokenClaims: Array<[string, (state: any) => void, string]> = [
  ['a claim without meta', s => { delete claimOf(s).meta }, 'meta is missing'],
  ['a claim without checkoutForm', s => { delete claimOf(s).checkoutForm }, 'checkoutForm is missing'],
  ['a claim that is null', s => { s.claims[0] = null }, 'claims[0]: the record must be object'],
  ['a claim without a seller', s => { delete claimOf(s).meta.sellerId }, 'meta.sellerId is missing'],
  ['a claim of a seller who is not there', s => { claimOf(s).meta.sellerId = '1' }, 'who is not in "sellers"'],
  ['a claim with a reason the mock does not know', s => { claimOf(s).reason.type = 'LOST_IN_SPACE' }, 'reason.type'],
  ['a claim expecting what no decision grants', s => { claimOf(s).expectations = [{ name: 'APOLOGY' }] }, 'expectations.0.name'],
  ['a claim whose due date does not parse', s => { claimOf(s).decisionDueDate = 'next Tuesday' }, 'decisionDueDate'],
  ['a claim decided with no decision status', s => { delete claimOf(s, CLAIMS.acceptedId).meta.decision.status }, 'meta.decision.status is missing'],
  ['a claim without messages', s => { s.claimMessages = s.claimMessages.filter((m: any) => m.meta.claimId !== CLAIMS.awaitingId) }, 'has no messages'],
  ['two claims with one id', s => { s.claims.push({ ...claimOf(s, CLAIMS.otherSellerAwaitingId), id: CLAIMS.awaitingId }) }, `has the id ${CLAIMS.awaitingId}`],
  ['a claim message without meta', s => { delete s.claimMessages[0].meta }, 'claimMessages[0]: meta is missing'],
  ['a claim message of a claim that is not there', s => { s.claimMessages[0].meta.claimId = 'nope' }, 'which is not in "claims"'],
  ['a claim message whose author has no role', s => { delete s.claimMessages[0].author.role }, 'author.role is missing'],
  ['a state change to a decision the mock does not know', s => { s.claimMessages.find((m: any) => m.meta.stateChange).meta.stateChange.decision = 'toString' }, 'meta.stateChange.decision'],
  ['claims that are not a list', s => { s.claims = { 0: s.claims[0] } }, '"claims" is not a list'],
  ['a dispute without messages', s => { s.disputeMessages = s.disputeMessages.filter((m: any) => m.meta.disputeId !== GUIDE.disputeId) }, 'has no messages'],
  ['a checkout form without a summary', s => { delete s.checkoutForms[0].summary }, 'checkoutForms[0]: summary is missing'],
  ['sandboxes that are not an object', s => { s.sandboxes = 'x' }, '"sandboxes" is not an object'],
  ['a sandbox of a seller who is not there', s => { s.sandboxes = { 1: { settings: { clockOffsetMs: 0, scenario: 'default', sandbox: true }, faults: s.faults } } }, 'who is not in "sellers"'],
  ['a seller clock offset that is text', s => { s.sandboxes[s.sellers[0].id].settings.clockOffsetMs = 'soon' }, 'settings: clockOffsetMs must be integer'],
  ['a clock time that is a number', s => { s.clockNow = 5 }, 'clockNow must be string,null'],
]

test.each(brokenClaims)('a snapshot with %s is refused with 422 naming the problem, and changes nothing', async (_name, breakIt, problem) => {
  const good = await snapshot()
  const bad = structuredClone(good)
  breakIt(bad.state)
  const res = await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: bad })
  expect(res.statusCode, res.body).toBe(422)
  expect(Object.keys(res.json().errors[0]).sort()).toEqual(['code', 'details', 'message', 'metadata', 'path', 'userMessage'])
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'state' })
  expect(res.json().errors[0].message).toContain(problem)
  expect(JSON.stringify(await snapshot())).toBe(JSON.stringify(good))
  expect((await t.app.inject({ method: 'GET', url: '/sale/issues?limit=100', headers: { accept: BETA, authorization: `Bearer ${token}` } })).statusCode).toBe(200)
  await stillServes()
})

test('a snapshot with claims goes back in as it came out, and the claims answer as before', async () => {
  const headers = { accept: BETA, 'content-type': BETA, authorization: `Bearer ${token}` }
  // A claim decided by the seller, so that the decision and its state change are in the snapshot too.
  const decided = await t.app.inject({ method: 'POST', url: `/sale/issues/${CLAIMS.awaitingId}/status`, headers, payload: { status: 'ACCEPTED_REPAIR', message: 'Naprawimy.' } })
  expect(decided.statusCode, decided.body).toBe(200)
  const issues = async () => (await t.app.inject({ method: 'GET', url: '/sale/issues?limit=100', headers })).json()
  const chat = async () => (await t.app.inject({ method: 'GET', url: `/sale/issues/${CLAIMS.awaitingId}/chat?limit=100`, headers })).json()
  const good = await snapshot()
  expect(good.state.claims.length).toBeGreaterThan(0)
  expect(good.state.claimMessages.some((m: any) => m.meta.stateChange)).toBe(true)
  const before = { issues: await issues(), chat: await chat() }
  expect(before.issues.issues.some((i: { type: string }) => i.type === 'CLAIM')).toBe(true)
  expect((await t.app.inject({ method: 'POST', url: '/__mock/reset', payload: { scenario: 'empty' } })).statusCode).toBe(200)
  expect((await issues()).issues).toEqual([])
  const back = await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: good })
  expect(back.statusCode, back.body).toBe(204)
  expect(JSON.stringify(await snapshot())).toBe(JSON.stringify(good))
  expect(await issues()).toEqual(before.issues)
  expect(await chat()).toEqual(before.chat)
  await stillServes()
})

test('a data file (version 2) with a broken claim row is refused, naming the seller and the row', async () => {
  const format = stateFormat('state.json')
  const document = JSON.parse(JSON.stringify(format.encode(t.store.dump())))
  expect(() => format.decode(structuredClone(document))).not.toThrow()
  const [sellerId, tables] = Object.entries(document.sellers as Record<string, any>).find(([, tables]) => tables.claims.length > 0)!
  delete tables.claims[0].checkoutForm
  expect(() => format.decode(document)).toThrow(DataFileError)
  expect(() => format.decode(document)).toThrow(`sellers.${sellerId}.claims[0]: checkoutForm is missing`)
})

test('every table of the state has a record schema, and every schema a table', () => {
  expect(Object.keys(TABLE_SCHEMAS.instance).sort()).toEqual(Object.keys(SCHEMA.instance).sort())
  expect(Object.keys(TABLE_SCHEMAS.partition).sort()).toEqual(Object.keys(SCHEMA.partition).sort())
})

test('the clock refuses a step it cannot represent (1e400, beyond year 275760) with 4xx', async () => {
  for (const payload of ['{"ms":1e400}', '{"ms":9007199254740993}', '{"to":"+275761-01-01T00:00:00Z"}', '{"by":"P99999999999Y"}']) {
    const res = await t.app.inject({ method: 'POST', url: '/__mock/clock/advance', headers: { 'content-type': 'application/json' }, payload })
    expect(res.statusCode, payload).toBeGreaterThanOrEqual(400)
    expect(res.statusCode, payload).toBeLessThan(500)
    expect(res.json().errors, payload).toBeDefined()
  }
  expect((await t.app.inject({ method: 'GET', url: '/__mock/clock' })).json().now).toBe('2026-01-05T10:00:00.000Z')
})

test('a fee preview with empty classifiedsPackages is a 422, not a 500', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/pricing/offer-fee-preview', headers: allegroHeaders(token), payload: { offer: { id: ADS_GUIDE.readyOfferId }, classifiedsPackages: {} } })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0].code).toBe('VALIDATION_ERROR')
})

test.each([
  ['{}', {}, 'classifiedsPackages.basePackage'],
  ['extras alone', { extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8' }] }, 'classifiedsPackages.basePackage'],
  ['a base package without id', { basePackage: {} }, 'classifiedsPackages.basePackage.id'],
  ['an extra package without id', { basePackage: { id: ADS_GUIDE.basePackageId }, extraPackages: [{}] }, 'classifiedsPackages.extraPackages[0].id'],
])('a fee preview without an offer and with classifiedsPackages %s is a 422 naming the field, not a 500', async (_name, classifiedsPackages, path) => {
  const res = await t.app.inject({ method: 'POST', url: '/pricing/offer-fee-preview', headers: allegroHeaders(token), payload: { classifiedsPackages } })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path })
})

test('a repeated scope parameter on the OAuth endpoints is read as one list, never a 500', async () => {
  const basic = `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`
  const scopes = 'scope=allegro:api:disputes&scope=allegro:api:orders:read'
  const token = await t.app.inject({ method: 'POST', url: `/auth/oauth/token?grant_type=client_credentials&${scopes}`, headers: { authorization: basic } })
  expect(token.statusCode).toBe(200)
  expect(token.json().scope).toBe('allegro:api:disputes allegro:api:orders:read')
  const device = await t.app.inject({ method: 'POST', url: `/auth/oauth/device?client_id=allegro-mock-client&${scopes}`, headers: { authorization: basic } })
  expect(device.statusCode).toBe(200)
  const authorize = await t.app.inject({ method: 'GET', url: `/auth/oauth/authorize?response_type=code&client_id=allegro-mock-client&redirect_uri=http://localhost:8080/callback&mock_seller=Seller_login1&${scopes}` })
  expect(authorize.statusCode).toBe(302)
})

test.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])('the API explorer answers 404 for an asset named "%s", not a 500', async (file) => {
  const res = await t.app.inject({ method: 'GET', url: `/docs/assets/${file}` })
  expect(res.statusCode).toBe(404)
  expect(res.json().errors[0].code).toBe('NOT_FOUND')
  expect((await t.app.inject({ method: 'GET', url: '/docs/assets/swagger-ui.css' })).statusCode).toBe(200)
})

const providerState = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/__mock/provider-states', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) })

test.each([
  ['a state named "toString"', { state: 'toString' }, 'state'],
  ['a state named "__proto__"', { state: '__proto__' }, 'state'],
  ['a state named "constructor"', { state: 'constructor' }, 'state'],
  ['a state that is not a text', { state: ['the default scenario'] }, 'state'],
  ['params that are a text', { state: 'the default scenario', params: 'x' }, 'params'],
  ['a parameter that is an object', { state: 'dispute {disputeId} is closed', params: { disputeId: { id: GUIDE.disputeId } } }, 'params.disputeId'],
])('a provider state with %s is a 422, not a 500', async (_name, payload, path) => {
  const res = await providerState(payload)
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path })
  await stillServes()
})

test('a provider state with params null takes the defaults', async () => {
  expect((await providerState({ state: 'dispute {disputeId} is closed', params: null })).statusCode).toBe(200)
})

test.each([
  ['an attachment size that is not a number', 'seller {seller} declared attachment {attachmentId} of {size} bytes', { size: 'abc' }],
  ['an attachment size of 1e400', 'seller {seller} declared attachment {attachmentId} of {size} bytes', { size: '1e400' }],
  ['an action that is neither ACTIVATE nor END', 'publication command {commandId} to {action} offer {offerId} has settled', { action: 'PAUSE' }],
  ['a claim decision that is not one', 'the seller decided claim {claimId} with {decision}', { decision: 'toString' }],
])('a provider state with %s is refused with 422; the snapshot still goes back in', async (_name, state, params) => {
  const res = await providerState({ state, params })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'params' })
  const back = await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: await snapshot() })
  expect(back.statusCode, back.body).toBe(204)
  await stillServes()
})

test.each([
  ['an unknown seller', 'seller {seller} has 50 contacts', { seller: 'nobody' }],
  ['an unknown claim', 'the seller decided claim {claimId} with {decision}', { claimId: '00000000-0000-4000-8000-000000000000', decision: 'ACCEPTED_REPAIR' }],
  ['an unknown dispute', 'dispute {disputeId} is closed', { disputeId: '00000000-0000-4000-8000-000000000000' }],
])('a provider state refused for %s changes nothing, not even its reset, and the next setup still resets', async (_name, state, params) => {
  expect((await t.app.inject({ method: 'POST', url: '/__mock/sellers', payload: { login: 'kept' } })).statusCode).toBe(201)
  const before = JSON.stringify(await snapshot())
  const res = await providerState({ state, params })
  expect(res.statusCode).toBeGreaterThanOrEqual(400)
  expect(res.statusCode).toBeLessThan(500)
  expect(JSON.stringify(await snapshot())).toBe(before)
  expect((await providerState({ state: 'the default scenario' })).statusCode).toBe(200)
  const logins = (await t.app.inject({ method: 'GET', url: '/__mock/sellers' })).json().sellers.map((s: { login: string }) => s.login)
  expect(logins).not.toContain('kept')
})

test.each([
  ['/auth/oauth/token?grant_type=client_credentials', 'application/json', '{"grant_type":"client_credentials"}'],
  ['/auth/oauth/token?grant_type=client_credentials', 'text/plain', 'x'],
  ['/auth/oauth/device?client_id=allegro-mock-client', 'multipart/form-data; boundary=x', '--x--'],
  ['/auth/oauth/device?client_id=allegro-mock-client', 'application/vnd.allegro.public.v1+json', '{}'],
  ['/auth/oauth/token?grant_type=client_credentials', 'application/json', ''],
  ['/auth/oauth/token?grant_type=client_credentials', 'application/vnd.allegro.beta.v1+json', ''],
])('POST %s with a %s body answers 400 invalid_request in OAuth\'s shape (it was a 415 or 400 in Allegro\'s)', async (url, type, payload) => {
  const basic = `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`
  const res = await t.app.inject({ method: 'POST', url, headers: { authorization: basic, 'content-type': type }, payload })
  expect(res.statusCode).toBe(400)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(Object.keys(res.json()).sort()).toEqual(['error', 'error_description'])
  expect(res.json().error).toBe('invalid_request')
})

test.each(['Ys6[\\6J', 'a"b', '\\', 'x","company":true,"y":"'])('a sandbox with the login %s is created with exactly that login (it was a 500)', async (login) => {
  const res = await t.app.inject({ method: 'POST', url: '/__mock/sandboxes', payload: { scenario: 'default', login } })
  expect(res.statusCode, res.body).toBe(201)
  const sandbox = res.json()
  expect(sandbox.seller.login).toBe(login)
  const sellers = (await t.app.inject({ method: 'GET', url: '/__mock/sellers' })).json().sellers
  expect(sellers.find((s: { id: string }) => s.id === sandbox.seller.id)).toMatchObject({ login, company: true })
  const disputes = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(sandbox.accessToken) })
  expect(disputes.statusCode).toBe(200)
  expect(disputes.json().disputes.length).toBeGreaterThan(0)
  await stillServes()
})

test.each([
  ['an unknown offer', '9999999999'],
  ['another seller\'s offer', null],
])('a fee preview for %s answers 422 on offer.id (the operation lists no 403 or 404), and prices the packages given', async (_name, id) => {
  const other = id ?? (await t.app.inject({ method: 'GET', url: '/__mock/sellers/Seller_login1/offers' })).json().offers[0].id
  const sandbox = (await t.app.inject({ method: 'POST', url: '/__mock/sandboxes', payload: {} })).json()
  const headers = allegroHeaders(id === null ? sandbox.accessToken : token)
  const res = await t.app.inject({ method: 'POST', url: '/pricing/offer-fee-preview', headers, payload: { offer: { id: other, name: 'BMW X5 e53' } } })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'offer.id' })
  const priced = await t.app.inject({ method: 'POST', url: '/pricing/offer-fee-preview', headers, payload: { offer: { id: other, name: 'BMW X5 e53' }, classifiedsPackages: { basePackage: { id: ADS_GUIDE.basePackageId } } } })
  expect(priced.statusCode).toBe(200)
  expect(priced.json().quotes).toHaveLength(1)
})

test('a provider state declaring, for one seller, an attachment another seller holds is a 422, not a 500', async () => {
  const res = await providerState({ state: 'seller {seller} declared attachment {attachmentId} of {size} bytes', params: { seller: 'Seller_login2', attachmentId: GUIDE.screenshotAttachmentId, size: '220' } })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'params' })
  await stillServes()
})

test('two sellers with 50 contacts each in one interaction: both states hold (the second was a 500)', async () => {
  expect((await providerState({ state: 'seller {seller} has 50 contacts', params: { seller: 'Seller_login1' } })).statusCode).toBe(200)
  expect((await providerState({ state: 'seller {seller} has 50 contacts', params: { seller: 'Seller_login2' } })).statusCode).toBe(200)
  const count = async (login: string) => {
    const sellerToken = await tokenFor(t.app, login)
    return (await t.app.inject({ method: 'GET', url: '/sale/offer-contacts', headers: allegroHeaders(sellerToken) })).json().contacts.length
  }
  expect(await count('Seller_login1')).toBe(50)
  expect(await count('Seller_login2')).toBe(50)
  expect((await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })).statusCode).toBe(200)
})

test.each(['null', '[]', '"x"', '1'])('a fee preview whose body is %s is a 422, not a 500', async (payload) => {
  const res = await t.app.inject({ method: 'POST', url: '/pricing/offer-fee-preview', headers: allegroHeaders(token), payload })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0].code).toBe('VALIDATION_ERROR')
})

const basicAuth = `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4bc0000000049454e44ae426082', 'hex')

/** A user token of Seller_login1 with the one scope given, through the authorization-code flow. */
async function narrowToken (scope: string): Promise<string> {
  const authorize = await t.app.inject({ method: 'GET', url: `/auth/oauth/authorize?response_type=code&client_id=allegro-mock-client&redirect_uri=http://localhost:8080/callback&mock_seller=Seller_login1&scope=${scope}` })
  const code = new URL(String(authorize.headers.location)).searchParams.get('code')
  const exchanged = await t.app.inject({ method: 'POST', url: `/auth/oauth/token?grant_type=authorization_code&code=${code}&redirect_uri=http://localhost:8080/callback`, headers: { authorization: basicAuth } })
  return exchanged.json().access_token
}

test.each([
  ['getListOfDisputesUsingGET', 'GET', '/sale/disputes', VENDOR_JSON],
  ['uploadDisputeAttachmentUsingPUT', 'PUT', '/sale/dispute-attachments/fb451271-25dd-4130-8ee6-b4dcd560f22c', VENDOR_JSON],
  ['getListOfIssuesUsingGET', 'GET', '/sale/issues', BETA],
  ['uploadIssueAttachmentUsingPUT', 'PUT', '/sale/issues/attachments/fb451271-25dd-4130-8ee6-b4dcd560f22c', BETA],
  ['getClassifiedPackageConfigurationsForCategoryUsingGET', 'GET', '/sale/classifieds-packages?category.id=4032', VENDOR_JSON],
  ['getClassifiedPackageConfigurationUsingGET', 'GET', `/sale/classifieds-packages/${ADS_GUIDE.basePackageId}`, VENDOR_JSON],
  ['calculateFeePreviewUsingPOST', 'POST', '/pricing/offer-fee-preview', VENDOR_JSON],
  ['getListOfOrdersUsingGET', 'GET', '/order/checkout-forms', VENDOR_JSON],
  ['getOrdersDetailsUsingGET', 'GET', `/order/checkout-forms/${GUIDE.checkoutFormId}`, VENDOR_JSON],
])('%s answers 403 AccessDenied, as the contract declares, to a token without its scope and to an application token', async (operationId, method, url, type) => {
  const application = (await t.app.inject({ method: 'POST', url: '/auth/oauth/token?grant_type=client_credentials', headers: { authorization: basicAuth } })).json().access_token
  // profile:read is a scope none of these operations takes.
  const narrow = await narrowToken('allegro:api:profile:read')
  const upload = method === 'PUT'
  const payload = upload ? PNG : method === 'POST' ? JSON.stringify({ offer: { id: ADS_GUIDE.readyOfferId } }) : undefined
  const before = JSON.stringify(await snapshot())
  for (const bearer of [application, narrow]) {
    const headers = { accept: type, authorization: `Bearer ${bearer}`, ...(payload === undefined ? {} : { 'content-type': upload ? 'image/png' : type }) }
    const res = await t.app.inject({ method: method as 'GET', url, headers, payload })
    expect(res.statusCode, res.body).toBe(403)
    expect(res.json().errors[0].code).toBe('AccessDenied')
    expectContract(res, operationId)
  }
  expect(JSON.stringify(await snapshot())).toBe(before)
})

test.each(['text/html', 'application/vnd.allegro.beta.v1+json'])('GET /me with Accept %s answers 406 NotAcceptableException in plain JSON, as the contract declares', async (accept) => {
  const res = await t.app.inject({ method: 'GET', url: '/me', headers: { accept, authorization: `Bearer ${token}` } })
  expect(res.statusCode).toBe(406)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(res.json().errors[0].code).toBe('NotAcceptableException')
  expectContract(res, 'meGET')
})

test.each([
  ['getDisputeUsingGET', '/sale/disputes/not-a-uuid', VENDOR_JSON, 'disputeId'],
  ['getAttachmentUsingGET', '/sale/dispute-attachments/not-a-uuid', '*/*', 'attachmentId'],
  ['getIssueUsingGET', '/sale/issues/not-a-uuid', BETA, 'issueId'],
  ['getIssueAttachmentUsingGET', '/sale/issues/attachments/not-a-uuid', '*/*', 'attachmentId'],
])('%s with an id that is not a UUID answers 400 VALIDATION_ERROR naming it, as the contract declares', async (operationId, url, accept, path) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { accept, authorization: `Bearer ${token}` } })
  expect(res.statusCode).toBe(400)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path })
  expectContract(res, operationId)
})

test.each([
  ['twice the same id', 'parent.id=112740&parent.id=112740', '112740,112740'],
  ['two ids', 'parent.id=112740&parent.id=x', '112740,x'],
])('GET /sale/categories with parent.id repeated (%s) reads the values as one id, joined with commas, and answers 404, as the contract lists (it was an undeclared 400)', async (_name, query, id) => {
  const res = await t.app.inject({ method: 'GET', url: `/sale/categories?${query}`, headers: { accept: VENDOR_JSON, authorization: `Bearer ${token}` } })
  expect(res.statusCode).toBe(404)
  expect(res.json().errors[0].message).toBe(`Category ${id} not found`)
  expectContract(res, 'getCategoriesUsingGET')
  const once = await t.app.inject({ method: 'GET', url: '/sale/categories?parent.id=954b95b6-43cf-4104-8354-dea4d9b10ddf', headers: { accept: VENDOR_JSON, authorization: `Bearer ${token}` } })
  expect(once.statusCode).toBe(200)
})

test('GET /me over the rate limit answers 429 RateLimitExceedException, as the contract declares', async () => {
  expect((await t.app.inject({ method: 'POST', url: '/__mock/faults/rate-limit', payload: { enabled: true, perMinute: 1 } })).statusCode).toBe(200)
  const me = () => t.app.inject({ method: 'GET', url: '/me', headers: { accept: VENDOR_JSON, authorization: `Bearer ${token}` } })
  expect((await me()).statusCode).toBe(200)
  const res = await me()
  expect(res.statusCode).toBe(429)
  expect(res.json().errors[0].code).toBe('RateLimitExceedException')
  expectContract(res, 'meGET')
})
