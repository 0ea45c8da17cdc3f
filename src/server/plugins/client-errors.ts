/**
 * What never reaches a route, answered in Allegro's shape through the one renderer: Fastify's framework errors
 * (bad percent-encoding, an over-long path segment), Node's HTTP parser errors and its request/header timeouts
 * (`clientError`: a raw response on the socket, then close), an `Expect` Node cannot meet; and the HTTP server's
 * limits and timeouts, handed to Fastify() in app.ts.
 */
import http from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyHttpOptions, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { languageOf, type Language } from '../core/violation.js'
import { apiErrors, type ApiError } from '../errors.js'
import type { Config } from '../config.js'
import { closeIfBodyUnread, renderApiError } from './error-handler.js'
import { closeAfterAnswer, isClosing, lingerInsteadOfDestroySoon } from '../core/close-connection.js'
import { httpDateNow } from '../core/clock.js'

/**
 * Longest path parameter the router takes. Allegro answers an over-long id with the operation's own 404/422, so a
 * long id must reach the route: the bound is the header block's (a request line longer than it is already a 431).
 */
export const MAX_PARAM_LENGTH = 16 * 1024

/** Node's own bound on the request line plus headers (16 KiB unless `--max-http-header-size` says otherwise). */
const maxHeaderSize = () => http.maxHeaderSize

/** An error Node's `clientError` event carries: llhttp's `HPE_*` codes with their reason, or a timeout. */
interface ClientError extends Error {
  code?: string
  reason?: string
  rawPacket?: unknown
}

/** The ApiError for what the parser or its timers refused. */
function clientApiError (error: ClientError): ApiError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW': return apiErrors.headersTooLarge(maxHeaderSize())
    case 'ERR_HTTP_REQUEST_TIMEOUT': return apiErrors.requestTimeout()
  }
  const reason = error.reason ?? error.message
  return apiErrors.malformedRequest(error.code ? `${reason} (${error.code})` : reason)
}

/** The language of the refused request, when its Accept-Language made it into the packet the parser saw. */
function languageOfPacket (packet: unknown): Language {
  const found = Buffer.isBuffer(packet) ? /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(packet.toString('latin1')) : null
  return languageOf(found?.[1])
}

/** A complete HTTP/1.1 response with Allegro's body, for a socket no ServerResponse can write to. */
export function rawErrorResponse (apiError: ApiError, language: Language, traceId: string): string {
  const rendered = renderApiError(apiError, language)
  const body = JSON.stringify(rendered.body)
  const headers: Record<string, string | number> = {
    ...rendered.headers,
    'content-length': Buffer.byteLength(body),
    'trace-id': traceId,
    date: httpDateNow(),
    connection: 'close',
  }
  const lines = Object.entries(headers).map(([name, value]) => `${headerName(name)}: ${value}`)
  return `HTTP/1.1 ${rendered.status} ${http.STATUS_CODES[rendered.status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`
}

const headerName = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase())

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the bytes (a bad Content-Length, Content-Length with
 * Transfer-Encoding, a bad chunk, a garbage request line, a header block over 16 KiB) or a timeout fired. The
 * answer is written raw, nothing more is read, and the socket is ended, then destroyed.
 */
export function clientErrorHandler (deps: { traceId: () => string }): (this: FastifyInstance, error: ClientError, socket: Socket) => void {
  return function onClientError (error, socket) {
    // Already answered and closing (a timeout or a parse error after an answer that closes): let it linger.
    if (isClosing(socket)) return
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || socket.destroyed) return socket.destroy()
    const apiError = clientApiError(error)
    // A response already on its way cannot be followed by another one on the same connection.
    const pending = (socket as Socket & { _httpMessage?: http.ServerResponse | null })._httpMessage
    if (!socket.writable || pending?.headersSent) return socket.destroy()
    const traceId = deps.traceId()
    this.log.info({ traceId, code: error.code, status: apiError.status }, `HTTP ${apiError.status}: ${apiError.message}`)
    closeAfterAnswer(socket, rawErrorResponse(apiError, languageOfPacket(error.rawPacket), traceId))
  }
}

/** Fastify's `frameworkErrors`: the router refused the URL before any route or hook ran. */
export function frameworkErrors (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const path = (request.raw.url ?? '').split('?')[0]!
  const apiError = error.code === 'FST_ERR_BAD_URL' ? apiErrors.badUrl(path)
    : error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? apiErrors.uriTooLong(path)
      : apiErrors.malformedRequest(error.code ? `${error.message} (${error.code})` : error.message)
  const rendered = renderApiError(apiError, languageOf(request.headers['accept-language']))
  request.log.info({ code: error.code, status: rendered.status }, `HTTP ${rendered.status}: ${apiError.message}`)
  closeIfBodyUnread(request, reply)
  reply.code(rendered.status).headers(rendered.headers).header('trace-id', request.id).send(rendered.body)
}

/**
 * Node answers an `Expect` other than 100-continue with a bare 417 unless someone listens: answer it as Allegro
 * would, and close (a body may follow that nobody reads).
 */
const expectationsPlugin = async (app: FastifyInstance, { traceId }: { traceId: () => string }) => {
  app.server.on('checkExpectation', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const rendered = renderApiError(apiErrors.expectationFailed(String(request.headers.expect)), languageOf(request.headers['accept-language']))
    const body = JSON.stringify(rendered.body)
    if (request.complete === false) lingerInsteadOfDestroySoon(request.socket)
    response.writeHead(rendered.status, { ...rendered.headers, 'content-length': Buffer.byteLength(body), 'trace-id': traceId(), connection: 'close' })
    response.end(body)
  })
}
export const expectations = fp(expectationsPlugin, { name: 'expectations' })

/** Checks the HTTP server's timers, at least this often (Node's default is every 30 s). */
function checkingInterval (config: Pick<Config, 'requestTimeoutMs' | 'headersTimeoutMs'>): number {
  const shortest = Math.min(...[config.requestTimeoutMs, config.headersTimeoutMs].filter(ms => ms > 0))
  return Number.isFinite(shortest) ? Math.min(1000, Math.max(10, Math.floor(shortest / 4))) : 30_000
}

/**
 * The HTTP server's limits and timeouts for Fastify(): the whole request within `requestTimeoutMs`, its headers
 * within `headersTimeoutMs`, an idle keep-alive connection closed after `keepAliveTimeoutMs`. No socket-inactivity
 * timeout (`connectionTimeout` 0): a handler may legitimately wait up to a minute on an injected latency.
 */
export function httpServerOptions (config: Pick<Config, 'requestTimeoutMs' | 'headersTimeoutMs' | 'keepAliveTimeoutMs'>, deps: { traceId: () => string }): FastifyHttpOptions<http.Server> {
  // Node refuses a header timeout above the request timeout (loadConfig already says so for flags).
  const headersTimeout = config.requestTimeoutMs > 0 ? Math.min(config.headersTimeoutMs, config.requestTimeoutMs) : config.headersTimeoutMs
  return {
    connectionTimeout: 0,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      connectionsCheckingInterval: checkingInterval(config),
      // Node answers a Host-less HTTP/1.1 request with a bare 400 of its own; the mock serves it like any other.
      requireHostHeader: false,
    },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler: clientErrorHandler(deps),
  }
}
