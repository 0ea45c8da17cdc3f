import fp from 'fastify-plugin'
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorObject } from 'ajv'
import { vendorJsonUtf8 } from './allegro-http.js'
import { toAllegroPath, type Language, type Violation } from '../core/violation.js'
import { ApiError, apiErrors, OAuthError, type AllegroError } from '../errors.js'
import { nearestOperations } from '../core/near-misses.js'
import { lingerInsteadOfDestroySoon } from '../core/close-connection.js'

const PLAIN_JSON_UTF8 = 'application/json; charset=utf-8'

/** An ApiError as it goes on the wire: status, headers (Content-Type included) and Allegro's ErrorsHolder body. */
export interface RenderedError {
  status: number
  headers: Record<string, string>
  body: { errors: AllegroError[] }
}

/**
 * The one renderer of Allegro's error answers, for the error handler, Fastify's framework errors and the raw answers
 * to what Node's HTTP parser refuses (plugins/client-errors.ts). `vendorType` is the operation's media type, if any.
 * @example renderApiError(apiErrors.requestTimeout(), 'en') // { status: 408, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { errors: [...] } }
 */
export function renderApiError (apiError: ApiError, language: Language, vendorType?: string): RenderedError {
  return {
    status: apiError.status,
    headers: { ...apiError.options.headers, 'content-type': apiError.options.plainJson ? PLAIN_JSON_UTF8 : vendorJsonUtf8(vendorType) },
    body: apiError.render(language),
  }
}

/**
 * An answer sent before the request's body was read to its end (a 413, a 401 to an upload, ...) closes the
 * connection: the rest of the body is never read, and once the answer is flushed the socket is ended and then
 * destroyed (core/close-connection.ts).
 */
export function closeIfBodyUnread (request: FastifyRequest, reply: FastifyReply): void {
  // `complete` is Node's; inject()'s requests have none and are always read whole.
  if (request.raw.complete !== false) return
  reply.header('connection', 'close')
  lingerInsteadOfDestroySoon(request.raw.socket)
}

/** The one place errors become responses: Allegro's ErrorsHolder, or OAuth's shape for 401s and the token endpoints. */
const errorHandlerPlugin: FastifyPluginAsync = async (app) => {
  app.setErrorHandler(async (error, request, reply) => {
    const sendOAuth = (oauthError: OAuthError) => {
      const body = oauthError.render()
      reply.sentErrors = [body]
      return reply.code(oauthError.status).headers(oauthError.headers).type(PLAIN_JSON_UTF8).send(body)
    }
    if (error instanceof OAuthError) return sendOAuth(error)
    const apiError = toApiError(error as FastifyError, request)
    if (apiError.status >= 500) request.log.error({ err: error }, 'unexpected error')
    // The token endpoints speak only OAuth and declare no 413/415: a request they cannot read (a body in another type,
    // empty or broken JSON, too big) is OAuth's invalid_request.
    const operation = request.routeOptions.config.operation
    if (operation?.public && 'application/json' in (operation.responses['400'] ?? {}) && apiError.status < 500) {
      return sendOAuth(new OAuthError(400, 'invalid_request', apiError.items.map(i => i.details ? `${i.message}: ${i.details}` : i.message).join('; ')))
    }
    const rendered = renderApiError(apiError, request.language, request.routeOptions.config.operation?.vendorType)
    reply.sentErrors = rendered.body.errors
    return reply.code(rendered.status).headers(rendered.headers).send(rendered.body)
  })

  // Whatever answers (an error, or a handler that never read the body), an unread body is not read on.
  app.addHook('onSend', async (request, reply) => closeIfBodyUnread(request, reply))

  app.setNotFoundHandler((request) => {
    const path = request.url.split('?')[0]!
    throw apiErrors.routeNotMocked(request.method, path, nearestOperations(app.contract, request.method, path))
  })
}

function toApiError (error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error
  if (error.validation) {
    const violations = error.validation.map(e => violationOf(e as ErrorObject))
    // Allegro answers 422 where the operation documents it, 400 elsewhere.
    const declares422 = request.routeOptions.config.operation?.responses['422'] !== undefined
    return declares422 || !request.routeOptions.config.operation ? apiErrors.invalid(violations) : new ApiError(400, violations)
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return apiErrors.unsupportedMediaType()
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return apiErrors.payloadTooLarge(
      request.routeOptions.config.operation?.statusTexts['413'] ?? 'Request body is too big', request.routeOptions.bodyLimit)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return apiErrors.malformedJson('No content to map due to end-of-input')
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return apiErrors.malformedJson(error.message)
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return apiErrors.malformedJson(error.message)
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(error.statusCode, [{ code: 'BAD_REQUEST', message: error.message }])
  }
  return apiErrors.internal()
}

/** One failed schema check as an Allegro validation error naming its field. */
export function violationOf (error: ErrorObject): Violation {
  const params = error.params as Record<string, unknown>
  const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined
  const path = toAllegroPath(error.instancePath, extra)
  const allowed = Array.isArray(params.allowedValues) ? `: ${params.allowedValues.join(', ')}` : ''
  const problem = `${error.message ?? 'is invalid'}${allowed}`
  return {
    code: 'VALIDATION_ERROR',
    message: path ? `${path}: ${problem}` : problem,
    path,
    userMessage: path
      ? { pl: `Nieprawidłowa wartość pola ${path}.`, en: `Invalid value of the field ${path}.` }
      : { pl: 'Żądanie zawiera błędne dane.', en: 'The request contains invalid data.' },
  }
}

export default fp(errorHandlerPlugin, { name: 'error-handler' })
