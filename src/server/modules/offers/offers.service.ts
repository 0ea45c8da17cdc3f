import type { Ids } from '../../core/ids.js'
import type { Language, Violation } from '../../core/violation.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import type { AppStore, InstanceTables, SellerTables } from '../../state.js'
import type { CatalogueService } from '../catalogue/catalogue.service.js'
import { isImageAvailable } from '../images/image.rules.js'
import { assignmentEffects, checkPackageAssignment, type AssignmentRequest } from './classified-packages.rules.js'
import { checkOffer, type OfferContext } from './offer.rules.js'
import type { ClassifiedAssignment, Offer, StoredOffer } from './offers.types.js'

export interface OffersDeps {
  store: AppStore
  clocks: SellerClocks
  ids: Ids
  catalogue: CatalogueService
  /** Brings the seller's publication state up to its clock's now before an offer is read or changed. */
  settle: (sellerId: string) => Promise<void>
  /** The Offer's fields in the contract: a body's other fields are not stored. */
  contractFields: ReadonlySet<string>
}

/** Fields the server owns: a create or an update never takes them from the body. */
const SERVER_OWNED = ['id', 'createdAt', 'updatedAt', 'validation', 'publication', 'promotion'] as const

/** An offer as Allegro answers a fresh draft: every field present, most of them null. */
function skeleton (): Omit<Offer, 'id' | 'name' | 'category' | 'createdAt' | 'updatedAt'> {
  return {
    parameters: [], ean: null, description: null, compatibilityList: null, images: [], sellingMode: null, stock: null,
    publication: { duration: null, status: 'INACTIVE', startingAt: null, endingAt: null },
    delivery: null, payments: null, afterSalesServices: null, additionalServices: null, sizeTable: null, fundraisingCampaign: null,
    promotion: null, location: null, external: null, attachments: [], contact: null, b2b: { buyableOnlyByBusiness: false },
  }
}

/** The wire offer, its validation written in the caller's language. */
export function toWireOffer ({ meta, ...offer }: StoredOffer, language: Language): Offer {
  return {
    ...offer,
    validation: {
      errors: meta.violations.map(v => ({ code: v.code, details: '', message: v.message, path: v.path ?? '', userMessage: v.userMessage[language] })),
      warnings: [],
      validatedAt: meta.validatedAt,
    },
  }
}

/** What the rules need to know about a seller's world, looked up in its partition. */
export function offerContext (instance: InstanceTables, tables: SellerTables, catalogue: CatalogueService, sellerId: string, categoryId: string, now: Date): OfferContext {
  return {
    category: catalogue.findCategory(categoryId),
    parameters: catalogue.parametersOf(categoryId),
    companyAccount: instance.sellers.get(sellerId)?.company ?? false,
    contactIds: { has: id => tables.contacts.has(id) },
    imageLocations: {
      has: location => tables.images.where('byLocation', location)
        .some(image => isImageAvailable(image, now, tables.offers.countWhere('byImage', location) > 0)),
    },
  }
}

/** What keeps `offer` from being published, as of `at`. */
export function offerViolations (instance: InstanceTables, tables: SellerTables, catalogue: CatalogueService, offer: StoredOffer, at: Date): Violation[] {
  const { meta, ...wire } = offer
  return checkOffer(wire as Offer, offerContext(instance, tables, catalogue, meta.sellerId, offer.category.id, at))
}

/** Classified-ad drafts: create, read, replace, packages and the fee preview. */
export function createOffersService ({ store, clocks, ids, catalogue, settle, contractFields }: OffersDeps) {
  const kept = new Set([...contractFields, ...Object.keys(skeleton())])

  /** The seller's offer, or Allegro's 404 (unknown) / 403 (another seller's). */
  function own (tables: SellerTables, offerId: string): StoredOffer {
    const offer = tables.offers.get(offerId)
    if (offer) return offer
    if (store.ownerOf('offers', offerId) !== undefined) throw apiErrors.accessDenied(`Offer ${offerId} belongs to another seller`)
    throw apiErrors.notFound(`Offer ${offerId} not found`, 'OfferNotFoundException')
  }

  /** The category must be a known leaf, or there is nothing to draft in. */
  function leafCategory (body: Partial<Offer>): string {
    const id = body.category?.id
    if (!id) throw apiErrors.validation('category.id is required', 'category.id')
    const category = catalogue.findCategory(id)
    if (!category) throw apiErrors.validation(`Category ${id} not found`, 'category.id')
    if (!category.leaf) throw apiErrors.validation(`Category ${id} is not a leaf category`, 'category.id')
    return id
  }

  /** `offer` with the result of validating it against the seller's current world. */
  function validated (instance: InstanceTables, tables: SellerTables, offer: StoredOffer, now: Date): StoredOffer {
    return { ...offer, meta: { ...offer.meta, violations: offerViolations(instance, tables, catalogue, offer, now), validatedAt: now.toISOString() } }
  }

  /** What a body may set: the contract's fields, not the ones the server owns. Unknown fields are dropped, not stored. */
  function clientFields (body: Record<string, unknown>): Record<string, unknown> {
    const fields: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(body)) if (kept.has(key)) fields[key] = value
    for (const key of SERVER_OWNED) delete fields[key]
    return fields
  }

  function newOfferId (): string {
    let id = ids.numeric(10)
    while (store.ownerOf('offers', id) !== undefined) id = ids.numeric(10)
    return id
  }

  return {
    /** POST /sale/offers: a draft from as little as a name and a leaf category, validated at once. */
    async create (sellerId: string, body: Offer, language: Language): Promise<Offer> {
      leafCategory(body)
      return store.update(tx => {
        const now = clocks.now(sellerId)
        const tables = tx.seller(sellerId)
        const offer = {
          ...skeleton(),
          ...clientFields(body),
          id: newOfferId(),
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          meta: { sellerId, violations: [], validatedAt: now.toISOString(), packages: null },
        } as unknown as StoredOffer
        return toWireOffer(tables.offers.put(validated(tx.instance, tables, offer, now)), language)
      })
    },

    async get (sellerId: string, offerId: string, language: Language): Promise<Offer> {
      await settle(sellerId)
      return toWireOffer(own(store.seller(sellerId), offerId), language)
    },

    /** PUT /sale/offers/{id}: the body replaces the whole offer; the server keeps what it owns. */
    async replace (sellerId: string, offerId: string, body: Offer, language: Language): Promise<Offer> {
      await settle(sellerId)
      return store.update(tx => {
        const tables = tx.seller(sellerId)
        const current = own(tables, offerId)
        if (body.id !== undefined && body.id !== null && body.id !== offerId) {
          throw apiErrors.validation(`The offer id in the body (${String(body.id)}) differs from the one in the path (${offerId})`, 'id')
        }
        leafCategory(body)
        const now = clocks.now(sellerId)
        const replaced = {
          ...skeleton(),
          ...clientFields(body),
          id: current.id,
          createdAt: current.createdAt,
          updatedAt: now.toISOString(),
          publication: current.publication,
          promotion: current.promotion,
          meta: current.meta,
        } as unknown as StoredOffer
        return toWireOffer(tables.offers.put(validated(tx.instance, tables, replaced, now)), language)
      })
    },

    /** The seller's offers in brief, newest first: Allegro's 2021 API had no listing the guides use; the dashboard needs one. */
    async summaries (sellerId: string): Promise<Array<{ id: string, name: string, status: string, categoryId: string, errors: number, updatedAt: string }>> {
      await settle(sellerId)
      return store.seller(sellerId).offers.all()
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .map(o => ({ id: o.id, name: o.name, status: o.publication.status, categoryId: o.category.id, errors: o.meta.violations.length, updatedAt: o.updatedAt }))
    },

    /** GET /sale/offer-classifieds-packages/{id}. */
    async packages (sellerId: string, offerId: string): Promise<ClassifiedAssignment> {
      await settle(sellerId)
      const offer = own(store.seller(sellerId), offerId)
      if (!offer.meta.packages) throw apiErrors.notFound('Classified not found')
      return offer.meta.packages
    },

    /** PUT /sale/offer-classifieds-packages/{id}: sets the offer's duration and promotion from the packages. */
    async assignPackages (sellerId: string, offerId: string, request: AssignmentRequest): Promise<void> {
      await settle(sellerId)
      await store.update(tx => {
        const tables = tx.seller(sellerId)
        const offer = own(tables, offerId)
        const violations = checkPackageAssignment(request,
          { categoryId: offer.category.id, status: offer.publication.status, current: offer.meta.packages },
          id => catalogue.findPackage(id))
        if (violations.length > 0) throw apiErrors.invalid(violations)
        const assignment: ClassifiedAssignment = {
          basePackage: { id: request.basePackage.id },
          extraPackages: (request.extraPackages ?? []).map(e => ({ id: e.id, republish: e.republish ?? false })),
        }
        const effects = assignmentEffects([assignment.basePackage, ...assignment.extraPackages].map(p => catalogue.findPackage(p.id)!))
        tables.offers.put({
          ...offer,
          meta: { ...offer.meta, packages: assignment },
          publication: { ...offer.publication, duration: effects.duration },
          promotion: effects.promotion,
          updatedAt: clocks.now(sellerId).toISOString(),
        })
      })
    },

    /**
     * POST /pricing/offer-fee-preview: one quote per package, from the request's `classifiedsPackages` or, failing
     * that, from the packages assigned to the offer named by `offer.id`.
     */
    async feePreview (sellerId: string, request: FeePreviewRequest): Promise<FeePreview> {
      await settle(sellerId)
      // The preview prices what it is given; offer.id only lends the packages assigned to one of the seller's offers.
      // Allegro lists neither 403 nor 404 here: an id that is not the seller's offer is a 422 when packages must come from it.
      const offerId = request.offer?.id
      const stored = offerId ? store.seller(sellerId).offers.get(offerId) : undefined
      const assignment = request.classifiedsPackages ?? stored?.meta.packages
      if (!assignment) {
        if (offerId && !stored) throw apiErrors.validation(`Offer ${offerId} is not one of your offers; give classifiedsPackages`, 'offer.id')
        throw apiErrors.validation('Give classifiedsPackages, or offer.id of an offer with packages assigned', 'classifiedsPackages')
      }
      const categoryId = request.offer?.category?.id ?? stored?.category.id
      const violations = checkPackageAssignment(assignment, { categoryId: categoryId ?? null, status: 'INACTIVE', current: null },
        id => catalogue.findPackage(id))
      if (violations.length > 0) throw apiErrors.invalid(violations.map(v => ({ ...v, path: v.path && `classifiedsPackages.${v.path}` })))
      const quotes = [assignment.basePackage, ...(assignment.extraPackages ?? [])].map(({ id }) => {
        const found = catalogue.findPackage(id)!
        return {
          name: found.meta.fee.name,
          type: found.type === 'BASE' ? 'listingFee' : 'promotionFee',
          fee: { amount: found.meta.fee.amount, currency: 'PLN' },
          cycleDuration: found.meta.fee.cycleDuration,
          classifiedsPackage: { id },
        }
      })
      return { commissions: [], quotes }
    },
  }
}

export interface FeePreviewRequest {
  offer?: { id?: string | null, category?: { id?: string } | null } | null
  classifiedsPackages?: AssignmentRequest | null
}

export interface FeePreview {
  commissions: Array<{ name: string, type: string, fee: { amount: string, currency: string } }>
  quotes: Array<{ name: string, type: string, fee: { amount: string, currency: string }, cycleDuration: string, classifiedsPackage: { id: string } }>
}

export type OffersService = ReturnType<typeof createOffersService>
