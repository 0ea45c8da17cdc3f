import type { Violation } from '../../core/violation.js'
import type { CataloguePackage } from '../catalogue/catalogue.types.js'
import type { ClassifiedAssignment, OfferStatus } from './offers.types.js'

export interface AssignmentRequest {
  basePackage: { id: string }
  extraPackages?: Array<{ id: string, republish?: boolean }> | null
}

const invalid = (path: string, message: string, pl: string): Violation =>
  ({ code: 'VALIDATION_ERROR', message, path, userMessage: { pl, en: message } })

/**
 * A package assignment: a BASE package and EXTRA ones offered in the offer's category. The base package changes only
 * before publication; an active ad only gains extras (classified-ads guide, "Pakiet i opcje dodatkowe").
 */
export function checkPackageAssignment (
  request: AssignmentRequest,
  /** `categoryId` null (a fee preview without a category) skips the category check. */
  offer: { categoryId: string | null, status: OfferStatus, current: ClassifiedAssignment | null },
  findPackage: (id: string) => CataloguePackage | undefined,
): Violation[] {
  const violations: Violation[] = []
  const check = (id: string | undefined, type: 'BASE' | 'EXTRA', path: string) => {
    // The contract leaves `id` optional in the package objects: a missing one is the client's error, not a lookup.
    if (typeof id !== 'string' || id === '') {
      violations.push(invalid(path, `${path} is required.`, `Pole ${path} jest wymagane.`))
      return
    }
    const found = findPackage(id)
    if (!found) violations.push(invalid(path, `Classifieds package ${id} not found.`, 'Nie znaleziono pakietu.'))
    else if (found.type !== type) violations.push(invalid(path, `Package ${id} is ${found.type}, expected ${type}.`, 'Nieprawidłowy rodzaj pakietu.'))
    else if (offer.categoryId !== null && !found.meta.categoryIds.includes(offer.categoryId)) {
      violations.push(invalid(path, `Package ${id} is not available in category ${offer.categoryId}.`, 'Pakiet nie jest dostępny w tej kategorii.'))
    }
  }
  // A fee preview's classifiedsPackages has no required fields in the contract: `{}` or extras alone come through.
  if (!request.basePackage) violations.push(invalid('basePackage', 'basePackage is required.', 'Pole basePackage jest wymagane.'))
  else check(request.basePackage.id, 'BASE', 'basePackage.id')
  const extras = request.extraPackages ?? []
  extras.forEach((extra, i) => check(extra.id, 'EXTRA', `extraPackages[${i}].id`))
  if (new Set(extras.map(e => e.id)).size !== extras.length) {
    violations.push(invalid('extraPackages', 'Each extra package may be given once.', 'Pakiet dodatkowy podano więcej niż raz.'))
  }
  const published = offer.status === 'ACTIVE' || offer.status === 'ACTIVATING'
  if (published && offer.current) {
    if (offer.current.basePackage.id !== request.basePackage?.id) {
      violations.push(invalid('basePackage.id', 'The base package can be changed only before the ad is published.', 'Pakiet można zmienić tylko przed publikacją ogłoszenia.'))
    }
    const kept = new Set(extras.map(e => e.id))
    if (offer.current.extraPackages.some(e => !kept.has(e.id))) {
      violations.push(invalid('extraPackages', 'A published ad can only gain extra packages.', 'Do opublikowanego ogłoszenia można tylko dodawać opcje dodatkowe.'))
    }
  }
  return violations
}

const PROMOTION_FLAGS = ['emphasized', 'bold', 'highlight', 'departmentPage', 'emphasizedHighlightBoldPackage'] as const

/** The offer's `publication.duration` and `promotion` once packages are assigned. */
export function assignmentEffects (packages: readonly CataloguePackage[]): { duration: string | null, promotion: Record<string, boolean> } {
  const names = new Set(packages.flatMap(p => p.promotions ?? []).map(p => p.name))
  return {
    duration: packages.find(p => p.type === 'BASE')?.publication?.duration ?? null,
    promotion: Object.fromEntries(PROMOTION_FLAGS.map(flag => [flag, names.has(flag)])),
  }
}
