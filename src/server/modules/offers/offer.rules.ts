import type { Violation } from '../../core/violation.js'
import type { Category, CategoryParameter } from '../catalogue/catalogue.types.js'
import { checkDescription } from './offer-description.rules.js'
import { checkParameters } from './offer-parameters.rules.js'
import { checkOfferTitle } from './offer-title.rules.js'
import type { Offer } from './offers.types.js'

/** Provinces a Polish location takes (classified-ads guide). */
export const PROVINCES = [
  'DOLNOSLASKIE', 'KUJAWSKO_POMORSKIE', 'LUBELSKIE', 'LUBUSKIE', 'LODZKIE', 'MALOPOLSKIE', 'MAZOWIECKIE', 'OPOLSKIE',
  'PODKARPACKIE', 'PODLASKIE', 'POMORSKIE', 'SLASKIE', 'SWIETOKRZYSKIE', 'WARMINSKO_MAZURSKIE', 'WIELKOPOLSKIE', 'ZACHODNIOPOMORSKIE',
] as const

export const INVOICE_TYPES = ['VAT', 'VAT_MARGIN', 'WITHOUT_VAT', 'NO_INVOICE'] as const

/** What the offer rules need to know besides the offer itself. */
export interface OfferContext {
  category: Category | undefined
  parameters: readonly CategoryParameter[]
  /** Company accounts must give after-sales conditions for offers that are not classified ads. */
  companyAccount: boolean
  /** The seller's contacts. */
  contactIds: Lookup
  /** Locations of the seller's images that are still available. */
  imageLocations: Lookup
}

/** A set as far as the rules need one. */
export interface Lookup { has (value: string): boolean }

const invalid = (path: string, message: string, pl: string, en = message): Violation =>
  ({ code: 'VALIDATION_ERROR', message, path, userMessage: { pl, en } })

function checkLocation (location: Offer['location']): Violation[] {
  if (!location) return [invalid('location', 'Location may not be empty.', 'Podaj lokalizację.')]
  const violations: Violation[] = []
  if (!location.countryCode || !/^[A-Z]{2}$/.test(location.countryCode)) {
    violations.push(invalid('location.countryCode', 'Country code must be an ISO 3166-1 alpha-2 code.', 'Nieprawidłowy kod kraju.'))
  }
  if (!location.city?.trim()) violations.push(invalid('location.city', 'City may not be empty.', 'Podaj miejscowość.'))
  if (location.countryCode === 'PL') {
    if (!PROVINCES.includes(location.province as typeof PROVINCES[number])) {
      violations.push(invalid('location.province', `Province must be one of ${PROVINCES.join(', ')}.`, 'Wybierz województwo.'))
    }
    if (!/^\d{2}-\d{3}$/.test(location.postCode ?? '')) {
      violations.push(invalid('location.postCode', 'Post code must have the form NN-NNN.', 'Kod pocztowy musi mieć postać NN-NNN.'))
    }
  }
  return violations
}

function checkPayments (payments: Offer['payments']): Violation[] {
  if (!payments?.invoice) return [invalid('payments', 'Payments may not be empty.', 'Podaj informacje o fakturze.')]
  return INVOICE_TYPES.includes(payments.invoice as typeof INVOICE_TYPES[number])
    ? []
    : [invalid('payments.invoice', `Invoice must be one of ${INVOICE_TYPES.join(', ')}.`, 'Nieprawidłowy rodzaj faktury.')]
}

function checkSellingMode (sellingMode: Offer['sellingMode'], category: Category | undefined): Violation[] {
  const missing = invalid('sellingMode', 'You must select at least one selling mode and provide the required prices.',
    'Wybierz format sprzedaży i podaj cenę.')
  if (!sellingMode?.format) return [missing]
  if (sellingMode.format !== 'ADVERTISEMENT') {
    return [invalid('sellingMode.format', `allegro-mock simulates classified ads only; use ADVERTISEMENT instead of ${sellingMode.format}.`,
      'Dostępny jest tylko format ogłoszenia (ADVERTISEMENT).')]
  }
  if (category && !category.options.advertisement) {
    return [invalid('sellingMode.format', `Category ${category.id} does not allow advertisements.`, 'W tej kategorii nie można wystawiać ogłoszeń.')]
  }
  const price = sellingMode.price
  if (!price) return category?.options.advertisementPriceOptional ? [] : [missing]
  const violations: Violation[] = []
  if (!/^\d+(\.\d{1,2})?$/.test(price.amount ?? '') || Number(price.amount) <= 0) {
    violations.push(invalid('sellingMode.price.amount', 'Price must be a positive amount with at most two decimal places.', 'Cena musi być kwotą większą od zera.'))
  }
  if (price.currency !== 'PLN') violations.push(invalid('sellingMode.price.currency', 'Price must be in PLN.', 'Cena musi być podana w PLN.'))
  return violations
}

function checkAfterSales (offer: Offer, context: OfferContext): Violation[] {
  const services = offer.afterSalesServices
  if (!context.companyAccount || offer.sellingMode?.format === 'ADVERTISEMENT') return []
  return services?.impliedWarranty?.id && services.returnPolicy?.id
    ? []
    : [invalid('afterSalesServices', 'After sales service conditions (return policies, implied warranties) are required by company account.',
        'Konto firmowe musi podać warunki zwrotów i reklamacji.')]
}

function checkImages (images: Offer['images'], available: Lookup): Violation[] {
  return (images ?? []).flatMap((image, i) => image.url && available.has(image.url)
    ? []
    : [invalid(`images[${i}].url`, 'Images must be uploaded with POST /sale/images and not expired.', 'Zdjęcie nie zostało przesłane lub wygasło.')])
}

function checkContact (offer: Offer, contactIds: Lookup): Violation[] {
  const id = offer.contact?.id
  if (!id) {
    return offer.sellingMode?.format === 'ADVERTISEMENT'
      ? [invalid('contact', 'Contact may not be empty.', 'Wybierz dane kontaktowe ogłoszenia.')]
      : []
  }
  return contactIds.has(id) ? [] : [invalid('contact.id', `Contact ${id} not found.`, 'Nie znaleziono danych kontaktowych.')]
}

/**
 * Everything that keeps a draft from being published, in the order Allegro reports it. The same list fills
 * `validation.errors` on create and update, and fails an ACTIVATE task.
 */
export function checkOffer (offer: Offer, context: OfferContext): Violation[] {
  const imageUrls = new Set((offer.images ?? []).map(i => i.url).filter((u): u is string => !!u))
  return [
    ...checkOfferTitle(offer.name),
    ...checkLocation(offer.location),
    ...checkPayments(offer.payments),
    ...checkDescription(offer.description, imageUrls),
    ...checkParameters(offer.parameters ?? [], context.parameters, offer.category.id),
    ...checkSellingMode(offer.sellingMode, context.category),
    ...checkAfterSales(offer, context),
    ...checkImages(offer.images, context.imageLocations),
    ...checkContact(offer, context.contactIds),
  ]
}
