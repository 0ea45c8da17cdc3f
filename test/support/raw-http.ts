/** Helpers for tests against a real listening mock: a spawned server, raw sockets, and the answer they read back. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import { expect } from 'vitest'

export const VENDOR_JSON = 'application/vnd.allegro.public.v1+json'

export interface SpawnedMock {
  child: ChildProcess
  url: string
  port: number
  /** The server process's resident set size in kB, from /proc/<pid>/status. */
  rssKb (): number
  stop (): Promise<void>
}

/** Starts `node --import tsx src/server/main.ts --memory --port 0 ...args` and resolves once it listens. */
export function spawnMock (args: readonly string[] = []): Promise<SpawnedMock> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--memory', '--port', '0', '--log-level', 'warn', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve, reject) => {
    let err = ''
    const onExit = (code: number | null) => reject(new Error(`the mock exited with ${code}: ${err}`))
    child.once('exit', onExit)
    child.stderr!.on('data', (chunk) => {
      err += chunk
      const found = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(err)
      if (!found) return
      child.off('exit', onExit)
      child.stderr!.removeAllListeners('data')
      child.stderr!.resume()
      resolve({
        child,
        url: found[1]!,
        port: Number(found[2]),
        rssKb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]),
        stop: () => new Promise(done => {
          if (child.exitCode !== null || child.signalCode !== null) return done()
          child.once('exit', () => done())
          child.kill('SIGTERM')
        }),
      })
    })
  })
}

/** What a raw socket read: the bytes, whether (and when) the server closed it, and a socket error if any. */
export interface RawResult {
  text: string
  closed: boolean
  /** ms from connect to the server's close (or to giving up). */
  elapsedMs: number
  error: string | null
  /** Bytes this side managed to hand to the kernel. */
  sent: number
}

export interface RawOptions {
  /** Give up (and destroy the socket) after this many ms. */
  timeoutMs?: number
  /**
   * After `payload`, keep writing what this returns (null: stop writing, keep reading), respecting backpressure,
   * until the server answers or closes.
   */
  more?: (sent: number) => Buffer | string | null
  /** Stop writing once any answer has arrived (what an HTTP client does on an early response). */
  stopOnAnswer?: boolean
}

/** Sends `payload` on a fresh connection and reads until the server closes it (or the time is up). */
export function rawExchange (port: number, payload: string | Buffer, options: RawOptions = {}): Promise<RawResult> {
  const { timeoutMs = 5000, more, stopOnAnswer = true } = options
  return new Promise(resolve => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let sent = 0
    let error: string | null = null
    let done = false
    const finish = (closed: boolean) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, elapsedMs: Date.now() - started, error, sent })
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.on('data', chunk => chunks.push(chunk))
    socket.on('error', e => { error = (e as NodeJS.ErrnoException).code ?? e.message })
    socket.on('end', () => finish(true))
    socket.on('close', () => finish(true))
    const write = (data: string | Buffer, then: () => void) => {
      if (done || socket.destroyed) return
      const length = typeof data === 'string' ? Buffer.byteLength(data, 'latin1') : data.length
      const ok = socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, (e) => { if (!e) sent += length })
      if (ok) setImmediate(then)
      else socket.once('drain', then)
    }
    const pump = () => {
      if (!more || done || socket.destroyed) return
      if (stopOnAnswer && chunks.length > 0) return
      const next = more(sent)
      if (next === null) return
      write(next, pump)
    }
    socket.once('connect', () => write(payload, pump))
  })
}

/** Holds a connection open, writing `drip` every `everyMs` until the server closes it or `timeoutMs` passes. */
export function slowClient (port: number, head: string, drip: string | null, everyMs: number, timeoutMs: number): Promise<RawResult> {
  return new Promise(resolve => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let error: string | null = null
    let done = false
    let sent = 0
    const finish = (closed: boolean) => {
      if (done) return
      done = true
      clearInterval(ticker)
      clearTimeout(timer)
      socket.destroy()
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, elapsedMs: Date.now() - started, error, sent })
    }
    const ticker = setInterval(() => {
      if (drip !== null && !socket.destroyed && socket.writable) { socket.write(drip); sent += drip.length }
    }, everyMs)
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.on('data', chunk => chunks.push(chunk))
    socket.on('error', e => { error = (e as NodeJS.ErrnoException).code ?? e.message })
    socket.on('end', () => finish(true))
    socket.on('close', () => finish(true))
    socket.once('connect', () => { if (head !== '') { socket.write(head); sent += head.length } })
  })
}

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** The first HTTP response in what a raw socket read (Content-Length bodies only, as the mock's errors are). */
export function parseResponse (text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n')
  expect(end, `no complete HTTP response in ${JSON.stringify(text.slice(0, 300))}`).toBeGreaterThan(0)
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n')
  const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine!)
  expect(status, `not an HTTP/1.1 status line: ${statusLine}`).not.toBeNull()
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const length = Number(headers['content-length'] ?? 0)
  return { status: Number(status![1]), headers, body: Buffer.from(text.slice(end + 4), 'latin1').subarray(0, length).toString('utf8') }
}

/** Asserts Allegro's ErrorsHolder in Allegro's error media types; returns the first error's code. */
export function expectAllegroError (response: { status: number, headers: Record<string, string | string[] | undefined>, body: string }, status?: number): string {
  if (status !== undefined) expect(response.status, response.body).toBe(status)
  expect(String(response.headers['content-type']).replace(/\s/g, '').toLowerCase())
    .toMatch(/^application\/(vnd\.allegro\.(public|beta)\.v1\+)?json;charset=utf-8$/)
  const body = JSON.parse(response.body) as { errors: Array<Record<string, unknown>> }
  expect(Object.keys(body)).toEqual(['errors'])
  expect(body.errors.length).toBeGreaterThan(0)
  for (const error of body.errors) {
    expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message', 'metadata', 'path', 'userMessage'])
    expect(typeof error.code).toBe('string')
    expect(typeof error.message).toBe('string')
    expect(typeof error.userMessage).toBe('string')
    expect(error.details === null || typeof error.details === 'string').toBe(true)
    expect(error.path === null || typeof error.path === 'string').toBe(true)
    expect(error.metadata).toEqual({})
  }
  return body.errors[0]!.code as string
}

/** A seller's token from the control API. */
export async function tokenOf (url: string, login = 'Seller_login1'): Promise<string> {
  return (await fetch(`${url}/__mock/sellers/${login}/token`)).text()
}
