import fp from 'fastify-plugin'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { VENDOR_JSON, VENDOR_JSON_TYPES } from '../core/openapi.js'
import { languageOf, type Language } from '../core/violation.js'
import { apiErrors } from '../errors.js'
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../core/json-depth.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of `userMessage`s, from Accept-Language. */
    language: Language
  }
}

/** Raw upload types across the contract (dispute attachments, offer images). */
export const BINARY_TYPES = ['image/png', 'image/gif', 'image/bmp', 'image/tiff', 'image/jpeg', 'image/webp', 'application/pdf']

export const VENDOR_JSON_UTF8 = `${VENDOR_JSON};charset=UTF-8`

/** The Content-Type of an answer in `vendorType` (public or beta). */
export const vendorJsonUtf8 = (vendorType: string = VENDOR_JSON) => `${vendorType};charset=UTF-8`

/** The media type without parameters, lower-cased: `Image/PNG; x=1` → `image/png`. */
export function mediaTypeOf (header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Only the operation's own vendor type will do: a beta type sent to a public resource (or back) is refused. */
function acceptsVendorJson (accept: string | undefined, vendorType: string): boolean {
  return (accept ?? '').split(',').some(part => mediaTypeOf(part) === vendorType)
}

function hasBody (request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
}

/**
 * Allegro's HTTP conventions: the vendor media type in Accept (406) and Content-Type (415), its JSON parser
 * (400 on bad syntax), raw upload bodies, and a Trace-Id on every answer.
 */
const allegroHttpPlugin: FastifyPluginAsync = async (app) => {
  app.decorateRequest('language', 'pl')

  const parseJson = (_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => {
    const text = body as string
    if (text.trim() === '') return done(apiErrors.malformedJson('No content to map due to end-of-input'), undefined)
    if (nestsDeeperThan(text)) return done(apiErrors.malformedJson(`The document nests deeper than ${MAX_JSON_DEPTH} levels`), undefined)
    try {
      done(null, JSON.parse(text))
    } catch (error) {
      done(apiErrors.malformedJson((error as Error).message), undefined)
    }
  }
  app.addContentTypeParser([...VENDOR_JSON_TYPES], { parseAs: 'string' }, parseJson)
  // The control API's plain JSON gets the same bounds and the same errors.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson)
  app.addContentTypeParser(BINARY_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })

  app.addHook('onRequest', async (request, reply) => {
    request.language = languageOf(request.headers['accept-language'])
    const operation = request.routeOptions.config.operation
    if (!operation) return
    if (operation.producesVendorJson) {
      if (!acceptsVendorJson(request.headers.accept, operation.vendorType)) throw apiErrors.notAcceptable()
      reply.type(vendorJsonUtf8(operation.vendorType))
    }
    if (operation.consumes.length > 0 && (hasBody(request) || operation.bodyRequired) &&
      !operation.consumes.includes(mediaTypeOf(request.headers['content-type']))) {
      throw apiErrors.unsupportedMediaType()
    }
  })

  // The log's request id is the Trace-Id, so a client's report finds its log line.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Trace-Id', request.id)
    return payload
  })
}

export default fp(allegroHttpPlugin, { name: 'allegro-http' })
