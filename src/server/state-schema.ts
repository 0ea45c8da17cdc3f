import { Ajv, type ErrorObject } from 'ajv'

/**
 * What every stored record must hold for the mock to serve it: the fields its code reads, with their types. Used on
 * everything that enters the store whole (a snapshot, a data file), so that a hand-edited record is refused at the
 * door instead of answering 500 later. Records may carry more (Allegro's other wire fields).
 */
const text = { type: 'string' }
const nullableText = { type: ['string', 'null'] }
const time = { type: 'string', minLength: 10 }
const list = (items: object = {}) => ({ type: 'array', items })
const record = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', required, properties })
const owned = (meta: Record<string, object> = {}, required: string[] = []) => record({ sellerId: text, ...meta }, ['sellerId', ...required])

const faults = record({
  taskFailures: list(record({ offerIds: { type: ['array', 'null'], items: text }, remaining: { type: ['integer', 'null'] }, message: text })),
  responses: list(record({ operationId: text, status: { type: 'integer', minimum: 400, maximum: 599 }, remaining: { type: 'integer' } })),
  latencies: list(record({ operationId: text, ms: { type: 'integer', minimum: 0 } })),
  rateLimit: record({ enabled: { type: 'boolean' }, perMinute: { type: 'integer', minimum: 1 } }),
})

const message = record({ id: text, createdAt: time, author: record({ role: text }), meta: record({ disputeId: text, type: text }) }, ['id', 'createdAt', 'author', 'meta'])

export const TABLE_SCHEMAS: Record<string, object> = {
  clients: record({ clientId: text, clientSecret: text, name: text, redirectUris: list(text) }),
  sellers: record({ id: text, login: text, company: { type: 'boolean' } }),
  authCodes: record({ code: text, clientId: text, sellerId: text, scopes: list(text), expiresAt: time }),
  refreshTokens: record({ jti: text, clientId: text, sellerId: text, scopes: list(text), publicClient: { type: 'boolean' }, expiresAt: time, spentAt: { type: ['string', 'null'] } }),
  devices: record({ deviceCode: text, userCode: text, clientId: text, scopes: list(text), status: { enum: ['pending', 'approved', 'denied'] }, expiresAt: time, intervalSeconds: { type: 'integer' } }, ['deviceCode', 'userCode', 'clientId', 'scopes', 'status', 'expiresAt', 'intervalSeconds']),
  faults,
  disputes: record({ id: text, status: text, subject: { type: 'object' }, buyer: { type: 'object' }, checkoutForm: record({ id: text }, ['id']), messagesCount: { type: 'integer' }, meta: owned() }, ['id', 'status', 'subject', 'buyer', 'checkoutForm', 'meta']),
  disputeMessages: message,
  disputeAttachments: record({ id: text, fileName: text, size: { type: 'integer', minimum: 0 }, meta: owned({ declaredAt: time, contentType: nullableText, uploadedAt: nullableText, messageId: nullableText, blobKey: nullableText }, ['uploadedAt']) }),
  checkoutForms: record({ id: text, buyer: record({ id: text, login: text }, ['id', 'login']), status: text, lineItems: list({ type: 'object' }), surcharges: list(), meta: owned() }, ['id', 'buyer', 'status', 'lineItems', 'meta']),
  contacts: record({ id: text, name: text, emails: list(record({ address: text })), phones: list(record({ number: text })), meta: owned() }),
  images: record({ id: text, location: text, expiresAt: time, meta: owned({ contentType: text, blobKey: nullableText }, ['contentType', 'blobKey']) }),
  offers: record({
    id: text, name: text, category: record({ id: text }), publication: record({ status: { enum: ['INACTIVE', 'ACTIVATING', 'ACTIVE', 'ENDED'] } }, ['status']),
    createdAt: time, updatedAt: time,
    meta: owned({ violations: list({ type: 'object' }), validatedAt: time, packages: { type: ['object', 'null'] } }, ['violations', 'validatedAt', 'packages']),
  }),
  classifiedEvents: record({ offerId: text, sellerId: text, eventType: text, at: time }),
  publicationCommands: record({
    id: text, createdAt: time,
    tasks: list(record({ offer: record({ id: text }), status: { enum: ['NEW', 'SUCCESS', 'FAIL'] }, meta: record({ settlesAt: time, violations: list({ type: 'object' }) }, ['settlesAt', 'violations']) }, ['offer', 'status', 'meta'])),
    meta: owned({ action: { enum: ['ACTIVATE', 'END'] } }, ['action']),
  }),
}

const ajv = new Ajv({ strict: false, allErrors: false })
const validators = Object.fromEntries(Object.entries(TABLE_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]))

/** `meta.sellerId is missing`, `size must be integer`: where in the row, and what is wrong. */
function describe (error: ErrorObject | undefined): string {
  if (!error) return 'is invalid'
  const at = error.instancePath.replace(/^\//, '').replace(/\//g, '.')
  const missing = (error.params as { missingProperty?: string }).missingProperty
  if (missing) return `${at ? `${at}.` : ''}${missing} is missing`
  return `${at || 'the record'} ${error.message ?? 'is invalid'}`
}

/** The first problem of the rows of `table`, as `disputes[3]: meta is missing`; null when every row is usable. */
export function rowProblem (table: string, rows: readonly unknown[]): string | null {
  const validate = validators[table]
  if (!validate) return null
  for (const [i, row] of rows.entries()) if (!validate(row)) return `${table}[${i}]: ${describe(validate.errors?.[0])}`
  return null
}
