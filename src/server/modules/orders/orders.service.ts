import { apiErrors } from '../../errors.js'
import type { AppStore } from '../../state.js'
import type { CheckoutForm, StoredCheckoutForm } from './orders.types.js'

export interface CheckoutFormQuery {
  offset: number
  limit: number
  status?: string
  'fulfillment.status'?: string
  'fulfillment.provider.id'?: string
  'fulfillment.shipmentSummary.lineItemsSent'?: string
  'lineItems.boughtAt.lte'?: string
  'lineItems.boughtAt.gte'?: string
  'updatedAt.lte'?: string
  'updatedAt.gte'?: string
  'payment.id'?: string
  'surcharges.id'?: string
  'delivery.method.id'?: string
  'buyer.login'?: string
  'marketplace.id'?: string
  sort?: string
}

/** Filters the contract types as plain strings but Allegro checks (400 "illegal values"); `sort` has an enum in the schema. */
const ALLOWED: Partial<Record<keyof CheckoutFormQuery, readonly string[]>> = {
  status: ['BOUGHT', 'FILLED_IN', 'READY_FOR_PROCESSING', 'CANCELLED'],
  'fulfillment.status': ['NEW', 'PROCESSING', 'READY_FOR_SHIPMENT', 'READY_FOR_PICKUP', 'SENT', 'PICKED_UP', 'CANCELLED', 'SUSPENDED', 'RETURNED'],
  'fulfillment.provider.id': ['SELLER', 'ALLEGRO'],
  'fulfillment.shipmentSummary.lineItemsSent': ['NONE', 'SOME', 'ALL'],
}

/** Allegro reads at most the first 10 000 results of a listing. */
const MAX_WINDOW = 10_000

const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

export function toWireCheckoutForm ({ meta: _meta, ...form }: StoredCheckoutForm): CheckoutForm {
  return form
}

const boughtAt = (form: CheckoutForm) => form.lineItems.map(i => i.boughtAt ?? '').sort().at(-1) ?? ''

function matches (form: StoredCheckoutForm, q: CheckoutFormQuery): boolean {
  const within = (value: string, gte?: string, lte?: string) =>
    (gte === undefined || Date.parse(value) >= Date.parse(gte)) && (lte === undefined || Date.parse(value) <= Date.parse(lte))
  return (q.status === undefined || form.status === q.status) &&
    (q['fulfillment.status'] === undefined || form.fulfillment?.status === q['fulfillment.status']) &&
    (q['fulfillment.provider.id'] === undefined || form.fulfillment?.provider?.id === q['fulfillment.provider.id']) &&
    (q['fulfillment.shipmentSummary.lineItemsSent'] === undefined || form.fulfillment?.shipmentSummary?.lineItemsSent === q['fulfillment.shipmentSummary.lineItemsSent']) &&
    (q['payment.id'] === undefined || form.payment?.id === q['payment.id']) &&
    (q['surcharges.id'] === undefined || form.surcharges.some(s => s.id === q['surcharges.id'])) &&
    (q['delivery.method.id'] === undefined || form.delivery?.method?.id === q['delivery.method.id']) &&
    (q['buyer.login'] === undefined || form.buyer.login === q['buyer.login']) &&
    (q['marketplace.id'] === undefined || form.marketplace?.id === q['marketplace.id']) &&
    within(boughtAt(form), q['lineItems.boughtAt.gte'], q['lineItems.boughtAt.lte']) &&
    within(form.updatedAt ?? '', q['updatedAt.gte'], q['updatedAt.lte'])
}

/** Orders (checkout forms) the disputes guide points to. Read-only through the API. */
export function createOrdersService ({ store }: { store: AppStore }) {
  return {
    list (sellerId: string, query: CheckoutFormQuery) {
      for (const [name, allowed] of Object.entries(ALLOWED)) {
        const value = query[name as keyof CheckoutFormQuery]
        if (value !== undefined && !allowed!.includes(String(value))) {
          throw apiErrors.badRequest(`Illegal value "${String(value)}" of ${name}; allowed: ${allowed!.join(', ')}`, name)
        }
      }
      if (query.offset + query.limit > MAX_WINDOW) {
        throw apiErrors.validation(`offset + limit must not exceed ${MAX_WINDOW}`, 'offset')
      }
      const sort = query.sort ?? '-lineItems.boughtAt'
      const key = sort.replace(/^-/, '') === 'updatedAt' ? (f: CheckoutForm) => f.updatedAt ?? '' : boughtAt
      const direction = sort.startsWith('-') ? -1 : 1
      const all = store.seller(sellerId).checkoutForms.all().filter(f => matches(f, query))
        .sort((a, b) => direction * key(a).localeCompare(key(b)))
      const page = all.slice(query.offset, query.offset + query.limit).map(toWireCheckoutForm)
      return { checkoutForms: page, count: page.length, totalCount: all.length }
    },

    get (sellerId: string, id: string): CheckoutForm {
      if (!TIME_UUID.test(id)) throw apiErrors.validation('Not valid time UUID', 'getOrder.checkoutFormId')
      const form = store.seller(sellerId).checkoutForms.get(id)
      if (!form) throw apiErrors.notFound(`Checkout form ${id} not found`)
      return toWireCheckoutForm(form)
    },

    /** Any seller's order, for the buyer simulator. */
    find (id: string): StoredCheckoutForm | undefined {
      const owner = store.ownerOf('checkoutForms', id)
      return owner === undefined ? undefined : store.seller(owner).checkoutForms.get(id)
    },
  }
}

export type OrdersService = ReturnType<typeof createOrdersService>
