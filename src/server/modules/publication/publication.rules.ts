import { durationMs } from '../../core/duration.js'
import type { Violation } from '../../core/violation.js'
import type { StoredOffer } from '../offers/offers.types.js'
import type { PublicationCommandInput, StoredCommand, StoredTask } from './publication.types.js'

/** At most this many offers in one command (Allegro's document). */
export const OFFERS_PER_COMMAND = 1000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const invalid = (path: string, message: string, pl: string, code = 'VALIDATION_ERROR'): Violation =>
  ({ code, message, path, userMessage: { pl, en: message } })

export function isCommandId (id: string): boolean {
  return UUID.test(id)
}

/** The offer ids a command names, in order, each once. */
export function offerIdsOf (input: PublicationCommandInput): string[] {
  return [...new Set(input.offerCriteria.flatMap(c => c.offers ?? []).map(o => o.id))]
}

/** A command body's own rules: schedule only with ACTIVATE and in the future; 1 to 1000 offers. */
export function checkCommand (input: PublicationCommandInput, now: Date): Violation[] {
  const violations: Violation[] = []
  const { action, scheduledFor } = input.publication
  if (scheduledFor !== undefined && scheduledFor !== null) {
    if (action !== 'ACTIVATE') {
      violations.push(invalid('publication.scheduledFor', 'scheduledFor can be given only with the ACTIVATE action.', 'Publikację można zaplanować tylko przy aktywacji.'))
    } else if (Date.parse(scheduledFor) <= now.getTime()) {
      violations.push(invalid('publication.scheduledFor', 'scheduledFor must be in the future.', 'Termin publikacji musi być w przyszłości.'))
    }
  }
  input.offerCriteria.forEach((criterion, i) => {
    if (criterion.type !== 'CONTAINS_OFFERS') {
      violations.push(invalid(`offerCriteria[${i}].type`, 'The only criterion type is CONTAINS_OFFERS.', 'Jedyny typ kryterium to CONTAINS_OFFERS.'))
    }
  })
  const count = offerIdsOf(input).length
  if (count === 0) violations.push(invalid('offerCriteria', 'Give at least one offer.', 'Podaj co najmniej jedno ogłoszenie.'))
  if (count > OFFERS_PER_COMMAND) {
    violations.push(invalid('offerCriteria', `A command may name at most ${OFFERS_PER_COMMAND} offers.`, `Polecenie może dotyczyć najwyżej ${OFFERS_PER_COMMAND} ogłoszeń.`))
  }
  return violations
}

/** Offers whose earlier tasks are still NEW: a new command may not touch them. */
export function offersInProgress (commands: readonly StoredCommand[], sellerId: string, offerIds: readonly string[]): string[] {
  const busy = new Set(commands.filter(c => c.meta.sellerId === sellerId)
    .flatMap(c => c.tasks).filter(t => t.status === 'NEW').map(t => t.offer.id))
  return offerIds.filter(id => busy.has(id))
}

export const inProgress = (offerIds: readonly string[]): Violation => invalid('offerCriteria',
  'Previous status changes have not been finished yet.', `Poprzednie zmiany statusu nie zostały jeszcze zakończone (${offerIds.join(', ')}).`,
  'InProgressTaskLimitReachedException')

/** Why an offer cannot be activated now, as a task's message and errors; null when it can. */
export function activationProblem (offer: StoredOffer | undefined, sellerId: string, violations: readonly Violation[]): { message: string, violations: Violation[] } | null {
  if (!offer || offer.meta.sellerId !== sellerId) return { message: 'The offer does not exist.', violations: [] }
  if (violations.length > 0) return { message: 'The offer has validation errors.', violations: [...violations] }
  if (!offer.meta.packages) {
    return {
      message: 'The offer has no classifieds package assigned.',
      violations: [invalid('classifiedsPackages.basePackage', 'The offer has no classifieds package assigned.', 'Ogłoszenie nie ma przypisanego pakietu.')],
    }
  }
  return null
}

/** The offer after a successful activation at `at`: active for its package's duration. */
export function activateOffer (offer: StoredOffer, at: string): StoredOffer {
  const { endedBy: _endedBy, ...publication } = offer.publication
  const ends = Date.parse(at) + (durationMs(publication.duration ?? '') ?? 0)
  return { ...offer, publication: { ...publication, status: 'ACTIVE', startingAt: at, endingAt: new Date(ends).toISOString() } }
}

/**
 * The offer ended at `at`. Its packages are spent: activating it again needs them assigned (and paid) again.
 */
export function endOffer (offer: StoredOffer, at: string, endedBy: 'USER' | 'EXPIRATION'): StoredOffer {
  return {
    ...offer,
    publication: { ...offer.publication, status: 'ENDED', endingAt: at, endedBy },
    promotion: null,
    meta: { ...offer.meta, packages: null },
  }
}

/** A task settled at its time: SUCCESS, or FAIL with a message and errors. Final states never change. */
export function finishTask (task: StoredTask, outcome: { ok: true } | { ok: false, message: string, violations: Violation[] }): StoredTask {
  if (task.status !== 'NEW') return task
  return outcome.ok
    ? { ...task, status: 'SUCCESS', message: '', finishedAt: task.meta.settlesAt }
    : { ...task, status: 'FAIL', message: outcome.message, finishedAt: task.meta.settlesAt, meta: { ...task.meta, violations: outcome.violations } }
}
