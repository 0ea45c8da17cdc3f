import type { Ids } from '../../core/ids.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import type { AppStore } from '../../state.js'
import type { ClassifiedEvent, ClassifiedEventType } from '../offers/offers.types.js'

export interface StatsQuery { 'date.gte'?: string, 'date.lte'?: string }

interface EventStat { eventType: ClassifiedEventType, count: number }
interface Stats { eventStatsTotal: EventStat[], eventsPerDay: Array<{ date: string, eventStats: EventStat[] }> }

export const EVENT_TYPES: readonly ClassifiedEventType[] = ['SHOWED_PHONE_NUMBER', 'ASKED_QUESTION', 'CLICKED_ASK_QUESTION', 'ADDED_TO_FAVOURITES', 'REMOVED_FROM_FAVOURITES']
/** At most this many offers in one `GET /sale/classified-offers-stats`. */
export const OFFERS_PER_STATS_REQUEST = 50

// Days are Allegro's days: in Polish time.
const warsawDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Totals and per-day counts of events, each list holding only the types that happened. */
export function summarise (events: readonly ClassifiedEvent[]): Stats {
  const count = (list: readonly ClassifiedEvent[]) => EVENT_TYPES
    .map(eventType => ({ eventType, count: list.filter(e => e.eventType === eventType).length }))
    .filter(s => s.count > 0)
  const days = new Map<string, ClassifiedEvent[]>()
  for (const event of events) {
    const day = warsawDay.format(new Date(event.at))
    days.set(day, [...(days.get(day) ?? []), event])
  }
  return {
    eventStatsTotal: count(events),
    eventsPerDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, eventStats: count(list) })),
  }
}

/** Allegro's bounds: dates not in the future, `gte` before `lte`, at most three months apart. */
export function checkDateRange (query: StatsQuery, now: Date): { from: number, to: number } {
  const from = query['date.gte'] === undefined ? -Infinity : Date.parse(query['date.gte'])
  const to = query['date.lte'] === undefined ? now.getTime() : Date.parse(query['date.lte'])
  if (from > now.getTime()) throw apiErrors.validation('date.gte must not be in the future', 'date.gte')
  if (to > now.getTime()) throw apiErrors.validation('date.lte must not be in the future', 'date.lte')
  if (from > to) throw apiErrors.validation('date.gte must not be after date.lte', 'date.gte')
  if (query['date.gte'] !== undefined && query['date.lte'] !== undefined) {
    const limit = new Date(from)
    limit.setUTCMonth(limit.getUTCMonth() + 3)
    if (to > limit.getTime()) throw apiErrors.validation('date.gte and date.lte may be at most three months apart', 'date.lte')
  }
  return { from, to }
}

/** Classified-ad statistics, and the mock's way to record visitor events. */
export function createStatsService ({ store, clocks, ids }: { store: AppStore, clocks: SellerClocks, ids: Ids }) {
  const within = (range: { from: number, to: number }) => (e: ClassifiedEvent) => {
    const at = Date.parse(e.at)
    return at >= range.from && at <= range.to
  }

  return {
    seller (sellerId: string, query: StatsQuery): Stats {
      const range = checkDateRange(query, clocks.now(sellerId))
      return summarise(store.seller(sellerId).classifiedEvents.all().filter(within(range)))
    },

    /** `offer.id` is repeatable; a comma-separated list (as in the guide's example) is read too. */
    offers (sellerId: string, offerIds: string[], query: StatsQuery) {
      const wanted = [...new Set(offerIds.flatMap(id => id.split(',')).map(id => id.trim()).filter(Boolean))]
      if (wanted.length === 0) throw apiErrors.validation('offer.id is required', 'offer.id')
      if (wanted.length > OFFERS_PER_STATS_REQUEST) throw apiErrors.validation(`At most ${OFFERS_PER_STATS_REQUEST} offer ids are allowed`, 'offer.id')
      const range = checkDateRange(query, clocks.now(sellerId))
      for (const id of wanted) {
        const owner = store.ownerOf('offers', id)
        if (owner === undefined) throw apiErrors.notFound(`Offer ${id} not found`, 'OfferNotFoundException')
        if (owner !== sellerId) throw apiErrors.accessDenied(`Offer ${id} belongs to another seller`)
      }
      const events = store.seller(sellerId).classifiedEvents
      return {
        offerStats: wanted.map(id => ({ offer: { id }, ...summarise(events.where('byOffer', id).filter(within(range))) })),
      }
    },

    /** Mock control: visitors did `eventType` on an offer, `count` times, at `at` (default: now). */
    async record (offerId: string, input: { eventType: ClassifiedEventType, count?: number, at?: string }): Promise<Stats> {
      const sellerId = store.ownerOf('offers', offerId)
      if (sellerId === undefined) throw apiErrors.notFound(`Offer ${offerId} not found`, 'OfferNotFoundException')
      const at = input.at ?? clocks.now(sellerId).toISOString()
      return store.update(tx => {
        const events = tx.seller(sellerId).classifiedEvents
        for (let i = 0; i < (input.count ?? 1); i++) events.put({ id: ids.uuid(), offerId, sellerId, eventType: input.eventType, at })
        return summarise(events.where('byOffer', offerId))
      })
    },
  }
}

export type StatsService = ReturnType<typeof createStatsService>
