import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { JsonSchema } from './openapi.js'

// Formats Allegro's document names that JSON Schema does not know; they carry no check of their own.
const NAMED_ONLY_FORMATS = ['int32', 'int64', 'float', 'double', 'binary', 'byte', 'integer', 'string', 'ISO 4217', 'password']

function makeAjv (coerceTypes: false | 'array'): Ajv {
  // Defaults fill only query parameters (`limit`, `offset`); a body is stored as the client sent it.
  const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes, useDefaults: coerceTypes !== false, removeAdditional: false })
  addFormats.default(ajv)
  for (const format of NAMED_ONLY_FORMATS) ajv.addFormat(format, true)
  return ajv
}

// Query strings and path params arrive as text, so they are coerced; JSON bodies are checked as sent.
const textAjv = makeAjv('array')
const jsonAjv = makeAjv(false)
const responseAjv = new Ajv({ strict: false, allErrors: true })
addFormats.default(responseAjv)
for (const format of NAMED_ONLY_FORMATS) responseAjv.addFormat(format, true)

const cache = new WeakMap<object, ValidateFunction>()

function compileCached (ajv: Ajv, schema: JsonSchema): ValidateFunction {
  let validate = cache.get(schema)
  if (!validate) {
    validate = ajv.compile(schema)
    cache.set(schema, validate)
  }
  return validate
}

/**
 * Compiles a request schema now: text parts are coerced (`?limit=5` is a number), bodies are not.
 * @example compileRequestSchema(operation.schema.querystring!, 'querystring')({ limit: '5' }) // true, limit is now 5
 */
export function compileRequestSchema (schema: JsonSchema, httpPart: string | undefined): ValidateFunction {
  return compileCached(httpPart === 'body' ? jsonAjv : textAjv, schema)
}

/** What Fastify needs of a validator: a boolean answer, and the reasons on `errors` after a refusal. */
export interface RequestValidator {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

/**
 * A request validator for Fastify that compiles its schema on first use: compiling every route's schemas at
 * start took ~0.4 s, and most routes of a test run are never called. A test compiles them all, so a broken
 * schema still fails CI.
 * @example app.setValidatorCompiler(({ schema, httpPart }) => lazyRequestValidator(schema, httpPart))
 */
export function lazyRequestValidator (schema: JsonSchema, httpPart: string | undefined): RequestValidator {
  let compiled: ValidateFunction | undefined
  const validator: RequestValidator = (data) => {
    compiled ??= compileRequestSchema(schema, httpPart)
    const valid = compiled(data)
    validator.errors = compiled.errors
    return valid
  }
  return validator
}

const responseCache = new WeakMap<object, ValidateFunction>()

/** Checks an answer against a response schema; returns the problems, or an empty list. */
export function checkAgainstSchema (schema: JsonSchema, value: unknown): ErrorObject[] {
  let validate = responseCache.get(schema)
  if (!validate) {
    validate = responseAjv.compile(schema)
    responseCache.set(schema, validate)
  }
  return validate(value) ? [] : [...(validate.errors ?? [])]
}
