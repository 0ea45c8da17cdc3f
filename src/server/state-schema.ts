import { Ajv, type ErrorObject } from 'ajv'
import type { AppSchema } from './state.js'
import type { ClaimRight, ClaimStatus, DecidedBy, ExpectationName } from './modules/issues/issues.types.js'
import type { MessageAuthorRole, MessageType } from './modules/disputes/disputes.types.js'
import { CLAIM_DECISIONS, CLAIM_REASONS } from './modules/issues/issue.rules.js'

/**
 * What every stored record must hold for the mock to serve it: the fields its code reads, with their types. Used on
 * everything that enters the store whole (a snapshot, a data file), so that a hand-edited record is refused at the
 * door instead of answering 500 later. Records may carry more (Allegro's other wire fields).
 */
const text = { type: 'string' }
const nullableText = { type: ['string', 'null'] }
const time = { type: 'string', minLength: 10 }
/** A moment the code computes with (due dates, the chat's order): it must parse. */
const instant = { type: 'string', minLength: 10, format: 'instant' }
const list = (items: object = {}) => ({ type: 'array', items })
const record = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', required, properties })
const owned = (meta: Record<string, object> = {}, required: string[] = []) => record({ sellerId: text, ...meta }, ['sellerId', ...required])
/** The schema, or null (an enum gains null; a typed schema gains the type null, its other keywords apply to the rest). */
const nullable = (schema: { type?: string, enum?: unknown[] }) => schema.enum ? { ...schema, enum: [...schema.enum, null] } : { ...schema, type: [schema.type, 'null'] }
/** Every value of a union type, so that adding one to the type without adding it here fails to compile. */
const oneOf = <T extends string>(values: Record<T, true>) => ({ enum: Object.keys(values) })

const faults = record({
  taskFailures: list(record({ offerIds: { type: ['array', 'null'], items: text }, remaining: { type: ['integer', 'null'] }, message: text })),
  responses: list(record({ operationId: text, status: { type: 'integer', minimum: 400, maximum: 599 }, remaining: { type: 'integer' } })),
  latencies: list(record({ operationId: text, ms: { type: 'integer', minimum: 0 } })),
  rateLimit: record({ enabled: { type: 'boolean' }, perMinute: { type: 'integer', minimum: 1 } }),
})

const message = record({ id: text, createdAt: time, author: record({ role: text }), meta: record({ disputeId: text, type: text }) }, ['id', 'createdAt', 'author', 'meta'])

// Claims (the issues API), as src/server/modules/issues/issues.types.ts declares them: the code derives subjects,
// decisions, due dates and chat texts from these enums and dates, so an unknown value or a date that does not parse
// would fail a later read.
const price = record({ amount: text, currency: text })
const claimStatus = oneOf<ClaimStatus>({ CLAIM_SUBMITTED: true, CLAIM_ACCEPTED: true, CLAIM_REJECTED: true })
const claimDecision = { enum: CLAIM_DECISIONS }
const decidedBy = oneOf<DecidedBy>({ SELLER: true, ADMIN: true, DUE_DATE: true })
const expectationName = oneOf<ExpectationName>({ REPAIR: true, EXCHANGE: true, REFUND: true, PARTIAL_REFUND: true })
const claimRight = oneOf<ClaimRight>({ WARRANTY: true, COMPLAINT: true })
const authorRole = oneOf<MessageAuthorRole>({ BUYER: true, SELLER: true, ADMIN: true, SYSTEM: true, FULFILLMENT: true })
const claimMessageType = oneOf<MessageType | 'STATE_CHANGE'>({
  REGULAR: true, END_REQUEST: true, RETURN_REQUIRED_SELLER_LABEL: true, RETURN_REQUIRED_CUSTOM: true, RETURN_NOT_REQUIRED: true, STATE_CHANGE: true,
})

const claim = record({
  id: text,
  referenceNumber: text,
  decisionDueDate: instant,
  openedDate: instant,
  buyer: record({ id: text, login: text }),
  checkoutForm: record({ id: text, createdAt: text }),
  status: claimStatus,
  returnRequired: { type: ['boolean', 'null'] },
  chatActive: { type: 'boolean' },
  expectations: list(record({ name: nullable(expectationName), refund: nullable(price) }, ['name'])),
  description: nullableText,
  offer: nullable(record({ id: nullableText, quantity: { type: 'integer' } })),
  product: nullable(record({ id: nullableText })),
  reason: record({ type: { enum: CLAIM_REASONS }, description: nullableText }),
  right: claimRight,
  meta: owned({ decision: nullable(record({ status: claimDecision, by: decidedBy, at: instant, partialRefund: price }, ['status', 'by', 'at'])) }, ['decision']),
})

const claimMessage = record({
  id: text,
  text,
  author: record({ login: text, role: authorRole }, ['role']),
  createdAt: instant,
  meta: record({
    claimId: text,
    type: claimMessageType,
    attachmentId: text,
    stateChange: record({ status: claimStatus, by: decidedBy, decision: nullable(claimDecision), partialRefund: price }, ['status', 'by', 'decision']),
  }, ['claimId', 'type']),
}, ['id', 'author', 'createdAt', 'meta'])

type Tables<Spec> = { readonly [table in keyof Spec]: object }

/** The instance tables (shared by every seller). A table of the state without a schema here does not compile. */
const INSTANCE: Tables<AppSchema['instance']> = {
  settings: record({ secret: { type: 'string', minLength: 16 }, scenario: text, clockNow: nullable(instant) }),
  clients: record({ clientId: text, clientSecret: text, name: text, redirectUris: list(text) }),
  sellers: record({ id: text, login: text, company: { type: 'boolean' } }),
  authCodes: record({ code: text, clientId: text, sellerId: text, scopes: list(text), expiresAt: time }),
  refreshTokens: record({ jti: text, clientId: text, sellerId: text, scopes: list(text), publicClient: { type: 'boolean' }, expiresAt: time, spentAt: { type: ['string', 'null'] } }),
  devices: record({ deviceCode: text, userCode: text, clientId: text, scopes: list(text), status: { enum: ['pending', 'approved', 'denied'] }, expiresAt: time, intervalSeconds: { type: 'integer' } }, ['deviceCode', 'userCode', 'clientId', 'scopes', 'status', 'expiresAt', 'intervalSeconds']),
  faults,
}

/** The tables every seller has of its own. */
const PARTITION: Tables<AppSchema['partition']> = {
  // A seller clock's offset keeps its time within what a Date can hold (±8.64e15 ms).
  settings: record({ clockOffsetMs: { type: 'integer', minimum: -8.64e15, maximum: 8.64e15 }, scenario: text, sandbox: { type: 'boolean' } }),
  faults,
  disputes: record({ id: text, status: text, subject: { type: 'object' }, buyer: { type: 'object' }, checkoutForm: record({ id: text }, ['id']), messagesCount: { type: 'integer' }, meta: owned() }, ['id', 'status', 'subject', 'buyer', 'checkoutForm', 'meta']),
  disputeMessages: message,
  disputeAttachments: record({ id: text, fileName: text, size: { type: 'integer', minimum: 0 }, meta: owned({ declaredAt: time, contentType: nullableText, uploadedAt: nullableText, messageId: nullableText, blobKey: nullableText }, ['uploadedAt']) }),
  // A claim's decision reads its order's summary; a claim filed through the simulator reads the first line's offer.
  checkoutForms: record({
    id: text, buyer: record({ id: text, login: text }, ['id', 'login']), status: text, summary: { type: 'object' },
    lineItems: list(record({ offer: record({ id: text }), quantity: { type: 'integer' } }, ['offer'])), surcharges: list(), meta: owned(),
  }, ['id', 'buyer', 'status', 'summary', 'lineItems', 'meta']),
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
  claims: claim,
  claimMessages: claimMessage,
}

export type Scope = 'instance' | 'partition'

/** The record schema of every table of the state, by scope (instance and partition both have `settings` and `faults`). */
export const TABLE_SCHEMAS: { readonly [scope in Scope]: Readonly<Record<string, object>> } = { instance: INSTANCE, partition: PARTITION }

const ajv = new Ajv({ strict: false, allErrors: false })
ajv.addFormat('instant', { type: 'string', validate: (value: string) => !Number.isNaN(Date.parse(value)) })
const validators = Object.fromEntries((Object.keys(TABLE_SCHEMAS) as Scope[]).map(scope =>
  [scope, Object.fromEntries(Object.entries(TABLE_SCHEMAS[scope]).map(([name, schema]) => [name, ajv.compile(schema)]))])) as Record<Scope, Record<string, ReturnType<Ajv['compile']>>>

/** `meta.sellerId is missing`, `size must be integer`: where in the row, and what is wrong. */
function describe (error: ErrorObject | undefined): string {
  if (!error) return 'is invalid'
  const at = error.instancePath.replace(/^\//, '').replace(/\//g, '.')
  const missing = (error.params as { missingProperty?: string }).missingProperty
  if (missing) return `${at ? `${at}.` : ''}${missing} is missing`
  return `${at || 'the record'} ${error.message ?? 'is invalid'}`
}

/**
 * The first problem of the rows of `table` (an instance or a partition table), as `disputes[3]: meta is missing`;
 * null when every row is usable. A table the state does not have is not stored, and not checked.
 */
export function rowProblem (scope: Scope, table: string, rows: readonly unknown[]): string | null {
  const validate = Object.hasOwn(validators[scope], table) ? validators[scope][table] : undefined
  if (!validate) return null
  for (const [i, row] of rows.entries()) if (!validate(row)) return `${table}[${i}]: ${describe(validate.errors?.[0])}`
  return null
}
