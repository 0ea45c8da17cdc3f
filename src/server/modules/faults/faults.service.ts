import type { Contract } from '../../core/openapi.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import type { AppStore, AppTransaction } from '../../state.js'
import { countRequest, takeResponseFault, takeTaskFailure, type RateWindow } from './fault.rules.js'
import { NO_FAULTS, type Faults } from './faults.types.js'

/** Whose faults: the whole instance's (null) or one seller's, which apply to that seller's traffic only. */
export type FaultScope = { sellerId: string } | null

export interface PlannedFaults {
  latency: number
  /** Rate limits that count this request: the instance's, the seller's. */
  rateLimits: Array<{ scope: string, perMinute: number }>
  status: boolean
}

/** Fault injection: failing tasks, slow or failing routes, Allegro's rate limit; instance-wide or per seller. */
export function createFaultsService ({ store, clocks, contract }: { store: AppStore, clocks: SellerClocks, contract: Contract }) {
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

  const tablesOf = (tx: Pick<AppTransaction, 'instance' | 'seller'>, scope: FaultScope) => scope ? tx.seller(scope.sellerId).faults : tx.instance.faults
  const read = (scope: FaultScope): Faults => tablesOf(store, scope).get('single') ?? NO_FAULTS
  const scopeKey = (scope: FaultScope) => scope ? `seller:${scope.sellerId}` : 'instance'

  const change = (scope: FaultScope, edit: (faults: Faults) => Faults) => store.update(tx => {
    const table = tablesOf(tx, scope)
    return table.put(edit(table.get('single') ?? NO_FAULTS))
  })

  /** Keeps the windows of removed sellers and idle clients from piling up. */
  function forgetEndedWindows (now: number): void {
    for (const [key, window] of windows) if (now - window.startedAt >= 60_000) windows.delete(key)
  }

  function forgetWindows (scope: FaultScope): void {
    const prefix = `${scopeKey(scope)}|`
    for (const key of windows.keys()) if (key.startsWith(prefix)) windows.delete(key)
  }

  return {
    current: (scope: FaultScope = null): Faults => read(scope),

    failTasks: (scope: FaultScope, input: { count?: number, offerIds?: string[], message: string }) => change(scope, faults => ({
      ...faults,
      taskFailures: [...faults.taskFailures, { offerIds: input.offerIds ?? null, remaining: input.count ?? (input.offerIds ? null : 1), message: input.message }],
    })),

    failResponses: (scope: FaultScope, input: { route: string, status: number, times?: number }) => {
      const operationId = operationOf(input.route)
      return change(scope, faults => ({
        ...faults,
        responses: [...faults.responses.filter(f => f.operationId !== operationId), { operationId, status: input.status, remaining: input.times ?? 1 }],
      }))
    },

    slowDown: (scope: FaultScope, input: { route: string, ms: number }) => {
      const operationId = operationOf(input.route)
      return change(scope, faults => ({
        ...faults,
        latencies: [...faults.latencies.filter(f => f.operationId !== operationId), ...(input.ms > 0 ? [{ operationId, ms: input.ms }] : [])],
      }))
    },

    setRateLimit: (scope: FaultScope, input: { enabled: boolean, perMinute?: number }) => {
      forgetWindows(scope)
      return change(scope, faults => ({ ...faults, rateLimit: { enabled: input.enabled, perMinute: input.perMinute ?? faults.rateLimit.perMinute } }))
    },

    clear: (scope: FaultScope = null) => {
      forgetWindows(scope)
      return change(scope, () => NO_FAULTS)
    },

    /** What is planned for a request to `operationId` by `sellerId` (null: no seller): a delay, rate limits, a status. */
    planned (operationId: string, sellerId: string | null): PlannedFaults {
      const scopes: FaultScope[] = sellerId ? [null, { sellerId }] : [null]
      const planned: PlannedFaults = { latency: 0, rateLimits: [], status: false }
      for (const scope of scopes) {
        const faults = read(scope)
        if (faults === NO_FAULTS) continue
        planned.latency = Math.max(planned.latency, faults.latencies.find(f => f.operationId === operationId)?.ms ?? 0)
        if (faults.rateLimit.enabled) planned.rateLimits.push({ scope: scopeKey(scope), perMinute: faults.rateLimit.perMinute })
        planned.status ||= faults.responses.some(f => f.operationId === operationId)
      }
      return planned
    },

    /** Applied to every contract operation after any delay: the rate limits, then a planned status. Throws the answer. */
    async check (operationId: string, clientId: string | null, sellerId: string | null, planned: PlannedFaults): Promise<void> {
      if (clientId !== null) {
        for (const limit of planned.rateLimits) {
          const key = `${limit.scope}|${clientId}`
          const now = clocks.now(sellerId).getTime()
          const { window, limited } = countRequest(windows.get(key), now, limit.perMinute)
          if (windows.size >= 10_000) forgetEndedWindows(now)
          windows.set(key, window)
          if (limited) throw apiErrors.rateLimited()
        }
      }
      if (planned.status) {
        const status = await store.update(tx => {
          // The seller's own plan goes first, then the instance's.
          for (const scope of sellerId ? [{ sellerId }, null] : [null]) {
            const table = tablesOf(tx, scope)
            const taken = takeResponseFault(table.get('single') ?? NO_FAULTS, operationId)
            if (taken.status !== null) {
              table.put(taken.faults)
              return taken.status
            }
          }
          return null
        })
        if (status !== null) throw apiErrors.injected(status)
      }
    },

    /** The failure planned for a new task of the seller's offer, counted down in the change `tx`; null when none. */
    takeTaskFailure (tx: AppTransaction, sellerId: string, offerId: string): string | null {
      for (const scope of [{ sellerId }, null]) {
        const table = tablesOf(tx, scope)
        const taken = takeTaskFailure(table.get('single') ?? NO_FAULTS, offerId)
        if (taken.message !== null) {
          table.put(taken.faults)
          return taken.message
        }
      }
      return null
    },
  }
}

export type FaultsService = ReturnType<typeof createFaultsService>
