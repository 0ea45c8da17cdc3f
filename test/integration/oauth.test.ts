import { createHash } from 'node:crypto'
import { beforeEach, expect, test } from 'vitest'
import { allegroHeaders, buildTestApp, expectContract, VENDOR_JSON, type TestApp } from '../support/app.js'

let t: TestApp
beforeEach(async () => { t = await buildTestApp() })

const BASIC = `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`
const FORM = 'application/x-www-form-urlencoded'
const REDIRECT = 'http://localhost:8080/callback'

async function token (form: Record<string, string>, authorization: string | null = BASIC, query = '') {
  const headers: Record<string, string> = { 'content-type': FORM }
  if (authorization) headers.authorization = authorization
  const res = await t.app.inject({ method: 'POST', url: `/auth/oauth/token${query}`, headers, payload: new URLSearchParams(form).toString() })
  expectContract(res, 'oauthTokenUsingPOST')
  return res
}

function claimsOf (jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())
}

async function authorize (params: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: `/auth/oauth/authorize?${new URLSearchParams(params)}` })
  expectContract(res, 'oauthAuthorizeUsingGET')
  return res
}

async function codeFor (seller: string, extra: Record<string, string> = {}): Promise<string> {
  const res = await authorize({ response_type: 'code', client_id: 'allegro-mock-client', redirect_uri: REDIRECT, mock_seller: seller, state: 'xyz', ...extra })
  expect(res.statusCode).toBe(302)
  const location = new URL(res.headers.location as string)
  expect(location.origin + location.pathname).toBe(REDIRECT)
  expect(location.searchParams.get('state')).toBe('xyz')
  return location.searchParams.get('code')!
}

const disputesWith = (accessToken: string) =>
  t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(accessToken) })

test('client_credentials gives an application token without a refresh token', async () => {
  const res = await token({ grant_type: 'client_credentials' })
  expect(res.statusCode).toBe(200)
  const body = res.json()
  expect(body).toMatchObject({ token_type: 'bearer', expires_in: 43199, allegro_api: true })
  expect(body.refresh_token).toBeUndefined()
  expect(claimsOf(body.access_token).user_name).toBeUndefined()
})

test('grant parameters may come in the query string, as Allegro documents them', async () => {
  const res = await token({}, BASIC, '?grant_type=client_credentials')
  expect(res.statusCode).toBe(200)
})

test('a wrong client secret: 401 invalid_client', async () => {
  const res = await token({ grant_type: 'client_credentials' }, `Basic ${Buffer.from('allegro-mock-client:nope').toString('base64')}`)
  expect(res.statusCode).toBe(401)
  expect(res.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' })
})

test('an unknown grant type and a missing one are refused', async () => {
  expect((await token({ grant_type: 'password' })).json().error).toBe('unsupported_grant_type')
  expect((await token({})).json().error).toBe('invalid_request')
})

test('the consent page lists the sellers to sign in as', async () => {
  const res = await authorize({ response_type: 'code', client_id: 'allegro-mock-client', redirect_uri: REDIRECT })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toContain('text/html')
  expect(res.body).toContain('Seller_login1')
  expect(res.body).toContain('Seller_login2')
  expect(res.body).toContain('mock_seller=Seller_login2')
})

test.each([
  [{ client_id: 'nobody' }, /Unknown client_id/],
  [{ redirect_uri: 'not a url' }, /redirect_uri/],
  [{ mock_seller: 'ghost' }, /No seller/],
  [{ response_type: 'token' }, /response_type/],
])('the authorize endpoint refuses %j with an error page', async (override, message) => {
  const res = await authorize({ response_type: 'code', client_id: 'allegro-mock-client', redirect_uri: REDIRECT, ...override })
  expect(res.statusCode).toBe(400)
  expect(res.body).toMatch(message)
})

test('authorization_code: the code gives tokens for the chosen seller, once', async () => {
  const code = await codeFor('Seller_login2')
  const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })
  expect(res.statusCode).toBe(200)
  const body = res.json()
  expect(claimsOf(body.access_token)).toMatchObject({ user_name: '51738842', client_id: 'allegro-mock-client' })
  expect(typeof body.refresh_token).toBe('string')
  expect((await disputesWith(body.access_token)).statusCode).not.toBe(401)

  const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })
  expect(again.statusCode).toBe(400)
  expect(again.json().error).toBe('invalid_grant')
})

test('authorization_code: a code is valid for 10 seconds on the mock clock', async () => {
  const code = await codeFor('Seller_login1')
  t.clock.advance(10_000)
  const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })
  expect(res.statusCode).toBe(400)
  expect(res.json().error).toBe('invalid_grant')
})

test('authorization_code: a different redirect_uri is refused and the code stays usable', async () => {
  const code = await codeFor('Seller_login1')
  const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:9999/other' })
  expect(wrong.json().error).toBe('invalid_grant')
  expect((await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).statusCode).toBe(200)
})

test('authorization_code with PKCE: no client secret, the verifier must match the S256 challenge', async () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const code = await codeFor('Seller_login1', { code_challenge: challenge, code_challenge_method: 'S256' })
  const bad = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'allegro-mock-client', code_verifier: 'wrong' }, null)
  expect(bad.statusCode).toBe(400)
  expect(bad.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier' })
  const good = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'allegro-mock-client', code_verifier: verifier }, null)
  expect(good.statusCode).toBe(200)
  expect(claimsOf(good.json().access_token).user_name).toBe('44667781')
})

test('a code without PKCE cannot be exchanged without the client secret', async () => {
  const code = await codeFor('Seller_login1')
  const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'allegro-mock-client' }, null)
  expect(res.statusCode).toBe(401)
  expect(res.json().error).toBe('invalid_client')
})

test('refresh_token rotates: a new pair, and the spent token works for 60 more seconds only', async () => {
  const code = await codeFor('Seller_login1')
  const first = (await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json()
  const second = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })
  expect(second.statusCode).toBe(200)
  expect(second.json().refresh_token).not.toBe(first.refresh_token)
  expect(claimsOf(second.json().access_token).user_name).toBe('44667781')

  t.clock.advance(59_000)
  expect((await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).statusCode).toBe(200)
  t.clock.advance(1_000)
  const late = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })
  expect(late.statusCode).toBe(400)
  expect(late.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' })
  expect((await token({ grant_type: 'refresh_token', refresh_token: second.json().refresh_token })).statusCode).toBe(200)
})

test('a refresh token is not an access token, and garbage is not a refresh token', async () => {
  const code = await codeFor('Seller_login1')
  const pair = (await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json()
  expect((await disputesWith(pair.refresh_token)).json()).toEqual({ error: 'invalid_token', error_description: 'Invalid access token' })
  expect((await token({ grant_type: 'refresh_token', refresh_token: 'garbage' })).json().error).toBe('invalid_grant')
  expect((await token({ grant_type: 'refresh_token', refresh_token: pair.access_token })).json().error).toBe('invalid_grant')
})

async function startDevice (query = '?client_id=allegro-mock-client') {
  const res = await t.app.inject({ method: 'POST', url: `/auth/oauth/device${query}`, headers: { authorization: BASIC, 'content-type': FORM }, payload: '' })
  expectContract(res, 'oauthDeviceUsingPOST')
  return res
}

const poll = (deviceCode: string) => token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode })

test('device flow: codes to show, then tokens for the default seller once polled', async () => {
  const start = await startDevice()
  expect(start.statusCode).toBe(200)
  const body = start.json()
  expect(body.user_code).toMatch(/^[a-z]{8}$/)
  expect(body).toMatchObject({ expires_in: 3600, interval: 5, verification_uri: 'http://127.0.0.1:3000/__mock/device' })
  expect(body.verification_uri_complete).toBe(`http://127.0.0.1:3000/__mock/device?code=${body.user_code}`)
  const tokens = await poll(body.device_code)
  expect(tokens.statusCode).toBe(200)
  expect(claimsOf(tokens.json().access_token).user_name).toBe('44667781')
  const reused = await poll(body.device_code)
  expect(reused.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid device code' })
})

test('device flow with manual approval: pending, slow_down, then approved for the chosen seller', async () => {
  t = await buildTestApp({ config: { deviceApproval: 'manual' } })
  const { device_code: deviceCode, user_code: userCode } = (await startDevice()).json()
  expect((await poll(deviceCode)).json()).toEqual({ error: 'authorization_pending' })
  expect((await poll(deviceCode)).json()).toEqual({ error: 'slow_down' })
  t.clock.advance(5_000)
  expect((await poll(deviceCode)).json()).toEqual({ error: 'authorization_pending' })

  const page = await t.app.inject({ method: 'GET', url: `/__mock/device?code=${userCode}` })
  expect(page.body).toContain(userCode)
  const approve = await t.app.inject({ method: 'POST', url: `/__mock/device/${userCode}/approve`, payload: { sellerId: '51738842' } })
  expect(approve.statusCode).toBe(200)
  t.clock.advance(5_000)
  const tokens = await poll(deviceCode)
  expect(tokens.statusCode).toBe(200)
  expect(claimsOf(tokens.json().access_token).user_name).toBe('51738842')
})

test('device flow: a denied code answers access_denied; an expired one expired_token', async () => {
  t = await buildTestApp({ config: { deviceApproval: 'manual' } })
  const denied = (await startDevice()).json()
  await t.app.inject({ method: 'POST', url: `/__mock/device/${denied.user_code}/deny` })
  expect((await poll(denied.device_code)).json()).toEqual({ error: 'access_denied' })

  const late = (await startDevice()).json()
  t.clock.advance(3600 * 1000)
  expect((await poll(late.device_code)).json().error).toBe('expired_token')
})

test('device flow: unknown device code and wrong client secret', async () => {
  expect((await poll('123')).json()).toEqual({ error: 'invalid_request', error_description: 'Invalid device code' })
  const res = await t.app.inject({
    method: 'POST', url: '/auth/oauth/device?client_id=allegro-mock-client',
    headers: { authorization: `Basic ${Buffer.from('allegro-mock-client:bad').toString('base64')}`, 'content-type': FORM }, payload: '',
  })
  expect(res.statusCode).toBe(401)
  expect(res.json().error).toBe('invalid_client')
})

test('a token asked for fewer scopes is refused where another scope is needed', async () => {
  const code = await codeFor('Seller_login1', { scope: 'allegro:api:sale:offers:read' })
  const narrow = (await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json()
  expect(narrow.scope).toBe('allegro:api:sale:offers:read')
  const res = await disputesWith(narrow.access_token)
  expect(res.statusCode).toBe(403)
  expect(res.json().errors[0]).toMatchObject({ code: 'AccessDenied' })
  expect(res.headers['content-type']).toBe(`${VENDOR_JSON};charset=UTF-8`)
})

test('a token of a seller removed by a reset to another scenario stops working', async () => {
  const code = await codeFor('Seller_login2')
  const pair = (await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json()
  await t.app.inject({ method: 'POST', url: '/__mock/reset', payload: { scenario: 'empty' } })
  expect((await disputesWith(pair.access_token)).json()).toEqual({ error: 'invalid_token', error_description: 'Invalid access token' })
})
