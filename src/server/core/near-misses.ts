import type { Contract } from './openapi.js'

/** Edit distance between two short strings (path segments). */
function distance (a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}

/** How alike a request path is to a contract path: alike segments count (typos too), `{param}` matches anything. */
function likeness (requested: string[], template: string[]): number {
  let score = -Math.abs(requested.length - template.length)
  for (let i = 0; i < Math.min(requested.length, template.length); i++) {
    const part = template[i]!
    const given = requested[i]!.toLowerCase()
    score += part.startsWith('{') ? 1 : 2 * Math.max(0, 1 - distance(given, part.toLowerCase()) / Math.max(given.length, part.length))
  }
  return score
}

/**
 * The mocked operations nearest to a request the mock does not serve (as WireMock's near misses), as
 * `METHOD /path` lines, best first: same method before others of the same likeness.
 */
export function nearestOperations (contract: Contract, method: string, path: string, count = 3): string[] {
  const requested = path.split('/').filter(Boolean)
  return [...contract.operations.values()]
    .map(op => ({ op, score: likeness(requested, op.path.split('/').filter(Boolean)) + (op.method === method.toUpperCase() ? 0.5 : 0) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.op.path.localeCompare(b.op.path))
    .slice(0, count)
    .map(({ op }) => `${op.method} ${op.path}`)
}
