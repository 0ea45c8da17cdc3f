import type { Faults } from './faults.types.js'

/**
 * The failure planned for a new task of `offerId`, if any, and the faults with it counted down.
 * Faults naming offers win over "the next N tasks".
 */
export function takeTaskFailure (faults: Faults, offerId: string): { message: string | null, faults: Faults } {
  const fault = faults.taskFailures.find(f => f.offerIds?.includes(offerId)) ?? faults.taskFailures.find(f => f.offerIds === null)
  if (!fault) return { message: null, faults }
  const left = fault.remaining === null ? null : fault.remaining - 1
  const taskFailures = left !== null && left <= 0
    ? faults.taskFailures.filter(f => f !== fault)
    : faults.taskFailures.map(f => f === fault ? { ...f, remaining: left } : f)
  return { message: fault.message, faults: { ...faults, taskFailures } }
}

/** The status a planned response fault gives the next request to `operationId` (null when none), and the faults counted down. */
export function takeResponseFault (faults: Faults, operationId: string): { status: number | null, faults: Faults } {
  const fault = faults.responses.find(f => f.operationId === operationId)
  if (!fault) return { status: null, faults }
  const responses = fault.remaining <= 1
    ? faults.responses.filter(f => f !== fault)
    : faults.responses.map(f => f === fault ? { ...f, remaining: f.remaining - 1 } : f)
  return { status: fault.status, faults: { ...faults, responses } }
}

/** A fixed one-minute window per client id: over the limit, the client is blocked until the minute ends. */
export interface RateWindow { startedAt: number, count: number }

export function countRequest (window: RateWindow | undefined, nowMs: number, perMinute: number): { window: RateWindow, limited: boolean } {
  const current = window && nowMs - window.startedAt < 60_000 ? window : { startedAt: nowMs, count: 0 }
  const next = { ...current, count: current.count + 1 }
  return { window: next, limited: next.count > perMinute }
}
