import type { Violation } from '../../core/violation.js'
import type { OfferStatus } from '../offers/offers.types.js'

export type PublicationAction = 'ACTIVATE' | 'END'
export type TaskStatus = 'NEW' | 'SUCCESS' | 'FAIL'

/** `PUT /sale/offer-publication-commands/{commandId}` body (PublicationChangeCommandDto). */
export interface PublicationCommandInput {
  publication: { action: PublicationAction, scheduledFor?: string | null }
  offerCriteria: Array<{ type?: string, offers?: Array<{ id: string }> }>
}

/** One offer's part of a command. Wire fields plus what settling it needs. */
export interface StoredTask {
  offer: { id: string }
  status: TaskStatus
  message: string
  field: 'publication'
  scheduledAt: string
  finishedAt: string | null
  meta: {
    /** When the task settles on the mock's clock. */
    settlesAt: string
    /** The offer's status before the command touched it, to go back to on FAIL. */
    previousStatus: OfferStatus | null
    /** A failure planned through /__mock/faults. */
    forcedFailure: string | null
    violations: Violation[]
  }
}

export interface StoredCommand {
  id: string
  createdAt: string
  tasks: StoredTask[]
  meta: { sellerId: string, action: PublicationAction, scheduledFor: string | null }
}

export interface PublicationState {
  publicationCommands: StoredCommand[]
}
