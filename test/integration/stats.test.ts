import { beforeEach, expect, test } from 'vitest'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const get = (url: string, bearer = token) => t.app.inject({ method: 'GET', url, headers: allegroHeaders(bearer) })

test('the guide\'s seller statistics: totals and per-day counts', async () => {
  const body = expectContract(await get('/sale/classified-seller-stats'), 'classifiedSellerOfferStatsGET')
  expect(body).toEqual({
    eventStatsTotal: [{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }, { eventType: 'ASKED_QUESTION', count: 12 }],
    eventsPerDay: [
      { date: '2022-08-24', eventStats: [{ eventType: 'ASKED_QUESTION', count: 12 }] },
      { date: '2022-08-25', eventStats: [{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }] },
    ],
  })
})

test('the guide\'s date filter narrows the window', async () => {
  const body = expectContract(await get('/sale/classified-seller-stats?date.gte=2022-08-25T00:00:00.000Z&date.lte=2022-08-30T00:00:00.000Z'), 'classifiedSellerOfferStatsGET')
  expect(body.eventStatsTotal).toEqual([{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }])
})

test('the guide\'s offer statistics, with its comma-separated offer.id', async () => {
  const body = expectContract(await get(`/sale/classified-offers-stats?offer.id=${ADS_GUIDE.statsOfferIds.join(',%20')}`), 'classifiedOffersStatsGET')
  expect(body.offerStats).toEqual([
    {
      offer: { id: '7693291322' },
      eventStatsTotal: [{ eventType: 'ASKED_QUESTION', count: 9 }],
      eventsPerDay: [{ date: '2022-08-24', eventStats: [{ eventType: 'ASKED_QUESTION', count: 9 }] }],
    },
    {
      offer: { id: '7693291524' },
      eventStatsTotal: [{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }, { eventType: 'ASKED_QUESTION', count: 3 }],
      eventsPerDay: [
        { date: '2022-08-24', eventStats: [{ eventType: 'ASKED_QUESTION', count: 3 }] },
        { date: '2022-08-25', eventStats: [{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }] },
      ],
    },
  ])
  const repeated = expectContract(await get(`/sale/classified-offers-stats?offer.id=${ADS_GUIDE.statsOfferIds[0]}&offer.id=${ADS_GUIDE.statsOfferIds[1]}`), 'classifiedOffersStatsGET')
  expect(repeated).toEqual(body)
})

test('events recorded through /__mock move the statistics, per day in Polish time', async () => {
  const record = await t.app.inject({ method: 'POST', url: `/__mock/offers/${ADS_GUIDE.readyOfferId}/events`, payload: { eventType: 'ADDED_TO_FAVOURITES', count: 2, at: '2026-01-04T23:30:00Z' } })
  expect(record.statusCode).toBe(201)
  await t.app.inject({ method: 'POST', url: `/__mock/offers/${ADS_GUIDE.readyOfferId}/events`, payload: { eventType: 'SHOWED_PHONE_NUMBER' } })
  const body = expectContract(await get(`/sale/classified-offers-stats?offer.id=${ADS_GUIDE.readyOfferId}`), 'classifiedOffersStatsGET')
  expect(body.offerStats[0]).toEqual({
    offer: { id: ADS_GUIDE.readyOfferId },
    eventStatsTotal: [{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }, { eventType: 'ADDED_TO_FAVOURITES', count: 2 }],
    eventsPerDay: [
      { date: '2026-01-05', eventStats: [{ eventType: 'SHOWED_PHONE_NUMBER', count: 1 }, { eventType: 'ADDED_TO_FAVOURITES', count: 2 }] },
    ],
  })
  expect((await t.app.inject({ method: 'POST', url: '/__mock/offers/1111111111/events', payload: { eventType: 'ASKED_QUESTION' } })).statusCode).toBe(404)
  expect((await t.app.inject({ method: 'POST', url: `/__mock/offers/${ADS_GUIDE.readyOfferId}/events`, payload: { eventType: 'LIKED' } })).statusCode).toBe(422)
})

test.each([
  ['date.lte in the future', '/sale/classified-seller-stats?date.lte=2026-01-06T00:00:00Z', 'date.lte'],
  ['date.gte in the future', '/sale/classified-seller-stats?date.gte=2026-02-01T00:00:00Z', 'date.gte'],
  ['date.gte after date.lte', '/sale/classified-seller-stats?date.gte=2025-12-01T00:00:00Z&date.lte=2025-11-01T00:00:00Z', 'date.gte'],
  ['more than three months apart', '/sale/classified-seller-stats?date.gte=2025-08-01T00:00:00Z&date.lte=2025-11-02T00:00:00Z', 'date.lte'],
  ['a date that is not a date-time', '/sale/classified-seller-stats?date.gte=yesterday', 'date.gte'],
  ['no offer.id', '/sale/classified-offers-stats', 'offer.id'],
  ['51 offers', `/sale/classified-offers-stats?${Array.from({ length: 51 }, (_, i) => `offer.id=${7000000000 + i}`).join('&')}`, 'offer.id'],
])('%s: 422 naming the parameter', async (_name, url, path) => {
  const res = await get(url)
  expect(res.statusCode).toBe(422)
  expect(res.json().errors[0].path).toBe(path)
  expectContract(res, url.startsWith('/sale/classified-seller') ? 'classifiedSellerOfferStatsGET' : 'classifiedOffersStatsGET')
})

test('statistics of an unknown offer are 404, another seller\'s 403; each seller sees only their own', async () => {
  expect((await get('/sale/classified-offers-stats?offer.id=1111111111')).statusCode).toBe(404)
  const other = await tokenFor(t.app, 'Seller_login2')
  const res = await get(`/sale/classified-offers-stats?offer.id=${ADS_GUIDE.statsOfferIds[0]}`, other)
  expect(res.statusCode).toBe(403)
  expectContract(res, 'classifiedOffersStatsGET')
  expect(expectContract(await get('/sale/classified-seller-stats', other), 'classifiedSellerOfferStatsGET')).toEqual({ eventStatsTotal: [], eventsPerDay: [] })
})
