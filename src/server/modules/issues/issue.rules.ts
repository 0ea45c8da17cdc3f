import type { Language, Localized, Violation } from '../../core/violation.js'
import type { DisputeStatus, MessageAuthorRole, MessagesStatus, MessageType } from '../disputes/disputes.types.js'
import type {
  ClaimDecision, ClaimReasonType, ClaimStateChange, ClaimStatusChangeRequest, DecidedBy, DisputeIssueStatus, ExpectationName,
  Price, StoredClaim,
} from './issues.types.js'

/** How long a buyer's claim waits for the seller's answer before it counts as accepted (Polish consumer law: 14 days). */
export const CLAIM_DECISION_DAYS = 14

/** A dispute's status as the issues API names it. */
export function disputeIssueStatus (status: DisputeStatus): DisputeIssueStatus {
  return `DISPUTE_${status}` as DisputeIssueStatus
}

/** The guide's dispute status behind an issues API status, or null for a claim status. */
export function disputeStatusOf (status: string): DisputeStatus | null {
  return status === 'DISPUTE_ONGOING' ? 'ONGOING' : status === 'DISPUTE_CLOSED' ? 'CLOSED' : status === 'DISPUTE_UNRESOLVED' ? 'UNRESOLVED' : null
}

/** What a claim is about, as its subject reads in each language (Allegro derives the subject from the reason). */
export const REASON_SUBJECTS: Readonly<Record<ClaimReasonType, Localized>> = {
  NO_PRODUCT_RECEIVED: { pl: 'nie otrzymałem produktu', en: 'I have not received the product' },
  NO_PRODUCT_IN_PARCEL: { pl: 'w paczce nie było produktu', en: 'the parcel did not contain the product' },
  NO_PROOF_OF_PURCHASE_MANUAL_OR_WARRANTY: { pl: 'brak dowodu zakupu, instrukcji lub gwarancji', en: 'no proof of purchase, manual or warranty card' },
  MISSING_PRODUCT_ELEMENT: { pl: 'brakuje części produktu', en: 'a part of the product is missing' },
  PRODUCT_AND_PARCEL_DAMAGED_IN_TRANSIT: { pl: 'produkt i paczka uszkodzone w transporcie', en: 'product and parcel damaged in transit' },
  PRODUCT_DAMAGED_PARCEL_INTACT: { pl: 'produkt uszkodzony, paczka cała', en: 'the product is damaged though the parcel is intact' },
  DEFECT_FOUND_DURING_USE: { pl: 'wada ujawniła się podczas używania', en: 'a defect showed up during use' },
  NOT_AS_DESCRIBED: { pl: 'produkt niezgodny z opisem', en: 'the product does not match its description' },
  SELLER_DOES_NOT_WANT_TO_ACCEPT_RETURN: { pl: 'sprzedający nie chce przyjąć zwrotu', en: 'the seller will not take the return' },
  PROBLEM_WITH_SENDING_PRODUCT_BACK: { pl: 'mam problem z odesłaniem produktu', en: 'I cannot send the product back' },
  NO_REFUND_AFTER_RETURNING_PRODUCT: { pl: 'brak zwrotu pieniędzy po odesłaniu produktu', en: 'no refund after I sent the product back' },
  NO_REFUND_AFTER_CANCELING_ORDER: { pl: 'brak zwrotu pieniędzy po anulowaniu zamówienia', en: 'no refund after the order was cancelled' },
  DID_NOT_RECEIVE_GOODS_AFTER_PAYMENT: { pl: 'nie otrzymałem towaru po wpłacie', en: 'I paid but did not receive the goods' },
  RECEIVED_ITEMS_NOT_MATCHING_DESCRIPTION: { pl: 'otrzymałem zamówienie niezgodne z opisem', en: 'what I received does not match the description' },
  RECEIVED_INCOMPLETE_ORDER: { pl: 'otrzymałem niekompletne zamówienie', en: 'my order arrived incomplete' },
  ITEM_IS_DAMAGED: { pl: 'produkt jest uszkodzony', en: 'the product is damaged' },
  PROBLEM_WITH_WITHDRAWAL_CANCELLATION_OF_PURCHASE: { pl: 'problem z odstąpieniem od umowy lub anulowaniem zakupu', en: 'a problem withdrawing from or cancelling the purchase' },
  PROBLEM_WITH_GOODS_RETURN_CANCELLATION_OF_PURCHASE: { pl: 'problem ze zwrotem towaru lub anulowaniem zakupu', en: 'a problem returning the goods or cancelling the purchase' },
}

/** Dispute subjects the mock knows in both languages (the guide's and the default scenario's). */
const DISPUTE_SUBJECTS: readonly Localized[] = [
  { pl: 'przedmiot jest uszkodzony', en: 'the item is damaged' },
  { pl: 'przedmiot nie dotarł', en: 'the item has not arrived' },
  { pl: 'przedmiot jest niezgodny z opisem', en: 'the item does not match its description' },
  { pl: 'brak faktury', en: 'no invoice' },
  { pl: 'zwrot pieniędzy', en: 'refund' },
  ...Object.values(REASON_SUBJECTS),
]

/** A dispute's subject in `language` when the mock knows its translation, else as the buyer wrote it. */
export function disputeSubject (name: string | undefined, language: Language): string | null {
  if (name === undefined) return null
  const known = DISPUTE_SUBJECTS.find(s => s.pl === name || s.en === name)
  return known ? known[language] : name
}

export function claimSubject (reason: ClaimReasonType, language: Language): string {
  return REASON_SUBJECTS[reason][language]
}

/** Whether a claim is waiting for the seller; its decision is then due at `decisionDueDate`. */
export function claimDueAt (claim: StoredClaim): number | null {
  return claim.status === 'CLAIM_SUBMITTED' ? Date.parse(claim.decisionDueDate) : null
}

/** The due date of a claim opened at `at` (ISO), `days` later. */
export function decisionDueDateFor (at: string, days = CLAIM_DECISION_DAYS): string {
  return new Date(Date.parse(at) + days * 24 * 3600 * 1000).toISOString()
}

/** The next `n/year` reference number of a seller, given the numbers it already has. */
export function nextReferenceNumber (existing: readonly string[], year: number): string {
  let highest = 0
  for (const ref of existing) {
    const [n, y] = ref.split('/')
    if (Number(y) === year && Number(n) > highest) highest = Number(n)
  }
  return `${highest + 1}/${year}`
}

/**
 * The chat summary's status: NEW until the seller has written; then who wrote last (the system's state changes
 * do not count), as Allegro describes lastMessage.status.
 */
export function lastMessageStatus (oldestFirst: ReadonlyArray<{ author: { role: MessageAuthorRole } }>): MessagesStatus {
  if (!oldestFirst.some(m => m.author.role === 'SELLER')) return 'NEW'
  const last = [...oldestFirst].reverse().find(m => m.author.role !== 'SYSTEM')
  switch (last?.author.role) {
    case 'BUYER': return 'BUYER_REPLIED'
    case 'ADMIN': return 'ALLEGRO_ADVISOR_REPLIED'
    default: return 'SELLER_REPLIED'
  }
}

/** What the seller's message must satisfy on a claim beyond the shared message rules; with the conflict, if any. */
export function checkClaimMessage (claim: StoredClaim, type: MessageType): { violations: Violation[], conflict: string | null } {
  if (!claim.chatActive) return { violations: [], conflict: 'Dispute is in a state that forbids adding new messages' }
  if (type === 'END_REQUEST') {
    return {
      violations: [invalid('type', 'Message type END_REQUEST is allowed only for disputes',
        'Ten typ wiadomości jest dostępny tylko dla dyskusji.', 'This message type is only available for disputes.')],
      conflict: null,
    }
  }
  return { violations: [], conflict: null }
}

/** The seller's return decision a message type carries, or undefined when it carries none. */
export function returnRequiredBy (type: MessageType): boolean | undefined {
  if (type === 'RETURN_REQUIRED_SELLER_LABEL' || type === 'RETURN_REQUIRED_CUSTOM') return true
  if (type === 'RETURN_NOT_REQUIRED') return false
  return undefined
}

const AMOUNT = /^\d+(\.\d{1,2})?$/

/**
 * The seller's decision on a claim: the claim must still wait for one; a partial refund needs its amount (more than
 * zero, at most what the order cost, in its currency) and no other decision takes one; the message must say something.
 */
export function checkClaimDecision (claim: StoredClaim, request: ClaimStatusChangeRequest, orderTotal: Price | null): Violation[] {
  if (claim.status !== 'CLAIM_SUBMITTED') {
    return [invalid('status', `The claim was already ${claim.status === 'CLAIM_ACCEPTED' ? 'accepted' : 'rejected'}`,
      'Reklamacja została już rozpatrzona.', 'The claim has already been decided.')]
  }
  const violations: Violation[] = []
  if (request.message.trim() === '') {
    violations.push(invalid('message', 'The message must not be blank', 'Uzasadnij decyzję.', 'Explain the decision.'))
  }
  const refund = request.partialRefund
  if (request.status === 'ACCEPTED_PARTIAL_REFUND') {
    if (!refund) {
      violations.push(invalid('partialRefund', 'partialRefund is required for ACCEPTED_PARTIAL_REFUND',
        'Podaj kwotę częściowego zwrotu.', 'Give the amount of the partial refund.'))
    } else if (!AMOUNT.test(refund.amount) || Number(refund.amount) <= 0) {
      violations.push(invalid('partialRefund.amount', 'partialRefund.amount must be a positive amount with at most two decimals',
        'Nieprawidłowa kwota zwrotu.', 'Invalid refund amount.'))
    } else if (orderTotal && refund.currency !== orderTotal.currency) {
      violations.push(invalid('partialRefund.currency', `partialRefund.currency must be ${orderTotal.currency}, the currency of the order`,
        'Waluta zwrotu musi być walutą zamówienia.', 'The refund must be in the currency of the order.'))
    } else if (orderTotal && Math.round(Number(refund.amount) * 100) > Math.round(Number(orderTotal.amount) * 100)) {
      violations.push(invalid('partialRefund.amount', `partialRefund.amount must not exceed the order's total of ${orderTotal.amount} ${orderTotal.currency}`,
        'Kwota zwrotu przekracza wartość zamówienia.', 'The refund exceeds the value of the order.'))
    }
  } else if (refund) {
    violations.push(invalid('partialRefund', 'partialRefund is allowed only for ACCEPTED_PARTIAL_REFUND',
      'Kwotę zwrotu podaje się tylko przy częściowym zwrocie.', 'A refund amount goes only with a partial refund.'))
  }
  return violations
}

/** The claim once decided: accepted or rejected, no longer due. */
export function decideClaim (claim: StoredClaim, decision: ClaimDecision, by: DecidedBy, at: string, partialRefund?: Price): { claim: StoredClaim, change: ClaimStateChange } {
  const status = decision.startsWith('ACCEPTED_') ? 'CLAIM_ACCEPTED' : 'CLAIM_REJECTED'
  return {
    claim: { ...claim, status, meta: { ...claim.meta, decision: { status: decision, by, at, ...(partialRefund ? { partialRefund } : {}) } } },
    change: { status, by, decision, ...(partialRefund ? { partialRefund } : {}) },
  }
}

/** The claim after Allegro reopens it: waiting for the seller again until `decisionDueDate`. */
export function reopenClaim (claim: StoredClaim, decisionDueDate: string): { claim: StoredClaim, change: ClaimStateChange } {
  return {
    claim: { ...claim, status: 'CLAIM_SUBMITTED', decisionDueDate, meta: { ...claim.meta, decision: null } },
    change: { status: 'CLAIM_SUBMITTED', by: 'ADMIN', decision: null },
  }
}

const ACCEPTED_BY_EXPECTATION: Record<ExpectationName, ClaimDecision> = {
  REPAIR: 'ACCEPTED_REPAIR', EXCHANGE: 'ACCEPTED_EXCHANGE', REFUND: 'ACCEPTED_REFUND', PARTIAL_REFUND: 'ACCEPTED_PARTIAL_REFUND',
}

/** A claim the seller left unanswered past its due date: accepted as the buyer asked (the first expectation), at the due date. */
export function acceptOnDueDate (claim: StoredClaim): { claim: StoredClaim, change: ClaimStateChange, at: string } {
  const first = claim.expectations[0]
  const decision = first?.name ? ACCEPTED_BY_EXPECTATION[first.name] : 'ACCEPTED_REFUND'
  const refund = decision === 'ACCEPTED_PARTIAL_REFUND' && first?.refund ? first.refund : undefined
  return { ...decideClaim(claim, decision, 'DUE_DATE', claim.decisionDueDate, refund), at: claim.decisionDueDate }
}

const DECISIONS: Record<ClaimDecision, Localized> = {
  ACCEPTED_REPAIR: { pl: 'naprawa', en: 'repair' },
  ACCEPTED_REFUND: { pl: 'zwrot pieniędzy', en: 'refund' },
  ACCEPTED_EXCHANGE: { pl: 'wymiana', en: 'exchange' },
  ACCEPTED_PARTIAL_REFUND: { pl: 'częściowy zwrot pieniędzy', en: 'partial refund' },
  REJECTED_ADDITIONAL_REQUIREMENTS_NOT_COMPLETED: { pl: 'nie spełniono dodatkowych wymagań', en: 'additional requirements were not met' },
  REJECTED_PRODUCT_NOT_RETURNED: { pl: 'produkt nie został odesłany', en: 'the product was not sent back' },
  REJECTED_PRODUCT_DAMAGED_BY_USER: { pl: 'produkt uszkodził użytkownik', en: 'the product was damaged by its user' },
  REJECTED_PRODUCT_CONFORMS_TO_CONTRACT: { pl: 'produkt jest zgodny z umową', en: 'the product conforms to the contract' },
  REJECTED_MINOR_DEFECT: { pl: 'wada jest nieistotna', en: 'the defect is minor' },
  REJECTED_OTHER: { pl: 'inny powód', en: 'another reason' },
}

export const CLAIM_DECISIONS = Object.keys(DECISIONS) as ClaimDecision[]
export const CLAIM_REASONS = Object.keys(REASON_SUBJECTS) as ClaimReasonType[]

/** How a state change reads in a claim's chat. */
export function stateChangeText (change: ClaimStateChange, language: Language): string {
  if (change.status === 'CLAIM_SUBMITTED') return { pl: 'Reklamacja została ponownie otwarta.', en: 'The claim was reopened.' }[language]
  const decision = change.decision ? DECISIONS[change.decision][language] : ''
  const refund = change.partialRefund ? ` (${change.partialRefund.amount} ${change.partialRefund.currency})` : ''
  const accepted = change.status === 'CLAIM_ACCEPTED'
  if (change.by === 'DUE_DATE') {
    return {
      pl: `Reklamacja została uznana, bo sprzedający nie odpowiedział w terminie: ${decision}${refund}.`,
      en: `The claim was accepted because the seller did not answer in time: ${decision}${refund}.`,
    }[language]
  }
  const who = change.by === 'ADMIN' ? { pl: 'Allegro', en: 'Allegro' } : { pl: 'Sprzedający', en: 'The seller' }
  return {
    pl: `${who.pl} ${accepted ? 'uznał' : 'odrzucił'} reklamację: ${decision}${refund}.`,
    en: `${who.en} ${accepted ? 'accepted' : 'rejected'} the claim: ${decision}${refund}.`,
  }[language]
}

function invalid (path: string, message: string, pl: string, en: string): Violation {
  return { code: 'VALIDATION_ERROR', message, path, userMessage: { pl, en } }
}
