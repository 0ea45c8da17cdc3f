import { createHash } from 'node:crypto'
import { beforeEach, expect, test } from 'vitest'
import { loadConfig } from '../../src/server/config.js'
import { allegroHeaders, buildTestApp, expectContract, type TestApp } from '../support/app.js'

const APP = { clientId: 'shop-erp-prod', clientSecret: 's3cr3t', redirectUris: ['https://erp.example.com/allegro/callback'] }
const BASIC = `Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString('base64')}`
const FORM = 'application/x-www-form-urlencoded'

let t: TestApp
beforeEach(async () => { t = await buildTestApp({ config: { clients: [APP] } }) })

async function token (form: Record<string, string>, authorization: string | null = BASIC) {
  const headers: Record<string, string> = { 'content-type': FORM, ...(authorization ? { authorization } : {}) }
  const res = await t.app.inject({ method: 'POST', url: '/auth/oauth/token', headers, payload: new URLSearchParams(form).toString() })
  expectContract(res, 'oauthTokenUsingPOST')
  return res
}

async function code (extra: Record<string, string> = {}): Promise<string> {
  const query = new URLSearchParams({ response_type: 'code', client_id: APP.clientId, redirect_uri: APP.redirectUris[0]!, mock_seller: 'Seller_login1', ...extra })
  const res = await t.app.inject({ method: 'GET', url: `/auth/oauth/authorize?${query}` })
  expect(res.statusCode).toBe(302)
  return new URL(res.headers.location as string).searchParams.get('code')!
}

const disputes = (accessToken: string) => t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(accessToken) })

test('--client and ALLEGRO_MOCK_CLIENTS give applications with redirect URIs', () => {
  const fromFlags = loadConfig(['--client', 'a:b', '--client', 'c:d:https://x.example/cb,http://localhost:8080/cb'], {})
  expect(fromFlags.kind === 'serve' && fromFlags.config.clients).toEqual([
    { clientId: 'a', clientSecret: 'b', redirectUris: [] },
    { clientId: 'c', clientSecret: 'd', redirectUris: ['https://x.example/cb', 'http://localhost:8080/cb'] },
  ])
  const fromEnv = loadConfig([], { ALLEGRO_MOCK_CLIENTS: 'a:b  e:f:https://y.example/cb' })
  expect(fromEnv.kind === 'serve' && fromEnv.config.clients.map(c => c.clientId)).toEqual(['a', 'e'])
  expect(() => loadConfig(['--client', 'nosecret'], {})).toThrow(/ID:SECRET/)
  expect(() => loadConfig(['--client', 'a:b:ftp://x'], {})).toThrow(/redirect URI/)
})

test("the app's device flow runs unchanged with its own client id", async () => {
  const start = await t.app.inject({ method: 'POST', url: '/auth/oauth/device', headers: { authorization: BASIC, 'content-type': FORM }, payload: `client_id=${APP.clientId}` })
  expect(start.statusCode).toBe(200)
  const polled = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: start.json().device_code })
  expect(polled.statusCode).toBe(200)
  expect((await disputes(polled.json().access_token)).statusCode).toBe(200)
})

test("the app's code flow, with PKCE, and its refresh run with its own client and redirect URI", async () => {
  const issued = await token({ grant_type: 'authorization_code', code: await code(), redirect_uri: APP.redirectUris[0]! })
  expect(issued.statusCode).toBe(200)
  const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.json().refresh_token })
  expect(refreshed.statusCode).toBe(200)
  expect((await disputes(refreshed.json().access_token)).statusCode).toBe(200)
  const verifier = 'a-verifier-of-the-apps-own-making-0123456789abcdef'
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const pkce = await token({ grant_type: 'authorization_code', client_id: APP.clientId, code: await code({ code_challenge: challenge, code_challenge_method: 'S256' }), redirect_uri: APP.redirectUris[0]!, code_verifier: verifier }, null)
  expect(pkce.statusCode).toBe(200)
  const unregistered = await t.app.inject({ method: 'GET', url: `/auth/oauth/authorize?response_type=code&client_id=${APP.clientId}&redirect_uri=https://evil.example/cb&mock_seller=Seller_login1` })
  expect(unregistered.statusCode).toBe(400)
})

test('clients given at start survive /__mock/reset; clients added later do not, and a taken id is 409', async () => {
  const added = await t.app.inject({ method: 'POST', url: '/__mock/clients', payload: { clientId: 'later', clientSecret: 'x', name: 'Later app' } })
  expect(added.statusCode).toBe(201)
  expect(added.json()).toEqual({ clientId: 'later', clientSecret: 'x', name: 'Later app', redirectUris: [] })
  expect((await t.app.inject({ method: 'POST', url: '/__mock/clients', payload: { clientId: 'later', clientSecret: 'y' } })).statusCode).toBe(409)
  expect((await t.app.inject({ method: 'POST', url: '/__mock/clients', payload: { clientId: APP.clientId, clientSecret: 'y' } })).statusCode).toBe(409)
  await t.app.inject({ method: 'POST', url: '/__mock/reset' })
  const ids = (await t.app.inject({ method: 'GET', url: '/__mock/clients' })).json().clients.map((c: { clientId: string }) => c.clientId)
  expect(ids).toContain(APP.clientId)
  expect(ids).not.toContain('later')
  expect((await token({ grant_type: 'client_credentials' })).statusCode).toBe(200)
})

test('DELETE /__mock/clients/{id}: its secret stops working; a configured client stays (409); unknown is 404', async () => {
  await t.app.inject({ method: 'POST', url: '/__mock/clients', payload: { clientId: 'temp', clientSecret: 'x' } })
  const basic = `Basic ${Buffer.from('temp:x').toString('base64')}`
  expect((await token({ grant_type: 'client_credentials' }, basic)).statusCode).toBe(200)
  expect((await t.app.inject({ method: 'DELETE', url: '/__mock/clients/temp' })).statusCode).toBe(204)
  expect((await token({ grant_type: 'client_credentials' }, basic)).statusCode).toBe(401)
  expect((await t.app.inject({ method: 'DELETE', url: '/__mock/clients/temp' })).statusCode).toBe(404)
  expect((await t.app.inject({ method: 'DELETE', url: `/__mock/clients/${APP.clientId}` })).statusCode).toBe(409)
})
