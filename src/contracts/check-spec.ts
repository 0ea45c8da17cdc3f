import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import type { OpenAPIV3 } from 'openapi-types'
import { buildContract, CONTRACT_FILE, type Operation } from '../server/core/openapi.js'

export const DEVIATIONS_FILE = fileURLToPath(new URL('../../openapi/README.md', import.meta.url))

export interface SpecReport {
  /** Every difference found, one line each: `GET /sale/disputes: response 429 added`. */
  differences: string[]
  /** The differences no deviation pattern covers. */
  unlisted: string[]
  /** The differences a deviation pattern covers, each with the first pattern that does. */
  listed: Array<{ difference: string, pattern: string }>
  /** Deviation patterns that matched nothing (stale entries). */
  unusedPatterns: string[]
}

/** The patterns of the ```deviations block in openapi/README.md; `*` stands for any text. */
export function readDeviationPatterns (markdown: string): string[] {
  const block = /```deviations\n([\s\S]*?)```/.exec(markdown)
  return (block?.[1] ?? '').split('\n').map(l => l.trim()).filter(l => l !== '' && !l.startsWith('#'))
}

function matcher (pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
}

const show = (value: unknown) => JSON.stringify(value)

/** `{anyOf: [X, {type: 'null'}]}` (how the contract's `nullable` reads) → X and the fact that it was nullable. */
function unwrapNullable (schema: unknown): { schema: unknown, nullable: boolean } {
  const anyOf = (schema as { anyOf?: unknown[] } | null)?.anyOf
  if (Array.isArray(anyOf) && anyOf.length === 2 && show(anyOf[1]) === show({ type: 'null' }) && Object.keys(schema as object).length === 1) {
    return { schema: unwrapSingleAllOf(anyOf[0]), nullable: true }
  }
  return { schema: unwrapSingleAllOf(schema), nullable: false }
}

/** `{type, allOf: [X]}` is X: the contract wraps a `$ref` that way to make it nullable. */
function unwrapSingleAllOf (schema: unknown): unknown {
  const allOf = (schema as { allOf?: unknown[] } | null)?.allOf
  const keys = Object.keys((schema ?? {}) as object).filter(k => k !== 'type')
  return Array.isArray(allOf) && allOf.length === 1 && keys.length === 1 ? unwrapSingleAllOf(allOf[0]) : schema
}

const brief = (value: unknown) => {
  const text = show(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** Differences between two JSON schemas, as `where: what` lines. */
export function schemaDifferences (oursIn: unknown, theirsIn: unknown, where: string): string[] {
  if (show(oursIn) === show(theirsIn)) return []
  const mine = unwrapNullable(oursIn)
  const allegros = unwrapNullable(theirsIn)
  if (mine.nullable !== allegros.nullable) {
    const line = `${where || 'schema'} nullable ${mine.nullable ? 'added' : 'removed'}`
    return [line, ...schemaDifferences(mine.schema, allegros.schema, where)]
  }
  const ours = mine.schema
  const theirs = allegros.schema
  if (show(ours) === show(theirs)) return []
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
  if (!isObject(ours) || !isObject(theirs)) {
    if (Array.isArray(ours) && Array.isArray(theirs) && ours.length === theirs.length) {
      return ours.flatMap((item, i) => schemaDifferences(item, theirs[i], `${where}[${i}]`))
    }
    return [`${where} changed from ${brief(theirs)} to ${brief(ours)}`]
  }
  const lines: string[] = []
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const at = where ? `${where}.${key}` : key
    if (!(key in theirs)) lines.push(`${at} added`)
    else if (!(key in ours)) lines.push(`${at} removed`)
    else lines.push(...schemaDifferences(ours[key], theirs[key], at))
  }
  return lines
}

function operationDifferences (ours: Operation, theirs: Operation): string[] {
  const lines: string[] = []
  if (ours.operationId !== theirs.operationId) lines.push(`operationId is ${ours.operationId}, Allegro's is ${theirs.operationId}`)
  for (const part of ['params', 'querystring'] as const) {
    lines.push(...schemaDifferences(ours.schema[part] ?? {}, theirs.schema[part] ?? {}, part).map(l => `parameters ${l}`))
  }
  for (const type of new Set([...ours.consumes, ...theirs.consumes])) {
    if (!theirs.consumes.includes(type)) lines.push(`request ${type} added`)
    else if (!ours.consumes.includes(type)) lines.push(`request ${type} removed`)
  }
  if (ours.bodyRequired !== theirs.bodyRequired) lines.push(`request body required is ${ours.bodyRequired}`)
  lines.push(...schemaDifferences(ours.schema.body ?? {}, theirs.schema.body ?? {}, '').map(l => `request schema ${l}`))
  for (const status of new Set([...Object.keys(ours.responses), ...Object.keys(theirs.responses)])) {
    const mine = ours.responses[status]
    const allegros = theirs.responses[status]
    if (!allegros) { lines.push(`response ${status} added`); continue }
    if (!mine) { lines.push(`response ${status} removed`); continue }
    for (const type of new Set([...Object.keys(mine), ...Object.keys(allegros)])) {
      if (!(type in allegros)) lines.push(`response ${status} ${type} added`)
      else if (!(type in mine)) lines.push(`response ${status} ${type} removed`)
      else lines.push(...schemaDifferences(mine[type] ?? {}, allegros[type] ?? {}, '').map(l => `response ${status} ${type} schema ${l}`))
    }
  }
  return lines
}

const load = (file: string) => parse(readFileSync(file, 'utf8')) as OpenAPIV3.Document

/**
 * Compares allegro-mock's contract with Allegro's published documents: for each of our operations, the first
 * document (in the order given) that has its method and path. Differences not covered by the deviations listed in
 * openapi/README.md are "unlisted".
 * @example checkSpec({ against: ['allegro-openapi.yaml', 'allegro-openapi-2021-07-16.yaml'] }).unlisted // []
 */
export function checkSpec (options: { against: readonly string[], spec?: string, deviations?: string }): SpecReport {
  const ours = buildContract(load(options.spec ?? CONTRACT_FILE))
  const wanted = new Set([...ours.operations.values()].map(o => `${o.method} ${o.path}`))
  const references = options.against.map(file => buildContract(load(file), (method, path) => wanted.has(`${method} ${path}`)))
  const differences: string[] = []
  for (const operation of ours.operations.values()) {
    const key = `${operation.method} ${operation.path}`
    const theirs = references.map(r => [...r.operations.values()].find(o => `${o.method} ${o.path}` === key)).find(Boolean)
    if (!theirs) differences.push(`${key}: not in Allegro's documents`)
    else differences.push(...operationDifferences(operation, theirs).map(line => `${key}: ${line}`))
  }
  const patterns = readDeviationPatterns(options.deviations ?? readFileSync(DEVIATIONS_FILE, 'utf8'))
  const compiled = patterns.map(p => ({ pattern: p, regex: matcher(p), used: false }))
  const unlisted: string[] = []
  const listed: SpecReport['listed'] = []
  for (const difference of differences) {
    const hit = compiled.find(c => c.regex.test(difference))
    if (hit) hit.used = true
    if (hit) listed.push({ difference, pattern: hit.pattern })
    else unlisted.push(difference)
  }
  return { differences, unlisted, listed, unusedPatterns: compiled.filter(c => !c.used).map(c => c.pattern) }
}
