import type { BlobStore } from '../../core/blob-store.js'
import type { Ids } from '../../core/ids.js'
import { matchesContentType } from '../../core/magic-bytes.js'
import type { Language } from '../../core/violation.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import type { AppStore, AppTransaction, SellerTables } from '../../state.js'
import { ATTACHMENT_MAX_BYTES, attachmentIdOf, checkAttachmentForMessage, checkMessageRequest } from '../disputes/dispute-message.rules.js'
import type { DisputesService, SimulatedFile } from '../disputes/disputes.service.js'
import type { MessageAuthorRole, MessageRequest, StoredDispute, StoredDisputeMessage } from '../disputes/disputes.types.js'
import type { OrdersService } from '../orders/orders.service.js'
import {
  acceptOnDueDate, checkClaimDecision, checkClaimMessage, claimSubject, decideClaim, decisionDueDateFor, disputeIssueStatus,
  disputeStatusOf, disputeSubject, lastMessageStatus, nextReferenceNumber, reopenClaim, returnRequiredBy, stateChangeText,
} from './issue.rules.js'
import type {
  ClaimDecision, ClaimReasonType, ClaimRight, ClaimStateChange, ClaimStatusChangeRequest, Expectation, IssueAttachment,
  IssueListQuery, IssueMessage, PostPurchaseIssue, PostPurchaseIssueStatus, StoredClaim, StoredClaimMessage,
} from './issues.types.js'

export interface IssuesDeps {
  store: AppStore
  clocks: SellerClocks
  ids: Ids
  blobs: BlobStore
  /** The guide's disputes: a dispute's messages and attachments are written through it, so both APIs see one state. */
  disputes: DisputesService
  orders: OrdersService
  publicUrl: () => string
}

/** What the buyer files through the simulator (`POST /__mock/claims`). */
export interface ClaimInput {
  checkoutFormId: string
  reason: { type: ClaimReasonType, description?: string | null }
  expectations?: Expectation[]
  right?: ClaimRight
  description?: string | null
  text?: string
  file?: SimulatedFile
  /** When the seller's decision is due; 14 days after opening when left out. */
  decisionDueDate?: string
}

/** Allegro's side of an issue (`POST /__mock/issues/{id}/status`): a dispute's status, or a claim's decision and chat. */
export interface IssueStateInput {
  status?: PostPurchaseIssueStatus
  /** For CLAIM_ACCEPTED / CLAIM_REJECTED: the solution Allegro decided on. */
  decision?: ClaimDecision
  chatActive?: boolean
}

type Found = { kind: 'dispute', dispute: StoredDispute } | { kind: 'claim', claim: StoredClaim }

/** Oldest first; of two written at the same moment, the one stored first is older. */
function oldestFirst<M extends { createdAt: string }> (messages: readonly M[]): M[] {
  return messages.map((message, index) => ({ message, index }))
    .sort((a, b) => a.message.createdAt.localeCompare(b.message.createdAt) || a.index - b.index)
    .map(({ message }) => message)
}

/**
 * The successor of the guide's disputes API: every dispute is an issue of type DISPUTE (read from, and written to,
 * the guide's tables), and claims live beside them. A claim left unanswered past its due date is accepted when a
 * request next looks at the seller's claims (nothing runs in the background).
 */
export function createIssuesService ({ store, clocks, ids, blobs, disputes, orders, publicUrl }: IssuesDeps) {
  const now = (sellerId: string) => clocks.now(sellerId).toISOString()
  const attachmentUrl = (id: string) => `${publicUrl()}/sale/issues/attachments/${id}`

  function attachmentsOf (tables: SellerTables, attachmentId: string | undefined): IssueAttachment[] {
    const attachment = attachmentId ? tables.disputeAttachments.get(attachmentId) : undefined
    return attachment ? [{ fileName: attachment.fileName, url: attachmentUrl(attachment.id) }] : []
  }

  function messageToWire (tables: SellerTables, message: StoredDisputeMessage | StoredClaimMessage, language: Language): IssueMessage {
    const { meta, text, author, id, createdAt } = message
    const change = 'stateChange' in meta ? meta.stateChange : undefined
    const shown = change ? stateChangeText(change, language) : text
    return { id, ...(shown !== undefined ? { text: shown } : {}), attachments: attachmentsOf(tables, meta.attachmentId), author, createdAt }
  }

  function initialMessage (tables: SellerTables, first: StoredDisputeMessage | StoredClaimMessage, language: Language): PostPurchaseIssue['chat']['initialMessage'] {
    const wire = messageToWire(tables, first, language)
    const role = wire.author.role === 'ADMIN' ? 'ADMIN' : 'BUYER'
    return { ...wire, author: { ...(wire.author.login ? { login: wire.author.login } : {}), role } }
  }

  const disputeThread = (tables: SellerTables, id: string) => oldestFirst(tables.disputeMessages.where('byDispute', id))
  const claimThread = (tables: SellerTables, id: string) => oldestFirst(tables.claimMessages.where('byClaim', id))

  function disputeToIssue (tables: SellerTables, dispute: StoredDispute, language: Language): PostPurchaseIssue {
    const first = disputeThread(tables, dispute.id)[0]
    if (!first) throw new Error(`Dispute ${dispute.id} has no messages`)
    const initial = initialMessage(tables, first, language)
    return {
      id: dispute.id,
      type: 'DISPUTE',
      referenceNumber: null,
      decisionDueDate: null,
      openedDate: dispute.openedDate ?? first.createdAt,
      subject: disputeSubject(dispute.subject.name, language),
      buyer: dispute.buyer,
      checkoutForm: dispute.checkoutForm,
      currentState: { status: disputeIssueStatus(dispute.status), statusDueDate: null, returnRequired: null, chatActive: dispute.status !== 'CLOSED' },
      chat: {
        lastMessage: { status: dispute.messagesStatus, createdAt: dispute.lastMessageCreationDate },
        messagesCount: dispute.messagesCount,
        initialMessage: initial,
      },
      expectations: [],
      description: dispute.claim?.description ?? null,
      offer: null,
      product: null,
      reason: null,
      right: null,
      attachments: initial.attachments,
    }
  }

  function claimToIssue (tables: SellerTables, claim: StoredClaim, language: Language): PostPurchaseIssue {
    const thread = claimThread(tables, claim.id)
    const first = thread[0]
    if (!first) throw new Error(`Claim ${claim.id} has no messages`)
    const initial = initialMessage(tables, first, language)
    const { status, returnRequired, chatActive } = claim
    return {
      id: claim.id,
      type: 'CLAIM',
      referenceNumber: claim.referenceNumber,
      decisionDueDate: claim.decisionDueDate,
      openedDate: claim.openedDate,
      subject: claimSubject(claim.reason.type, language),
      buyer: claim.buyer,
      checkoutForm: claim.checkoutForm,
      currentState: { status, statusDueDate: status === 'CLAIM_SUBMITTED' ? claim.decisionDueDate : null, returnRequired, chatActive },
      chat: {
        lastMessage: { status: lastMessageStatus(thread), createdAt: thread.at(-1)!.createdAt },
        messagesCount: thread.length,
        initialMessage: initial,
      },
      expectations: claim.expectations,
      description: claim.description,
      offer: claim.offer,
      product: claim.product,
      reason: claim.reason,
      right: claim.right,
      attachments: initial.attachments,
    }
  }

  /** Accepts, at their due dates, the claims the seller left unanswered; inside a change. */
  function settle (tx: Pick<AppTransaction, 'seller'>, sellerId: string): void {
    const tables = tx.seller(sellerId)
    for (const due of tables.claims.dueBy(clocks.now(sellerId).getTime())) {
      const { claim, change, at } = acceptOnDueDate(due)
      tables.claims.put(claim)
      addStateChange(tables, claim.id, change, at)
    }
  }

  async function settleDue (sellerId: string): Promise<void> {
    const next = store.seller(sellerId).claims.nextDue()
    if (next !== null && next <= clocks.now(sellerId).getTime()) await store.update(tx => settle(tx, sellerId))
  }

  function addStateChange (tables: SellerTables, claimId: string, change: ClaimStateChange, at: string): StoredClaimMessage {
    return tables.claimMessages.put({ id: ids.uuid(), author: { role: 'SYSTEM' }, createdAt: at, meta: { claimId, type: 'STATE_CHANGE', stateChange: change } })
  }

  /** The seller's issue, or Allegro's 404 (unknown) / 403 (another seller's). */
  function ownIssue (tables: SellerTables, issueId: string): Found {
    const dispute = tables.disputes.get(issueId)
    if (dispute) return { kind: 'dispute', dispute }
    const claim = tables.claims.get(issueId)
    if (claim) return { kind: 'claim', claim }
    if (store.ownerOf('disputes', issueId) !== undefined || store.ownerOf('claims', issueId) !== undefined) {
      throw apiErrors.accessDenied(`Issue ${issueId} belongs to another seller`)
    }
    throw apiErrors.notFound(`Issue ${issueId} not found`)
  }

  /** Any seller's issue, for the simulator. */
  function anyIssue (issueId: string): { sellerId: string, found: Found } {
    const sellerId = store.ownerOf('disputes', issueId) ?? store.ownerOf('claims', issueId)
    if (sellerId === undefined) throw apiErrors.notFound(`Issue ${issueId} not found`)
    return { sellerId, found: ownIssue(store.seller(sellerId), issueId) }
  }

  function toIssue (tables: SellerTables, found: Found, language: Language): PostPurchaseIssue {
    return found.kind === 'dispute' ? disputeToIssue(tables, found.dispute, language) : claimToIssue(tables, found.claim, language)
  }

  function checkFile (file: SimulatedFile): void {
    if (file.bytes.length === 0 || file.bytes.length > ATTACHMENT_MAX_BYTES) throw apiErrors.payloadTooLarge('File is too big', ATTACHMENT_MAX_BYTES)
    if (!matchesContentType(file.bytes, file.contentType)) throw apiErrors.validation(`The file content is not ${file.contentType}`, 'file.contentType')
  }

  /** Stores a simulated file's bytes, runs the change, and drops the bytes again if the change is refused. */
  async function withFile<T> (file: SimulatedFile | undefined, change: (tx: AppTransaction, blobKey: string | null) => T): Promise<T> {
    if (!file) return store.update(tx => change(tx, null))
    checkFile(file)
    const key = ids.uuid()
    await blobs.put(key, file.bytes)
    try {
      return await store.update(tx => change(tx, key))
    } catch (error) {
      await blobs.delete(key)
      throw error
    }
  }

  function addClaimMessage (tables: SellerTables, claim: StoredClaim, role: MessageAuthorRole, login: string | undefined, text: string | undefined,
    attachment: { id: string } | { file: SimulatedFile, blobKey: string } | null, type: StoredClaimMessage['meta']['type'], at: string): StoredClaimMessage {
    const messageId = ids.uuid()
    let attachmentId: string | undefined
    if (attachment && 'file' in attachment) {
      attachmentId = ids.uuid()
      tables.disputeAttachments.put({
        id: attachmentId, fileName: attachment.file.fileName, size: attachment.file.bytes.length,
        meta: { sellerId: claim.meta.sellerId, declaredAt: at, contentType: attachment.file.contentType, uploadedAt: at, messageId, blobKey: attachment.blobKey },
      })
    } else if (attachment) {
      const used = tables.disputeAttachments.get(attachment.id)!
      tables.disputeAttachments.put({ ...used, meta: { ...used.meta, messageId } })
      attachmentId = used.id
    }
    return tables.claimMessages.put({
      id: messageId,
      ...(text !== undefined && text.trim() !== '' ? { text } : {}),
      author: { ...(login ? { login } : {}), role },
      createdAt: at,
      meta: { claimId: claim.id, type, ...(attachmentId ? { attachmentId } : {}) },
    })
  }

  const loginOf = (tx: Pick<AppTransaction, 'instance'>, sellerId: string) => tx.instance.sellers.get(sellerId)?.login ?? sellerId

  return {
    settleDue,

    /** GET /sale/issues: disputes and claims together, newest opened first. */
    async list (sellerId: string, query: IssueListQuery, language: Language): Promise<{ issues: PostPurchaseIssue[] }> {
      await settleDue(sellerId)
      const tables = store.seller(sellerId)
      const orderId = query['checkoutForm.id']
      const statuses = query.status ?? []
      const all = [
        ...tables.disputes.all().map(dispute => disputeToIssue(tables, dispute, language)),
        ...(orderId === undefined ? tables.claims.all() : tables.claims.where('byCheckoutForm', orderId)).map(claim => claimToIssue(tables, claim, language)),
      ].filter(issue => (orderId === undefined || issue.checkoutForm.id === orderId) &&
        (statuses.length === 0 || statuses.includes(issue.currentState.status)))
        .sort((a, b) => b.openedDate.localeCompare(a.openedDate))
      return { issues: all.slice(query.offset, query.offset + query.limit) }
    },

    async get (sellerId: string, issueId: string, language: Language): Promise<PostPurchaseIssue> {
      await settleDue(sellerId)
      const tables = store.seller(sellerId)
      return toIssue(tables, ownIssue(tables, issueId), language)
    },

    /** GET /sale/issues/{id}/chat: a dispute's messages (the guide's, the same ids) or a claim's messages and state changes, newest first. */
    async chat (sellerId: string, issueId: string, page: { limit: number, offset: number }, language: Language): Promise<{ chat: IssueMessage[] }> {
      await settleDue(sellerId)
      const tables = store.seller(sellerId)
      const found = ownIssue(tables, issueId)
      const thread: Array<StoredDisputeMessage | StoredClaimMessage> = found.kind === 'dispute' ? disputeThread(tables, issueId) : claimThread(tables, issueId)
      return { chat: thread.reverse().slice(page.offset, page.offset + page.limit).map(m => messageToWire(tables, m, language)) }
    },

    /** POST /sale/issues/{id}/message: the seller's reply; to a dispute it goes through the guide's rules and tables. */
    async postMessage (sellerId: string, issueId: string, request: MessageRequest, language: Language): Promise<IssueMessage> {
      await settleDue(sellerId)
      const found = ownIssue(store.seller(sellerId), issueId)
      if (found.kind === 'dispute') {
        const posted = await disputes.postMessage(sellerId, issueId, request)
        const tables = store.seller(sellerId)
        return messageToWire(tables, tables.disputeMessages.get(posted.id)!, language)
      }
      // The content rules are the guide's; which types a claim takes is the claim's own rule.
      const violations = checkMessageRequest({ ...request, type: 'REGULAR' })
      if (violations.length > 0) throw apiErrors.invalid(violations)
      const attachmentId = attachmentIdOf(request).id
      return store.update(tx => {
        settle(tx, sellerId)
        const tables = tx.seller(sellerId)
        const claim = tables.claims.get(issueId)!
        const { violations: typeViolations, conflict } = checkClaimMessage(claim, request.type)
        if (conflict) throw apiErrors.conflict(conflict)
        if (typeViolations.length > 0) throw apiErrors.invalid(typeViolations)
        if (attachmentId !== null) {
          const problems = checkAttachmentForMessage(tables.disputeAttachments.get(attachmentId), attachmentId, sellerId)
          if (problems.length > 0) throw apiErrors.invalid(problems)
        }
        const message = addClaimMessage(tables, claim, 'SELLER', loginOf(tx, sellerId), request.text,
          attachmentId === null ? null : { id: attachmentId }, request.type, now(sellerId))
        const returnRequired = returnRequiredBy(request.type)
        if (returnRequired !== undefined) tables.claims.put({ ...claim, returnRequired })
        return messageToWire(tables, message, language)
      })
    },

    /** POST /sale/issues/{id}/status: the seller accepts or rejects a claim; the decision and its message go to the chat. */
    async changeStatus (sellerId: string, issueId: string, request: ClaimStatusChangeRequest): Promise<void> {
      await settleDue(sellerId)
      const found = ownIssue(store.seller(sellerId), issueId)
      if (found.kind === 'dispute') throw apiErrors.notAClaim(issueId)
      await store.update(tx => {
        settle(tx, sellerId)
        const tables = tx.seller(sellerId)
        const claim = tables.claims.get(issueId)!
        const total = tables.checkoutForms.get(claim.checkoutForm.id)?.summary.totalToPay ?? null
        const violations = checkClaimDecision(claim, request, total)
        if (violations.length > 0) throw apiErrors.refused(violations)
        const at = now(sellerId)
        const decided = decideClaim(claim, request.status, 'SELLER', at, request.status === 'ACCEPTED_PARTIAL_REFUND' ? request.partialRefund : undefined)
        tables.claims.put(decided.claim)
        addClaimMessage(tables, decided.claim, 'SELLER', loginOf(tx, sellerId), request.message, null, 'REGULAR', at)
        addStateChange(tables, claim.id, decided.change, at)
      })
    },

    /** POST /sale/issues/attachments: one declaration table for both APIs; the Location is this API's upload URL. */
    async declareAttachment (sellerId: string, declaration: { fileName: string, size: number }): Promise<{ id: string, location: string }> {
      const { id } = await disputes.declareAttachment(sellerId, declaration)
      return { id, location: attachmentUrl(id) }
    },

    /** PUT /sale/issues/attachments/{id}: the declared bytes, once, checked as the guide's uploads are. */
    async upload (sellerId: string, attachmentId: string, contentType: string, bytes: Buffer): Promise<{ id: string }> {
      await disputes.upload(sellerId, attachmentId, contentType, bytes)
      return { id: attachmentId }
    },

    download: (sellerId: string, attachmentId: string) => disputes.download(sellerId, attachmentId),

    /** Simulator: the buyer of an order files a claim about it. */
    async openClaim (input: ClaimInput): Promise<PostPurchaseIssue> {
      const order = orders.find(input.checkoutFormId)
      if (!order) throw apiErrors.notFound(`Checkout form ${input.checkoutFormId} not found`)
      if (!input.text && !input.file) throw apiErrors.validation('The first message needs a text or a file', 'text')
      const sellerId = order.meta.sellerId
      return withFile(input.file, (tx, blobKey) => {
        settle(tx, sellerId)
        const tables = tx.seller(sellerId)
        const at = now(sellerId)
        const line = order.lineItems[0]
        const claim: StoredClaim = {
          id: ids.uuid(),
          referenceNumber: nextReferenceNumber(tables.claims.all().map(c => c.referenceNumber), new Date(at).getUTCFullYear()),
          decisionDueDate: input.decisionDueDate ? new Date(input.decisionDueDate).toISOString() : decisionDueDateFor(at),
          openedDate: at,
          buyer: { id: order.buyer.id, login: order.buyer.login },
          checkoutForm: { id: order.id, createdAt: line?.boughtAt ?? order.updatedAt ?? at },
          status: 'CLAIM_SUBMITTED',
          returnRequired: null,
          chatActive: true,
          expectations: input.expectations ?? [{ name: 'REFUND' }],
          description: input.description ?? null,
          offer: line ? { id: line.offer.id, quantity: line.quantity } : null,
          product: null,
          reason: { type: input.reason.type, description: input.reason.description ?? null },
          right: input.right ?? 'COMPLAINT',
          meta: { sellerId, decision: null },
        }
        tables.claims.put(claim)
        addClaimMessage(tables, claim, 'BUYER', order.buyer.login, input.text,
          input.file && blobKey ? { file: input.file, blobKey } : null, 'REGULAR', at)
        return claimToIssue(tables, claim, 'pl')
      })
    },

    /** Simulator: a message from the buyer or Allegro's advisor, to a dispute or a claim. */
    async postAs (issueId: string, role: 'BUYER' | 'ADMIN', input: { text?: string, file?: SimulatedFile }): Promise<IssueMessage> {
      const { sellerId, found } = anyIssue(issueId)
      if (found.kind === 'dispute') {
        const posted = await disputes.postAs(issueId, role, input)
        const tables = store.seller(sellerId)
        return messageToWire(tables, tables.disputeMessages.get(posted.id)!, 'pl')
      }
      if (!input.text && !input.file) throw apiErrors.validation('A message needs a text or a file', 'text')
      return withFile(input.file, (tx, blobKey) => {
        settle(tx, sellerId)
        const tables = tx.seller(sellerId)
        const claim = tables.claims.get(issueId)!
        if (!claim.chatActive) throw apiErrors.conflict('Dispute is in a state that forbids adding new messages')
        const message = addClaimMessage(tables, claim, role, role === 'BUYER' ? claim.buyer.login : undefined, input.text,
          input.file && blobKey ? { file: input.file, blobKey } : null, 'REGULAR', now(sellerId))
        return messageToWire(tables, message, 'pl')
      })
    },

    /** Simulator: close, escalate or reopen a dispute; decide, reopen, close or open a claim's chat. */
    async setState (issueId: string, input: IssueStateInput): Promise<PostPurchaseIssue> {
      const { sellerId, found } = anyIssue(issueId)
      if (found.kind === 'dispute') {
        const status = input.status === undefined ? null : disputeStatusOf(input.status)
        if (status === null || input.chatActive !== undefined || input.decision !== undefined) {
          throw apiErrors.validation('A dispute takes only status DISPUTE_ONGOING, DISPUTE_CLOSED or DISPUTE_UNRESOLVED (its chat follows its status)', 'status')
        }
        await disputes.setStatus(issueId, status)
        const tables = store.seller(sellerId)
        return disputeToIssue(tables, tables.disputes.get(issueId)!, 'pl')
      }
      if (input.status !== undefined && disputeStatusOf(input.status) !== null) throw apiErrors.validation(`A claim cannot take status ${input.status}`, 'status')
      if (input.decision !== undefined && input.status === 'CLAIM_SUBMITTED') throw apiErrors.validation('A reopened claim has no decision', 'decision')
      if (input.decision !== undefined && input.status !== undefined && input.decision.startsWith('ACCEPTED_') !== (input.status === 'CLAIM_ACCEPTED')) {
        throw apiErrors.validation(`Decision ${input.decision} does not go with status ${input.status}`, 'decision')
      }
      return store.update(tx => {
        settle(tx, sellerId)
        const tables = tx.seller(sellerId)
        let claim = tables.claims.get(issueId)!
        const at = now(sellerId)
        const status = input.status ?? (input.decision === undefined ? undefined : input.decision.startsWith('ACCEPTED_') ? 'CLAIM_ACCEPTED' : 'CLAIM_REJECTED')
        // Allegro may overturn its own decision: another decision on a decided claim is a new state change.
        const redecided = input.decision !== undefined && input.decision !== claim.meta.decision?.status
        if (status !== undefined && (status !== claim.status || redecided)) {
          const moved = status === 'CLAIM_SUBMITTED'
            ? reopenClaim(claim, decisionDueDateFor(at))
            : decideClaim(claim, input.decision ?? (status === 'CLAIM_ACCEPTED' ? 'ACCEPTED_REFUND' : 'REJECTED_OTHER'), 'ADMIN', at)
          claim = moved.claim
          addStateChange(tables, claim.id, moved.change, at)
        }
        if (input.chatActive !== undefined) claim = { ...claim, chatActive: input.chatActive }
        tables.claims.put(claim)
        return claimToIssue(tables, claim, 'pl')
      })
    },
  }
}

export type IssuesService = ReturnType<typeof createIssuesService>
