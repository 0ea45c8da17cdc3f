import { beforeEach, expect, test } from 'vitest'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp } from '../support/app.js'

let t: TestApp
beforeEach(async () => { t = await buildTestApp() })

const me = (token: string) => t.app.inject({ method: 'GET', url: '/me', headers: allegroHeaders(token) })

test('GET /me: the seller the token speaks for, with its company', async () => {
  const body = expectContract(await me(await tokenFor(t.app)), 'meGET')
  expect(body).toEqual({
    id: '44667781', login: 'Seller_login1', firstName: 'Amadeusz', lastName: 'Iksiński', email: 'seller_login1@allegro-mock.test',
    baseMarketplace: { id: 'allegro-pl' }, company: { name: 'Iksiński Motors sp. z o.o.', taxId: '5252674798' }, features: [],
  })
  expect(expectContract(await me(await tokenFor(t.app, 'Seller_login2')), 'meGET')).toMatchObject({ id: '51738842', company: { name: null, taxId: null } })
})

test('GET /me for a sandbox seller names the sandbox', async () => {
  const sandbox = (await t.app.inject({ method: 'POST', url: '/__mock/sandboxes', payload: { login: 'ci-worker-3' } })).json()
  expect(expectContract(await me(sandbox.accessToken), 'meGET')).toMatchObject({ id: sandbox.seller.id, login: 'ci-worker-3', email: 'ci-worker-3@allegro-mock.test' })
})

test('GET /me needs a user token: an application token gets 403', async () => {
  const basic = `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`
  const app = await t.app.inject({ method: 'POST', url: '/auth/oauth/token?grant_type=client_credentials', headers: { authorization: basic } })
  const res = await me(app.json().access_token)
  expect(res.statusCode).toBe(403)
  expectContract(res, 'meGET')
})
