/**
 * Values that look valid, generated from the contract's (already dereferenced) JSON Schemas: the types, enums,
 * formats and bounds the schema states, with real ids from the scenario mixed in where a field's name asks for one.
 */
import fc from 'fast-check'
import type { JsonSchema } from '../../src/server/core/openapi.js'

/** Real values for a field, by its name and its parent's name (`attachment.id`); undefined when there are none. */
export type Hint = (key: string | undefined, parent: string | undefined) => readonly string[] | undefined

export interface SchemaOptions {
  hint?: Hint
  /** How deep objects and arrays may go before only required fields are generated. */
  maxDepth?: number
}

const asList = (type: unknown): string[] => Array.isArray(type) ? type as string[] : typeof type === 'string' ? [type] : []

/** allOf folded into one schema: properties and required united, the other keywords of the last one kept. */
export function merged (schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema
  const { allOf, ...rest } = schema
  let out: JsonSchema = { ...rest }
  for (const part of (allOf as JsonSchema[]).map(merged)) {
    const properties = { ...(out.properties as object | undefined), ...(part.properties as object | undefined) }
    const required = [...new Set([...(out.required as string[] | undefined ?? []), ...(part.required as string[] | undefined ?? [])])]
    out = { ...part, ...out, properties, required }
  }
  if (Object.keys(out.properties as object).length === 0) delete out.properties
  return out
}

function stringOf (schema: JsonSchema, key: string | undefined): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(min, 24)
  switch (schema.format) {
    case 'uuid': return fc.uuid()
    case 'date-time': return fc.date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map(d => d.toISOString())
    case 'date': return fc.date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map(d => d.toISOString().slice(0, 10))
    case 'email': return fc.emailAddress()
    case 'uri': case 'url': return fc.webUrl()
    case 'ISO 4217': return fc.constantFrom('PLN', 'EUR', 'CZK', 'HUF', 'USD')
  }
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(s => s.length >= min && s.length <= max)
  if (key && /amount|price/i.test(key)) return fc.tuple(fc.nat(99999), fc.nat(99)).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`)
  if (key && /currency/i.test(key)) return fc.constantFrom('PLN', 'EUR', 'CZK')
  if (key && /number|phone/i.test(key)) return fc.stringMatching(/^\+?[0-9 -]{6,14}$/)
  if (key && /address|email/i.test(key)) return fc.emailAddress()
  if (key && /url|uri/i.test(key)) return fc.webUrl()
  return fc.oneof(
    fc.string({ minLength: Math.min(min, 60), maxLength: Math.min(max, 60) }),
    fc.string({ unit: 'grapheme', minLength: Math.min(min, 20), maxLength: Math.min(max, 20) }),
    fc.lorem({ maxCount: 3 }).filter(s => s.length >= min && s.length <= max),
  ).filter(s => s.length >= min)
}

function numberOf (schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : -1000)
  const max = typeof schema.maximum === 'number' ? schema.maximum : (typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - 1 : 1_000_000)
  const lo = Math.max(min, -(2 ** 31))
  const hi = Math.min(max, 2 ** 31 - 1)
  const small = fc.integer({ min: lo, max: Math.min(hi, lo + 100) })
  if (integer) return fc.oneof({ arbitrary: small, weight: 3 }, { arbitrary: fc.integer({ min: lo, max: hi }), weight: 1 }, fc.constantFrom(lo, hi))
  return fc.oneof(small, fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }))
}

/** An arbitrary of values the schema accepts (mostly: `if`/`then` and cross-field rules are not followed). */
export function schemaArb (schema: JsonSchema | undefined, options: SchemaOptions = {}, key?: string, parent?: string, depth = 0): fc.Arbitrary<unknown> {
  const maxDepth = options.maxDepth ?? 6
  if (!schema || typeof schema !== 'object') return fc.jsonValue({ maxDepth: 1 })
  const s = merged(schema)
  if ('const' in s) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]))
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as JsonSchema[] | undefined
  if (branches) {
    const { anyOf: _a, oneOf: _o, ...siblings } = s
    return fc.oneof(...branches.map(b => schemaArb(merged({ ...siblings, ...b, allOf: [siblings, b] }), options, key, parent, depth)))
  }
  const types = asList(s.type)
  if (types.length > 1) return fc.oneof(...types.map(type => schemaArb({ ...s, type }, options, key, parent, depth)))
  const type = types[0] ?? (s.properties ? 'object' : s.items ? 'array' : undefined)
  const real = type === 'string' || type === undefined ? options.hint?.(key, parent) : undefined
  switch (type) {
    case 'string': {
      const own = stringOf(s, key)
      return real && real.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 3 }, { arbitrary: own, weight: 1 }) : own
    }
    case 'integer': return numberOf(s, true)
    case 'number': return numberOf(s, false)
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0
      const cap = depth >= maxDepth ? minLength : 3
      const maxLength = Math.max(minLength, Math.min(typeof s.maxItems === 'number' ? s.maxItems : cap, cap))
      return fc.array(schemaArb(s.items as JsonSchema | undefined, options, key, parent, depth + 1), { minLength, maxLength })
    }
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>
      const required = (s.required as string[] | undefined ?? []).filter(k => k in properties || depth < maxDepth)
      const keys = depth >= maxDepth ? required : Object.keys(properties)
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const k of [...new Set([...keys, ...required])]) model[k] = schemaArb(properties[k], options, k, key, depth + 1)
      const record = fc.record(model, { requiredKeys: required.filter(k => k in model) })
      const extra = s.additionalProperties
      if (extra && typeof extra === 'object' && depth < maxDepth) {
        return fc.tuple(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), schemaArb(extra as JsonSchema, options, undefined, key, depth + 1), { maxKeys: 2 }))
          .map(([fixed, more]) => ({ ...more, ...fixed }))
      }
      return record
    }
    default:
      return real && real.length > 0 ? fc.constantFrom(...real) : fc.jsonValue({ maxDepth: 1 })
  }
}

/** A query value as the client would write it: arrays become repeated parameters. */
export function queryPairs (name: string, value: unknown): Array<[string, string]> {
  if (value === undefined) return []
  if (Array.isArray(value)) return value.flatMap(v => queryPairs(name, v))
  if (value !== null && typeof value === 'object') return [[name, JSON.stringify(value)]]
  return [[name, String(value)]]
}
