// Uploads are bounded: a body over its route's limit (declared or streamed) is refused with 413 in Allegro's shape
// as soon as the limit is seen, the connection is then closed, and memory stays flat. Against a real listening server.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LINGER_MS } from '../../src/server/core/close-connection.js'
import {
  expectAllegroError, parseResponse, rawExchange, spawnMock, tokenOf, VENDOR_JSON, type RawResult, type SpawnedMock,
} from '../support/raw-http.js'

const MB = 1024 * 1024
const BETA_JSON = 'application/vnd.allegro.beta.v1+json'

let mock: SpawnedMock
let token: string
beforeAll(async () => {
  mock = await spawnMock()
  token = await tokenOf(mock.url)
})
afterAll(() => mock?.stop())

/** The three raw uploads of the upload host, each with its limit (the mock's defaults). */
const uploads = [
  { name: 'POST /sale/images', method: 'POST', path: () => '/sale/images', accept: VENDOR_JSON, limit: 10 * MB },
  { name: 'PUT /sale/dispute-attachments/{id}', method: 'PUT', path: () => `/sale/dispute-attachments/${randomUUID()}`, accept: VENDOR_JSON, limit: 2 * MB },
  { name: 'PUT /sale/issues/attachments/{id}', method: 'PUT', path: () => `/sale/issues/attachments/${randomUUID()}`, accept: BETA_JSON, limit: 2 * MB },
]
type Upload = typeof uploads[number]

const head = (upload: Upload, framing: string, auth = true) =>
  `${upload.method} ${upload.path()} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ${upload.accept}\r\n` +
  `${auth ? `Authorization: Bearer ${token}\r\n` : ''}Content-Type: image/png\r\n${framing}\r\n\r\n`

const CHUNK = Buffer.alloc(256 * 1024, 0x89)
const CHUNKED = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')])

/** A chunked body that never ends (up to `cap` bytes, so a broken server cannot hold the test forever). */
function endless (upload: Upload, cap: number, auth = true): Promise<RawResult> {
  return rawExchange(mock.port, head(upload, 'Transfer-Encoding: chunked', auth), { timeoutMs: 10_000, more: sent => sent < cap ? CHUNKED : null })
}

/** Headers that declare `length` bytes, then `send` bytes of it. */
function lying (upload: Upload, length: number, send = 64 * 1024): Promise<RawResult> {
  return rawExchange(mock.port, Buffer.concat([Buffer.from(head(upload, `Content-Length: ${length}`)), Buffer.alloc(send, 0x89)]), { timeoutMs: 5000 })
}

function expectRefused (result: RawResult, status = 413): string {
  const response = parseResponse(result.text)
  const code = expectAllegroError(response, status)
  expect(response.headers.connection).toBe('close')
  expect(result.closed, 'the server closed the connection').toBe(true)
  expect(result.text.indexOf('HTTP/1.1', 1)).toBe(-1)
  return code
}

describe.each(uploads)('$name', (upload) => {
  test('a declared Content-Length of 5 GiB is refused at once with 413, without reading the body', async () => {
    const result = await lying(upload, 5368709120)
    expect(expectRefused(result)).toBe('PayloadTooLargeException')
    // Answered while the body is still 5 GiB short: the 413 did not wait for it.
    expect(result.sent).toBeLessThan(1024 * 1024)
  })

  test('an endless chunked body is refused with 413 once the limit is passed, and the connection is closed', async () => {
    const result = await endless(upload, 200 * MB)
    expect(expectRefused(result)).toBe('PayloadTooLargeException')
    // What got through is the limit plus what the loopback's socket buffers hold, not the 64 MB of a drain.
    expect(result.sent).toBeGreaterThan(upload.limit)
    expect(result.sent).toBeLessThan(upload.limit + 24 * MB)
  })

  test('a body just under the limit is still read to its end (a 4xx from the route, not 413)', async () => {
    const result = await rawExchange(mock.port, Buffer.concat([
      Buffer.from(head(upload, `Content-Length: ${upload.limit}\r\nConnection: close`)), Buffer.alloc(upload.limit, 0x89)]), { timeoutMs: 5000 })
    const response = parseResponse(result.text)
    expect(response.status).not.toBe(413)
    expect(response.status).toBeGreaterThanOrEqual(400)
    expectAllegroError(response)
  })
})

test('an endless upload without a token gets its 401 in OAuth\'s shape, and is not read on', async () => {
  const result = await endless(uploads[0]!, 200 * MB, false)
  const response = parseResponse(result.text)
  expect(response.status).toBe(401)
  expect(JSON.parse(response.body)).toEqual({ error: 'unauthorized', error_description: 'Full authentication is required to access this resource' })
  expect(response.headers.connection).toBe('close')
  expect(result.closed).toBe(true)
  expect(result.sent).toBeLessThan(24 * MB)
})

test('RSS after 100 refused 100 MB uploads (lying and streamed, all three routes) stays within 20 MB of before', async () => {
  const refuse = async (count: number) => {
    let sent = 0
    for (let i = 0; i < count; i++) {
      const upload = uploads[i % uploads.length]!
      const result = i % 2 === 0 ? await lying(upload, 100 * MB, 1 * MB) : await endless(upload, 100 * MB)
      sent += result.sent
      expect(expectRefused(result)).toBe('PayloadTooLargeException')
    }
    // Refused connections linger (unread) for up to a second before they are destroyed.
    await new Promise(resolve => setTimeout(resolve, LINGER_MS + 250))
    return sent
  }
  // A warm-up first, so that code compiled and heap sized on first use do not count as held by the uploads.
  const cold = mock.rssKb()
  await refuse(12)
  const before = mock.rssKb()
  const sent = await refuse(100)
  const after = mock.rssKb()
  console.log(`upload probe: RSS ${Math.round(cold / 1024)} MB at start, ${Math.round(before / 1024)} MB after a warm-up of 12, ` +
    `${Math.round(after / 1024)} MB after 100 refused 100 MB uploads (${Math.round(sent / MB)} MB sent before the 413s)`)
  expect(after - before).toBeLessThan(20 * 1024)
  // And it still serves an upload that fits.
  const res = await fetch(`${mock.url}/sale/images`, {
    method: 'POST', headers: { accept: VENDOR_JSON, authorization: `Bearer ${token}`, 'content-type': VENDOR_JSON }, body: JSON.stringify({ url: 'https://example.com/a.jpg' }),
  })
  expect(res.status).toBe(201)
}, 60_000)
