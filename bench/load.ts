/** One autocannon load on loopback: throughput counts only the expected status; anything else is an error of the run. */
import autocannon from 'autocannon'

export const CONNECTIONS = 10

export interface LoadSpec {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** The one status that counts as a completed request (200 for reads, 201 for a created message). */
  expect: number
  durationS: number
}

export interface LoadResult {
  /** Answers with the expected status per second of the run. */
  requestsPerSecond: number
  completed: number
  durationS: number
  latencyMs: { p50: number, p99: number, max: number }
  statusCodes: Record<string, number>
  /** Answers with another status, connection errors, timeouts. */
  unexpected: number
  errors: number
  timeouts: number
  /** Why the run counts as failed, or null. The figures are kept either way. */
  problem: string | null
  /** The one request made alone before the load: what a single request costs when nothing queues. */
  firstRequestMs: number
}

/** One request first, so a wrong token or header fails with the server's answer instead of a wall of 4xx. */
async function check (spec: Omit<LoadSpec, 'durationS'>): Promise<number> {
  const t0 = performance.now()
  const response = await fetch(spec.url, { method: spec.method ?? 'GET', headers: spec.headers, body: spec.body, signal: AbortSignal.timeout(120_000) })
  const text = await response.text()
  if (response.status !== spec.expect) {
    throw new Error(`${spec.method ?? 'GET'} ${new URL(spec.url).pathname} answered ${response.status}, expected ${spec.expect}: ${text.slice(0, 300)}`)
  }
  return performance.now() - t0
}

export async function load (spec: LoadSpec): Promise<LoadResult> {
  const firstRequestMs = await check(spec)
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    connections: CONNECTIONS,
    duration: spec.durationS,
    // A queued write at scale can take seconds; a request unanswered this long counts as a timeout.
    timeout: 30,
  })
  const statusCodes: Record<string, number> = {}
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count ?? 0
  const completed = statusCodes[String(spec.expect)] ?? 0
  const answered = Object.values(statusCodes).reduce((a, b) => a + b, 0)
  const unexpected = answered - completed
  const problems = [
    unexpected > 0 ? `${unexpected} answers other than ${spec.expect} (${Object.entries(statusCodes).filter(([c]) => c !== String(spec.expect)).map(([c, n]) => `${c}: ${n}`).join(', ')})` : '',
    result.errors > 0 ? `${result.errors} connection errors (${result.timeouts} of them timeouts)` : '',
  ].filter(Boolean)
  return {
    requestsPerSecond: completed / result.duration,
    completed,
    durationS: result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statusCodes,
    unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    problem: problems.length > 0 ? problems.join('; ') : null,
    firstRequestMs,
  }
}

/** A short load that is not measured, so the server's hot paths are compiled before the measured one. */
export async function warmUp (spec: Omit<LoadSpec, 'durationS'>, seconds: number): Promise<void> {
  await check(spec)
  await autocannon({ url: spec.url, method: spec.method ?? 'GET', headers: spec.headers, body: spec.body, connections: CONNECTIONS, duration: seconds, timeout: 30 })
}
