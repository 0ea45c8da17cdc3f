import { beforeEach, describe, expect, test } from 'vitest'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { screenshotPng } from '../../src/fixtures/files.js'
import { allegroHeaders, buildTestApp, expectContract, START, tokenFor, type TestApp, readState } from '../support/app.js'
import { postMessage, uploadAttachment } from '../support/disputes.js'

let t: TestApp
let token: string
let otherToken: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
  otherToken = await tokenFor(t.app, 'Seller_login2')
})

const get = (url: string, bearer = token) => t.app.inject({ method: 'GET', url, headers: allegroHeaders(bearer) })
const listIds = async (query: string, bearer = token) =>
  expectContract<{ disputes: Array<{ id: string, status: string }> }>(await get(`/sale/disputes${query}`, bearer), 'getListOfDisputesUsingGET').disputes

describe('the guide\'s requests as written', () => {
  test('GET /sale/disputes lists the guide\'s two disputes first, newest opened first', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sale/disputes', headers: { accept: 'application/vnd.allegro.public.v1+json', authorization: `Bearer ${token}` } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.allegro.public.v1+json;charset=UTF-8')
    const body = expectContract(res, 'getListOfDisputesUsingGET')
    expect(body.disputes).toHaveLength(10)
    expect(body.disputes[0].id).toBe(GUIDE.disputeId)
    expect(body.disputes[1].id).toBe(GUIDE.unresolvedDisputeId)
    expect(body.disputes[1]).toMatchObject({ status: 'UNRESOLVED', messagesStatus: 'BUYER_REPLIED', messagesCount: 6, buyer: { id: '42334554', login: 'Buyer_login2' } })
  })

  test('GET /sale/disputes/{id} answers the guide\'s example', async () => {
    const body = expectContract(await get(`/sale/disputes/${GUIDE.disputeId}`), 'getDisputeUsingGET')
    expect(body).toEqual({
      id: 'a38812fa-6fef-4c9c-ac06-a0952b67ba78',
      subject: { name: 'przedmiot jest uszkodzony' },
      status: 'ONGOING',
      messagesStatus: 'NEW',
      buyer: { id: '3952032', login: 'Buyer_login1' },
      checkoutForm: { id: '31fc03c3-9ebc-11e8-8885-2bfbcd0aa7ab', createdAt: '2018-08-13T05:46:56.000Z' },
      message: {
        id: 'e75d97ba-18a7-4d1b-a7ee-d02ba1a21bba',
        text: 'Niestety towar jest uszkodzony.',
        attachment: { fileName: 'Zrzut ekranu.png', url: 'http://127.0.0.1:3000/sale/dispute-attachments/731f2401-7b79-4212-be9e-591464526cfe' },
        author: { login: 'Buyer_login1', role: 'BUYER' },
        createdAt: '2018-09-14T06:34:24.258Z',
      },
      messagesCount: 5,
      lastMessageCreationDate: '2018-09-14T06:34:24.258Z',
    })
  })

  test('GET /sale/disputes?checkoutForm.id= finds the dispute of that order', async () => {
    expect((await listIds(`?checkoutForm.id=${GUIDE.checkoutFormId}`)).map(d => d.id)).toEqual([GUIDE.disputeId])
  })

  test('GET .../messages answers the guide\'s five messages, newest first', async () => {
    const body = expectContract(await get(`/sale/disputes/${GUIDE.disputeId}/messages`), 'getMessagesFromDisputeUsingGET')
    expect(body.messages.map((m: { id: string }) => m.id)).toEqual([
      '657fc2c1-addf-416a-8129-e2b55740248b', '8586fa58-ff19-4713-8b3e-9c0c3ff73e1b', '3f730fe3-f2d4-4548-a722-b81c27acd282',
      '10d392e2-6ea7-4347-9baf-5fe54a9580e8', 'e75d97ba-18a7-4d1b-a7ee-d02ba1a21bba',
    ])
    expect(body.messages[0]).toEqual({
      id: '657fc2c1-addf-416a-8129-e2b55740248b', text: 'Vestibulum eu interdum ex, p…',
      author: { login: 'Seller_login1', role: 'SELLER' }, createdAt: '2018-09-14T06:36:55.332Z',
    })
    expect(body.messages[4].attachment.fileName).toBe('Zrzut ekranu.png')
  })

  test('POST .../messages with the guide\'s body and attachment 77b2f474 creates the message', async () => {
    const res = await postMessage(t.app, token, GUIDE.disputeId, {
      text: 'Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.\n\n\nPellentesque tincidunt, lacus nec interdum pellentesque.',
      attachment: { id: GUIDE.readyAttachmentId },
      type: 'REGULAR',
    })
    expect(res.statusCode).toBe(201)
    const message = expectContract(res, 'addMessageToDisputeUsingPOST')
    expect(message).toMatchObject({
      author: { login: 'Seller_login1', role: 'SELLER' },
      createdAt: START,
      attachment: { fileName: 'Zrzut_ekranu.png', url: `http://127.0.0.1:3000/sale/dispute-attachments/${GUIDE.readyAttachmentId}` },
    })
    expect(message.text).toContain('Pellentesque tincidunt')
  })

  test('POST /sale/dispute-attachments with the guide\'s declaration answers 201, an id and the upload Location', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/sale/dispute-attachments', headers: allegroHeaders(token), payload: { size: 2549, fileName: 'Zrzut_ekranu.png' } })
    expect(res.statusCode).toBe(201)
    const { id } = expectContract(res, 'createAnAttachmentUsingPOST')
    expect(res.headers.location).toBe(`http://127.0.0.1:3000/sale/dispute-attachments/${id}`)
  })

  test('GET /sale/dispute-attachments/66377da8… downloads the file without an Accept header', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/sale/dispute-attachments/${GUIDE.downloadAttachmentId}`, headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/jpeg')
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    expectContract(res, 'getAttachmentUsingGET')
  })

  test('the buyer\'s screenshot is a real PNG', async () => {
    const res = await get(`/sale/dispute-attachments/${GUIDE.screenshotAttachmentId}`)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.rawPayload.subarray(1, 4).toString()).toBe('PNG')
    expect(res.headers['content-disposition']).toBe("inline; filename*=UTF-8''Zrzut%20ekranu.png")
  })
})

describe('listing', () => {
  test('limit and offset page through the same order', async () => {
    const all = (await listIds('?limit=100')).map(d => d.id)
    expect(all).toHaveLength(12)
    expect((await listIds('?limit=4&offset=5')).map(d => d.id)).toEqual(all.slice(5, 9))
    expect(await listIds('?offset=12')).toEqual([])
  })

  test('status is repeatable and filters', async () => {
    const found = await listIds('?limit=100&status=ONGOING&status=UNRESOLVED')
    expect(found.length).toBeGreaterThan(0)
    expect(found.every(d => d.status === 'ONGOING' || d.status === 'UNRESOLVED')).toBe(true)
    const closed = await listIds('?limit=100&status=CLOSED')
    expect(closed.length + found.length).toBe(12)
  })

  test.each([
    ['limit=0', 'limit'], ['limit=101', 'limit'], ['offset=-1', 'offset'], ['status=LOST', 'status[0]'],
    ['checkoutForm.id=12345', 'checkoutForm.id'], ['limit=ten', 'limit'],
  ])('?%s is refused with 422 naming %s', async (query, path) => {
    const res = await get(`/sale/disputes?${query}`)
    expect(res.statusCode).toBe(422)
    expect(expectContract(res, 'getListOfDisputesUsingGET').errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path })
  })

  test('message paging: limit 1..100, newest first', async () => {
    const page = expectContract(await get(`/sale/disputes/${GUIDE.disputeId}/messages?limit=2&offset=1`), 'getMessagesFromDisputeUsingGET')
    expect(page.messages.map((m: { id: string }) => m.id)).toEqual(['8586fa58-ff19-4713-8b3e-9c0c3ff73e1b', '3f730fe3-f2d4-4548-a722-b81c27acd282'])
    const tooMany = await get(`/sale/disputes/${GUIDE.disputeId}/messages?limit=101`)
    expect(tooMany.statusCode).toBe(422)
    expectContract(tooMany, 'getMessagesFromDisputeUsingGET')
  })

  test('an unknown dispute is 404 in Allegro shape', async () => {
    const res = await get('/sale/disputes/00000000-0000-4000-8000-000000000000')
    expect(res.statusCode).toBe(404)
    expect(expectContract(res, 'getDisputeUsingGET').errors[0].code).toBe('NOT_FOUND')
    expect((await get('/sale/disputes/00000000-0000-4000-8000-000000000000/messages')).statusCode).toBe(404)
  })
})

describe('seller messages', () => {
  test('a reply moves the dispute to SELLER_REPLIED with the new count and date', async () => {
    t.clock.advance(60_000)
    const res = await postMessage(t.app, token, GUIDE.unresolvedDisputeId, { text: 'Odpowiadam.', type: 'REGULAR' })
    expect(res.statusCode).toBe(201)
    const dispute = expectContract(await get(`/sale/disputes/${GUIDE.unresolvedDisputeId}`), 'getDisputeUsingGET')
    expect(dispute).toMatchObject({ messagesStatus: 'SELLER_REPLIED', messagesCount: 7, lastMessageCreationDate: '2026-01-05T10:01:00.000Z' })
    const first = expectContract(await get(`/sale/disputes/${GUIDE.unresolvedDisputeId}/messages?limit=1`), 'getMessagesFromDisputeUsingGET')
    expect(first.messages[0]).toMatchObject({ text: 'Odpowiadam.', author: { role: 'SELLER' } })
  })

  test('END_REQUEST is accepted on an ongoing dispute', async () => {
    const res = await postMessage(t.app, token, GUIDE.disputeId, { text: 'Czy możemy zakończyć dyskusję?', type: 'END_REQUEST' })
    expect(res.statusCode).toBe(201)
  })

  test('the 2025 attachments array with one element is accepted too', async () => {
    const id = await uploadAttachment(t.app, token, screenshotPng())
    const res = await postMessage(t.app, token, GUIDE.disputeId, { attachments: [{ id }], type: 'REGULAR' })
    expect(res.statusCode).toBe(201)
    expect(expectContract(res, 'addMessageToDisputeUsingPOST').attachment.url).toContain(id)
  })

  test.each([
    ['neither text nor attachment', { type: 'REGULAR' }, 'text'],
    ['blank text only', { type: 'REGULAR', text: '   ' }, 'text'],
    ['an unknown attachment', { type: 'REGULAR', attachment: { id: '00000000-0000-4000-8000-000000000001' } }, 'attachment.id'],
    ['two attachments', { type: 'REGULAR', attachments: [{ id: 'a' }, { id: 'b' }] }, 'attachments'],
    ['a claim-only type', { type: 'RETURN_NOT_REQUIRED', text: 'x' }, 'type'],
    ['an unknown type', { type: 'SHOUT', text: 'x' }, 'type'],
    ['no type', { text: 'x' }, 'type'],
    ['text over 20 000 characters', { type: 'REGULAR', text: 'x'.repeat(20001) }, 'text'],
  ])('%s: 422 naming the field, nothing stored', async (_name, body, path) => {
    const res = await postMessage(t.app, token, GUIDE.disputeId, body)
    expect(res.statusCode).toBe(422)
    expect(expectContract(res, 'addMessageToDisputeUsingPOST').errors.map((e: { path: string }) => e.path)).toContain(path)
    expect(readState(t.store, s => s.disputes.find(d => d.id === GUIDE.disputeId)!.messagesCount)).toBe(5)
  })

  test('an attachment declared but not uploaded, another seller\'s, or already used is refused', async () => {
    const declared = await t.app.inject({ method: 'POST', url: '/sale/dispute-attachments', headers: allegroHeaders(token), payload: { fileName: 'a.png', size: 10 } })
    const notUploaded = await postMessage(t.app, token, GUIDE.disputeId, { type: 'REGULAR', attachment: { id: declared.json().id } })
    expect(notUploaded.statusCode).toBe(422)
    expect(notUploaded.json().errors[0].message).toContain('has not been uploaded')

    const theirs = await uploadAttachment(t.app, otherToken, screenshotPng())
    const foreign = await postMessage(t.app, token, GUIDE.disputeId, { type: 'REGULAR', attachment: { id: theirs } })
    expect(foreign.statusCode).toBe(422)
    expect(foreign.json().errors[0].message).toContain('not found')

    expect((await postMessage(t.app, token, GUIDE.disputeId, { type: 'REGULAR', attachment: { id: GUIDE.readyAttachmentId } })).statusCode).toBe(201)
    const reused = await postMessage(t.app, token, GUIDE.unresolvedDisputeId, { type: 'REGULAR', attachment: { id: GUIDE.readyAttachmentId } })
    expect(reused.statusCode).toBe(422)
    expect(reused.json().errors[0].message).toContain('already used')
  })

  test('a closed dispute answers 409 and keeps its messages', async () => {
    await t.app.inject({ method: 'POST', url: `/__mock/disputes/${GUIDE.disputeId}/status`, payload: { status: 'CLOSED' } })
    const res = await postMessage(t.app, token, GUIDE.disputeId, { text: 'Halo?', type: 'REGULAR' })
    expect(res.statusCode).toBe(409)
    expect(expectContract(res, 'addMessageToDisputeUsingPOST').errors[0]).toMatchObject({ code: 'CONFLICT', message: 'Dispute is in a state that forbids adding new messages' })
    expect(readState(t.store, s => s.disputes.find(d => d.id === GUIDE.disputeId)!.messagesCount)).toBe(5)
  })

  test('END_REQUEST on an unresolved dispute answers 409', async () => {
    const res = await postMessage(t.app, token, GUIDE.unresolvedDisputeId, { text: 'Koniec?', type: 'END_REQUEST' })
    expect(res.statusCode).toBe(409)
  })
})

describe('attachments', () => {
  test('declare, upload, use in a message, download: the bytes come back identical', async () => {
    const bytes = screenshotPng({ width: 200, height: 120 })
    const id = await uploadAttachment(t.app, token, bytes, 'image/png', 'reklamacja.png')
    const message = expectContract(await postMessage(t.app, token, GUIDE.disputeId, { type: 'REGULAR', attachment: { id } }), 'addMessageToDisputeUsingPOST')
    const download = await t.app.inject({ method: 'GET', url: new URL(message.attachment.url).pathname, headers: { authorization: `Bearer ${token}` } })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('image/png')
    expect(download.rawPayload.equals(bytes)).toBe(true)
  })

  test.each([
    ['size 0', { fileName: 'a.png', size: 0 }, 'size', 'VALIDATION_ERROR'],
    ['size over 2 MiB', { fileName: 'a.png', size: 2_097_153 }, 'size', 'ATTACHMENT_ERROR'],
    ['a path in the name', { fileName: '../etc/passwd', size: 10 }, 'fileName', 'VALIDATION_ERROR'],
    ['a name over 255 characters', { fileName: `${'a'.repeat(252)}.png`, size: 10 }, 'fileName', 'VALIDATION_ERROR'],
    ['no file name', { size: 10 }, 'fileName', 'VALIDATION_ERROR'],
  ])('a declaration with %s: 422', async (_name, payload, path, code) => {
    const res = await t.app.inject({ method: 'POST', url: '/sale/dispute-attachments', headers: allegroHeaders(token), payload })
    expect(res.statusCode).toBe(422)
    expect(expectContract(res, 'createAnAttachmentUsingPOST').errors[0]).toMatchObject({ code, path })
  })

  test('the size limit message is Allegro\'s, in Polish by default', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/sale/dispute-attachments', headers: allegroHeaders(token), payload: { fileName: 'a.png', size: 3_000_000 } })
    expect(res.json().errors[0].userMessage).toBe('Rozmiar pliku przekracza dopuszczalną wartość 2097152 bajtów.')
  })

  async function declare (size: number, bearer = token): Promise<string> {
    return (await t.app.inject({ method: 'POST', url: '/sale/dispute-attachments', headers: allegroHeaders(bearer), payload: { fileName: 'f.png', size } })).json().id
  }
  const put = (id: string, payload: Buffer, contentType = 'image/png', bearer = token) =>
    t.app.inject({ method: 'PUT', url: `/sale/dispute-attachments/${id}`, headers: allegroHeaders(bearer, { 'content-type': contentType }), payload })

  test.each([['image/webp'], ['text/plain'], ['application/octet-stream']])('an upload as %s: 415', async (type) => {
    const bytes = screenshotPng()
    const res = await put(await declare(bytes.length), bytes, type)
    expect(res.statusCode).toBe(415)
    expectContract(res, 'uploadDisputeAttachmentUsingPUT')
  })

  test('an upload over 2 MiB: 413 and the declaration stays unused', async () => {
    const id = await declare(2_097_152)
    const res = await put(id, Buffer.alloc(2_097_153, 1))
    expect(res.statusCode).toBe(413)
    expect(expectContract(res, 'uploadDisputeAttachmentUsingPUT').errors[0].message).toBe('File is too big')
    expect(readState(t.store, s => s.disputeAttachments.find(a => a.id === id)!.meta.uploadedAt)).toBeNull()
  })

  test('bytes that differ from the declared size or the Content-Type: 422', async () => {
    const bytes = screenshotPng()
    const wrongSize = await put(await declare(bytes.length + 1), bytes)
    expect(wrongSize.statusCode).toBe(422)
    expect(wrongSize.json().errors[0].message).toContain('declaration says')
    const wrongKind = await put(await declare(bytes.length), bytes, 'image/jpeg')
    expect(wrongKind.statusCode).toBe(422)
    expect(wrongKind.json().errors[0].message).toContain('does not match Content-Type image/jpeg')
    expectContract(wrongKind, 'uploadDisputeAttachmentUsingPUT')
  })

  test('a second upload to the same id is refused and the first bytes stay', async () => {
    const first = screenshotPng()
    const id = await declare(first.length)
    expect((await put(id, first)).statusCode).toBe(200)
    const second = await put(id, first)
    expect(second.statusCode).toBe(422)
    expect(second.json().errors[0].message).toContain('already uploaded')
    expect((await get(`/sale/dispute-attachments/${id}`)).rawPayload.equals(first)).toBe(true)
  })

  test('an upload to an unknown id or another seller\'s declaration: 404', async () => {
    const bytes = screenshotPng()
    expect((await put('00000000-0000-4000-8000-000000000002', bytes)).statusCode).toBe(404)
    const theirs = await declare(bytes.length, otherToken)
    const res = await put(theirs, bytes)
    expect(res.statusCode).toBe(404)
    expectContract(res, 'uploadDisputeAttachmentUsingPUT')
  })

  test('a download of an unknown or not yet uploaded attachment is 404', async () => {
    expect((await get('/sale/dispute-attachments/00000000-0000-4000-8000-000000000003')).statusCode).toBe(404)
    expect((await get(`/sale/dispute-attachments/${await declare(10)}`)).statusCode).toBe(404)
  })
})

describe('isolation between sellers', () => {
  test('each seller lists only their own disputes', async () => {
    const mine = await listIds('?limit=100')
    const theirs = await listIds('?limit=100', otherToken)
    expect(theirs).toHaveLength(3)
    expect(theirs.some(d => mine.some(m => m.id === d.id))).toBe(false)
  })

  test('another seller\'s dispute, messages and attachment answer 403 without their data', async () => {
    for (const url of [`/sale/disputes/${GUIDE.disputeId}`, `/sale/disputes/${GUIDE.disputeId}/messages`, `/sale/dispute-attachments/${GUIDE.screenshotAttachmentId}`]) {
      const res = await get(url, otherToken)
      expect(res.statusCode, url).toBe(403)
      expect(res.body).not.toContain('Buyer_login1')
      expect(res.json().errors[0].code).toBe('AccessDenied')
    }
  })

  test('another seller cannot post to my dispute, and nothing changes', async () => {
    const res = await postMessage(t.app, otherToken, GUIDE.disputeId, { text: 'Intruz', type: 'REGULAR' })
    expect(res.statusCode).toBe(403)
    expectContract(res, 'addMessageToDisputeUsingPOST')
    expect(readState(t.store, s => s.disputeMessages.some(m => m.text === 'Intruz'))).toBe(false)
  })

  test('filters never reach across sellers', async () => {
    expect(await listIds(`?checkoutForm.id=${GUIDE.checkoutFormId}`, otherToken)).toEqual([])
  })
})
