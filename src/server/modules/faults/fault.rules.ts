import type { Faults } from './faults.types.js'

/**
 * The failure planned for a new task of `offerId`, if any; counts it down on `faults`.
 * Faults naming offers win over "the next N tasks".
 */
export function takeTaskFailure (faults: Faults, offerId: string): string | null {
  const fault = faults.taskFailures.find(f => f.offerIds?.includes(offerId)) ?? faults.taskFailures.find(f => f.offerIds === null)
  if (!fault) return null
  if (fault.remaining !== null) {
    fault.remaining -= 1
    if (fault.remaining <= 0) faults.taskFailures = faults.taskFailures.filter(f => f !== fault)
  }
  return fault.message
}

/** The status a planned response fault gives the next request to `operationId`, counted down; null when none. */
export function takeResponseFault (faults: Faults, operationId: string): number | null {
  const fault = faults.responses.find(f => f.operationId === operationId)
  if (!fault) return null
  fault.remaining -= 1
  if (fault.remaining <= 0) faults.responses = faults.responses.filter(f => f !== fault)
  return fault.status
}

/** A fixed one-minute window per client id: over the limit, the client is blocked until the minute ends. */
export interface RateWindow { startedAt: number, count: number }

export function countRequest (window: RateWindow | undefined, nowMs: number, perMinute: number): { window: RateWindow, limited: boolean } {
  const current = window && nowMs - window.startedAt < 60_000 ? window : { startedAt: nowMs, count: 0 }
  const next = { ...current, count: current.count + 1 }
  return { window: next, limited: next.count > perMinute }
}
