import { beforeEach, expect, test } from 'vitest'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp } from '../support/app.js'
import { command, tasks } from '../support/publication.js'

let t: TestApp
let token: string
const waits: number[] = []
beforeEach(async () => {
  waits.length = 0
  t = await buildTestApp({ config: { taskDelayMs: 1000 }, wait: async (ms) => { waits.push(ms) } })
  token = await tokenFor(t.app)
})

const control = (url: string, payload?: unknown) =>
  t.app.inject({ method: payload === undefined ? 'DELETE' : 'POST', url: `/__mock/faults${url}`, ...(payload === undefined ? {} : { payload: payload as object }) })
const disputes = () => t.app.inject({ method: 'GET', url: '/sale/disputes', headers: allegroHeaders(token) })

test('the next N tasks FAIL with the given message, then tasks succeed again', async () => {
  expect((await control('/tasks', { count: 1, message: 'Allegro is having a bad day.' })).statusCode).toBe(201)
  const failed = await command(t.app, token, 'ACTIVATE', [ADS_GUIDE.readyOfferId])
  t.clock.advance(1000)
  expect((await tasks(t.app, token, failed.commandId))[0]).toMatchObject({ status: 'FAIL', message: 'Allegro is having a bad day.' })
  expect((await t.app.inject({ method: 'GET', url: `/sale/offers/${ADS_GUIDE.readyOfferId}`, headers: allegroHeaders(token) })).json().publication.status).toBe('INACTIVE')
  const next = await command(t.app, token, 'ACTIVATE', [ADS_GUIDE.readyOfferId])
  t.clock.advance(1000)
  expect((await tasks(t.app, token, next.commandId))[0].status).toBe('SUCCESS')
})

test('tasks of chosen offers FAIL until the fault is cleared', async () => {
  await control('/tasks', { offerIds: [ADS_GUIDE.readyOfferId], message: 'Zablokowane przez test.' })
  for (let i = 0; i < 2; i++) {
    const { commandId } = await command(t.app, token, 'ACTIVATE', [ADS_GUIDE.readyOfferId])
    t.clock.advance(1000)
    expect((await tasks(t.app, token, commandId))[0].message).toBe('Zablokowane przez test.')
  }
  expect((await control('')).json().taskFailures).toEqual([])
  const { commandId } = await command(t.app, token, 'ACTIVATE', [ADS_GUIDE.readyOfferId])
  t.clock.advance(1000)
  expect((await tasks(t.app, token, commandId))[0].status).toBe('SUCCESS')
})

test('a route answers a chosen status N times, by operationId or by method and path', async () => {
  await control('/responses', { route: 'GET /sale/disputes', status: 503, times: 2 })
  for (let i = 0; i < 2; i++) {
    const res = await disputes()
    expect(res.statusCode).toBe(503)
    expect(res.json().errors[0].code).toBe('InternalServerErrorException')
  }
  expect((await disputes()).statusCode).toBe(200)
  await control('/responses', { route: 'getListOfDisputesUsingGET', status: 500 })
  expect((await disputes()).statusCode).toBe(500)
  expect((await control('/responses', { route: 'GET /nowhere', status: 500 })).statusCode).toBe(422)
})

test('latency is added to the chosen route only', async () => {
  await control('/latency', { route: 'GET /sale/disputes/{disputeId}', ms: 1500 })
  await disputes()
  expect(waits).toEqual([])
  await t.app.inject({ method: 'GET', url: '/sale/disputes/a38812fa-6fef-4c9c-ac06-a0952b67ba78', headers: allegroHeaders(token) })
  expect(waits).toEqual([1500])
})

test('the rate limit counts per client id per minute on the mock clock and answers 429', async () => {
  await control('/rate-limit', { enabled: true, perMinute: 3 })
  for (let i = 0; i < 3; i++) expect((await disputes()).statusCode).toBe(200)
  const limited = await disputes()
  expect(limited.statusCode).toBe(429)
  expect(expectContract(limited, 'getListOfDisputesUsingGET').errors[0]).toMatchObject({ code: 'RateLimitExceedException', userMessage: 'Przekroczony limit zapytań.' })
  t.clock.advance(60_000)
  expect((await disputes()).statusCode).toBe(200)
  await control('/rate-limit', { enabled: false })
  for (let i = 0; i < 5; i++) expect((await disputes()).statusCode).toBe(200)
})

test('a reset clears every fault', async () => {
  await control('/responses', { route: 'GET /sale/disputes', status: 500, times: 10 })
  await control('/rate-limit', { enabled: true, perMinute: 1 })
  await t.app.inject({ method: 'POST', url: '/__mock/reset' })
  expect((await control('')).json()).toMatchObject({ taskFailures: [], responses: [], latencies: [], rateLimit: { enabled: false } })
  expect((await disputes()).statusCode).toBe(200)
  expect((await disputes()).statusCode).toBe(200)
})
