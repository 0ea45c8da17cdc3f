import { beforeEach, expect, test } from 'vitest'
import { greyJpeg, screenshotPng } from '../../src/fixtures/files.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp, readState } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp({ config: { imageMaxBytes: 64 * 1024 } })
  token = await tokenFor(t.app)
})

const upload = (payload: string | Buffer, contentType: string, bearer = token) =>
  t.app.inject({ method: 'POST', url: '/sale/images', headers: allegroHeaders(bearer, { 'content-type': contentType }), payload })
const fetchImage = (location: string) => t.app.inject({ method: 'GET', url: new URL(location).pathname })

test('the guide\'s upload by link: 201 with location and expiresAt a day later; the placeholder is served', async () => {
  const res = await upload(JSON.stringify({ url: 'https://imgur.com/1aOIvg3E.jpg' }), 'application/vnd.allegro.public.v1+json')
  expect(res.statusCode).toBe(201)
  const body = expectContract(res, 'uploadOfferImageUsingPOST')
  expect(body.expiresAt).toBe('2026-01-06T10:00:00.000Z')
  expect(body.location).toMatch(/^http:\/\/127\.0\.0\.1:3000\/__mock\/images\/[0-9a-f-]{36}$/)
  const image = await fetchImage(body.location)
  expect(image.statusCode).toBe(200)
  expect(image.headers['content-type']).toBe('image/png')
})

test.each([['image/png', screenshotPng()], ['image/jpeg', greyJpeg()]])('an upload of %s bytes is served back identical', async (type, bytes) => {
  const res = await upload(bytes, type)
  expect(res.statusCode).toBe(201)
  const image = await fetchImage(expectContract(res, 'uploadOfferImageUsingPOST').location)
  expect(image.headers['content-type']).toBe(type)
  expect(image.rawPayload.equals(bytes)).toBe(true)
})

test('a WebP image is accepted', async () => {
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(14, 0)])
  expect((await upload(webp, 'image/webp')).statusCode).toBe(201)
})

test.each([
  ['an IP address', 'http://192.168.1.10/a.jpg'],
  ['an IPv6 address', 'http://[::1]/a.jpg'],
  ['ftp', 'ftp://example.com/a.jpg'],
  ['no domain', 'http://localhost/a.jpg'],
  ['not a URL', 'obrazek.jpg'],
])('a link with %s: 422 naming url', async (_name, url) => {
  const res = await upload(JSON.stringify({ url }), 'application/vnd.allegro.public.v1+json')
  expect(res.statusCode).toBe(422)
  expect(expectContract(res, 'uploadOfferImageUsingPOST').errors[0].path).toBe('url')
})

test('a link body without url: 422', async () => {
  const res = await upload('{}', 'application/vnd.allegro.public.v1+json')
  expect(res.statusCode).toBe(422)
  expect(expectContract(res, 'uploadOfferImageUsingPOST').errors[0].path).toBe('url')
})

test.each([['image/gif'], ['application/pdf'], ['application/json']])('%s: 415', async (type) => {
  const res = await upload(screenshotPng(), type)
  expect(res.statusCode).toBe(415)
  expectContract(res, 'uploadOfferImageUsingPOST')
})

test('bytes over the configured limit: 413 "Image is too big", nothing stored', async () => {
  const before = readState(t.store, s => s.images.length)
  const res = await upload(Buffer.alloc(64 * 1024 + 1, 0xff), 'image/jpeg')
  expect(res.statusCode).toBe(413)
  expect(expectContract(res, 'uploadOfferImageUsingPOST').errors[0].message).toBe('Image is too big')
  expect(readState(t.store, s => s.images.length)).toBe(before)
})

test('bytes that are not what the Content-Type says: 422', async () => {
  const res = await upload(screenshotPng(), 'image/jpeg')
  expect(res.statusCode).toBe(422)
  expectContract(res, 'uploadOfferImageUsingPOST')
})

test('an image not used in an offer disappears at expiresAt on the mock clock, bytes included', async () => {
  const { location } = (await upload(screenshotPng(), 'image/png')).json()
  t.clock.advance(24 * 3600 * 1000 - 1)
  expect((await fetchImage(location)).statusCode).toBe(200)
  t.clock.advance(1)
  expect((await fetchImage(location)).statusCode).toBe(404)
  expect((await upload(greyJpeg(), 'image/jpeg', await tokenFor(t.app))).statusCode).toBe(201)
  expect(readState(t.store, s => s.images.map(i => i.location))).not.toContain(location)
  expect(await t.blobs.keys()).toHaveLength(4)
})

test('images need the offers write scope and a seller token', async () => {
  const tokenRes = await t.app.inject({
    method: 'POST', url: '/auth/oauth/token', payload: 'grant_type=client_credentials',
    headers: { authorization: `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  })
  const res = await upload(screenshotPng(), 'image/png', tokenRes.json().access_token)
  expect(res.statusCode).toBe(403)
  expectContract(res, 'uploadOfferImageUsingPOST')
})

test("another seller's draft naming an image's URL does not keep that image: usage is per seller", async () => {
  const { location } = (await upload(screenshotPng(), 'image/png')).json()
  const other = await tokenFor(t.app, 'Seller_login2')
  const draft = await t.app.inject({
    method: 'POST', url: '/sale/offers', headers: allegroHeaders(other),
    payload: { name: 'Cudze zdjęcie', category: { id: '257150' }, images: [{ url: location }] },
  })
  expect(draft.statusCode).toBe(200)
  t.clock.advance(24 * 3600 * 1000)
  expect((await fetchImage(location)).statusCode).toBe(404)
})
