/** Wire types of the disputes guide, named as in Allegro's document. */
export type DisputeStatus = 'ONGOING' | 'CLOSED' | 'UNRESOLVED'
export type MessagesStatus = 'NEW' | 'BUYER_REPLIED' | 'SELLER_REPLIED' | 'ALLEGRO_ADVISOR_REPLIED'
export type MessageAuthorRole = 'BUYER' | 'SELLER' | 'ADMIN' | 'SYSTEM' | 'FULFILLMENT'
export type MessageType = 'REGULAR' | 'END_REQUEST' | 'RETURN_REQUIRED_SELLER_LABEL' | 'RETURN_REQUIRED_CUSTOM' | 'RETURN_NOT_REQUIRED'

export interface DisputeAttachment { fileName: string, url: string }

export interface DisputeMessage {
  id: string
  text?: string
  attachment?: DisputeAttachment
  author: { login?: string, role: MessageAuthorRole }
  createdAt: string
}

export interface Dispute {
  id: string
  subject: { name?: string }
  status: DisputeStatus
  messagesStatus: MessagesStatus
  buyer: { id?: string, login?: string }
  checkoutForm: { id: string, createdAt: string }
  message: DisputeMessage
  messagesCount: number
  openedDate?: string
  lastMessageCreationDate: string
  claim?: { name?: string | null, description?: string | null } | null
}

export interface MessageRequest {
  type: MessageType
  text?: string
  attachment?: { id: string }
  attachments?: Array<{ id: string }>
}

/** A dispute as stored: the wire object without its derived first message, plus its owner. */
export interface StoredDispute extends Omit<Dispute, 'message'> {
  meta: { sellerId: string }
}

/** A message as stored: the attachment is kept by id and rendered with the mock's public URL. */
export interface StoredDisputeMessage extends Omit<DisputeMessage, 'attachment'> {
  meta: { disputeId: string, type: MessageType, attachmentId?: string }
}

/** A declared attachment. Bytes live in the blob store under its id once uploaded. */
export interface StoredAttachment {
  id: string
  fileName: string
  size: number
  meta: {
    sellerId: string
    declaredAt: string
    contentType: string | null
    uploadedAt: string | null
    messageId: string | null
    /** Where the uploaded bytes are in the blob store. */
    blobKey?: string
  }
}

export interface DisputesState {
  disputes: StoredDispute[]
  disputeMessages: StoredDisputeMessage[]
  disputeAttachments: StoredAttachment[]
}
