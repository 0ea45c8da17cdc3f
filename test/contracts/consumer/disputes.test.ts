import { expect, test } from 'vitest'
import { MatchersV3 } from '@pact-foundation/pact'
import { AllegroApiError, createAllegroClient, VENDOR_JSON } from '../../../src/contracts/client.js'
import { bearer, eachLike, errorsBody, isoDateTime, like, plainJsonType, recorded, string, uuid, vendorJsonBody, vendorJsonType } from '../../../src/contracts/pact.js'
import { screenshotPng } from '../../../src/fixtures/files.js'
import { consumerPact } from '../pact-setup.js'

const pact = consumerPact('allegro-disputes-client')
const DISPUTE = 'a38812fa-6fef-4c9c-ac06-a0952b67ba78'
const DECLARED = '5a4c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4'
const asSeller = { accept: VENDOR_JSON, authorization: bearer() }

const message = {
  id: uuid('e75d97ba-18a7-4d1b-a7ee-d02ba1a21bba'),
  text: string('Niestety towar jest uszkodzony.'),
  author: { login: string('Buyer_login1'), role: MatchersV3.regex('^(BUYER|SELLER|ADMIN|SYSTEM|FULFILLMENT)$', 'BUYER') },
  createdAt: isoDateTime('2018-09-14T06:34:24.258Z'),
}

const dispute = {
  id: uuid(DISPUTE),
  subject: { name: string('przedmiot jest uszkodzony') },
  status: MatchersV3.regex('^(ONGOING|CLOSED|UNRESOLVED)$', 'ONGOING'),
  messagesStatus: MatchersV3.regex('^(NEW|BUYER_REPLIED|SELLER_REPLIED|ALLEGRO_ADVISOR_REPLIED)$', 'NEW'),
  buyer: { id: string('3952032'), login: string('Buyer_login1') },
  checkoutForm: { id: uuid('31fc03c3-9ebc-11e8-8885-2bfbcd0aa7ab'), createdAt: isoDateTime('2018-08-13T05:46:56.000Z') },
  message,
  messagesCount: MatchersV3.integer(5),
  lastMessageCreationDate: isoDateTime('2018-09-14T06:34:24.258Z'),
}

const client = (url: string, token = 'pact:Seller_login1') => createAllegroClient({ apiUrl: url, token })

test('lists the seller\'s disputes', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for the seller\'s disputes')
    .withRequest('GET', '/sale/disputes', b => b.headers(asSeller).query({ limit: '10', offset: '0' }))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({ disputes: eachLike(dispute) }))
    .executeTest(recorded(async (mock) => {
      const { disputes } = await client(mock.url).listDisputes({ limit: 10, offset: 0 })
      expect(disputes[0]!.id).toBe(DISPUTE)
    }))
})

test('reads one dispute', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for dispute a38812fa')
    .withRequest('GET', `/sale/disputes/${DISPUTE}`, b => b.headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody(dispute))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).getDispute(DISPUTE)).subject.name).toBe('przedmiot jest uszkodzony')
    }))
})

test('reads a dispute\'s messages, newest first', async () => {
  await pact.addInteraction()
    .given('the buyer replied in dispute {disputeId}', { disputeId: DISPUTE })
    .uponReceiving('a request for the messages of dispute a38812fa')
    .withRequest('GET', `/sale/disputes/${DISPUTE}/messages`, b => b.headers(asSeller).query({ limit: '5' }))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({ messages: eachLike(message) }))
    .executeTest(recorded(async (mock) => {
      const { messages } = await client(mock.url).listDisputeMessages(DISPUTE, { limit: 5 })
      expect(messages.length).toBeGreaterThan(0)
    }))
})

test('posts a message', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a seller\'s message to dispute a38812fa')
    .withRequest('POST', `/sale/disputes/${DISPUTE}/messages`, b => vendorJsonBody(b, { text: 'Proszę o zdjęcie uszkodzenia.', type: 'REGULAR' }).headers(asSeller))
    .willRespondWith(201, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      id: uuid('962e051e-2509-4ccf-910d-5e5179b975b9'), text: 'Proszę o zdjęcie uszkodzenia.',
      author: { login: 'Seller_login1', role: 'SELLER' }, createdAt: isoDateTime('2018-09-17T05:20:56.692Z'),
    }))
    .executeTest(recorded(async (mock) => {
      const posted = await client(mock.url).postDisputeMessage(DISPUTE, { text: 'Proszę o zdjęcie uszkodzenia.', type: 'REGULAR' })
      expect(posted.author.role).toBe('SELLER')
    }))
})

test('a message to a closed dispute is refused with 409', async () => {
  await pact.addInteraction()
    .given('dispute {disputeId} is closed', { disputeId: DISPUTE })
    .uponReceiving('a seller\'s message to a closed dispute')
    .withRequest('POST', `/sale/disputes/${DISPUTE}/messages`, b => vendorJsonBody(b, { text: 'Halo?', type: 'REGULAR' }).headers(asSeller))
    .willRespondWith(409, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      errors: eachLike({ code: 'CONFLICT', message: 'Dispute is in a state that forbids adding new messages', userMessage: string('x') }),
    }))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).postDisputeMessage(DISPUTE, { text: 'Halo?', type: 'REGULAR' }).catch(e => e)
      expect(error).toBeInstanceOf(AllegroApiError)
      expect(error.status).toBe(409)
    }))
})

test('a message with neither text nor attachment is refused with 422', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('an empty seller\'s message')
    .withRequest('POST', `/sale/disputes/${DISPUTE}/messages`, b => vendorJsonBody(b, { type: 'REGULAR' }).headers(asSeller))
    .willRespondWith(422, b => b.headers({ 'content-type': vendorJsonType }).jsonBody(errorsBody('VALIDATION_ERROR', 'text')))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).postDisputeMessage(DISPUTE, { type: 'REGULAR' }).catch(e => e)
      expect(error.code).toBe('VALIDATION_ERROR')
    }))
})

test('declares an attachment and gets the upload URL in Location', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('an attachment declaration')
    .withRequest('POST', '/sale/dispute-attachments', b => vendorJsonBody(b, { fileName: 'Zrzut_ekranu.png', size: 2549 }).headers(asSeller))
    .willRespondWith(201, b => b
      .headers({ 'content-type': vendorJsonType, location: MatchersV3.regex(`^https?://.+/sale/dispute-attachments/[0-9a-f-]{36}$`, `http://127.0.0.1:3000/sale/dispute-attachments/${DECLARED}`) })
      .jsonBody({ id: uuid(DECLARED) }))
    .executeTest(recorded(async (mock) => {
      const { id, location } = await client(mock.url).declareAttachment({ fileName: 'Zrzut_ekranu.png', size: 2549 })
      expect(location.endsWith(id)).toBe(true)
    }))
})

test('uploads the declared bytes', async () => {
  const bytes = screenshotPng()
  await pact.addInteraction()
    .given('seller {seller} declared attachment {attachmentId} of {size} bytes', { seller: 'Seller_login1', attachmentId: DECLARED, size: String(bytes.length) })
    .uponReceiving('the upload of a declared attachment')
    .withRequest('PUT', `/sale/dispute-attachments/${DECLARED}`, b => b.headers({ authorization: bearer() }).body('image/png', bytes))
    .willRespondWith(200)
    .executeTest(recorded(async (mock) => {
      await client(mock.url).uploadAttachment(`${mock.url}/sale/dispute-attachments/${DECLARED}`, bytes, 'image/png')
    }))
})

test('an upload of a type disputes do not take is refused with 415', async () => {
  const bytes = Buffer.concat([Buffer.from('RIFF'), Buffer.from([212, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(204)])
  await pact.addInteraction()
    .given('seller {seller} declared attachment {attachmentId} of {size} bytes', { seller: 'Seller_login1', attachmentId: DECLARED, size: String(bytes.length) })
    .uponReceiving('the upload of an attachment as WebP')
    .withRequest('PUT', `/sale/dispute-attachments/${DECLARED}`, b => b.headers({ authorization: bearer() }).body('image/webp', bytes))
    .willRespondWith(415, b => b.headers({ 'content-type': plainJsonType }).jsonBody(errorsBody('NotSupportedException')))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).uploadAttachment(`${mock.url}/sale/dispute-attachments/${DECLARED}`, bytes, 'image/webp').catch(e => e)
      expect(error.status, JSON.stringify(error.body)).toBe(415)
    }))
})

test('an upload over 2 MiB is refused with 413', async () => {
  const bytes = Buffer.concat([screenshotPng(), Buffer.alloc(2_097_153 - screenshotPng().length)])
  await pact.addInteraction()
    .given('seller {seller} declared attachment {attachmentId} of {size} bytes', { seller: 'Seller_login1', attachmentId: DECLARED, size: '2097152' })
    .uponReceiving('the upload of an attachment over 2 MiB')
    .withRequest('PUT', `/sale/dispute-attachments/${DECLARED}`, b => b.headers({ authorization: bearer() }).body('image/png', bytes))
    .willRespondWith(413, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({ errors: eachLike({ message: 'File is too big' }) }))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url).uploadAttachment(`${mock.url}/sale/dispute-attachments/${DECLARED}`, bytes, 'image/png').catch(e => e)
      expect(error.status).toBe(413)
    }))
})

test('downloads the buyer\'s screenshot', async () => {
  const bytes = screenshotPng()
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a download of attachment 731f2401')
    .withRequest('GET', '/sale/dispute-attachments/731f2401-7b79-4212-be9e-591464526cfe', b => b.headers({ authorization: bearer() }))
    .willRespondWith(200, b => b.body('image/png', bytes))
    .executeTest(recorded(async (mock) => {
      const file = await client(mock.url).downloadAttachment('731f2401-7b79-4212-be9e-591464526cfe')
      expect(file.bytes.equals(bytes)).toBe(true)
    }))
})

test('reads the order behind a dispute', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request for checkout form 31fc03c3')
    .withRequest('GET', '/order/checkout-forms/31fc03c3-9ebc-11e8-8885-2bfbcd0aa7ab', b => b.headers(asSeller))
    .willRespondWith(200, b => b.headers({ 'content-type': vendorJsonType }).jsonBody({
      id: '31fc03c3-9ebc-11e8-8885-2bfbcd0aa7ab',
      buyer: like({ id: '3952032', email: 'buyer_login1+a1b2c3@allegromail.pl', login: 'Buyer_login1', guest: false }),
      status: string('READY_FOR_PROCESSING'),
      lineItems: eachLike({ id: uuid('7b0c0a9e-64c6-4c55-8e4b-3f7b2d0d8f11'), offer: like({ id: '7783912345', name: 'Ekspres' }), quantity: MatchersV3.integer(1), originalPrice: like({ amount: '649.00', currency: 'PLN' }), price: like({ amount: '649.00', currency: 'PLN' }) }),
      summary: { totalToPay: like({ amount: '658.99', currency: 'PLN' }) },
    }))
    .executeTest(recorded(async (mock) => {
      expect((await client(mock.url).getCheckoutForm('31fc03c3-9ebc-11e8-8885-2bfbcd0aa7ab')).buyer.login).toBe('Buyer_login1')
    }))
})

test('an expired token gets 401 in OAuth\'s shape', async () => {
  await pact.addInteraction()
    .given('the default scenario')
    .uponReceiving('a request with an expired token')
    .withRequest('GET', '/sale/disputes', b => b.headers({ accept: VENDOR_JSON, authorization: bearer('Seller_login1', { expired: true }) }))
    .willRespondWith(401, b => b.headers({ 'content-type': plainJsonType }).jsonBody({ error: 'invalid_token', error_description: 'Access token expired' }))
    .executeTest(recorded(async (mock) => {
      const error = await client(mock.url, 'pact:Seller_login1:expired').listDisputes().catch(e => e)
      expect(error.code).toBe('invalid_token')
    }))
})
