import type { Clock } from './core/clock.js'
import type { AppStore } from './state.js'

/** Time as each seller sees it: the instance clock plus the seller's own offset (moved by its sandbox clock). */
export interface SellerClocks {
  readonly instance: Clock
  /** The seller's now; the instance's when no seller is given. */
  now (sellerId?: string | null): Date
  offsetOf (sellerId: string): number
}

export function sellerClocks (store: AppStore, clock: Clock): SellerClocks {
  const offsetOf = (sellerId: string) => store.seller(sellerId).settings.get('single')?.clockOffsetMs ?? 0
  return {
    instance: clock,
    offsetOf,
    now: (sellerId) => {
      const now = clock.now()
      const offset = sellerId ? offsetOf(sellerId) : 0
      return offset === 0 ? now : new Date(now.getTime() + offset)
    },
  }
}
