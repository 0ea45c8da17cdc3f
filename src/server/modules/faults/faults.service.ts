import type { Clock } from '../../core/clock.js'
import type { Contract } from '../../core/openapi.js'
import type { Store } from '../../core/store.js'
import { apiErrors } from '../../errors.js'
import type { State } from '../../state.js'
import { countRequest, takeResponseFault, type RateWindow } from './fault.rules.js'
import { NO_FAULTS, type Faults } from './faults.types.js'

/** Fault injection: failing tasks, slow or failing routes, Allegro's rate limit. */
export function createFaultsService ({ store, clock, contract }: { store: Store<State>, clock: Clock, contract: Contract }) {
  // Rate windows are per process: a restart starts a fresh minute, as a real client would see after a pause.
  const windows = new Map<string, RateWindow>()

  /** `getListOfDisputesUsingGET` or `GET /sale/disputes`: the contract operation a fault is for. */
  function operationOf (route: string): string {
    if (contract.operations.has(route)) return route
    const [method, path] = route.trim().split(/\s+/)
    const found = [...contract.operations.values()].find(o => o.method === method?.toUpperCase() && (o.path === path || o.url === path))
    if (!found) throw apiErrors.validation(`No contract operation matches "${route}"`, 'route')
    return found.operationId
  }

  const change = (edit: (faults: Faults) => void) => store.update(draft => {
    edit(draft.faults)
    return draft.faults
  })

  return {
    current: (): Faults => store.read(s => s.faults),

    failTasks: (input: { count?: number, offerIds?: string[], message: string }) => change(faults => {
      faults.taskFailures.push({ offerIds: input.offerIds ?? null, remaining: input.count ?? (input.offerIds ? null : 1), message: input.message })
    }),

    failResponses: (input: { route: string, status: number, times?: number }) => {
      const operationId = operationOf(input.route)
      return change(faults => {
        faults.responses = faults.responses.filter(f => f.operationId !== operationId)
        faults.responses.push({ operationId, status: input.status, remaining: input.times ?? 1 })
      })
    },

    slowDown: (input: { route: string, ms: number }) => {
      const operationId = operationOf(input.route)
      return change(faults => {
        faults.latencies = faults.latencies.filter(f => f.operationId !== operationId)
        if (input.ms > 0) faults.latencies.push({ operationId, ms: input.ms })
      })
    },

    setRateLimit: (input: { enabled: boolean, perMinute?: number }) => {
      windows.clear()
      return change(faults => { faults.rateLimit = { enabled: input.enabled, perMinute: input.perMinute ?? faults.rateLimit.perMinute } })
    },

    clear: () => {
      windows.clear()
      return change(faults => { Object.assign(faults, structuredClone(NO_FAULTS)) })
    },

    /** What is planned for `operationId`: a delay (ms), the rate limit, a status to answer with. */
    planned: (operationId: string) => store.read(s => ({
      latency: s.faults.latencies.find(f => f.operationId === operationId)?.ms ?? 0,
      rateLimit: s.faults.rateLimit,
      status: s.faults.responses.some(f => f.operationId === operationId),
    })),

    /** Applied to every contract operation after any delay: the rate limit, then a planned status. Throws the answer. */
    async check (operationId: string, clientId: string | null, faults: { rateLimit: Faults['rateLimit'], status: boolean }): Promise<void> {
      if (faults.rateLimit.enabled && clientId !== null) {
        const nowMs = clock.now().getTime()
        const { window, limited } = countRequest(windows.get(clientId), nowMs, faults.rateLimit.perMinute)
        windows.set(clientId, window)
        if (limited) throw apiErrors.rateLimited()
      }
      if (faults.status) {
        const status = await store.update(draft => takeResponseFault(draft.faults, operationId))
        if (status !== null) throw apiErrors.injected(status)
      }
    },
  }
}

export type FaultsService = ReturnType<typeof createFaultsService>
