import { beforeEach, expect, test } from 'vitest'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { allegroHeaders, buildTestApp, tokenFor, type TestApp } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const setup = (state: string, params: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state, params, action: 'setup' } })
const dispute = async () => (await t.app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE.disputeId}`, headers: allegroHeaders(token) })).json()
const contacts = async () => (await t.app.inject({ method: 'GET', url: '/sale/offer-contacts', headers: allegroHeaders(token) })).json().contacts.length

test('two states of one interaction both hold: only the first resets', async () => {
  expect((await setup('dispute {disputeId} is closed')).statusCode).toBe(200)
  expect((await setup('seller {seller} has 50 contacts')).statusCode).toBe(200)
  expect((await dispute()).status).toBe('CLOSED')
  expect(await contacts()).toBe(50)
})

test('the first setup after the interaction\'s request, or after a teardown, starts again from the default scenario', async () => {
  await setup('dispute {disputeId} is closed')
  await dispute()
  await setup('seller {seller} has 50 contacts')
  expect((await dispute()).status).toBe('ONGOING')
  await t.app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state: 'seller {seller} has 50 contacts', action: 'teardown' } })
  await setup('dispute {disputeId} is closed')
  expect(await contacts()).toBeLessThan(50)
})

test('"a publication task of offer {offerId} failed with {message}": a settled command whose task FAILed with that message', async () => {
  const commandId = '5d6c2b1a-7e8f-4a9b-8c0d-1e2f3a4b5c6d'
  expect((await setup('a publication task of offer {offerId} failed with {message}', { offerId: ADS_GUIDE.readyOfferId, message: 'Brak zdjęć.' })).statusCode).toBe(200)
  const tasks = (await t.app.inject({ method: 'GET', url: `/sale/offer-publication-commands/${commandId}/tasks`, headers: allegroHeaders(token) })).json().tasks
  expect(tasks).toMatchObject([{ offer: { id: ADS_GUIDE.readyOfferId }, status: 'FAIL', message: 'Brak zdjęć.' }])
})

test('a state naming an unknown seller or offer is refused with 422, not 500', async () => {
  expect((await setup('seller {seller} has 50 contacts', { seller: 'nobody' })).statusCode).toBe(422)
  expect((await setup('offer {offerId} is active', { offerId: '1' })).statusCode).toBe(422)
})
