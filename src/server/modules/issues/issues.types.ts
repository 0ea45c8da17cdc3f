/** Wire and stored types of Allegro's Post Purchase Issues API (`/sale/issues*`), named as in Allegro's document. */
import type { MessageAuthorRole, MessagesStatus, MessageType } from '../disputes/disputes.types.js'

export type IssueType = 'DISPUTE' | 'CLAIM'
export type DisputeIssueStatus = 'DISPUTE_ONGOING' | 'DISPUTE_CLOSED' | 'DISPUTE_UNRESOLVED'
export type ClaimStatus = 'CLAIM_SUBMITTED' | 'CLAIM_ACCEPTED' | 'CLAIM_REJECTED'
export type PostPurchaseIssueStatus = DisputeIssueStatus | ClaimStatus

/** What the seller may answer a claim with (`POST /sale/issues/{id}/status`). */
export type ClaimDecision =
  | 'ACCEPTED_REPAIR' | 'ACCEPTED_REFUND' | 'ACCEPTED_EXCHANGE' | 'ACCEPTED_PARTIAL_REFUND'
  | 'REJECTED_ADDITIONAL_REQUIREMENTS_NOT_COMPLETED' | 'REJECTED_PRODUCT_NOT_RETURNED' | 'REJECTED_PRODUCT_DAMAGED_BY_USER'
  | 'REJECTED_PRODUCT_CONFORMS_TO_CONTRACT' | 'REJECTED_MINOR_DEFECT' | 'REJECTED_OTHER'

export type ExpectationName = 'REPAIR' | 'EXCHANGE' | 'REFUND' | 'PARTIAL_REFUND'

export type ClaimReasonType =
  | 'NO_PRODUCT_RECEIVED' | 'NO_PRODUCT_IN_PARCEL' | 'NO_PROOF_OF_PURCHASE_MANUAL_OR_WARRANTY' | 'MISSING_PRODUCT_ELEMENT'
  | 'PRODUCT_AND_PARCEL_DAMAGED_IN_TRANSIT' | 'PRODUCT_DAMAGED_PARCEL_INTACT' | 'DEFECT_FOUND_DURING_USE' | 'NOT_AS_DESCRIBED'
  | 'SELLER_DOES_NOT_WANT_TO_ACCEPT_RETURN' | 'PROBLEM_WITH_SENDING_PRODUCT_BACK' | 'NO_REFUND_AFTER_RETURNING_PRODUCT'
  | 'NO_REFUND_AFTER_CANCELING_ORDER' | 'DID_NOT_RECEIVE_GOODS_AFTER_PAYMENT' | 'RECEIVED_ITEMS_NOT_MATCHING_DESCRIPTION'
  | 'RECEIVED_INCOMPLETE_ORDER' | 'ITEM_IS_DAMAGED' | 'PROBLEM_WITH_WITHDRAWAL_CANCELLATION_OF_PURCHASE'
  | 'PROBLEM_WITH_GOODS_RETURN_CANCELLATION_OF_PURCHASE'

export type ClaimRight = 'WARRANTY' | 'COMPLAINT'

export interface Price { amount: string, currency: string }
export interface Expectation { name: ExpectationName | null, refund?: Price | null }

export interface IssueAttachment { fileName: string, url: string }

export interface IssueMessage {
  id: string
  text?: string
  attachments: IssueAttachment[]
  author: { login?: string, role: MessageAuthorRole }
  createdAt: string
}

export interface PostPurchaseIssue {
  id: string
  type: IssueType
  referenceNumber: string | null
  decisionDueDate: string | null
  openedDate: string
  subject: string | null
  buyer: { id?: string, login?: string }
  checkoutForm: { id: string, createdAt: string }
  currentState: { status: PostPurchaseIssueStatus, statusDueDate: string | null, returnRequired: boolean | null, chatActive: boolean }
  chat: {
    lastMessage: { status: MessagesStatus, createdAt: string }
    messagesCount: number
    initialMessage: Omit<IssueMessage, 'author'> & { author: { login?: string, role: 'BUYER' | 'ADMIN' } }
  }
  expectations: Expectation[]
  description: string | null
  offer: { id: string | null, quantity: number } | null
  product: { id: string | null } | null
  reason: { type: ClaimReasonType, description: string | null } | null
  right: ClaimRight | null
  attachments: IssueAttachment[]
}

export interface IssueListQuery { limit: number, offset: number, 'checkoutForm.id'?: string, status?: PostPurchaseIssueStatus[] }

export interface ClaimStatusChangeRequest {
  status: ClaimDecision
  message: string
  partialRefund?: Price
}

/** Who moved a claim: the seller (POST .../status), Allegro's advisor (the simulator), or the deadline passing. */
export type DecidedBy = 'SELLER' | 'ADMIN' | 'DUE_DATE'

export interface ClaimDecisionRecord {
  status: ClaimDecision
  by: DecidedBy
  at: string
  partialRefund?: Price
}

/**
 * A claim as stored: the wire fields a claim has of its own, plus its owner and decision. The chat summary
 * (count, last message, its status) is derived from the claim's messages.
 */
export interface StoredClaim {
  id: string
  referenceNumber: string
  decisionDueDate: string
  openedDate: string
  buyer: { id: string, login: string }
  checkoutForm: { id: string, createdAt: string }
  status: ClaimStatus
  returnRequired: boolean | null
  chatActive: boolean
  expectations: Expectation[]
  description: string | null
  offer: { id: string | null, quantity: number } | null
  product: { id: string | null } | null
  reason: { type: ClaimReasonType, description: string | null }
  right: ClaimRight
  meta: { sellerId: string, decision: ClaimDecisionRecord | null }
}

/** A change of a claim's state, as its chat shows it (written by SYSTEM, worded in the reader's language). */
export interface ClaimStateChange {
  status: ClaimStatus
  by: DecidedBy
  decision: ClaimDecision | null
  partialRefund?: Price
}

/** One entry of a claim's chat: a message, or (role SYSTEM, no text stored) a state change. */
export interface StoredClaimMessage {
  id: string
  text?: string
  author: { login?: string, role: MessageAuthorRole }
  createdAt: string
  meta: { claimId: string, type: MessageType | 'STATE_CHANGE', attachmentId?: string, stateChange?: ClaimStateChange }
}

/** The snapshot lists of claims (optional: snapshots written before claims have none). */
export interface IssuesState {
  claims: StoredClaim[]
  claimMessages: StoredClaimMessage[]
}
