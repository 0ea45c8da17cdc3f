/** What `GET /__mock/health` tells about a running allegro-mock, as far as verification cares. */
interface Health {
  status?: string
  store?: { kind?: string, location?: string }
  clock?: { mode?: string }
  pactTokens?: boolean
}

export type TargetCheck = { ok: true, notes: string[] } | { ok: false, reason: string }

const START_ONE = 'start one for verification with: allegro-mock --memory --clock manual --pact-tokens --port 9090'

/**
 * Asks a running allegro-mock whether it may be verified against: verification resets it before every
 * interaction and signs in with the kit's placeholder tokens, so it must keep its state in memory and accept them.
 * @example
 * const target = await checkProviderTarget('http://127.0.0.1:9090')
 * if (!target.ok) throw new Error(target.reason)
 */
export async function checkProviderTarget (url: string, fetchImpl: typeof fetch = fetch): Promise<TargetCheck> {
  const healthUrl = `${url.replace(/\/$/, '')}/__mock/health`
  let health: Health
  try {
    const response = await fetchImpl(healthUrl, { signal: AbortSignal.timeout(10_000) })
    if (!response.ok) return { ok: false, reason: `${healthUrl} answered ${response.status}: is ${url} an allegro-mock? ${START_ONE}` }
    health = await response.json() as Health
  } catch (error) {
    return { ok: false, reason: `cannot reach ${healthUrl} (${describe(error)}); ${START_ONE}` }
  }
  if (health?.status !== 'UP') return { ok: false, reason: `${healthUrl} does not answer like allegro-mock; ${START_ONE}` }
  if (health.store?.kind !== 'memory') {
    const where = health.store?.location ? ` in ${health.store.location}` : ''
    return { ok: false, reason: `the mock at ${url} keeps its data${where}, and verification resets it before every interaction; ${START_ONE}` }
  }
  if (health.pactTokens !== true) {
    return { ok: false, reason: `the mock at ${url} runs without --pact-tokens, so it would refuse the pacts' placeholder tokens; ${START_ONE}` }
  }
  return {
    ok: true,
    notes: health.clock?.mode === 'manual' ? [] : [`the mock at ${url} runs on the system clock; states that settle publication need --clock manual`],
  }
}

function describe (error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause
  return cause?.code ?? (error as Error).message
}
