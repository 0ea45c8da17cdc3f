// What Fastify's router and Node's HTTP parser refuse, answered in Allegro's shape; stalled clients cut off by the
// request, header and keep-alive timeouts. Against a real listening server (raw sockets for what no client sends).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ConfigError, defaultConfig, loadConfig } from '../../src/server/config.js'
import {
  expectAllegroError, parseResponse, rawExchange, slowClient, spawnMock, tokenOf, VENDOR_JSON, type SpawnedMock,
} from '../support/raw-http.js'

describe('answers from the HTTP layer', () => {
  let mock: SpawnedMock
  let token: string
  beforeAll(async () => {
    mock = await spawnMock()
    token = await tokenOf(mock.url)
  })
  afterAll(() => mock?.stop())

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${mock.url}${path}`, { headers: { accept: VENDOR_JSON, authorization: `Bearer ${token}`, ...headers } })
      .then(async res => ({ status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() }))

  test.each([
    ['/sale/disputes/', {}],
    ['/sale/offers/', {}],
    ['/order/checkout-forms/', {}],
    ['/sale/offer-publication-commands/', {}],
    ['/sale/issues/', { accept: 'application/vnd.allegro.beta.v1+json' }],
  ])('a path id of 150, 1 000 and 8 000 characters reaches %s and gets the answer a short unknown id gets', async (prefix, headers) => {
    const short = await get(`${prefix}unknown-id`, headers)
    const code = expectAllegroError(short)
    for (const length of [150, 1000, 8000]) {
      const long = await get(`${prefix}${'a'.repeat(length)}`, headers)
      expect(long.status, long.body).toBe(short.status)
      expect(expectAllegroError(long)).toBe(code)
    }
  })

  test('bad percent-encoding in the path is a 400 in Allegro\'s shape, with a Trace-Id', async () => {
    const result = await rawExchange(mock.port, 'GET /sale/disputes/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAccept: application/vnd.allegro.public.v1+json\r\nConnection: close\r\n\r\n')
    const response = parseResponse(result.text)
    expect(expectAllegroError(response, 400)).toBe('BadRequestException')
    expect(response.headers['trace-id']).toMatch(/\S/)
  })

  test('a header block over 16 KiB is a 431 in Allegro\'s shape, and the connection is closed', async () => {
    const result = await rawExchange(mock.port, `GET /sale/disputes HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`)
    const response = parseResponse(result.text)
    expect(expectAllegroError(response, 431)).toBe('RequestHeaderFieldsTooLargeException')
    expect(response.headers.connection).toBe('close')
    expect(result.closed).toBe(true)
  })

  test.each([
    ['a bad Content-Length', 'POST /sale/offers HTTP/1.1\r\nHost: x\r\nContent-Type: application/vnd.allegro.public.v1+json\r\nContent-Length: abc\r\n\r\n{}'],
    ['two different Content-Lengths', 'POST /sale/offers HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    ['Content-Length with Transfer-Encoding', 'POST /sale/offers HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['a bad chunk size', 'POST /sale/offers HTTP/1.1\r\nHost: x\r\nContent-Type: application/vnd.allegro.public.v1+json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
    ['a garbage request line', 'HELLO THERE\r\n\r\n'],
    ['an unknown method token', 'G@T / HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a header line without a colon', 'GET /sale/disputes HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'],
  ])('%s is a 400 in Allegro\'s shape, then the connection is closed', async (_name, payload) => {
    const result = await rawExchange(mock.port, payload)
    const response = parseResponse(result.text)
    expect(expectAllegroError(response, 400)).toBe('BadRequestException')
    expect(response.headers.connection).toBe('close')
    expect(response.headers['trace-id']).toMatch(/\S/)
    expect(JSON.parse(response.body).errors[0].details).toMatch(/HPE_/)
    expect(result.closed).toBe(true)
    expect(result.text.indexOf('HTTP/1.1', 1)).toBe(-1)
  })

  test('a malformed request that asked for English gets its userMessage in English', async () => {
    const result = await rawExchange(mock.port, 'POST /sale/offers HTTP/1.1\r\nHost: x\r\nAccept-Language: en-US\r\nContent-Length: 1x\r\n\r\n')
    const response = parseResponse(result.text)
    expectAllegroError(response, 400)
    expect(JSON.parse(response.body).errors[0].userMessage).toBe('The HTTP request is malformed. Contact the application author.')
  })

  test('an HTTP/1.1 request without a Host header is served like any other', async () => {
    const result = await rawExchange(mock.port, `GET /sale/offers/unknown-id HTTP/1.1\r\nAccept: ${VENDOR_JSON}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`)
    expectAllegroError(parseResponse(result.text), 404)
  })

  test('an Expect header other than 100-continue is a 417 in Allegro\'s shape', async () => {
    const result = await rawExchange(mock.port, 'GET /sale/disputes HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n')
    expect(expectAllegroError(parseResponse(result.text), 417)).toBe('ExpectationFailedException')
  })

  test('a 401 stays in OAuth\'s shape', async () => {
    const res = await fetch(`${mock.url}/sale/disputes`, { headers: { accept: VENDOR_JSON } })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'unauthorized', error_description: 'Full authentication is required to access this resource' })
  })

  test('after all of that the server still answers', async () => {
    expect((await get('/sale/disputes')).status).toBe(200)
  })
})

describe('timeouts', () => {
  let mock: SpawnedMock
  let token: string
  beforeAll(async () => {
    mock = await spawnMock(['--request-timeout', '500', '--headers-timeout', '500', '--keep-alive-timeout', '500'])
    token = await tokenOf(mock.url)
  })
  afterAll(() => mock?.stop())

  test('50 slow-loris connections (slow headers, slow bodies, a Content-Length never met, silence, idle keep-alive) are all cut off', async () => {
    const post = (length: number) => `POST /sale/offers HTTP/1.1\r\nHost: x\r\nAccept: ${VENDOR_JSON}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: ${VENDOR_JSON}\r\nContent-Length: ${length}\r\n\r\n`
    const kinds = [
      { name: 'slow headers', head: 'GET /sale/disputes HTTP/1.1\r\nHost: x\r\n', drip: 'X-a: b\r\n', answers: true },
      { name: 'slow body', head: `${post(1_000_000)}{"name":"`, drip: 'a', answers: true },
      { name: 'Content-Length never met', head: `${post(100)}{"name":`, drip: null, answers: true },
      { name: 'silence after connecting', head: '', drip: null, answers: true },
      { name: 'idle keep-alive', head: `GET /sale/offers/unknown HTTP/1.1\r\nHost: x\r\nAccept: ${VENDOR_JSON}\r\nAuthorization: Bearer ${token}\r\n\r\n`, drip: null, answers: false },
    ]
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => {
      const kind = kinds[i % kinds.length]!
      return slowClient(mock.port, kind.head, kind.drip, 100, 5000).then(result => ({ kind, result }))
    }))
    for (const { kind, result } of results) {
      expect(result.closed, `${kind.name} was still open after ${result.elapsedMs} ms`).toBe(true)
      expect(result.elapsedMs, kind.name).toBeGreaterThanOrEqual(400)
      if (kind.answers) {
        const response = parseResponse(result.text)
        expect(expectAllegroError(response, 408), kind.name).toBe('RequestTimeoutException')
        expect(response.headers.connection).toBe('close')
      } else {
        // It got its own answer (a 404) and was then closed with nothing more.
        expect(parseResponse(result.text).status).toBe(404)
        expect(result.text.indexOf('HTTP/1.1', 1)).toBe(-1)
      }
    }
    expect(results.filter(r => r.result.closed)).toHaveLength(50)
    const times = results.map(r => r.result.elapsedMs)
    console.log(`slow-loris probe: ${results.filter(r => r.result.closed).length} of 50 connections cut, after ${Math.min(...times)}–${Math.max(...times)} ms (timeouts 500 ms)`)
    // And it still serves.
    const res = await fetch(`${mock.url}/sale/disputes`, { headers: { accept: VENDOR_JSON, authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
  })
})

test('closing the server does not wait on a refused upload\'s lingering connection (the process exits normally)', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/fixtures/close-while-lingering.ts'])
  expect(stdout).toBe('answered 413\nclosed\n')
})

describe('timeout options', () => {
  const serve = (argv: string[], env: Record<string, string> = {}) => {
    const command = loadConfig(argv, env)
    if (command.kind !== 'serve') throw new Error(command.kind)
    return command.config
  }

  test('flags and ALLEGRO_MOCK_* variables set the three timeouts; flags win', () => {
    expect(serve([])).toMatchObject({ requestTimeoutMs: 60_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 72_000 })
    expect(serve(['--request-timeout', '500', '--headers-timeout', '400', '--keep-alive-timeout', '300']))
      .toMatchObject({ requestTimeoutMs: 500, headersTimeoutMs: 400, keepAliveTimeoutMs: 300 })
    expect(serve(['--headers-timeout', '700'], { ALLEGRO_MOCK_REQUEST_TIMEOUT: '900', ALLEGRO_MOCK_HEADERS_TIMEOUT: '800', ALLEGRO_MOCK_KEEP_ALIVE_TIMEOUT: '100' }))
      .toMatchObject({ requestTimeoutMs: 900, headersTimeoutMs: 700, keepAliveTimeoutMs: 100 })
    expect(serve(['--request-timeout', '0']).requestTimeoutMs).toBe(0)
  })

  test('a request timeout below the default header timeout bounds it; a header timeout above the request\'s is refused', () => {
    expect(serve(['--request-timeout', '500']).headersTimeoutMs).toBe(500)
    expect(() => serve(['--request-timeout', '500', '--headers-timeout', '600'])).toThrow(ConfigError)
    expect(() => serve(['--keep-alive-timeout', '0'])).toThrow(ConfigError)
    expect(() => serve(['--request-timeout', 'soon'])).toThrow(ConfigError)
    expect(defaultConfig.headersTimeoutMs).toBeLessThanOrEqual(defaultConfig.requestTimeoutMs)
  })
})
