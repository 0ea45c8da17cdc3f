import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { OpenAPIV3 } from 'openapi-types'

/** A JSON Schema ready for ajv: references inlined, OpenAPI-only keywords turned into JSON Schema or dropped. */
export type JsonSchema = Record<string, unknown>

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'

export const VENDOR_JSON = 'application/vnd.allegro.public.v1+json'
/** The media type of Allegro's beta resources (`/sale/issues*`): asked for and sent exactly like the public one. */
export const VENDOR_JSON_BETA = 'application/vnd.allegro.beta.v1+json'
/** Allegro's JSON media types: request bodies in either are parsed and validated alike. */
export const VENDOR_JSON_TYPES: readonly string[] = [VENDOR_JSON, VENDOR_JSON_BETA]

/** What the server needs to know about one operation of the contract. */
export interface Operation {
  operationId: string
  method: HttpMethod
  /** The path as the document writes it: `/sale/disputes/{disputeId}`. */
  path: string
  /** The same path in Fastify's form: `/sale/disputes/:disputeId`. */
  url: string
  /** Request schemas for Fastify's validation (params, querystring, JSON body). */
  schema: { params?: JsonSchema, querystring?: JsonSchema, body?: JsonSchema | { content: Record<string, { schema: JsonSchema }> } }
  /** Request media types the operation accepts; empty when it takes no body. */
  consumes: string[]
  bodyRequired: boolean
  /** True when a success answer is Allegro's vendor JSON, so the request must `Accept` it. */
  producesVendorJson: boolean
  /** The vendor media type the operation speaks (public or beta): what it must be sent and answers in. */
  vendorType: string
  /** Scopes a user token needs (any one of them), or null when a user token is not accepted. */
  userScopes: string[] | null
  applicationAllowed: boolean
  /** True for the OAuth endpoints, which take no bearer token. */
  public: boolean
  /** Response schemas by status code and media type. */
  responses: Record<string, Record<string, JsonSchema | null>>
  /** The contract's description of each status, e.g. `413` → `File is too big`. */
  statusTexts: Record<string, string>
}

export interface Contract {
  document: OpenAPIV3.Document
  operations: ReadonlyMap<string, Operation>
}

export const CONTRACT_FILE = fileURLToPath(new URL('../../../openapi/allegro-mock.yaml', import.meta.url))

/** The build's parsed copy of the contract, `dist/openapi/allegro-mock.json`; the sources have none. */
export const COMPILED_CONTRACT_FILE = fileURLToPath(new URL('../../openapi/allegro-mock.json', import.meta.url))

/**
 * The contract as written, parsed from its YAML source. The build stores this very value as JSON.
 * @example parseContractSource().info.version
 */
export function parseContractSource (): OpenAPIV3.Document {
  // Loaded only here: a built server reads the JSON copy and never needs the YAML parser (~0.2 s at start).
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml')
  return parse(readFileSync(CONTRACT_FILE, 'utf8')) as OpenAPIV3.Document
}

/**
 * The contract document: the build's JSON copy when there is one, else the YAML source.
 * @example readContractDocument().paths['/sale/disputes']?.get?.operationId // 'getListOfDisputesUsingGET'
 */
export function readContractDocument (): OpenAPIV3.Document {
  if (existsSync(COMPILED_CONTRACT_FILE)) return JSON.parse(readFileSync(COMPILED_CONTRACT_FILE, 'utf8')) as OpenAPIV3.Document
  return parseContractSource()
}

let cached: Contract | undefined

/** The project's contract, read once per process. */
export function loadContract (): Contract {
  cached ??= buildContract(readContractDocument())
  return cached
}

/** Reads a document's operations (all, or those `only` keeps), keyed by operationId. */
export function buildContract (document: OpenAPIV3.Document, only: (method: HttpMethod, path: string) => boolean = () => true): Contract {
  const converter = new SchemaConverter(document)
  const operations = new Map<string, Operation>()
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
      const op = item?.[method]
      if (!op || !only(method.toUpperCase() as HttpMethod, path)) continue
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`)
      operations.set(op.operationId, toOperation(path, method, op, document, converter))
    }
  }
  return { document, operations }
}

function toOperation (path: string, method: string, op: OpenAPIV3.OperationObject, document: OpenAPIV3.Document,
  converter: SchemaConverter): Operation {
  const parameters = (op.parameters ?? []).map(p => converter.deref(p) as OpenAPIV3.ParameterObject)
  const schema: Operation['schema'] = {}
  const params = parameters.filter(p => p.in === 'path')
  if (params.length > 0) schema.params = objectOf(params, converter)
  const query = parameters.filter(p => p.in === 'query')
  if (query.length > 0) schema.querystring = objectOf(query, converter)

  const body = op.requestBody ? converter.deref(op.requestBody) as OpenAPIV3.RequestBodyObject : undefined
  const consumes = Object.keys(body?.content ?? {})
  const bodyType = consumes.find(type => VENDOR_JSON_TYPES.includes(type))
  const jsonBody = bodyType === undefined ? undefined : body?.content[bodyType]?.schema
  if (jsonBody) {
    const converted = converter.convert(jsonBody)
    // Fastify validates per media type when a body may come in several (JSON or raw image bytes).
    schema.body = consumes.length === 1 ? converted : { content: { [bodyType!]: { schema: converted } } }
  }

  const responses: Operation['responses'] = {}
  const statusTexts: Operation['statusTexts'] = {}
  let producesVendorJson = false
  let vendorType = bodyType
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const r = converter.deref(response) as OpenAPIV3.ResponseObject
    responses[status] = {}
    statusTexts[status] = r.description
    for (const [type, media] of Object.entries(r.content ?? {})) {
      responses[status][type] = media.schema ? converter.convert(media.schema) : null
      // An operation with neither a JSON body nor a JSON answer (a download) still sends its errors in its family's type.
      if (VENDOR_JSON_TYPES.includes(type)) vendorType ??= type
      if (VENDOR_JSON_TYPES.includes(type) && status.startsWith('2')) {
        producesVendorJson = true
        vendorType = type
      }
    }
  }

  const security = op.security ?? document.security ?? []
  const userScheme = security.find(s => 'bearer-token-for-user' in s)
  return {
    operationId: op.operationId!,
    method: method.toUpperCase() as HttpMethod,
    path,
    url: path.replace(/\{([^}]+)\}/g, ':$1'),
    schema,
    consumes,
    bodyRequired: body?.required === true,
    producesVendorJson,
    vendorType: vendorType ?? VENDOR_JSON,
    userScopes: userScheme ? userScheme['bearer-token-for-user']! : null,
    applicationAllowed: security.some(s => 'bearer-token-for-application' in s),
    public: security.length === 0,
    responses,
    statusTexts,
  }
}

function objectOf (parameters: OpenAPIV3.ParameterObject[], converter: SchemaConverter): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map(p => [p.name, p.schema ? converter.convert(p.schema) : {}])),
    required: parameters.filter(p => p.required).map(p => p.name),
  }
}

const DROPPED = new Set(['discriminator', 'nullable', 'readOnly', 'writeOnly', 'xml', 'externalDocs', 'example', 'deprecated',
  'title', 'description'])

/** Inlines `$ref`s and turns OpenAPI 3.0 keywords (nullable, discriminator) into JSON Schema. */
class SchemaConverter {
  private readonly inProgress = new Set<string>()

  constructor (private readonly document: OpenAPIV3.Document) {}

  deref<T> (node: T | OpenAPIV3.ReferenceObject): T {
    let current: unknown = node
    while (current && typeof current === 'object' && '$ref' in current) current = this.resolve((current as OpenAPIV3.ReferenceObject).$ref)
    return current as T
  }

  convert (node: unknown): JsonSchema {
    if (!node || typeof node !== 'object') return {}
    if ('$ref' in node) {
      const ref = (node as OpenAPIV3.ReferenceObject).$ref
      // A schema that refers back to itself (or a subtype to its discriminated base) is accepted as is at that depth.
      if (this.inProgress.has(ref)) return {}
      this.inProgress.add(ref)
      try { return this.convert(this.resolve(ref)) } finally { this.inProgress.delete(ref) }
    }
    const source = node as Record<string, unknown>
    const out: JsonSchema = {}
    for (const [key, value] of Object.entries(source)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue
      if (key === 'properties' && value && typeof value === 'object') {
        out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.convert(v)]))
      } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && value && typeof value === 'object') {
        out[key] = this.convert(value)
      } else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
        out[key] = value.map(v => this.convert(v))
      } else {
        out[key] = value
      }
    }
    if (source.nullable === true) return { anyOf: [out, { type: 'null' }] }
    const discriminator = source.discriminator as OpenAPIV3.DiscriminatorObject | undefined
    if (discriminator?.mapping) {
      const branches = Object.entries(discriminator.mapping).map(([value, ref]) => ({
        if: { properties: { [discriminator.propertyName]: { const: value } }, required: [discriminator.propertyName] },
        then: this.convert({ $ref: ref }),
      }))
      return { allOf: [out, ...branches] }
    }
    return out
  }

  private resolve (ref: string): unknown {
    if (!ref.startsWith('#/')) throw new Error(`Only local references are supported: ${ref}`)
    let node: unknown = this.document
    for (const part of ref.slice(2).split('/')) {
      node = (node as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
    }
    if (node === undefined) throw new Error(`Unresolvable reference ${ref}`)
    return node
  }
}

/** The top-level fields an operation's JSON body schema defines. */
export function bodyFields (contract: Contract, operationId: string): Set<string> {
  const body = contract.operations.get(operationId)?.schema.body as JsonSchema | { content: Record<string, { schema: JsonSchema }> } | undefined
  const schema = body && 'content' in body ? Object.values(body.content as Record<string, { schema: JsonSchema }>)[0]?.schema : body
  return new Set(Object.keys((schema?.properties ?? {}) as object))
}
