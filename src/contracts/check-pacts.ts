import { readFileSync } from 'node:fs'
import { SwaggerMockValidatorFactory, type ValidationResultItem } from '@pactflow/swagger-mock-validator'
import { CONTRACT_FILE } from '../server/core/openapi.js'
import { expandPactLocations } from './pact-files.js'

export interface PactCheck {
  pact: string
  errors: ValidationResultItem[]
  warnings: ValidationResultItem[]
}

/** One problem as a line: which interaction, where in it, what is wrong. */
export function describeProblem (item: ValidationResultItem): string {
  const interaction = item.mockDetails?.interactionDescription ?? '(whole pact)'
  const where = item.mockDetails?.location ?? item.specDetails?.location ?? ''
  return `${item.type.toUpperCase()} "${interaction}" ${where}: ${item.message}`
}

/** Refusals a request may test on purpose: the request breaks the document and the interaction expects that answer. */
const REFUSALS = new Set([400, 406, 413, 415, 422])

/** Response statuses by interaction index, for local pact files (a URL is read by the validator only). */
function responseStatuses (pact: string): number[] {
  if (/^https?:\/\//.test(pact)) return []
  const content = JSON.parse(readFileSync(pact, 'utf8')) as { interactions?: Array<{ response?: { status?: number } }> }
  return (content.interactions ?? []).map(i => i.response?.status ?? 0)
}

/**
 * A request that breaks the document is no fault of an interaction that expects Allegro to refuse it (a 415 for a
 * wrong Content-Type, a 422 for a bad body): such findings become warnings.
 */
function splitFindings (errors: readonly ValidationResultItem[], statuses: readonly number[]): { errors: ValidationResultItem[], expected: ValidationResultItem[] } {
  const expected: ValidationResultItem[] = []
  const kept: ValidationResultItem[] = []
  for (const error of errors) {
    const location = error.mockDetails?.location ?? ''
    const index = Number(/interactions\[(\d+)\]\.request/.exec(location)?.[1] ?? NaN)
    if (REFUSALS.has(statuses[index] ?? 0)) expected.push({ ...error, type: 'warning', message: `${error.message} (the interaction expects ${statuses[index]})` })
    else kept.push(error)
  }
  return { errors: kept, expected }
}

/**
 * Checks each pact's requests and responses against an OpenAPI document (allegro-mock's contract unless `spec` names
 * another, such as Allegro's published one), the bi-directional way.
 * @example const results = await checkPacts(['pacts/']); const ok = results.every(r => r.errors.length === 0)
 */
export async function checkPacts (pacts: readonly string[], spec: string = CONTRACT_FILE): Promise<PactCheck[]> {
  const validator = SwaggerMockValidatorFactory.create()
  const results: PactCheck[] = []
  for (const pact of expandPactLocations(pacts)) {
    const outcome = await validator.validate({ specPathOrUrl: spec, mockPathOrUrl: pact })
    const { errors, expected } = splitFindings(outcome.errors, responseStatuses(pact))
    results.push({ pact, errors, warnings: [...outcome.warnings, ...expected] })
  }
  return results
}
