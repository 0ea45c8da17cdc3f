import { beforeEach, expect, test } from 'vitest'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, VENDOR_JSON, type TestApp } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const declare = (headers: Record<string, string>, payload: string) =>
  t.app.inject({ method: 'POST', url: '/sale/dispute-attachments', headers, payload })

test('no bearer token: 401 in OAuth shape with a WWW-Authenticate challenge', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: { accept: VENDOR_JSON } })
  expect(res.statusCode).toBe(401)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(res.json()).toEqual({ error: 'unauthorized', error_description: 'Full authentication is required to access this resource' })
  expect(res.headers['www-authenticate']).toBe('Bearer realm="oauth2-resource", error="unauthorized", error_description="Full authentication is required to access this resource"')
  expectContract(res, 'getListOfDisputesUsingGET')
})

test.each([
  ['not a JWT', 'abc', 'Cannot convert access token to JSON'],
  ['a JWT with a bad signature', 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjR9.c2lnbmF0dXJl', 'Invalid access token'],
])('a bearer that is %s: 401 invalid_token', async (_name, bearer, description) => {
  const res = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: { accept: VENDOR_JSON, authorization: `Bearer ${bearer}` } })
  expect(res.statusCode).toBe(401)
  expect(res.json()).toEqual({ error: 'invalid_token', error_description: description })
  expect(res.headers['www-authenticate']).toContain('error="invalid_token"')
})

test('a token expires 12 hours later on the mock clock', async () => {
  const headers = { accept: VENDOR_JSON, authorization: `Bearer ${token}` }
  t.clock.advance(12 * 3600 * 1000 - 1000)
  expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers })).statusCode).not.toBe(401)
  t.clock.advance(1000)
  const res = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers })
  expect(res.statusCode).toBe(401)
  expect(res.json()).toEqual({ error: 'invalid_token', error_description: 'Access token expired' })
})

test.each([
  ['missing', undefined],
  ['*/*', '*/*'],
  ['plain JSON', 'application/json'],
  ['a beta version', 'application/vnd.allegro.beta.v1+json'],
])('Accept %s: 406 NotAcceptableException', async (_name, accept) => {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (accept) headers.accept = accept
  const res = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers })
  expect(res.statusCode).toBe(406)
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(res.json()).toEqual({
    errors: [{
      code: 'NotAcceptableException',
      message: "Not acceptable representation requested. Please check 'Accept' request header",
      details: null,
      path: null,
      userMessage: 'Żądanie zawiera błędne dane. Skontaktuj się z autorem aplikacji.',
      metadata: {},
    }],
  })
  expectContract(res, 'getListOfDisputesUsingGET')
})

test('Accept with parameters and other types listed is accepted', async () => {
  const res = await t.app.inject({
    method: 'GET', url: '/sale/disputes',
    headers: { authorization: `Bearer ${token}`, accept: `text/plain, ${VENDOR_JSON}; charset=utf-8` },
  })
  expect(res.statusCode).not.toBe(406)
})

test.each([
  ['application/json', 'application/json'],
  ['missing', undefined],
  ['text/plain', 'text/plain'],
])('a JSON body sent as %s: 415 NotSupportedException', async (_name, type) => {
  const headers = allegroHeaders(token)
  if (type) headers['content-type'] = type
  else delete headers['content-type']
  const res = await declare(headers, '{"fileName":"a.png","size":10}')
  expect(res.statusCode).toBe(415)
  expect(res.json().errors[0]).toMatchObject({ code: 'NotSupportedException', message: "Unsupported content type. Please check 'Content-Type' request header", path: null })
  expectContract(res, 'createAnAttachmentUsingPOST')
})

test('malformed JSON: 400 in Allegro shape', async () => {
  const res = await declare(allegroHeaders(token), '{"fileName": "a.png", "size": ')
  expect(res.statusCode).toBe(400)
  expect(res.headers['content-type']).toBe(`${VENDOR_JSON};charset=UTF-8`)
  expect(res.json().errors[0]).toMatchObject({ code: 'INVALID_JSON', message: 'Json processing error', path: null })
  expect(typeof res.json().errors[0].userMessage).toBe('string')
})

test('an empty JSON body: 400 in Allegro shape', async () => {
  const res = await declare(allegroHeaders(token), '')
  expect(res.statusCode).toBe(400)
  expect(res.json().errors[0].code).toBe('INVALID_JSON')
})

test('a body that breaks the schema: 422 naming the field in path', async () => {
  const res = await declare(allegroHeaders(token), '{"fileName":"a.png"}')
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'size' })
  const wrongType = await declare(allegroHeaders(token), '{"fileName":"a.png","size":"big"}')
  expect(wrongType.statusCode).toBe(422)
  expect(wrongType.json().errors[0].path).toBe('size')
})

test('a query parameter out of range: 422 naming the parameter', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/sale/disputes?limit=0', headers: allegroHeaders(token) })
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'limit' })
  expectContract(res, 'getListOfDisputesUsingGET')
})

test('userMessage follows Accept-Language, Polish by default', async () => {
  const english = await t.app.inject({ method: 'GET', url: '/sale/disputes?limit=0', headers: allegroHeaders(token, { 'accept-language': 'en-US' }) })
  expect(english.json().errors[0].userMessage).toBe('Invalid value of the field limit.')
  const polish = await t.app.inject({ method: 'GET', url: '/sale/disputes?limit=0', headers: allegroHeaders(token) })
  expect(polish.json().errors[0].userMessage).toBe('Nieprawidłowa wartość pola limit.')
})

test('an unknown route: 404 saying the route is not mocked', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/sale/unknown-things?x=1', headers: allegroHeaders(token) })
  expect(res.statusCode).toBe(404)
  expect(res.json().errors[0]).toMatchObject({ code: 'RouteNotMockedException' })
  expect(res.json().errors[0].message).toMatch(/^allegro-mock does not mock GET \/sale\/unknown-things/)
})

test('an unmocked route names the nearest mocked operations, as near misses', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/sale/dispute/a38812fa-6fef-4c9c-ac06-a0952b67ba78/message', headers: allegroHeaders(token) })
  expect(res.statusCode).toBe(404)
  const error = res.json().errors[0]
  expect(error.details.split('; ')[0]).toBe('GET /sale/disputes/{disputeId}/messages')
  expect(error.message).toContain('Nearest mocked operations: GET /sale/disputes/{disputeId}/messages')
})

test('the Trace-Id is the request id the log lines carry', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })
  const [entry] = (await t.app.inject({ method: 'GET', url: '/__mock/requests?limit=1' })).json().requests
  expect(entry.traceId).toBe(res.headers['trace-id'])
})

test('every answer carries a 16-hex Trace-Id', async () => {
  for (const url of ['/sale/disputes', '/nowhere', '/__mock/health']) {
    const res = await t.app.inject({ method: 'GET', url, headers: allegroHeaders(token) })
    expect(res.headers['trace-id']).toMatch(/^[0-9a-f]{16}$/)
  }
})

test('an application token reaches categories but not seller resources', async () => {
  const tokenRes = await t.app.inject({
    method: 'POST', url: '/auth/oauth/token',
    headers: { authorization: `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials',
  })
  const appToken = tokenRes.json().access_token as string
  const disputes = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(appToken) })
  expect(disputes.statusCode).toBe(403)
  expect(disputes.json().errors[0].code).toBe('AccessDenied')
  const categories = await t.app.inject({ method: 'GET', url: '/sale/categories', headers: allegroHeaders(appToken) })
  expect(categories.statusCode).toBe(200)
})

test('no request makes the server answer 5xx: odd inputs get 4xx', async () => {
  const odd = [
    { method: 'GET' as const, url: '/sale/disputes?limit=abc&offset=-1&status=WHATEVER' },
    { method: 'GET' as const, url: '/sale/disputes/%E0%A4%A' },
    { method: 'POST' as const, url: '/sale/dispute-attachments', payload: '[]' },
    { method: 'POST' as const, url: '/sale/dispute-attachments', payload: 'null' },
    { method: 'POST' as const, url: '/sale/dispute-attachments', payload: '{"fileName":{"a":1},"size":1e400}' },
    { method: 'POST' as const, url: '/auth/oauth/token', payload: '%%%' },
    { method: 'GET' as const, url: '/__mock/device/zzz/approve' },
  ]
  for (const request of odd) {
    const res = await t.app.inject({ ...request, headers: allegroHeaders(token) })
    expect(res.statusCode, `${request.method} ${request.url}: ${res.body}`).toBeLessThan(500)
  }
})

test('odd bodies on every kind of write get 4xx or a validated draft, never 5xx', async () => {
  const odd: Array<[string, string, unknown]> = [
    ['POST', '/sale/offers', { name: 'x', category: { id: '57968' }, description: { sections: [{ items: [{ type: 'TEXT' }, { type: 'IMAGE' }] }, {}] } }],
    ['POST', '/sale/offers', { name: 'x', category: { id: '57968' }, parameters: [{ id: '1', rangeValue: { from: 'a', to: 'b' } }, { id: '212570', values: [''] }, { id: '11323' }] }],
    ['POST', '/sale/offers', { name: 'x', category: { id: '57968' }, images: [{}, { url: null }], location: {}, payments: {}, sellingMode: {}, contact: {} }],
    ['POST', '/sale/offers', { name: 'x', category: { id: '57968' }, description: { sections: [{ items: [{ type: 'TEXT', content: '<p><<>>&amp;</p></b><b' }] }] } }],
    ['POST', '/sale/offers', { name: '&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&', category: { id: '57968' } }],
    ['PUT', '/sale/offers/6206178738', { name: 'x', category: { id: '4032' } }],
    ['PUT', '/sale/offer-classifieds-packages/6206178738', { basePackage: {}, extraPackages: [{}] }],
    ['POST', '/pricing/offer-fee-preview', { offer: { name: 'x' }, classifiedsPackages: { basePackage: { id: '' } } }],
    ['PUT', '/sale/offer-publication-commands/3380d97f-0d32-4747-8a17-1da38f9499de', { publication: { action: 'ACTIVATE', scheduledFor: 'soon' }, offerCriteria: [{}] }],
    ['PUT', '/sale/offer-publication-commands/3380d97f-0d32-4747-8a17-1da38f9499de', { publication: { action: 'END' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{}] }] }],
    ['POST', '/sale/offer-contacts', { name: 'x', emails: [{}], phones: [{ number: '+' }] }],
    ['POST', '/sale/images', { url: 'http://[zz' }],
    ['POST', '/sale/disputes/a38812fa-6fef-4c9c-ac06-a0952b67ba78/messages', { type: 'REGULAR', attachment: {}, attachments: [] }],
  ]
  for (const [method, url, body] of odd) {
    const res = await t.app.inject({ method: method as 'POST', url, headers: allegroHeaders(token), payload: JSON.stringify(body) })
    expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBeLessThan(500)
  }
  const stats = await t.app.inject({ method: 'GET', url: '/sale/classified-offers-stats?offer.id=,,,&date.gte=2026-01-01T00:00:00Z', headers: allegroHeaders(token) })
  expect(stats.statusCode).toBeLessThan(500)
})

test('a token only passes in canonical base64url: padding or +/ instead of -_ is refused', async () => {
  const padded = `${token}=`
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const swapped = [header, payload, signature.replace(/-/g, '+').replace(/_/g, '/')].join('.')
  expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(padded) })).statusCode).toBe(401)
  if (swapped !== token) expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(swapped) })).statusCode).toBe(401)
  const reencoded = [header, Buffer.from(Buffer.from(payload, 'base64url').toString('utf8')).toString('base64'), signature].join('.')
  if (reencoded !== token) expect((await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(reencoded) })).statusCode).toBe(401)
})
