import type { Violation } from '../../core/violation.js'

/** Offer (2021 document) fields the mock reads; the rest travel untouched. Optional fields may be null, as on Allegro. */
export interface OfferParameter {
  id: string
  values?: string[] | null
  valuesIds?: string[] | null
  rangeValue?: { from: string, to: string } | null
}

export interface DescriptionItem { type: string, content?: string | null, url?: string | null }

export type OfferStatus = 'INACTIVE' | 'ACTIVATING' | 'ACTIVE' | 'ENDED'

export interface Publication {
  duration: string | null
  status: OfferStatus
  startingAt: string | null
  endingAt: string | null
  endedBy?: 'USER' | 'ADMIN' | 'EXPIRATION' | 'EMPTY_STOCK' | 'ERROR'
}

/** The fields the mock reads; an offer carries any others it was given. */
export interface OfferFields {
  id: string
  name: string
  category: { id: string }
  parameters?: OfferParameter[] | null
  description?: { sections?: Array<{ items?: DescriptionItem[] | null }> | null } | null
  images?: Array<{ url?: string | null }> | null
  sellingMode?: { format?: string | null, price?: { amount?: string | null, currency?: string | null } | null, [field: string]: unknown } | null
  publication: Publication
  payments?: { invoice?: string | null } | null
  afterSalesServices?: { impliedWarranty?: { id?: string | null } | null, returnPolicy?: { id?: string | null } | null } | null
  promotion?: Record<string, boolean> | null
  location?: { countryCode?: string | null, province?: string | null, city?: string | null, postCode?: string | null } | null
  contact?: { id?: string | null } | null
  createdAt: string
  updatedAt: string
}

export type Offer = OfferFields & {
  validation?: { errors: WireValidationError[], warnings?: WireValidationError[], validatedAt?: string }
  [field: string]: unknown
}

export interface WireValidationError { code: string, details: string, message: string, path: string, userMessage: string }

/** The packages assigned to a classified ad (`/sale/offer-classifieds-packages`). */
export interface ClassifiedAssignment {
  basePackage: { id: string }
  extraPackages: Array<{ id: string, republish: boolean }>
}

/** An offer as stored: the wire object (its validation rendered per language on the way out) plus bookkeeping. */
export type StoredOffer = OfferFields & {
  meta: {
    sellerId: string
    violations: Violation[]
    validatedAt: string
    packages: ClassifiedAssignment | null
  }
  [field: string]: unknown
}

export type ClassifiedEventType = 'SHOWED_PHONE_NUMBER' | 'ASKED_QUESTION' | 'CLICKED_ASK_QUESTION' | 'ADDED_TO_FAVOURITES' | 'REMOVED_FROM_FAVOURITES'

/** One thing a visitor did on a classified ad, counted by the statistics endpoints. */
export interface ClassifiedEvent {
  id: string
  offerId: string
  sellerId: string
  eventType: ClassifiedEventType
  at: string
}

export interface OffersState {
  offers: StoredOffer[]
  classifiedEvents: ClassifiedEvent[]
}
