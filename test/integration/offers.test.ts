import { beforeEach, describe, expect, test } from 'vitest'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { screenshotPng } from '../../src/fixtures/files.js'
import { allegroHeaders, buildTestApp, expectContract, START, tokenFor, type TestApp, readState } from '../support/app.js'
import { GUIDE_DRAFT_ERRORS, guidePutBody } from '../support/offers.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const send = (method: 'POST' | 'PUT', url: string, payload: unknown, bearer = token, extra: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: allegroHeaders(bearer, extra), payload: JSON.stringify(payload) })
const get = (url: string, bearer = token, extra: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: allegroHeaders(bearer, extra) })
const messages = (offer: { validation: { errors: Array<{ message: string }> } }) => offer.validation.errors.map(e => e.message)

describe('drafts', () => {
  test('the guide\'s POST: a draft from a name and a leaf category, INACTIVE, with the guide\'s validation errors', async () => {
    const res = await send('POST', '/sale/offers', { name: 'BMW X5 e53', category: { id: '257150' } })
    expect(res.statusCode).toBe(200)
    const offer = expectContract(res, 'createOfferUsingPOST')
    expect(offer.id).toMatch(/^\d{10}$/)
    expect(offer).toMatchObject({
      name: 'BMW X5 e53', category: { id: '257150' }, parameters: [], images: [], sellingMode: null, description: null,
      publication: { duration: null, status: 'INACTIVE', startingAt: null, endingAt: null },
      createdAt: START, updatedAt: START,
    })
    expect(messages(offer)).toEqual(GUIDE_DRAFT_ERRORS)
    expect(offer.validation.validatedAt).toBe(START)
    expect(offer.validation.errors[0]).toEqual({ code: 'VALIDATION_ERROR', details: '', message: 'Location may not be empty.', path: 'location', userMessage: 'Podaj lokalizację.' })
    expect(expectContract(await get(`/sale/offers/${offer.id}`), 'getOfferUsingGET')).toEqual(offer)
  })

  test('userMessage follows Accept-Language', async () => {
    const offer = expectContract(await get(`/sale/offers/${ADS_GUIDE.draftOfferId}`, token, { 'accept-language': 'en-US' }), 'getOfferUsingGET')
    expect(offer.validation.errors.map((e: { userMessage: string }) => e.userMessage)[0]).toBe('Location may not be empty.')
  })

  test('the scenario\'s BMW X5 e53 draft answers the guide\'s incomplete state', async () => {
    const offer = expectContract(await get(`/sale/offers/${ADS_GUIDE.draftOfferId}`), 'getOfferUsingGET')
    expect(offer).toMatchObject({ id: '6206178738', name: 'BMW X5 e53', category: { id: '57968' }, createdAt: '2019-02-26T11:33:38.000Z' })
    expect(messages(offer)).toEqual(GUIDE_DRAFT_ERRORS)
    expect(offer.validation.validatedAt).toBe('2019-02-26T11:33:38.599Z')
  })

  test('the guide\'s full PUT clears every error; the server keeps id, createdAt and publication', async () => {
    t.clock.advance(60_000)
    const res = await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, guidePutBody())
    expect(res.statusCode).toBe(200)
    const offer = expectContract(res, 'updateOfferUsingPUT')
    expect(offer.validation.errors).toEqual([])
    expect(offer).toMatchObject({
      id: '6206178738', createdAt: '2019-02-26T11:33:38.000Z', updatedAt: '2026-01-05T10:01:00.000Z',
      publication: { status: 'INACTIVE', duration: null }, sellingMode: { format: 'ADVERTISEMENT', price: { amount: '33000', currency: 'PLN' } },
      external: { id: '4131asdsad40011' }, b2b: { buyableOnlyByBusiness: false },
    })
    expect(offer.validation.validatedAt).toBe('2026-01-05T10:01:00.000Z')
  })

  test('PUT replaces the whole structure: what the body leaves out is gone', async () => {
    await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, guidePutBody())
    const { location: _location, ...withoutLocation } = guidePutBody()
    const offer = expectContract(await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, withoutLocation), 'updateOfferUsingPUT')
    expect(offer.location).toBeNull()
    expect(messages(offer)).toEqual(['Location may not be empty.'])
  })

  test('PUT cannot set what the server owns', async () => {
    const body = { ...guidePutBody(), publication: { duration: 'PT240H', status: 'ACTIVE', startingAt: null, endingAt: null }, promotion: { bold: true }, createdAt: '2000-01-01T00:00:00Z' }
    const offer = expectContract(await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, body), 'updateOfferUsingPUT')
    expect(offer.publication).toEqual({ duration: null, status: 'INACTIVE', startingAt: null, endingAt: null })
    expect(offer.promotion).toBeNull()
    expect(offer.createdAt).toBe('2019-02-26T11:33:38.000Z')
  })

  test.each([
    ['a name of the wrong type', { name: 123, category: { id: '57968' } }, 'name'],
    ['no name', { category: { id: '57968' } }, 'name'],
    ['a name over 50 characters', { name: 'x'.repeat(51), category: { id: '57968' } }, 'name'],
    ['no category', { name: 'Audi' }, 'category.id'],
    ['an unknown category', { name: 'Audi', category: { id: '999999' } }, 'category.id'],
    ['a category above the leaves', { name: 'Audi', category: { id: '4032' } }, 'category.id'],
    ['parameters that are not a list', { name: 'Audi', category: { id: '57968' }, parameters: 'x' }, 'parameters'],
    ['a price of the wrong type', { name: 'Audi', category: { id: '57968' }, sellingMode: { format: 'ADVERTISEMENT', price: { amount: 3, currency: 'PLN' } } }, 'sellingMode.price.amount'],
    ['an unknown selling format', { name: 'Audi', category: { id: '57968' }, sellingMode: { format: 'BARTER' } }, 'sellingMode.format'],
  ])('a POST with %s: 422 naming the field, nothing stored', async (_name, body, path) => {
    const before = readState(t.store, s => s.offers.length)
    const res = await send('POST', '/sale/offers', body)
    expect(res.statusCode).toBe(422)
    expect(expectContract(res, 'createOfferUsingPOST').errors[0].path).toBe(path)
    expect(readState(t.store, s => s.offers.length)).toBe(before)
  })

  test('a bad PUT changes nothing', async () => {
    const before = readState(t.store, s => s.offers.find(o => o.id === ADS_GUIDE.draftOfferId))
    const res = await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, { ...guidePutBody(), images: 'none' })
    expect(res.statusCode).toBe(422)
    expectContract(res, 'updateOfferUsingPUT')
    const mismatch = await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, { ...guidePutBody(), id: '1111111111' })
    expect(mismatch.statusCode).toBe(422)
    expect(mismatch.json().errors[0].path).toBe('id')
    expect(readState(t.store, s => s.offers.find(o => o.id === ADS_GUIDE.draftOfferId))).toEqual(before)
  })

  test('"Wystaw podobne": a GET body without id and dates, POSTed back, is a new valid draft', async () => {
    const original = expectContract(await get(`/sale/offers/${ADS_GUIDE.readyOfferId}`), 'getOfferUsingGET')
    expect(original.validation.errors).toEqual([])
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = original
    delete copy.validation.validatedAt
    const res = await send('POST', '/sale/offers', copy)
    const similar = expectContract(res, 'createOfferUsingPOST')
    expect(similar.id).not.toBe(original.id)
    expect(similar.validation.errors).toEqual([])
    expect(similar).toMatchObject({ name: original.name, parameters: original.parameters, description: original.description, images: original.images })
    expect(similar.publication).toEqual({ duration: null, status: 'INACTIVE', startingAt: null, endingAt: null })
  })

  test('validation follows the rules: title entities, location, price, contact, images', async () => {
    const body = {
      ...guidePutBody(),
      name: `${'x'.repeat(46)} & b`,
      location: { countryCode: 'PL', province: 'BAWARIA', city: 'Poznań', postCode: '60166' },
      sellingMode: { format: 'ADVERTISEMENT', price: { amount: '-5', currency: 'EUR' } },
      contact: { id: '00000000-0000-4000-8000-000000000000' },
      images: [{ url: 'https://elsewhere.example.pl/foto.jpg' }],
      payments: { invoice: 'PARAGON' },
    }
    const offer = expectContract(await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, body), 'updateOfferUsingPUT')
    expect(offer.validation.errors.map((e: { path: string }) => e.path)).toEqual([
      'name', 'location.province', 'location.postCode', 'payments.invoice', 'sellingMode.price.amount', 'sellingMode.price.currency', 'images[0].url', 'contact.id',
    ])
  })

  test('an advertisement needs a category that takes ads; the price may be left out where the category allows', async () => {
    const plot = { name: 'Działka 1000 m2', category: { id: '112745' }, parameters: [{ id: '212570', values: ['1000'] }], sellingMode: { format: 'ADVERTISEMENT' },
      description: guidePutBody().description, location: guidePutBody().location, payments: { invoice: 'NO_INVOICE' }, contact: { id: ADS_GUIDE.contactId } }
    expect(messages(expectContract(await send('POST', '/sale/offers', plot), 'createOfferUsingPOST'))).toEqual([])
    const phone = { ...plot, name: 'Telefon', category: { id: '348' }, parameters: [{ id: '11323', valuesIds: ['11323_1'] }], sellingMode: { format: 'ADVERTISEMENT', price: { amount: '100', currency: 'PLN' } } }
    expect(messages(expectContract(await send('POST', '/sale/offers', phone), 'createOfferUsingPOST'))).toEqual(['Category 348 does not allow advertisements.'])
  })

  test('an image used in an offer does not expire', async () => {
    const { location } = (await t.app.inject({ method: 'POST', url: '/sale/images', headers: allegroHeaders(token, { 'content-type': 'image/png' }), payload: screenshotPng() })).json()
    const body = { ...guidePutBody(), images: [{ url: location }] }
    expect(messages(expectContract(await send('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, body), 'updateOfferUsingPUT'))).toEqual([])
    t.clock.advance(48 * 3600 * 1000)
    expect((await t.app.inject({ method: 'GET', url: new URL(location).pathname })).statusCode).toBe(200)
  })

  test('isolation: another seller\'s offer answers 403 and cannot be changed; unknown is 404', async () => {
    const other = await tokenFor(t.app, 'Seller_login2')
    const read = await get(`/sale/offers/${ADS_GUIDE.readyOfferId}`, other)
    expect(read.statusCode).toBe(403)
    expect(read.body).not.toContain('BMW')
    expectContract(read, 'getOfferUsingGET')
    expect((await send('PUT', `/sale/offers/${ADS_GUIDE.readyOfferId}`, guidePutBody(), other)).statusCode).toBe(403)
    const unknown = await get('/sale/offers/1234567890')
    expect(unknown.statusCode).toBe(404)
    expect(expectContract(unknown, 'getOfferUsingGET').errors[0].code).toBe('OfferNotFoundException')
  })
})

describe('packages', () => {
  const url = `/sale/offer-classifieds-packages/${ADS_GUIDE.draftOfferId}`

  test('before any assignment: 404 "Classified not found"', async () => {
    const res = await get(url)
    expect(res.statusCode).toBe(404)
    expect(expectContract(res, 'getClassifiedPackagesUsingGET').errors[0].message).toBe('Classified not found')
  })

  test('assigning: 200 with no body; GET shows it; the offer gets the duration and promotion', async () => {
    const res = await send('PUT', url, { basePackage: { id: '6174be19-56f9-484b-b72c-43b0b00785e8' }, extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8' }, { id: '3174be19-56f9-484b-b72c-43b0b00785e6', republish: true }] })
    expect(res.statusCode).toBe(200)
    expect(expectContract(res, 'assignClassifiedPackagesUsingPUT')).toBeUndefined()
    expect(expectContract(await get(url), 'getClassifiedPackagesUsingGET')).toEqual({
      basePackage: { id: '6174be19-56f9-484b-b72c-43b0b00785e8' },
      extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8', republish: false }, { id: '3174be19-56f9-484b-b72c-43b0b00785e6', republish: true }],
    })
    const offer = expectContract(await get(`/sale/offers/${ADS_GUIDE.draftOfferId}`), 'getOfferUsingGET')
    expect(offer.publication.duration).toBe('PT960H')
    expect(offer.promotion).toEqual({ emphasized: true, bold: true, highlight: false, departmentPage: false, emphasizedHighlightBoldPackage: false })
  })

  test.each([
    ['the guide\'s EXTRA package as the base', { basePackage: { id: '3174be19-56f9-484b-b72c-43b0b00785e8' } }, 'basePackage.id'],
    ['an unknown base package', { basePackage: { id: '00000000-0000-0000-0000-000000000000' } }, 'basePackage.id'],
    ['a base package of another branch', { basePackage: { id: 'b1f0c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } }, 'basePackage.id'],
    ['a BASE package among the extras', { basePackage: { id: '6174be19-56f9-484b-b72c-43b0b00785e8' }, extraPackages: [{ id: '708a5240-0dc4-4573-8d50-4a32cdcc5823' }] }, 'extraPackages[0].id'],
    ['no base package', { extraPackages: [] }, 'basePackage'],
  ])('%s: 422, nothing assigned', async (_name, body, path) => {
    const res = await send('PUT', url, body)
    expect(res.statusCode).toBe(422)
    expect(expectContract(res, 'assignClassifiedPackagesUsingPUT').errors[0].path).toBe(path)
    expect((await get(url)).statusCode).toBe(404)
  })

  test('once published, the base package stays and extras can only be added', async () => {
    const readyUrl = `/sale/offer-classifieds-packages/${ADS_GUIDE.readyOfferId}`
    await t.store.update(tx => {
      const offers = tx.seller(t.store.ownerOf('offers', ADS_GUIDE.readyOfferId)!).offers
      const offer = offers.get(ADS_GUIDE.readyOfferId)!
      offers.put({ ...offer, publication: { ...offer.publication, status: 'ACTIVE' } })
    })
    const base = await send('PUT', readyUrl, { basePackage: { id: '708a5240-0dc4-4573-8d50-4a32cdcc5823' } })
    expect(base.statusCode).toBe(422)
    expect(base.json().errors[0].message).toBe('The base package can be changed only before the ad is published.')
    const gain = await send('PUT', readyUrl, { basePackage: { id: ADS_GUIDE.basePackageId }, extraPackages: [{ id: '74bb1eef-28d3-443a-91ed-d39b0646f2c3' }] })
    expect(gain.statusCode).toBe(200)
    const lose = await send('PUT', readyUrl, { basePackage: { id: ADS_GUIDE.basePackageId }, extraPackages: [] })
    expect(lose.statusCode).toBe(422)
    expect(lose.json().errors[0].path).toBe('extraPackages')
  })

  test('isolation: another seller cannot read or assign packages of my offer', async () => {
    const other = await tokenFor(t.app, 'Seller_login2')
    expect((await get(`/sale/offer-classifieds-packages/${ADS_GUIDE.readyOfferId}`, other)).statusCode).toBe(403)
    expect((await send('PUT', url, { basePackage: { id: ADS_GUIDE.basePackageId } }, other)).statusCode).toBe(403)
  })
})

describe('fee preview', () => {
  test('the guide\'s packages are quoted as in its example', async () => {
    const res = await send('POST', '/pricing/offer-fee-preview', {
      offer: { id: ADS_GUIDE.draftOfferId, name: 'BMW X5 e53', category: { id: '57968' }, publication: { duration: 'PT720H' } },
      classifiedsPackages: { basePackage: { id: '708a5240-0dc4-4573-8d50-4a32cdcc5823' }, extraPackages: [{ id: '74bb1eef-28d3-443a-91ed-d39b0646f2c3' }, { id: '45d1d9d2-0696-4326-9dd0-8d02120f8a1c' }] },
    })
    expect(res.statusCode).toBe(200)
    const body = expectContract(res, 'calculateFeePreviewUsingPOST')
    expect(body.commissions).toEqual([])
    expect(body.quotes.map(({ type: _type, ...q }: { type: string }) => q)).toEqual([
      { name: 'Opłata za pakiet Power', fee: { amount: '39.00', currency: 'PLN' }, cycleDuration: 'PT1200H', classifiedsPackage: { id: '708a5240-0dc4-4573-8d50-4a32cdcc5823' } },
      { name: 'Opłata za wyróżnienie ogłoszenia', fee: { amount: '39.00', currency: 'PLN' }, cycleDuration: 'PT240H', classifiedsPackage: { id: '74bb1eef-28d3-443a-91ed-d39b0646f2c3' } },
      { name: 'Promowanie na stronie działu - ogłoszenie', fee: { amount: '33.00', currency: 'PLN' }, cycleDuration: 'PT120H', classifiedsPackage: { id: '45d1d9d2-0696-4326-9dd0-8d02120f8a1c' } },
    ])
  })

  test('without packages in the request, the offer\'s assigned ones are quoted', async () => {
    const body = expectContract(await send('POST', '/pricing/offer-fee-preview', { offer: { id: ADS_GUIDE.readyOfferId, name: 'x' } }), 'calculateFeePreviewUsingPOST')
    expect(body.quotes).toEqual([{ name: 'Opłata za pakiet Podstawowy', type: 'listingFee', fee: { amount: '19.00', currency: 'PLN' }, cycleDuration: 'PT960H', classifiedsPackage: { id: ADS_GUIDE.basePackageId } }])
  })

  test('unknown packages, or nothing to price: 422', async () => {
    const unknown = await send('POST', '/pricing/offer-fee-preview', { classifiedsPackages: { basePackage: { id: 'nope' } } })
    expect(unknown.statusCode).toBe(422)
    expect(expectContract(unknown, 'calculateFeePreviewUsingPOST').errors[0].path).toBe('classifiedsPackages.basePackage.id')
    const nothing = await send('POST', '/pricing/offer-fee-preview', { offer: { id: ADS_GUIDE.draftOfferId, name: 'x' } })
    expect(nothing.statusCode).toBe(422)
    expect(nothing.json().errors[0].path).toBe('classifiedsPackages')
  })
})

test('fields the contract does not define are not stored, however deep; JSON nested over 64 levels is refused with 400', async () => {
  let deep: unknown = 'x'
  for (let i = 0; i < 100; i++) deep = { deeper: deep }
  const body = { name: 'Opel Astra 1.6', category: { id: '257150' }, myOwnField: { a: 1 } }
  const created = await t.app.inject({ method: 'POST', url: '/sale/offers', headers: allegroHeaders(token), payload: body })
  expect(created.statusCode).toBe(200)
  expect(created.json().myOwnField).toBeUndefined()
  const tooDeep = await t.app.inject({ method: 'POST', url: '/sale/offers', headers: allegroHeaders(token), payload: { ...body, myOwnField: deep } })
  expect(tooDeep.statusCode).toBe(400)
  expect(tooDeep.json().errors[0].code).toBe('INVALID_JSON')
  const snapshot = await t.app.inject({ method: 'GET', url: '/__mock/snapshot' })
  expect(snapshot.statusCode).toBe(200)
  expect(JSON.stringify(snapshot.json())).not.toContain('myOwnField')
  expect((await t.app.inject({ method: 'POST', url: '/__mock/reset', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(deep) })).statusCode).toBe(400)
})
