import type { ValidationResultItem } from '@pactflow/swagger-mock-validator'
import { checkSpec } from './check-spec.js'

/** A difference between allegro-mock's contract and Allegro's documents, with the deviation pattern that lists it. */
export interface ListedDifference { difference: string, pattern: string }

/**
 * The differences of allegro-mock's contract from Allegro's documents (each operation against the first document
 * that has it) that openapi/README.md lists as deliberate.
 */
export function listedDifferences (documents: readonly string[]): ListedDifference[] {
  return checkSpec({ against: documents }).listed
}

/** The interactions of a pact as read from its file, enough to find a value a finding points at. */
export type PactInteraction = { request?: { body?: unknown }, response?: { status?: number, body?: unknown } }

/** The value at a finding's `[root].interactions[N].request.body.a.0.b` in the pact (V4 bodies keep it in `content`). */
function valueAt (interactions: readonly PactInteraction[], location: string): unknown {
  const match = /^\[root\]\.interactions\[(\d+)\]\.(request|response)\.body((?:\.[^.]+)*)$/.exec(location)
  if (!match) return undefined
  const body = interactions[Number(match[1])]?.[match[2] as 'request' | 'response']?.body as { content?: unknown, contentType?: unknown } | undefined
  const root = body && typeof body === 'object' && 'contentType' in body ? body.content : body
  return match[3]!.split('.').slice(1).reduce<any>((value, key) => value?.[key], root)
}

/**
 * The line `check-spec` would print for the difference of the contract that explains a body finding: the operation
 * and side (`POST /sale/disputes/{disputeId}/messages: request`), then, after the media type, the schema field and
 * the change (`schema required changed from`). Findings of another kind explain nothing.
 */
export function differenceBehind (item: ValidationResultItem, interactions: readonly PactInteraction[]): { side: string, change: string } | undefined {
  const { pathMethod, pathName, location = '' } = item.specDetails ?? {}
  const at = /\.(requestBody|responses\.([^.]+))\.content\..+?\.schema(?:\.(.+))?\.(additionalProperties|required|type)$/.exec(location)
  if (!pathMethod || !pathName || !at || !['request.body.incompatible', 'response.body.incompatible'].includes(item.code)) return undefined
  const side = `${pathMethod.toUpperCase()} ${pathName}: ${at[2] === undefined ? 'request' : `response ${at[2]}`}`
  const field = (name: string) => [at[3], name].filter(Boolean).join('.')
  const keyword = at[4]
  const extra = / - ([^ ]+)$/.exec(item.message)?.[1]
  if (keyword === 'additionalProperties' && extra) return { side, change: `schema ${field(`properties.${extra}`)} added` }
  if (keyword === 'required') return { side, change: `schema ${field('required')} changed from` }
  if (keyword === 'type' && at[3] && valueAt(interactions, item.mockDetails?.location ?? '') === null) return { side, change: `schema ${at[3]} nullable added` }
  return undefined
}

/** The deviation pattern that covers a finding: a listed difference of the same operation, side, field and change. */
export function deviationCovering (item: ValidationResultItem, interactions: readonly PactInteraction[], listed: readonly ListedDifference[]): string | undefined {
  const behind = differenceBehind(item, interactions)
  if (!behind) return undefined
  return listed.find(({ difference }) => {
    if (!difference.startsWith(`${behind.side} `)) return false
    const rest = difference.slice(behind.side.length + 1).replace(/^(?!schema )\S+ /, '') // the response's media type
    return rest === behind.change || (behind.change.endsWith(' changed from') && rest.startsWith(`${behind.change} `))
  })?.pattern
}

/**
 * Findings where allegro-mock deliberately differs from Allegro's document (a deviation listed in openapi/README.md)
 * become warnings naming the deviation; every other finding stays an error.
 */
export function deviationsAsWarnings (errors: readonly ValidationResultItem[], interactions: readonly PactInteraction[], listed: () => readonly ListedDifference[]): { errors: ValidationResultItem[], deviations: ValidationResultItem[] } {
  const deviations: ValidationResultItem[] = []
  const kept: ValidationResultItem[] = []
  for (const error of errors) {
    const pattern = differenceBehind(error, interactions) ? deviationCovering(error, interactions, listed()) : undefined
    if (pattern) deviations.push({ ...error, type: 'warning', message: `${error.message} (a deviation allegro-mock lists: "${pattern}")` })
    else kept.push(error)
  }
  return { errors: kept, deviations }
}
