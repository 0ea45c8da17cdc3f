import { expect, test } from 'vitest'
import { loadContract, parseContractSource, type JsonSchema } from '../../src/server/core/openapi.js'
import { compileRequestSchema, lazyRequestValidator } from '../../src/server/core/validation.js'

// The server compiles a route's schemas on its first request; this compiles them all, so a broken one fails here.
test('every operation\'s request schemas compile', () => {
  let compiled = 0
  for (const operation of loadContract().operations.values()) {
    const { params, querystring, body } = operation.schema
    for (const [part, schema] of [['params', params], ['querystring', querystring]] as const) {
      if (schema) { expect(() => compileRequestSchema(schema, part), `${operation.operationId} ${part}`).not.toThrow(); compiled++ }
    }
    // A body that may come in several media types has a schema per type, as Fastify takes it.
    const perType = (body as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content
    const bodies = perType ? Object.values(perType).map(c => c.schema) : body ? [body as JsonSchema] : []
    for (const schema of bodies) { expect(() => compileRequestSchema(schema, 'body'), `${operation.operationId} body`).not.toThrow(); compiled++ }
  }
  expect(compiled).toBeGreaterThan(30)
})

test('a lazy validator compiles on first use and reports its errors where Fastify looks', () => {
  const validate = lazyRequestValidator({ type: 'object', properties: { limit: { type: 'integer', maximum: 100 } } }, 'querystring')
  const query: Record<string, unknown> = { limit: '5' }
  expect(validate(query)).toBe(true)
  expect(query.limit).toBe(5)
  expect(validate({ limit: '500' })).toBe(false)
  expect(validate.errors?.[0]).toMatchObject({ instancePath: '/limit', keyword: 'maximum' })
})

test('a broken schema fails when it is compiled, not when its validator is made', () => {
  const broken = { type: 'object', properties: { id: { type: 'no-such-type' } } }
  const validate = lazyRequestValidator(broken, 'body')
  expect(() => validate({ id: 1 })).toThrow()
  expect(() => compileRequestSchema(broken, 'body')).toThrow()
})

test('the parsed contract survives JSON unchanged, so the build\'s JSON copy is the same contract', () => {
  const document = parseContractSource()
  expect(JSON.parse(JSON.stringify(document))).toEqual(document)
})
