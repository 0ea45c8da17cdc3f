import type { Clock } from '../../core/clock.js'
import type { BlobStore } from '../../core/blob-store.js'
import type { Ids } from '../../core/ids.js'
import { matchesContentType } from '../../core/magic-bytes.js'
import type { Store } from '../../core/store.js'
import { apiErrors } from '../../errors.js'
import type { State } from '../../state.js'
import type { OrdersService } from '../orders/orders.service.js'
import {
  attachmentIdOf, changeDisputeStatus, checkAttachmentDeclaration, checkAttachmentForMessage, checkMessageRequest,
  messageConflict, recordMessage, ATTACHMENT_MAX_BYTES,
} from './dispute-message.rules.js'
import type {
  Dispute, DisputeMessage, DisputeStatus, MessageAuthorRole, MessageRequest, StoredAttachment, StoredDispute, StoredDisputeMessage,
} from './disputes.types.js'

export interface DisputesDeps {
  store: Store<State>
  clock: Clock
  ids: Ids
  blobs: BlobStore
  orders: OrdersService
  publicUrl: () => string
}

export interface DisputeListQuery { limit: number, offset: number, 'checkoutForm.id'?: string, status?: DisputeStatus[] }

/** A file given to the buyer simulator: bytes and their type, checked like an upload. */
export interface SimulatedFile { fileName: string, contentType: string, bytes: Buffer }

const openedAt = (d: StoredDispute, first: StoredDisputeMessage | undefined) => d.openedDate ?? first?.createdAt ?? ''

export function createDisputesService ({ store, clock, ids, blobs, orders, publicUrl }: DisputesDeps) {
  const now = () => clock.now().toISOString()

  function messageToWire (message: StoredDisputeMessage, attachments: StoredAttachment[]): DisputeMessage {
    const { meta, ...wire } = message
    const attachment = meta.attachmentId ? attachments.find(a => a.id === meta.attachmentId) : undefined
    return attachment
      ? { ...wire, attachment: { fileName: attachment.fileName, url: `${publicUrl()}/sale/dispute-attachments/${attachment.id}` } }
      : wire
  }

  /** Messages of one dispute, newest first; of two written at the same moment, the one stored later is newer. */
  function threadOf (state: State, disputeId: string): StoredDisputeMessage[] {
    return state.disputeMessages.map((message, index) => ({ message, index }))
      .filter(({ message }) => message.meta.disputeId === disputeId)
      .sort((a, b) => b.message.createdAt.localeCompare(a.message.createdAt) || b.index - a.index)
      .map(({ message }) => message)
  }

  function disputeToWire (state: State, dispute: StoredDispute): Dispute {
    const { meta: _meta, ...header } = dispute
    const first = threadOf(state, dispute.id).at(-1)
    if (!first) throw new Error(`Dispute ${dispute.id} has no messages`)
    return { ...header, message: messageToWire(first, state.disputeAttachments) }
  }

  /** The seller's dispute, or Allegro's 404 (unknown) / 403 (another seller's). */
  function ownDispute (state: State, sellerId: string, disputeId: string): StoredDispute {
    const dispute = state.disputes.find(d => d.id === disputeId)
    if (!dispute) throw apiErrors.notFound(`Dispute ${disputeId} not found`)
    if (dispute.meta.sellerId !== sellerId) throw apiErrors.accessDenied(`Dispute ${disputeId} belongs to another seller`)
    return dispute
  }

  function loginOf (state: State, sellerId: string): string {
    return state.sellers.find(s => s.id === sellerId)?.login ?? sellerId
  }

  /** Stores the bytes under a fresh key; the caller records the key or deletes it if the change is refused. */
  async function keepBytes (bytes: Buffer): Promise<string> {
    const key = ids.uuid()
    await blobs.put(key, bytes)
    return key
  }

  async function commitWithBytes<T> (key: string, change: (draft: State) => T): Promise<T> {
    try {
      return await store.update(change)
    } catch (error) {
      await blobs.delete(key)
      throw error
    }
  }

  function checkFile (file: SimulatedFile): void {
    if (file.bytes.length === 0 || file.bytes.length > ATTACHMENT_MAX_BYTES) throw apiErrors.payloadTooLarge('File is too big', ATTACHMENT_MAX_BYTES)
    if (!matchesContentType(file.bytes, file.contentType)) throw apiErrors.validation(`The file content is not ${file.contentType}`, 'attachment.contentType')
  }

  return {
    list (sellerId: string, query: DisputeListQuery): { disputes: Dispute[] } {
      return store.read(state => {
        const statuses = query.status
        const mine = state.disputes
          .filter(d => d.meta.sellerId === sellerId &&
            (query['checkoutForm.id'] === undefined || d.checkoutForm.id === query['checkoutForm.id']) &&
            (statuses === undefined || statuses.length === 0 || statuses.includes(d.status)))
          .map(d => ({ dispute: d, opened: openedAt(d, threadOf(state, d.id).at(-1)) }))
          .sort((a, b) => b.opened.localeCompare(a.opened))
        return { disputes: mine.slice(query.offset, query.offset + query.limit).map(({ dispute }) => disputeToWire(state, dispute)) }
      })
    },

    get (sellerId: string, disputeId: string): Dispute {
      return store.read(state => disputeToWire(state, ownDispute(state, sellerId, disputeId)))
    },

    messages (sellerId: string, disputeId: string, page: { limit: number, offset: number }): { messages: DisputeMessage[] } {
      return store.read(state => {
        ownDispute(state, sellerId, disputeId)
        const thread = threadOf(state, disputeId).slice(page.offset, page.offset + page.limit)
        return { messages: thread.map(m => messageToWire(m, state.disputeAttachments)) }
      })
    },

    /** POST /sale/disputes/{id}/messages: the seller's reply. */
    async postMessage (sellerId: string, disputeId: string, request: MessageRequest): Promise<DisputeMessage> {
      const violations = checkMessageRequest(request)
      if (violations.length > 0) throw apiErrors.invalid(violations)
      const attachmentId = attachmentIdOf(request).id
      return store.update(draft => {
        const dispute = ownDispute(draft, sellerId, disputeId)
        const conflict = messageConflict(dispute.status, request.type)
        if (conflict) throw apiErrors.conflict(conflict)
        const attachment = attachmentId === null ? undefined : draft.disputeAttachments.find(a => a.id === attachmentId)
        if (attachmentId !== null) {
          const problems = checkAttachmentForMessage(attachment, attachmentId, sellerId)
          if (problems.length > 0) throw apiErrors.invalid(problems)
        }
        const at = now()
        const message: StoredDisputeMessage = {
          id: ids.uuid(),
          ...(request.text !== undefined && request.text.trim() !== '' ? { text: request.text } : {}),
          author: { login: loginOf(draft, sellerId), role: 'SELLER' },
          createdAt: at,
          meta: { disputeId, type: request.type, ...(attachment ? { attachmentId: attachment.id } : {}) },
        }
        if (attachment) attachment.meta.messageId = message.id
        draft.disputeMessages.push(message)
        Object.assign(dispute, recordMessage(dispute, 'SELLER', at))
        return messageToWire(message, draft.disputeAttachments)
      })
    },

    /** POST /sale/dispute-attachments: a declaration; the answer's Location is the one-time upload URL. */
    async declareAttachment (sellerId: string, declaration: { fileName: string, size: number }): Promise<{ id: string, location: string }> {
      const violations = checkAttachmentDeclaration(declaration.fileName, declaration.size)
      if (violations.length > 0) throw apiErrors.invalid(violations)
      const id = ids.uuid()
      await store.update(draft => {
        draft.disputeAttachments.push({
          id, fileName: declaration.fileName, size: declaration.size,
          meta: { sellerId, declaredAt: now(), contentType: null, uploadedAt: null, messageId: null },
        })
      })
      return { id, location: `${publicUrl()}/sale/dispute-attachments/${id}` }
    },

    /** PUT /sale/dispute-attachments/{id} on the upload host: the declared file's bytes, once. */
    async upload (sellerId: string, attachmentId: string, contentType: string, bytes: Buffer): Promise<void> {
      const declared = store.read(s => s.disputeAttachments.find(a => a.id === attachmentId && a.meta.sellerId === sellerId))
      if (!declared) throw apiErrors.notFound(`Attachment declaration ${attachmentId} not found`)
      if (declared.meta.uploadedAt !== null) throw apiErrors.validation(`Attachment ${attachmentId} was already uploaded`, null)
      if (bytes.length !== declared.size) {
        throw apiErrors.validation(`The file has ${bytes.length} bytes but its declaration says ${declared.size}`, null)
      }
      if (!matchesContentType(bytes, contentType)) {
        throw apiErrors.validation(`The file content does not match Content-Type ${contentType}`, null)
      }
      const key = await keepBytes(bytes)
      await commitWithBytes(key, draft => {
        const attachment = draft.disputeAttachments.find(a => a.id === attachmentId)!
        if (attachment.meta.uploadedAt !== null) throw apiErrors.validation(`Attachment ${attachmentId} was already uploaded`, null)
        attachment.meta = { ...attachment.meta, contentType, uploadedAt: now(), blobKey: key }
      })
    },

    /** GET /sale/dispute-attachments/{id}: the exact bytes, for the seller who owns them. */
    async download (sellerId: string, attachmentId: string): Promise<{ contentType: string, fileName: string, bytes: Buffer }> {
      const attachment = store.read(s => s.disputeAttachments.find(a => a.id === attachmentId))
      if (!attachment || attachment.meta.uploadedAt === null || !attachment.meta.blobKey) {
        throw apiErrors.notFound(`Attachment ${attachmentId} not found`)
      }
      if (attachment.meta.sellerId !== sellerId) throw apiErrors.accessDenied(`Attachment ${attachmentId} belongs to another seller`)
      const bytes = await blobs.get(attachment.meta.blobKey)
      if (!bytes) throw apiErrors.notFound(`Attachment ${attachmentId} has no stored content`)
      return { contentType: attachment.meta.contentType ?? 'application/octet-stream', fileName: attachment.fileName, bytes }
    },

    /** Buyer simulator: the buyer of an order opens a dispute about it. */
    async open (input: { checkoutFormId: string, subject: string, text?: string, file?: SimulatedFile }): Promise<Dispute> {
      const order = orders.find(input.checkoutFormId)
      if (!order) throw apiErrors.notFound(`Checkout form ${input.checkoutFormId} not found`)
      if (!input.text && !input.file) throw apiErrors.validation('The first message needs a text or a file', 'text')
      if (input.file) checkFile(input.file)
      const key = input.file ? await keepBytes(input.file.bytes) : null
      const create = (draft: State) => {
        const at = now()
        const dispute: StoredDispute = {
          id: ids.uuid(),
          subject: { name: input.subject },
          status: 'ONGOING',
          messagesStatus: 'NEW',
          buyer: { id: order.buyer.id, login: order.buyer.login },
          checkoutForm: { id: order.id, createdAt: order.lineItems[0]?.boughtAt ?? order.updatedAt ?? at },
          messagesCount: 1,
          openedDate: at,
          lastMessageCreationDate: at,
          meta: { sellerId: order.meta.sellerId },
        }
        draft.disputes.push(dispute)
        addSimulatedMessage(draft, dispute, 'BUYER', order.buyer.login, input.text, input.file, key, at)
        return disputeToWire(draft, dispute)
      }
      return key ? commitWithBytes(key, create) : store.update(create)
    },

    /** Buyer simulator: a message from the buyer or from Allegro's advisor (ADMIN). */
    async postAs (disputeId: string, role: 'BUYER' | 'ADMIN', input: { text?: string, file?: SimulatedFile }): Promise<DisputeMessage> {
      if (!input.text && !input.file) throw apiErrors.validation('A message needs a text or a file', 'text')
      if (input.file) checkFile(input.file)
      const key = input.file ? await keepBytes(input.file.bytes) : null
      const post = (draft: State) => {
        const dispute = draft.disputes.find(d => d.id === disputeId)
        if (!dispute) throw apiErrors.notFound(`Dispute ${disputeId} not found`)
        if (dispute.status === 'CLOSED') throw apiErrors.conflict('Dispute is in a state that forbids adding new messages')
        const message = addSimulatedMessage(draft, dispute, role, role === 'BUYER' ? dispute.buyer.login : undefined, input.text, input.file, key, now())
        Object.assign(dispute, recordMessage(dispute, role, message.createdAt))
        return messageToWire(message, draft.disputeAttachments)
      }
      return key ? commitWithBytes(key, post) : store.update(post)
    },

    /** Buyer simulator: close, mark unresolved or reopen. */
    async setStatus (disputeId: string, status: DisputeStatus): Promise<Dispute> {
      return store.update(draft => {
        const dispute = draft.disputes.find(d => d.id === disputeId)
        if (!dispute) throw apiErrors.notFound(`Dispute ${disputeId} not found`)
        Object.assign(dispute, changeDisputeStatus(dispute, status, now()))
        return disputeToWire(draft, dispute)
      })
    },
  }

  function addSimulatedMessage (draft: State, dispute: StoredDispute, role: MessageAuthorRole, login: string | undefined,
    text: string | undefined, file: SimulatedFile | undefined, blobKey: string | null, at: string): StoredDisputeMessage {
    const messageId = ids.uuid()
    let attachmentId: string | undefined
    if (file && blobKey) {
      attachmentId = ids.uuid()
      draft.disputeAttachments.push({
        id: attachmentId, fileName: file.fileName, size: file.bytes.length,
        meta: { sellerId: dispute.meta.sellerId, declaredAt: at, contentType: file.contentType, uploadedAt: at, messageId, blobKey },
      })
    }
    const message: StoredDisputeMessage = {
      id: messageId,
      ...(text ? { text } : {}),
      author: { ...(login ? { login } : {}), role },
      createdAt: at,
      meta: { disputeId: dispute.id, type: 'REGULAR', ...(attachmentId ? { attachmentId } : {}) },
    }
    draft.disputeMessages.push(message)
    return message
  }
}

export type DisputesService = ReturnType<typeof createDisputesService>
