import { expect, test } from 'vitest'
import type { ValidationResultItem } from '@pactflow/swagger-mock-validator'
import { deviationCovering, differenceBehind, type PactInteraction } from '../../src/contracts/pact-deviations.js'

const SCHEMA = '[root].paths./sale/offers/{offerId}.put.requestBody.content.application/vnd.allegro.public.v1+json.schema'
const finding = (message: string, specLocation: string, mockLocation: string, code = 'request.body.incompatible'): ValidationResultItem => ({
  code, message, type: 'error', source: 'spec-mock-validation',
  mockDetails: { interactionDescription: 'x', location: mockLocation },
  specDetails: { location: specLocation, pathMethod: 'put', pathName: '/sale/offers/{offerId}' },
})
const interactions = (rangeValue: unknown): PactInteraction[] => [{ request: { body: { content: { parameters: [{ id: '1', rangeValue }] }, contentType: 'application/json' } } }]
const rangeValueFinding = finding('Request body is incompatible with the request body schema in the spec file: must be object',
  `${SCHEMA}.properties.parameters.items.properties.rangeValue.type`, '[root].interactions[0].request.body.parameters.0.rangeValue')

test('a null where the document wants a type is the contract\'s "nullable added"; a wrong value is not', () => {
  expect(differenceBehind(rangeValueFinding, interactions(null)))
    .toEqual({ side: 'PUT /sale/offers/{offerId}: request', change: 'schema properties.parameters.items.properties.rangeValue nullable added' })
  expect(differenceBehind(rangeValueFinding, interactions('3'))).toBeUndefined()
})

test('a listed difference covers a finding of the same operation, side, field and change only', () => {
  const listed = [{ difference: 'PUT /sale/offers/{offerId}: request schema properties.parameters.items.properties.rangeValue nullable added', pattern: 'PUT /sale/offers/{offerId}: * schema * nullable added' }]
  expect(deviationCovering(rangeValueFinding, interactions(null), listed)).toBe('PUT /sale/offers/{offerId}: * schema * nullable added')
  expect(deviationCovering(rangeValueFinding, interactions(null), [{ ...listed[0]!, difference: listed[0]!.difference.replace('rangeValue', 'values') }])).toBeUndefined()
  const extra = finding('Response body is incompatible with the response body schema in the spec file: must NOT have additional properties - meta',
    '[root].paths./sale/offers/{offerId}.put.responses.200.content.application/vnd.allegro.public.v1+json.schema.additionalProperties', '[root].interactions[0].response.body', 'response.body.incompatible')
  const added = { difference: 'PUT /sale/offers/{offerId}: response 200 application/vnd.allegro.public.v1+json schema properties.meta added', pattern: 'p' }
  expect(deviationCovering(extra, [], [added])).toBe('p')
  expect(deviationCovering(extra, [], [{ ...added, difference: added.difference.replace('response 200', 'response 201') }])).toBeUndefined()
  expect(deviationCovering({ ...extra, code: 'response.status.unknown' }, [], [added])).toBeUndefined()
})
