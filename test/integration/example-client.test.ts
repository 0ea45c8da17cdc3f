import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createAllegroClient, type AllegroClient } from '../../src/contracts/client.js'
import { ADS_GUIDE, BMW_PARAMETERS } from '../../src/fixtures/offers.js'
import { greyJpeg, screenshotPng } from '../../src/fixtures/files.js'
import { defaultConfig } from '../../src/server/config.js'
import { startServer, type RunningServer } from '../../src/server/server.js'

// The example client against a running mock, as `npm start -- --clock manual` runs it: both guides end to end.
let server: RunningServer
let allegro: AllegroClient
beforeAll(async () => {
  server = await startServer({ ...defaultConfig, port: 0, dataFile: null, clock: 'manual', clockStart: '2026-01-05T10:00:00.000Z', logLevel: 'silent' })
  const tokens = await createAllegroClient({ apiUrl: server.url }).token({ grant_type: 'authorization_code', code: await consentCode(), redirect_uri: 'http://localhost:8080/callback' },
    { clientId: 'allegro-mock-client', clientSecret: 'allegro-mock-secret' })
  allegro = createAllegroClient({ apiUrl: server.url, token: tokens.access_token, language: 'en-US' })
})
afterAll(async () => { await server.close() })

async function consentCode (): Promise<string> {
  const answer = await fetch(`${server.url}/auth/oauth/authorize?response_type=code&client_id=allegro-mock-client&redirect_uri=${encodeURIComponent('http://localhost:8080/callback')}&mock_seller=Seller_login1`, { redirect: 'manual' })
  return new URL(answer.headers.get('location')!).searchParams.get('code')!
}

/** Waiting, on a manual clock: move it past the task delay. */
const advance = async () => { await fetch(`${server.url}/__mock/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"by":"PT5S"}' }) }

test('the disputes guide: list, read, reply with an attachment, download it back', async () => {
  const { disputes } = await allegro.listDisputes({ status: ['ONGOING'] })
  const dispute = await allegro.getDispute(disputes[0]!.id)
  expect(dispute.id).toBe('a38812fa-6fef-4c9c-ac06-a0952b67ba78')
  expect((await allegro.listDisputeMessages(dispute.id, { limit: 5 })).messages).toHaveLength(5)

  const bytes = screenshotPng({ width: 64, height: 48 })
  const { id, location } = await allegro.declareAttachment({ fileName: 'odpowiedz.png', size: bytes.length })
  await allegro.uploadAttachment(location, bytes, 'image/png')
  const message = await allegro.postDisputeMessage(dispute.id, { type: 'REGULAR', text: 'W załączniku zdjęcie.', attachment: { id } })
  expect(message.attachment.fileName).toBe('odpowiedz.png')
  const file = await allegro.downloadAttachment(id)
  expect(file.bytes.equals(bytes)).toBe(true)
  expect((await allegro.getCheckoutForm(dispute.checkoutForm.id)).id).toBe(dispute.checkoutForm.id)
  expect((await allegro.getDispute(dispute.id)).messagesStatus).toBe('SELLER_REPLIED')
})

test('the classified-ads guide: contact, catalogue, image, draft, packages, fees, publication, stats, end', async () => {
  const contact = await allegro.createContact({ name: 'Auta terenowe', phones: [{ number: '788788788' }] })
  expect(contact.phones[0].number).toBe('+48 788 788 788')
  const leaf = (await allegro.listCategories('4032')).categories.find(c => c.leaf)!
  expect((await allegro.getCategoryParameters(leaf.id)).parameters.length).toBeGreaterThan(0)
  const base = (await allegro.listPackages(leaf.id)).packages.find(p => p.type === 'BASE')!
  expect((await allegro.getPackage(base.id)).name).toBe(base.name)
  const image = await allegro.uploadImage(greyJpeg(), 'image/jpeg')

  const draft = await allegro.createOffer({ name: 'BMW X5 e53', category: { id: leaf.id } })
  expect(draft.validation.errors.length).toBeGreaterThan(0)
  const complete = await allegro.replaceOffer(draft.id, {
    ...draft,
    parameters: BMW_PARAMETERS,
    description: { sections: [{ items: [{ type: 'TEXT', content: '<p>opis tekstowy</p>' }, { type: 'IMAGE', url: image.location }] }] },
    images: [{ url: image.location }],
    sellingMode: { format: 'ADVERTISEMENT', price: { amount: '33000', currency: 'PLN' } },
    payments: { invoice: 'NO_INVOICE' },
    location: { countryCode: 'PL', province: 'WIELKOPOLSKIE', city: 'Poznań', postCode: '60-166' },
    contact: { id: contact.id },
  })
  expect(complete.validation.errors).toEqual([])
  await allegro.assignPackages(draft.id, { basePackage: { id: base.id } })
  expect((await allegro.getOfferPackages(draft.id)).basePackage.id).toBe(base.id)
  expect((await allegro.feePreview({ offer: { id: draft.id, name: draft.name } })).quotes).toHaveLength(1)

  const activation = randomUUID()
  expect((await allegro.publish(activation, 'ACTIVATE', [draft.id])).taskCount).toEqual({ total: 0, success: 0, failed: 0 })
  const [task] = await allegro.waitForTasks(activation, { wait: advance })
  expect(task!.status).toBe('SUCCESS')
  expect((await allegro.getPublicationReport(activation)).taskCount).toEqual({ total: 1, success: 1, failed: 0 })
  expect((await allegro.getOffer(draft.id)).publication.status).toBe('ACTIVE')

  await fetch(`${server.url}/__mock/offers/${draft.id}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"eventType":"ASKED_QUESTION","count":2}' })
  expect((await allegro.offersStats([draft.id])).offerStats[0]!.eventStatsTotal).toEqual([{ eventType: 'ASKED_QUESTION', count: 2 }])
  expect((await allegro.sellerStats()).eventStatsTotal.length).toBeGreaterThan(0)

  const ending = randomUUID()
  await allegro.publish(ending, 'END', [draft.id])
  expect((await allegro.waitForTasks(ending, { wait: advance }))[0]!.status).toBe('SUCCESS')
  expect((await allegro.getOffer(draft.id)).publication).toMatchObject({ status: 'ENDED', endedBy: 'USER' })
})

test('failures reach the caller as AllegroApiError with Allegro\'s code', async () => {
  const error = await allegro.getOffer(ADS_GUIDE.statsOfferIds[0]! + '9').catch(e => e)
  expect(error.status).toBe(404)
  expect(error.code).toBe('OfferNotFoundException')
  const failing = randomUUID()
  await allegro.publish(failing, 'ACTIVATE', [ADS_GUIDE.draftOfferId])
  const [task] = await allegro.waitForTasks(failing, { wait: advance })
  expect(task).toMatchObject({ status: 'FAIL', message: 'The offer has validation errors.' })
})
