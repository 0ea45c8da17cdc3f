import { expect, test } from 'vitest'
import { MatchersV3 } from '@pact-foundation/pact'
import { createAllegroClient, VENDOR_JSON } from '../../../src/contracts/client.js'
import { bearer, eachLike, errorsBody, isoDateTime, like, offerId, price, recorded, string, uuid, vendorJsonBody, vendorJsonType } from '../../../src/contracts/pact.js'
import { ADS_GUIDE, BMW_PARAMETERS } from '../../../src/fixtures/offers.js'
import { consumerPact } from '../pact-setup.js'

const pact = consumerPact('allegro-classifieds-client')
const asSeller = { accept: VENDOR_JSON, authorization: bearer() }
const COMMAND = '3380d97f-0d32-4747-8a17-1da38f9499de'
const client = (url: string) => createAllegroClient({ apiUrl: url, token: 'pact:Seller_login1' })

const validationError = { code: string('VALIDATION_ERROR'), message: string('Location may not be empty.'), path: string('location'), userMessage: string('Podaj lokalizację.') }

// Built here, not read back from Allegro: a parameter without a range leaves rangeValue out (Allegro's document
// has no null for it).
const completeOffer = {
  name: 'BMW X5 e53', category: { id: '57968' }, parameters: BMW_PARAMETERS.map(({ rangeValue: _, ...parameter }) => parameter),
  description: { sections: [{ items: [{ type: 'TEXT', content: '<p>opis tekstowy</p>' }] }] },
  images: ADS_GUIDE.imageUrls.map(url => ({ url })),
  sellingMode: { format: 'ADVERTISEMENT', price: { amount: '33000', currency: 'PLN' } },
  payments: { invoice: 'NO_INVOICE' },
  location: { countryCode: 'PL', province: 'WIELKOPOLSKIE', city: 'Poznań', postCode: '60-166' },
  contact: { id: ADS_GUIDE.contactId },
}

test('creates a contact; phones come back in Allegro\'s form', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a new contact')
    .withRequest('POST', '/sale/offer-contacts', b => vendorJsonBody(b, { name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '555-555-666' }] }).headers(asSeller))
    .willRespondWith(201, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      id: uuid('0c046252-9559-4ecb-8ea3-879f60e46947'), name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '+48 55 555 56 66' }],
    }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).createContact({ name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '555-555-666' }] })).phones[0].number).toBe('+48 55 555 56 66')
    }))
})

test('the 51st contact is refused with 422', async () => {
  await pact.addInteraction()
    .given('seller {seller} has 50 contacts', { seller: 'Seller_login1' })
    .uponReceiving('a contact over the limit of 50')
    .withRequest('POST', '/sale/offer-contacts', b => vendorJsonBody(b, { name: 'Jeden za dużo' }).headers(asSeller))
    .willRespondWith(422, b => b.headers({ 'content-type': vendorJsonType }).jsonBody(errorsBody('VALIDATION_ERROR')))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).createContact({ name: 'Jeden za dużo' }).catch(e => e)
      expect(error.status).toBe(422)
    }))
})

test('walks the category tree', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for the children of category 4032')
    .withRequest('GET', '/sale/categories', b => b.headers(asSeller).query({ 'parent.id': '4032' }))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      categories: eachLike({ id: string('249626'), name: string('Seria 2'), parent: { id: '4032' }, leaf: MatchersV3.boolean(true), options: like({ advertisement: true }) }),
    }))
    .executeTest(recorded(async (mock) => {
      const [category] = (await client(mock.url).listCategories('4032')).categories
      expect(category!.leaf).toBe(true)
      expect(category!.options.advertisement).toBe(true)
    }))
})

test('reads a category\'s parameters', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for the parameters of category 57968')
    .withRequest('GET', '/sale/categories/57968/parameters', b => b.headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      parameters: eachLike({ id: string('11323'), name: string('Stan'), type: MatchersV3.regex('^(dictionary|integer|float|string)$', 'dictionary'), required: MatchersV3.boolean(true) }),
    }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).getCategoryParameters('57968')).parameters.length).toBeGreaterThan(0)
    }))
})

test('lists the packages of a category', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for the packages of category 57968')
    .withRequest('GET', '/sale/classifieds-packages', b => b.headers(asSeller).query({ 'category.id': '57968' }))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      packages: eachLike({ id: uuid(ADS_GUIDE.basePackageId), name: string('Podstawowy'), type: MatchersV3.regex('^(BASE|EXTRA)$', 'BASE') }),
    }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).listPackages('57968')).packages[0]!.type).toBe('BASE')
    }))
})

test('uploads an image by link', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('an image upload by link')
    .withRequest('POST', '/sale/images', b => vendorJsonBody(b, { url: 'https://imgur.com/1aOIvg3E.jpg' }).headers(asSeller))
    .willRespondWith(201, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      location: MatchersV3.regex('^https?://.+', 'http://127.0.0.1:3000/__mock/images/5b4c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4'),
      expiresAt: isoDateTime('2026-01-06T10:00:00.000Z'),
    }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).uploadImageFromUrl('https://imgur.com/1aOIvg3E.jpg')).location).toMatch(/^http/)
    }))
})

test('creates a draft that lists what is missing', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a draft from a name and a category')
    .withRequest('POST', '/sale/offers', b => vendorJsonBody(b, { name: 'BMW X5 e53', category: { id: '257150' } }).headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      id: offerId('6206178738'), name: 'BMW X5 e53', category: { id: '257150' },
      publication: like({ status: 'INACTIVE' }),
      validation: { errors: eachLike(validationError), validatedAt: isoDateTime('2019-02-26T11:33:38.599Z') },
      createdAt: isoDateTime('2019-02-26T11:33:38.000Z'), updatedAt: isoDateTime('2019-02-26T11:33:38.600Z'),
    }))
    .executeTest(recorded(async (mock) => {
      const draft = await client(mock.url).createOffer({ name: 'BMW X5 e53', category: { id: '257150' } })
      expect(draft.validation.errors.length).toBeGreaterThan(0)
    }))
})

test('completes the draft with a full PUT', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('the full structure of draft 6206178738')
    .withRequest('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, b => vendorJsonBody(b, { id: ADS_GUIDE.draftOfferId, ...completeOffer }).headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      id: ADS_GUIDE.draftOfferId, name: 'BMW X5 e53', sellingMode: { format: 'ADVERTISEMENT', price: price('33000') },
      validation: { errors: [], validatedAt: isoDateTime('2019-02-26T11:57:05.352Z') },
    }))
    .executeTest(recorded(async (mock) => {
      const offer = await client(mock.url).replaceOffer(ADS_GUIDE.draftOfferId, { id: ADS_GUIDE.draftOfferId, ...completeOffer })
      expect(offer.validation.errors).toEqual([])
    }))
})

test('assigns packages, then reads them back', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a package assignment for draft 6206178738')
    .withRequest('PUT', `/sale/offer-classifieds-packages/${ADS_GUIDE.draftOfferId}`, b => vendorJsonBody(b, { basePackage: { id: ADS_GUIDE.basePackageId }, extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8' }] }).headers(asSeller))
    .willRespondWith(200)
    .executeTest(recorded(async (mock) => {
      await client(mock.url).assignPackages(ADS_GUIDE.draftOfferId, { basePackage: { id: ADS_GUIDE.basePackageId }, extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8' }] })
    }))
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for the packages of offer 7276377308')
    .withRequest('GET', `/sale/offer-classifieds-packages/${ADS_GUIDE.readyOfferId}`, b => b.headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({ basePackage: { id: uuid(ADS_GUIDE.basePackageId) }, extraPackages: [] }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).getOfferPackages(ADS_GUIDE.readyOfferId)).basePackage.id).toBe(ADS_GUIDE.basePackageId)
    }))
})

test('previews the fees', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a fee preview for the guide\'s packages')
    .withRequest('POST', '/pricing/offer-fee-preview', b => vendorJsonBody(b, {
      offer: { name: 'BMW X5 e53', category: { id: '57968' } },
      classifiedsPackages: { basePackage: { id: '708a5240-0dc4-4573-8d50-4a32cdcc5823' }, extraPackages: [{ id: '74bb1eef-28d3-443a-91ed-d39b0646f2c3' }] },
    }).headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      commissions: [],
      quotes: eachLike({ name: string('Opłata za pakiet Power'), fee: price('39.00'), cycleDuration: string('PT1200H'), classifiedsPackage: { id: uuid('708a5240-0dc4-4573-8d50-4a32cdcc5823') } }),
    }))
    .executeTest(recorded(async (mock) => {
      const fees = await client(mock.url).feePreview({
        offer: { name: 'BMW X5 e53', category: { id: '57968' } },
        classifiedsPackages: { basePackage: { id: '708a5240-0dc4-4573-8d50-4a32cdcc5823' }, extraPackages: [{ id: '74bb1eef-28d3-443a-91ed-d39b0646f2c3' }] },
      })
      expect(fees.quotes[0]!.fee.amount).toBe('39.00')
    }))
})

test('submits a publication command: 201 with nothing counted yet', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('an ACTIVATE command for offer 7276377308')
    .withRequest('PUT', `/sale/offer-publication-commands/${COMMAND}`, b => vendorJsonBody(b, {
      publication: { action: 'ACTIVATE' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: ADS_GUIDE.readyOfferId }] }],
    }).headers(asSeller))
    .willRespondWith(201, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({ id: COMMAND, taskCount: { total: 0, success: 0, failed: 0 } }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).publish(COMMAND, 'ACTIVATE', [ADS_GUIDE.readyOfferId])).taskCount.total).toBe(0)
    }))
})

test('reads a settled command and its SUCCESS task', async () => {
  await pact.addInteraction()
    .given('publication command {commandId} to {action} offer {offerId} has settled', { commandId: COMMAND, action: 'ACTIVATE', offerId: ADS_GUIDE.readyOfferId })
    .uponReceiving('a request for the tasks of a settled command')
    .withRequest('GET', `/sale/offer-publication-commands/${COMMAND}/tasks`, b => b.headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      tasks: eachLike({ offer: { id: offerId(ADS_GUIDE.readyOfferId) }, status: 'SUCCESS' }),
    }))
    .executeTest(recorded(async (mock) => {
      const tasks = await client(mock.url).waitForTasks(COMMAND, { wait: async () => {}, attempts: 1 })
      expect(tasks[0]!.status).toBe('SUCCESS')
    }))
})

test('a failed task carries Allegro\'s message', async () => {
  await pact.addInteraction()
    .given('publication command {commandId} to {action} offer {offerId} has settled', { commandId: COMMAND, action: 'ACTIVATE', offerId: ADS_GUIDE.draftOfferId })
    .uponReceiving('a request for the tasks of a command whose offer is incomplete')
    .withRequest('GET', `/sale/offer-publication-commands/${COMMAND}/tasks`, b => b.headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      tasks: eachLike({ offer: { id: offerId(ADS_GUIDE.draftOfferId) }, status: 'FAIL', message: 'The offer has validation errors.', errors: eachLike({ code: string('VALIDATION_ERROR'), message: string('Location may not be empty.') }) }),
    }))
    .executeTest(recorded(async (mock) => {
      const tasks = await client(mock.url).waitForTasks(COMMAND, { wait: async () => {}, attempts: 1 })
      expect(tasks[0]!.status).toBe('FAIL')
    }))
})

test('reads the seller\'s statistics', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for the seller\'s classified statistics')
    .withRequest('GET', '/sale/classified-seller-stats', b => b.headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      eventStatsTotal: eachLike({ eventType: string('ASKED_QUESTION'), count: MatchersV3.integer(12) }),
      eventsPerDay: eachLike({ date: MatchersV3.regex('^\\d{4}-\\d{2}-\\d{2}$', '2022-08-24'), eventStats: eachLike({ eventType: string('ASKED_QUESTION'), count: MatchersV3.integer(12) }) }),
    }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).sellerStats()).eventStatsTotal.length).toBeGreaterThan(0)
    }))
})
