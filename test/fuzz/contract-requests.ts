/**
 * Requests for one contract operation, from its schemas: valid-looking ones (real ids of the scenario, the media types
 * and tokens a client sends) and hostile ones (mutated bodies and query strings, odd path segments, wrong headers).
 */
import fc from 'fast-check'
import type { JsonSchema, Operation } from '../../src/server/core/openapi.js'
import { VENDOR_JSON_TYPES } from '../../src/server/core/openapi.js'
import { badPercent, damage, hostileAccept, hostileBody, hostileContentType, hostileQueryPair, hostileSegment, mutate, mutation, serialize, textDamage, acceptLanguage } from './hostile.js'
import type { Pools, Tokens } from './harness.js'
import { request, type FuzzRequest } from './harness.js'
import { queryPairs, schemaArb, type Hint } from './schema.js'

export type Mode = 'valid' | 'hostile'

/** What a request for an operation can be made of: real ids, tokens, example bodies. */
export interface Material {
  pools: Pools
  tokens: Tokens
  png: Buffer
  /** Bodies a client sends for the operation (the guides' examples, the offers as read). */
  examples: Record<string, unknown[]>
}

/** Real values for a field of a body or a query, by name. */
export function hintFor (pools: Pools): Hint {
  return (key, parent) => {
    if (!key) return undefined
    const k = key.toLowerCase()
    if (parent && /attachment/i.test(parent) && k === 'id') return pools.attachments
    if (parent && /package/i.test(parent) && k === 'id') return pools.packages
    if (parent && /^offers?$/i.test(parent) && k === 'id') return pools.offers
    if (parent && /contact/i.test(parent) && k === 'id') return pools.contacts
    if (parent && /categor/i.test(parent) && k === 'id') return pools.categories
    switch (k) {
      case 'checkoutform.id': case 'checkoutformid': return pools.checkoutForms
      case 'offer.id': case 'offerid': return pools.offers
      case 'parent.id': case 'category.id': return pools.categories
      case 'buyer.login': return pools.buyers
      case 'disputeid': return pools.disputes
      case 'issueid': case 'claimid': return [...pools.disputes, ...pools.claims]
      case 'attachmentid': return pools.attachments
      case 'commandid': return pools.commands
      case 'sellerid': return pools.sellerIds
      case 'seller': case 'login': case 'mock_seller': return pools.sellers
      case 'url': return pools.imageUrls
      case 'code': return pools.authCodes
      case 'refresh_token': return pools.refreshTokens
      case 'device_code': return pools.deviceCodes
      case 'client_id': case 'clientid': return pools.clients
      case 'redirect_uri': return pools.redirectUris
      case 'scope': return pools.scopes
      case 'usercode': case 'user_code': return pools.userCodes
      case 'scenario': return pools.scenarios
      case 'state': return pools.providerStates
    }
    return k === 'id' || k.endsWith('.id') || k.endsWith('id') ? pools.anyId : undefined
  }
}

/** The real ids a path parameter of this operation takes: the seller's own first, then others' and other kinds. */
function pathPool (op: Operation, name: string, pools: Pools): string[] {
  switch (name) {
    case 'disputeId': return [...pools.disputes, ...pools.otherSellersDisputes.slice(0, 2), ...pools.claims.slice(0, 2)]
    case 'issueId': return [...pools.disputes, ...pools.claims, ...pools.otherSellersDisputes.slice(0, 2)]
    case 'attachmentId': return pools.attachments
    case 'id': return op.path.startsWith('/sale/offer-contacts') ? pools.contacts : pools.checkoutForms
    case 'offerId': return pools.offers
    case 'commandId': return pools.commands
    case 'packageId': return pools.packages
    case 'categoryId': return pools.categories
    default: return pools.anyId
  }
}

/**
 * A segment that never reaches the operation's route: empty, a dot segment the URL parser resolves, percent-encoding
 * no decoder accepts, or longer than the router's 100 characters. Fastify refuses those before routing, so the answer
 * is checked for its shape, not against the operation's list of statuses.
 */
export function unroutable (segment: string): boolean {
  if (segment === '' || /^(\.|%2e){1,2}$/i.test(segment) || segment.length > 100) return true
  try { decodeURIComponent(segment) } catch { return true }
  return false
}

export function segmentArb (pool: readonly string[], schema: JsonSchema | undefined, mode: Mode): fc.Arbitrary<string> {
  const valid = fc.oneof(
    { arbitrary: pool.length > 0 ? fc.constantFrom(...pool) : fc.uuid(), weight: 5 },
    { arbitrary: schemaArb(schema).map(v => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v) ?? '')), weight: 1 },
  )
  if (mode === 'valid') return valid
  return fc.oneof(
    { arbitrary: valid, weight: 2 },
    { arbitrary: hostileSegment, weight: 3 },
    { arbitrary: fc.tuple(valid, badPercent).map(([v, bad]) => `${v.slice(0, 8)}${bad}`), weight: 1 },
  )
}

/** Pieces of a query string (already encoded) from a querystring schema. */
export function queryArb (schema: JsonSchema | undefined, hint: Hint, mode: Mode, extra: fc.Arbitrary<string[]> = fc.constant([])): fc.Arbitrary<string[]> {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((schema?.required as string[] | undefined) ?? [])
  const entries = Object.entries(properties).map(([name, s]) => {
    const value = schemaArb(s, { hint }, name).map(v => queryPairs(name, v).map(([k, x]) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
    return required.has(name) ? value : fc.option(value, { nil: [] as string[], freq: 2 })
  })
  const valid = fc.tuple(fc.tuple(...entries), extra).map(([parts, more]) => [...parts.flat(), ...more])
  if (mode === 'valid') return valid
  return fc.tuple(valid, fc.array(hostileQueryPair, { minLength: 1, maxLength: 3 }), fc.nat(), fc.boolean(), fc.constantFrom('drop', 'repeat', 'keep', 'bad-percent'))
    .map(([pairs, hostile, at, front, how]) => {
      const out = [...pairs]
      if (how === 'drop' && out.length > 0) out.splice(at % out.length, 1)
      if (how === 'repeat' && out.length > 0) out.push(out[at % out.length]!.replace(/=.*/, '=') + 'x', out[at % out.length]!)
      if (how === 'bad-percent' && out.length > 0) out[at % out.length] = `${out[at % out.length]}%E0%A4%A`
      return front ? [...hostile, ...out] : [...out, ...hostile]
    })
}

const b64url = (text: string) => Buffer.from(text).toString('base64url')

/** Authorization headers a client of the API may send, and ones it never should. */
export function authArb (tokens: Tokens, mode: Mode): fc.Arbitrary<string | undefined> {
  const bearer = (t: string) => `Bearer ${t}`
  const valid = fc.oneof(
    { arbitrary: fc.constant(bearer(tokens.seller1)), weight: 10 },
    { arbitrary: fc.constantFrom(bearer(tokens.seller2), bearer(tokens.sandbox), bearer(tokens.limited), bearer(tokens.application)), weight: 2 },
  )
  if (mode === 'valid') return valid
  const [header, payload, signature] = tokens.seller1.split('.') as [string, string, string]
  const [, payload2] = tokens.seller2.split('.') as [string, string, string]
  const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA')
  return fc.oneof(
    { arbitrary: valid, weight: 4 },
    {
      arbitrary: fc.constantFrom<string | undefined>(
        undefined, '', 'Bearer', 'Bearer ', bearer(tokens.expired), bearer(`${header}.${payload}.${flipped}`), bearer(`${header}.${payload}.`),
        bearer(`${header}.${payload2}.${signature}`), bearer(`${b64url('{"alg":"none","typ":"JWT"}')}.${payload}.`), bearer(`${tokens.seller1}.x`),
        bearer(`${header}.${payload}`), bearer('x'.repeat(5000)), bearer('a.b.c'), bearer('..'), bearer(`${b64url('{"alg":"HS256"}')}.${b64url('{"user_name":"__proto__","exp":1e400}')}.${signature}`),
        bearer(`${b64url('[]')}.${b64url('null')}.${signature}`), bearer(`${b64url('{"alg":"HS256"')}.${payload}.${signature}`),
        `bearer ${tokens.seller1}`, `Bearer  ${tokens.seller1}`, `${tokens.seller1}`, `Basic ${tokens.seller1}`, tokens.basic, 'Bearer null', 'Bearer undefined',
        `Bearer ${tokens.seller1}, Bearer ${tokens.seller2}`, 'Negotiate abc', 'Bearer %ZZ', 'Bearer ż',
      ),
      weight: 4,
    },
  )
}

/** Client authentication on the OAuth endpoints (HTTP Basic), right and wrong. */
export function basicArb (tokens: Tokens, mode: Mode): fc.Arbitrary<string | undefined> {
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
  const valid = fc.constantFrom(tokens.basic, tokens.basic, tokens.basic, basic('fuzz-client', 'fuzz-secret'))
  if (mode === 'valid') return fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: fc.constant(undefined), weight: 1 })
  return fc.oneof(valid, fc.constantFrom<string | undefined>(undefined, '', 'Basic', 'Basic ', 'Basic %%%', `Basic ${Buffer.from('nocolon').toString('base64')}`,
    basic('allegro-mock-client', 'wrong'), basic('', ''), basic('__proto__', 'x'), basic('constructor', ''), basic('a'.repeat(5000), 'x'), basic('x:y', 'z'),
    `Bearer ${tokens.seller1}`, `basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`, `Basic ${'=='.repeat(3)}`,
    `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}=`))
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']

function jsonBodySchema (op: Operation): JsonSchema | undefined {
  const body = op.schema.body as JsonSchema | undefined
  if (!body) return undefined
  const content = body.content as Record<string, { schema: JsonSchema }> | undefined
  if (content) return Object.values(content)[0]?.schema
  return body
}

/** A JSON body: from the schema or an example, mutated and damaged when hostile. */
export function jsonPayloadArb (schema: JsonSchema | undefined, examples: readonly unknown[], hint: Hint, mode: Mode): fc.Arbitrary<string | Buffer> {
  const fromSchema = schemaArb(schema, { hint })
  const value = examples.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...examples), weight: 2 }, { arbitrary: fromSchema, weight: 1 }) : fromSchema
  if (mode === 'valid') return value.map(serialize)
  return fc.oneof(
    { arbitrary: fc.tuple(value, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => serialize(mutate(v, ms))), weight: 5 },
    { arbitrary: fc.tuple(value, textDamage, fc.nat()).map(([v, how, at]) => damage(serialize(v), how, at)), weight: 2 },
    { arbitrary: hostileBody, weight: 2 },
  )
}

/** Every request the fuzzer sends to one contract operation. */
export function operationArb (op: Operation, m: Material, mode: Mode): fc.Arbitrary<FuzzRequest> {
  const hint = hintFor(m.pools)
  const paramNames = Object.keys((op.schema.params?.properties ?? {}) as object)
  const paramSchemas = (op.schema.params?.properties ?? {}) as Record<string, JsonSchema>
  const segments = fc.tuple(...paramNames.map(name => segmentArb(pathPool(op, name, m.pools), paramSchemas[name], mode)))

  const oauth = op.public
  // OAuth takes a repeated scope as one list: the fuzzer repeats it as clients do.
  const scopeRepeats = oauth ? fc.option(fc.subarray(m.pools.scopes, { minLength: 1, maxLength: 3 }).map(list => list.map(s => `scope=${encodeURIComponent(s)}`)), { nil: [] as string[] }) : fc.constant([] as string[])
  const query = queryArb(op.schema.querystring, hint, mode, scopeRepeats)

  const jsonTypes = op.consumes.filter(t => VENDOR_JSON_TYPES.includes(t))
  const binaryTypes = op.consumes.filter(t => t.startsWith('image/') || t === 'application/pdf')
  const schema = jsonBodySchema(op)
  const examples = m.examples[op.operationId] ?? []
  type Body = { type?: string, payload?: string | Buffer }
  const bodies: Array<fc.Arbitrary<Body>> = []
  if (jsonTypes.length > 0) bodies.push(fc.tuple(fc.constantFrom(...jsonTypes), jsonPayloadArb(schema, examples, hint, mode)).map(([type, payload]) => ({ type, payload })))
  if (binaryTypes.length > 0) {
    const bytes = mode === 'valid'
      ? fc.constant(m.png)
      : fc.oneof(fc.constant(m.png), fc.constant(Buffer.alloc(0)), fc.uint8Array({ maxLength: 200 }).map(b => Buffer.from(b)), fc.constant(m.png.subarray(0, 20)),
        fc.constant(Buffer.from('{"url":"https://example.com/a.png"}')), fc.constant(Buffer.from('GIF89a')), fc.constant(Buffer.from('%PDF-1.4\n')))
    bodies.push(fc.tuple(fc.constantFrom(...binaryTypes), bytes).map(([type, payload]) => ({ type, payload })))
  }
  if (oauth && op.consumes.includes('application/x-www-form-urlencoded')) {
    // The same parameters in a form body, as most OAuth clients send them.
    bodies.push(queryArb(op.schema.querystring, hint, mode, scopeRepeats).map(parts => ({ type: 'application/x-www-form-urlencoded', payload: parts.join('&') })))
  }
  let body: fc.Arbitrary<Body> = bodies.length > 0 ? fc.oneof(...bodies) : fc.constant({})
  if (op.consumes.length > 0 && !op.bodyRequired && oauth) body = fc.oneof(body, fc.constant({}))
  if (mode === 'hostile') {
    body = fc.oneof(
      { arbitrary: body, weight: 5 },
      { arbitrary: fc.tuple(hostileContentType, fc.oneof(hostileBody, body.map(b => b.payload ?? ''))).map(([type, payload]) => ({ type, payload })), weight: 2 },
      { arbitrary: body.map(b => ({ payload: b.payload })), weight: 1 },
      { arbitrary: fc.constant({}), weight: 1 },
    )
  }

  const validAccept = op.producesVendorJson ? fc.constant<string | undefined>(op.vendorType) : fc.constantFrom<string | undefined>(op.vendorType, '*/*', undefined)
  const accept = mode === 'valid' ? validAccept : fc.oneof({ arbitrary: validAccept, weight: 3 }, { arbitrary: fc.option(hostileAccept, { nil: undefined }), weight: 1 })
  const authorization = oauth ? basicArb(m.tokens, mode) : authArb(m.tokens, mode)
  const method = mode === 'valid' ? fc.constant(op.method) : fc.oneof({ arbitrary: fc.constant(op.method), weight: 12 }, { arbitrary: fc.constantFrom(...OTHER_METHODS), weight: 1 })
  const language = fc.option(acceptLanguage, { nil: undefined, freq: 3 })

  return fc.record({ segments, query, body, accept, authorization, method, language }).map(({ segments, query, body, accept, authorization, method, language }) => {
    let path = op.url
    paramNames.forEach((name, i) => { path = path.replace(`:${name}`, segments[i]!) })
    const headers: Record<string, string> = {}
    if (accept !== undefined) headers.accept = accept
    if (authorization !== undefined) headers.authorization = authorization
    if (body.type !== undefined) headers['content-type'] = body.type
    if (language !== undefined) headers['accept-language'] = language
    const routed = method === op.method && !segments.some(unroutable)
    return request({
      method,
      url: query.length > 0 ? `${path}?${query.join('&')}` : path,
      headers,
      payload: body.payload,
      route: op.operationId,
      operationId: routed ? op.operationId : undefined,
    })
  })
}
