import fp from 'fastify-plugin'
import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { ErrorObject } from 'ajv'
import { vendorJsonUtf8 } from './allegro-http.js'
import { toAllegroPath, type Violation } from '../core/violation.js'
import { ApiError, apiErrors, OAuthError } from '../errors.js'
import { nearestOperations } from '../core/near-misses.js'

const PLAIN_JSON_UTF8 = 'application/json; charset=utf-8'

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
    if (apiError.status === 413) await discardBody(request.raw)
    // The token endpoints speak only OAuth and declare no 413/415: a request they cannot read (a body in another type,
    // empty or broken JSON, too big) is OAuth's invalid_request.
    const operation = request.routeOptions.config.operation
    if (operation?.public && 'application/json' in (operation.responses['400'] ?? {}) && apiError.status < 500) {
      return sendOAuth(new OAuthError(400, 'invalid_request', apiError.items.map(i => i.details ? `${i.message}: ${i.details}` : i.message).join('; ')))
    }
    const body = apiError.render(request.language)
    reply.sentErrors = body.errors
    return reply
      .code(apiError.status)
      .headers(apiError.options.headers ?? {})
      .type(apiError.options.plainJson ? PLAIN_JSON_UTF8 : vendorJsonUtf8(request.routeOptions.config.operation?.vendorType))
      .send(body)
  })

  app.setNotFoundHandler((request) => {
    const path = request.url.split('?')[0]!
    throw apiErrors.routeNotMocked(request.method, path, nearestOperations(app.contract, request.method, path))
  })
}

/** Past this, an oversized body is cut off instead of read to its end. */
const DISCARD_LIMIT = 64 * 1024 * 1024

/**
 * Reads (and drops) what is left of a body refused as too large, so the client finishes sending and gets the 413
 * rather than a reset connection. Nothing is kept; a body beyond the discard limit is cut off.
 */
function discardBody (raw: FastifyRequest['raw']): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return Promise.resolve()
  return new Promise(resolve => {
    let seen = 0
    raw.on('data', (chunk: Buffer) => {
      seen += chunk.length
      if (seen > DISCARD_LIMIT) raw.destroy()
    })
    raw.once('end', resolve)
    raw.once('close', resolve)
    raw.once('error', () => resolve())
    raw.resume()
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
