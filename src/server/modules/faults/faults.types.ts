import { deepFreeze } from '../../core/table.js'

/** Failures a tester planned through /__mock/faults. Persisted, so they survive a restart; a reset clears them. */
export interface TaskFailureFault {
  /** Only tasks of these offers; null for any task. */
  offerIds: string[] | null
  /** How many more tasks it fails; null for every matching task until cleared. */
  remaining: number | null
  message: string
}

export interface ResponseFault {
  operationId: string
  status: number
  remaining: number
}

export interface LatencyFault {
  operationId: string
  ms: number
}

export interface RateLimitSetting {
  enabled: boolean
  /** Requests per client id per minute; Allegro's is 9000. */
  perMinute: number
}

export interface Faults {
  taskFailures: TaskFailureFault[]
  responses: ResponseFault[]
  latencies: LatencyFault[]
  rateLimit: RateLimitSetting
}

export interface FaultsState {
  faults: Faults
}

export const NO_FAULTS: Faults = deepFreeze({ taskFailures: [], responses: [], latencies: [], rateLimit: { enabled: false, perMinute: 9000 } })
