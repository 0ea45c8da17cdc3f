/** The parts of Allegro's CheckoutForm the mock fills in (the contract allows more). */
export type CheckoutFormStatus = 'BOUGHT' | 'FILLED_IN' | 'READY_FOR_PROCESSING' | 'CANCELLED'
export type FulfillmentStatus = 'NEW' | 'PROCESSING' | 'READY_FOR_SHIPMENT' | 'READY_FOR_PICKUP' | 'SENT' | 'PICKED_UP' | 'CANCELLED' | 'SUSPENDED' | 'RETURNED'

export interface Price { amount: string, currency: string }

export interface CheckoutForm {
  id: string
  messageToSeller?: string
  buyer: { id: string, email: string, login: string, firstName?: string, lastName?: string, guest: boolean, phoneNumber?: string }
  payment?: { id: string, type: 'CASH_ON_DELIVERY' | 'WIRE_TRANSFER' | 'ONLINE' | 'SPLIT_PAYMENT' | 'EXTENDED_TERM', provider?: string, finishedAt?: string, paidAmount?: Price }
  status: CheckoutFormStatus
  fulfillment?: { status: FulfillmentStatus, shipmentSummary?: { lineItemsSent: 'NONE' | 'SOME' | 'ALL' }, provider?: { id: 'SELLER' | 'ALLEGRO' } }
  delivery?: {
    address?: { firstName: string, lastName: string, street: string, city: string, zipCode: string, countryCode: string, phoneNumber?: string }
    method?: { id: string, name: string }
    cost?: Price
    calculatedNumberOfPackages?: number
  }
  lineItems: Array<{ id: string, offer: { id: string, name: string }, quantity: number, originalPrice: Price, price: Price, boughtAt?: string }>
  surcharges: Array<{ id: string, type: string }>
  discounts: Array<{ type: string }>
  marketplace?: { id: string }
  summary: { totalToPay: Price }
  updatedAt?: string
  revision?: string
}

export interface StoredCheckoutForm extends CheckoutForm {
  meta: { sellerId: string }
}

export interface OrdersState {
  checkoutForms: StoredCheckoutForm[]
}
