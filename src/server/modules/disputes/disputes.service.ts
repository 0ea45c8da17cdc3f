import type { BlobStore } from '../../core/blob-store.js'
import type { Ids } from '../../core/ids.js'
import { matchesContentType } from '../../core/magic-bytes.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import type { AppStore, AppTransaction, SellerTables } from '../../state.js'
import type { OrdersService } from '../orders/orders.service.js'
import {
  attachmentIdOf, changeDisputeStatus, checkAttachmentDeclaration, checkAttachmentForMessage, checkMessageRequest,
  messageConflict, recordMessage, ATTACHMENT_MAX_BYTES,
} from './dispute-message.rules.js'
import type {
  Dispute, DisputeMessage, DisputeStatus, MessageAuthorRole, MessageRequest, StoredDispute, StoredDisputeMessage,
} from './disputes.types.js'

export interface DisputesDeps {
  store: AppStore
  clocks: SellerClocks
  ids: Ids
  blobs: BlobStore
  orders: OrdersService
  publicUrl: () => string
}

export interface DisputeListQuery { limit: number, offset: number, 'checkoutForm.id'?: string, status?: DisputeStatus[] }

/** A file given to the buyer simulator: bytes and their type, checked like an upload. */
export interface SimulatedFile { fileName: string, contentType: string, bytes: Buffer }

const openedAt = (d: StoredDispute, first: StoredDisputeMessage | undefined) => d.openedDate ?? first?.createdAt ?? ''

export function createDisputesService ({ store, clocks, ids, blobs, orders, publicUrl }: DisputesDeps) {
  const now = (sellerId: string) => clocks.now(sellerId).toISOString()

  function messageToWire (message: StoredDisputeMessage, tables: SellerTables): DisputeMessage {
    const { meta, ...wire } = message
    const attachment = meta.attachmentId ? tables.disputeAttachments.get(meta.attachmentId) : undefined
    return attachment
      ? { ...wire, attachment: { fileName: attachment.fileName, url: `${publicUrl()}/sale/dispute-attachments/${attachment.id}` } }
      : wire
  }

  /** Messages of one dispute, newest first; of two written at the same moment, the one stored later is newer. */
  function threadOf (tables: SellerTables, disputeId: string): StoredDisputeMessage[] {
    return tables.disputeMessages.where('byDispute', disputeId).map((message, index) => ({ message, index }))
      .sort((a, b) => b.message.createdAt.localeCompare(a.message.createdAt) || b.index - a.index)
      .map(({ message }) => message)
  }

  function firstMessage (tables: SellerTables, disputeId: string): StoredDisputeMessage | undefined {
    let first: StoredDisputeMessage | undefined
    for (const message of tables.disputeMessages.where('byDispute', disputeId)) {
      if (!first || message.createdAt < first.createdAt) first = message
    }
    return first
  }

  function disputeToWire (tables: SellerTables, dispute: StoredDispute): Dispute {
    const { meta: _meta, ...header } = dispute
    const first = firstMessage(tables, dispute.id)
    if (!first) throw new Error(`Dispute ${dispute.id} has no messages`)
    return { ...header, message: messageToWire(first, tables) }
  }

  /** The seller's dispute, or Allegro's 404 (unknown) / 403 (another seller's). */
  function ownDispute (tables: SellerTables, disputeId: string): StoredDispute {
    const dispute = tables.disputes.get(disputeId)
    if (dispute) return dispute
    if (store.ownerOf('disputes', disputeId) !== undefined) throw apiErrors.accessDenied(`Dispute ${disputeId} belongs to another seller`)
    throw apiErrors.notFound(`Dispute ${disputeId} not found`)
  }

  /** Any seller's dispute, for the buyer simulator, with its seller's tables. */
  function anyDispute (tx: Pick<AppTransaction, 'seller'>, disputeId: string): { dispute: StoredDispute, tables: SellerTables, sellerId: string } {
    const sellerId = store.ownerOf('disputes', disputeId)
    const tables = sellerId === undefined ? undefined : tx.seller(sellerId)
    const dispute = tables?.disputes.get(disputeId)
    if (!dispute) throw apiErrors.notFound(`Dispute ${disputeId} not found`)
    return { dispute, tables: tables!, sellerId: sellerId! }
  }

  function loginOf (tx: Pick<AppTransaction, 'instance'>, sellerId: string): string {
    return tx.instance.sellers.get(sellerId)?.login ?? sellerId
  }

  /** Stores the bytes under a fresh key; the caller records the key or deletes it if the change is refused. */
  async function keepBytes (bytes: Buffer): Promise<string> {
    const key = ids.uuid()
    await blobs.put(key, bytes)
    return key
  }

  async function commitWithBytes<T> (key: string, change: (tx: AppTransaction) => T): Promise<T> {
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
      const tables = store.seller(sellerId)
      const statuses = query.status
      const mine = tables.disputes.all()
        .filter(d => (query['checkoutForm.id'] === undefined || d.checkoutForm.id === query['checkoutForm.id']) &&
          (statuses === undefined || statuses.length === 0 || statuses.includes(d.status)))
        .map(d => ({ dispute: d, opened: openedAt(d, d.openedDate ? undefined : firstMessage(tables, d.id)) }))
        .sort((a, b) => b.opened.localeCompare(a.opened))
      return { disputes: mine.slice(query.offset, query.offset + query.limit).map(({ dispute }) => disputeToWire(tables, dispute)) }
    },

    get (sellerId: string, disputeId: string): Dispute {
      const tables = store.seller(sellerId)
      return disputeToWire(tables, ownDispute(tables, disputeId))
    },

    messages (sellerId: string, disputeId: string, page: { limit: number, offset: number }): { messages: DisputeMessage[] } {
      const tables = store.seller(sellerId)
      ownDispute(tables, disputeId)
      const thread = threadOf(tables, disputeId).slice(page.offset, page.offset + page.limit)
      return { messages: thread.map(m => messageToWire(m, tables)) }
    },

    /** POST /sale/disputes/{id}/messages: the seller's reply. */
    async postMessage (sellerId: string, disputeId: string, request: MessageRequest): Promise<DisputeMessage> {
      const violations = checkMessageRequest(request)
      if (violations.length > 0) throw apiErrors.invalid(violations)
      const attachmentId = attachmentIdOf(request).id
      return store.update(tx => {
        const tables = tx.seller(sellerId)
        const dispute = ownDispute(tables, disputeId)
        const conflict = messageConflict(dispute.status, request.type)
        if (conflict) throw apiErrors.conflict(conflict)
        const attachment = attachmentId === null ? undefined : tables.disputeAttachments.get(attachmentId)
        if (attachmentId !== null) {
          const problems = checkAttachmentForMessage(attachment, attachmentId, sellerId)
          if (problems.length > 0) throw apiErrors.invalid(problems)
        }
        const at = now(sellerId)
        const message: StoredDisputeMessage = {
          id: ids.uuid(),
          ...(request.text !== undefined && request.text.trim() !== '' ? { text: request.text } : {}),
          author: { login: loginOf(tx, sellerId), role: 'SELLER' },
          createdAt: at,
          meta: { disputeId, type: request.type, ...(attachment ? { attachmentId: attachment.id } : {}) },
        }
        if (attachment) tables.disputeAttachments.put({ ...attachment, meta: { ...attachment.meta, messageId: message.id } })
        tables.disputeMessages.put(message)
        tables.disputes.put({ ...dispute, ...recordMessage(dispute, 'SELLER', at) })
        return messageToWire(message, tables)
      })
    },

    /** POST /sale/dispute-attachments: a declaration; the answer's Location is the one-time upload URL. */
    async declareAttachment (sellerId: string, declaration: { fileName: string, size: number }): Promise<{ id: string, location: string }> {
      const violations = checkAttachmentDeclaration(declaration.fileName, declaration.size)
      if (violations.length > 0) throw apiErrors.invalid(violations)
      const id = ids.uuid()
      await store.update(tx => {
        tx.seller(sellerId).disputeAttachments.put({
          id, fileName: declaration.fileName, size: declaration.size,
          meta: { sellerId, declaredAt: now(sellerId), contentType: null, uploadedAt: null, messageId: null },
        })
      })
      return { id, location: `${publicUrl()}/sale/dispute-attachments/${id}` }
    },

    /** PUT /sale/dispute-attachments/{id} on the upload host: the declared file's bytes, once. */
    async upload (sellerId: string, attachmentId: string, contentType: string, bytes: Buffer): Promise<void> {
      const declared = store.seller(sellerId).disputeAttachments.get(attachmentId)
      if (!declared) throw apiErrors.notFound(`Attachment declaration ${attachmentId} not found`)
      if (declared.meta.uploadedAt !== null) throw apiErrors.validation(`Attachment ${attachmentId} was already uploaded`, null)
      if (bytes.length !== declared.size) {
        throw apiErrors.validation(`The file has ${bytes.length} bytes but its declaration says ${declared.size}`, null)
      }
      if (!matchesContentType(bytes, contentType)) {
        throw apiErrors.validation(`The file content does not match Content-Type ${contentType}`, null)
      }
      const key = await keepBytes(bytes)
      await commitWithBytes(key, tx => {
        const attachments = tx.seller(sellerId).disputeAttachments
        const attachment = attachments.get(attachmentId)
        if (!attachment) throw apiErrors.notFound(`Attachment declaration ${attachmentId} not found`)
        if (attachment.meta.uploadedAt !== null) throw apiErrors.validation(`Attachment ${attachmentId} was already uploaded`, null)
        attachments.put({ ...attachment, meta: { ...attachment.meta, contentType, uploadedAt: now(sellerId), blobKey: key } })
      })
    },

    /** GET /sale/dispute-attachments/{id}: the exact bytes, for the seller who owns them. */
    async download (sellerId: string, attachmentId: string): Promise<{ contentType: string, fileName: string, bytes: Buffer }> {
      const attachment = store.seller(sellerId).disputeAttachments.get(attachmentId)
      if (!attachment) {
        if (store.ownerOf('disputeAttachments', attachmentId) !== undefined) throw apiErrors.accessDenied(`Attachment ${attachmentId} belongs to another seller`)
        throw apiErrors.notFound(`Attachment ${attachmentId} not found`)
      }
      if (attachment.meta.uploadedAt === null || !attachment.meta.blobKey) throw apiErrors.notFound(`Attachment ${attachmentId} not found`)
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
      const sellerId = order.meta.sellerId
      const create = (tx: AppTransaction) => {
        const at = now(sellerId)
        const tables = tx.seller(sellerId)
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
          meta: { sellerId },
        }
        tables.disputes.put(dispute)
        addSimulatedMessage(tables, dispute, 'BUYER', order.buyer.login, input.text, input.file, key, at)
        return disputeToWire(tables, dispute)
      }
      return key ? commitWithBytes(key, create) : store.update(create)
    },

    /** Buyer simulator: a message from the buyer or from Allegro's advisor (ADMIN). */
    async postAs (disputeId: string, role: 'BUYER' | 'ADMIN', input: { text?: string, file?: SimulatedFile }): Promise<DisputeMessage> {
      if (!input.text && !input.file) throw apiErrors.validation('A message needs a text or a file', 'text')
      if (input.file) checkFile(input.file)
      const key = input.file ? await keepBytes(input.file.bytes) : null
      const post = (tx: AppTransaction) => {
        const { dispute, tables, sellerId } = anyDispute(tx, disputeId)
        if (dispute.status === 'CLOSED') throw apiErrors.conflict('Dispute is in a state that forbids adding new messages')
        const message = addSimulatedMessage(tables, dispute, role, role === 'BUYER' ? dispute.buyer.login : undefined, input.text, input.file, key, now(sellerId))
        tables.disputes.put({ ...dispute, ...recordMessage(dispute, role, message.createdAt) })
        return messageToWire(message, tables)
      }
      return key ? commitWithBytes(key, post) : store.update(post)
    },

    /** Buyer simulator: close, mark unresolved or reopen. */
    async setStatus (disputeId: string, status: DisputeStatus): Promise<Dispute> {
      return store.update(tx => {
        const { dispute, tables, sellerId } = anyDispute(tx, disputeId)
        const changed = tables.disputes.put({ ...dispute, ...changeDisputeStatus(dispute, status, now(sellerId)) })
        return disputeToWire(tables, changed)
      })
    },
  }

  function addSimulatedMessage (tables: SellerTables, dispute: StoredDispute, role: MessageAuthorRole, login: string | undefined,
    text: string | undefined, file: SimulatedFile | undefined, blobKey: string | null, at: string): StoredDisputeMessage {
    const messageId = ids.uuid()
    let attachmentId: string | undefined
    if (file && blobKey) {
      attachmentId = ids.uuid()
      tables.disputeAttachments.put({
        id: attachmentId, fileName: file.fileName, size: file.bytes.length,
        meta: { sellerId: dispute.meta.sellerId, declaredAt: at, contentType: file.contentType, uploadedAt: at, messageId, blobKey },
      })
    }
    return tables.disputeMessages.put({
      id: messageId,
      ...(text ? { text } : {}),
      author: { ...(login ? { login } : {}), role },
      createdAt: at,
      meta: { disputeId: dispute.id, type: 'REGULAR', ...(attachmentId ? { attachmentId } : {}) },
    })
  }
}

export type DisputesService = ReturnType<typeof createDisputesService>
