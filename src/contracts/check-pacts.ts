import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { SwaggerMockValidatorFactory, type ValidationResultItem } from '@pactflow/swagger-mock-validator'
import { CONTRACT_FILE } from '../server/core/openapi.js'
import { expandPactLocations } from './pact-files.js'
import { deviationsAsWarnings, listedDifferences, type ListedDifference, type PactInteraction } from './pact-deviations.js'

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

/** The interactions of a local pact file (a URL is read by the validator only). */
function readInteractions (pact: string): PactInteraction[] {
  if (/^https?:\/\//.test(pact)) return []
  return (JSON.parse(readFileSync(pact, 'utf8')) as { interactions?: PactInteraction[] }).interactions ?? []
}

const interactionIndex = (item: ValidationResultItem) => Number(/interactions\[(\d+)\]/.exec(item.mockDetails?.location ?? '')?.[1] ?? NaN)

/**
 * A request that breaks the document is no fault of an interaction that expects Allegro to refuse it (a 415 for a
 * wrong Content-Type, a 422 for a bad body): such findings become warnings.
 */
function splitFindings (errors: readonly ValidationResultItem[], statuses: readonly number[]): { errors: ValidationResultItem[], expected: ValidationResultItem[] } {
  const expected: ValidationResultItem[] = []
  const kept: ValidationResultItem[] = []
  for (const error of errors) {
    const index = /interactions\[\d+\]\.request/.test(error.mockDetails?.location ?? '') ? interactionIndex(error) : NaN
    if (REFUSALS.has(statuses[index] ?? 0)) expected.push({ ...error, type: 'warning', message: `${error.message} (the interaction expects ${statuses[index]})` })
    else kept.push(error)
  }
  return { errors: kept, expected }
}

type Node = Record<string, unknown>

/**
 * The validator's schema engine needs two rewrites of a document: no discriminator mappings (Allegro's document
 * has them on category parameters and description items; the subtypes are still checked through their own
 * schemas), and a nullable `allOf: [$ref]` written out as the nullable referenced schema, since its engine applies
 * `nullable` to the wrapper only.
 */
function forValidator (node: unknown, schemas: Node): unknown {
  if (Array.isArray(node)) return node.map(n => forValidator(n, schemas))
  if (!node || typeof node !== 'object') return node
  const object = node as Node
  const allOf = object.allOf as Array<{ $ref?: string }> | undefined
  if (object.nullable === true && allOf?.length === 1 && allOf[0]!.$ref) {
    const target = schemas[allOf[0]!.$ref.split('/').pop()!] as Node
    return forValidator({ type: 'object', ...target, nullable: true }, schemas)
  }
  return Object.fromEntries(Object.entries(object)
    .filter(([key, value]) => !(key === 'discriminator' && value && typeof value === 'object' && 'propertyName' in value))
    .map(([key, value]) => [key, forValidator(value, schemas)]))
}

function validatorReadySpec (spec: string): string {
  if (/^https?:\/\//.test(spec)) return spec
  const document = parse(readFileSync(spec, 'utf8')) as { components?: { schemas?: Node } }
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-spec-')), 'spec.json')
  writeFileSync(file, JSON.stringify(forValidator(document, document.components?.schemas ?? {})))
  return file
}

export interface CheckPactsOptions {
  /**
   * Treat what another document leaves out (a response status, an error body, an operation) as an error. Off by
   * default when checking against another document: Allegro's leaves most 401, 403, 404 and 409 answers unlisted
   * although its API sends them.
   */
  strictStatuses?: boolean
  /**
   * Treat a finding where allegro-mock deliberately differs from the other document (a deviation openapi/README.md
   * lists) as an error. Off by default: such a finding becomes a warning naming the deviation.
   */
  strictDeviations?: boolean
}

type Validator = ReturnType<typeof SwaggerMockValidatorFactory.create>

/**
 * Validates a pact against several documents: each interaction against the first that has its operation (its path
 * and method), an interaction that none has and the findings about the whole pact against the first. A document is
 * read only while some interaction is missing from all before it.
 */
async function validateAgainst (validator: Validator, specs: readonly string[], pact: string): Promise<{ errors: ValidationResultItem[], warnings: ValidationResultItem[] }> {
  const outcomes: Array<{ errors: ValidationResultItem[], warnings: ValidationResultItem[], absent: Set<number> }> = []
  let missing: Set<number> | undefined
  for (const specPathOrUrl of specs) {
    const outcome = await validator.validate({ specPathOrUrl, mockPathOrUrl: pact })
    const absent = new Set(outcome.errors.filter(e => e.code === 'request.path-or-method.unknown').map(interactionIndex))
    outcomes.push({ ...outcome, absent })
    missing = new Set([...(missing ?? absent)].filter(i => absent.has(i)))
    if (missing.size === 0) break
  }
  const owner = (index: number) => Number.isNaN(index) ? 0 : Math.max(0, outcomes.findIndex(o => !o.absent.has(index)))
  const own = (items: ValidationResultItem[], k: number) => items.filter(item => owner(interactionIndex(item)) === k)
  return { errors: outcomes.flatMap((o, k) => own(o.errors, k)), warnings: outcomes.flatMap((o, k) => own(o.warnings, k)) }
}

const UNDOCUMENTED: Record<string, string> = {
  'response.status.unknown': 'the document leaves this status undocumented',
  'response.body.unknown': 'the document gives no body for this error status',
  'request.path-or-method.unknown': 'the operation is not in this document: check it against the document that has it',
}

/**
 * What another document leaves out is no broken contract: Allegro's lists few error statuses and bodies, and splits
 * the API over documents (the classified-ads offers are in the 2021 one). Such findings become warnings.
 */
function undocumentedAsWarnings (errors: readonly ValidationResultItem[], statuses: readonly number[]): { errors: ValidationResultItem[], undocumented: ValidationResultItem[] } {
  const undocumented: ValidationResultItem[] = []
  const kept: ValidationResultItem[] = []
  for (const error of errors) {
    const index = interactionIndex(error)
    const reason = UNDOCUMENTED[error.code]
    const applies = reason !== undefined && (error.code !== 'response.body.unknown' || (statuses[index] ?? 0) >= 400)
    if (applies) undocumented.push({ ...error, type: 'warning', message: `${error.message} (${reason})` })
    else kept.push(error)
  }
  return { errors: kept, undocumented }
}

/**
 * Checks each pact's requests and responses against an OpenAPI document (allegro-mock's contract unless `spec` names
 * another, such as Allegro's published one), the bi-directional way. Given several documents, each interaction is
 * checked against the first that has its operation.
 * @example const results = await checkPacts(['pacts/']); const ok = results.every(r => r.errors.length === 0)
 * @example await checkPacts(['pacts/'], ['allegro-openapi.yaml', 'allegro-openapi-2021-07-16.yaml']) // undocumented 401/404/409 answers and listed deviations are warnings
 */
export async function checkPacts (pacts: readonly string[], spec: string | readonly string[] = CONTRACT_FILE, options: CheckPactsOptions = {}): Promise<PactCheck[]> {
  const specs = typeof spec === 'string' ? [spec] : spec.length > 0 ? spec : [CONTRACT_FILE]
  const validator = SwaggerMockValidatorFactory.create()
  const ready = specs.map(validatorReadySpec)
  const another = !specs.includes(CONTRACT_FILE)
  // Deviations are differences of the contract from local documents (check-spec reads files only).
  const withDeviations = another && !options.strictDeviations && specs.every(s => !/^https?:\/\//.test(s))
  let listed: ListedDifference[] | undefined
  const deviations = () => (listed ??= listedDifferences(specs))
  const results: PactCheck[] = []
  for (const pact of expandPactLocations(pacts)) {
    const outcome = await validateAgainst(validator, ready, pact)
    const interactions = readInteractions(pact)
    const statuses = interactions.map(i => i.response?.status ?? 0)
    const { errors, expected } = splitFindings(outcome.errors, statuses)
    const gaps = another && !options.strictStatuses ? undocumentedAsWarnings(errors, statuses) : { errors, undocumented: [] }
    const deliberate = withDeviations ? deviationsAsWarnings(gaps.errors, interactions, deviations) : { errors: gaps.errors, deviations: [] }
    results.push({ pact, errors: deliberate.errors, warnings: [...outcome.warnings, ...expected, ...gaps.undocumented, ...deliberate.deviations] })
  }
  return results
}
