import type { Violation } from '../../core/violation.js'
import type { DisputeStatus, MessageAuthorRole, MessageRequest, MessagesStatus, StoredAttachment, StoredDispute } from './disputes.types.js'

/** Largest declared attachment (Allegro's tutorial and observed 422s: 2 097 152 bytes). */
export const ATTACHMENT_MAX_BYTES = 2_097_152
export const ATTACHMENT_NAME_MAX = 255

/** The one attachment id of a message request, accepting the guide's `attachment` and the 2025 `attachments` array. */
export function attachmentIdOf (request: MessageRequest): { id: string | null, violations: Violation[] } {
  const single = request.attachment?.id
  const listed = request.attachments?.[0]?.id
  if (single !== undefined && listed !== undefined && single !== listed) {
    return { id: null, violations: [invalid('attachments', 'Give one attachment, either as attachment or as attachments[0]', 'Wiadomość może mieć jeden załącznik.', 'A message can have one attachment.')] }
  }
  return { id: single ?? listed ?? null, violations: [] }
}

/** What a seller's message must satisfy before the dispute's state is looked at. */
export function checkMessageRequest (request: MessageRequest): Violation[] {
  const violations: Violation[] = []
  const { id, violations: attachmentViolations } = attachmentIdOf(request)
  violations.push(...attachmentViolations)
  const hasText = request.text !== undefined && request.text.trim() !== ''
  if (!hasText && id === null && attachmentViolations.length === 0) {
    violations.push(invalid('text', 'At least one of fields: text, attachment has to be present',
      'Wiadomość musi zawierać tekst lub załącznik.', 'The message needs a text or an attachment.'))
  }
  if (request.type.startsWith('RETURN_')) {
    violations.push(invalid('type', `Message type ${request.type} is allowed only for claims`,
      'Ten typ wiadomości jest dostępny tylko dla reklamacji.', 'This message type is only available for claims.'))
  }
  return violations
}

/** Whether a message of `type` may be added to a dispute in `status`; null when it may. */
export function messageConflict (status: DisputeStatus, type: MessageRequest['type']): string | null {
  if (status === 'CLOSED') return 'Dispute is in a state that forbids adding new messages'
  if (type === 'END_REQUEST' && status !== 'ONGOING') return 'Dispute is in a state that forbids adding new messages'
  return null
}

/** An attachment a seller wants to use: it must be theirs, uploaded, and not used yet. */
export function checkAttachmentForMessage (attachment: StoredAttachment | undefined, id: string, sellerId: string): Violation[] {
  if (!attachment || attachment.meta.sellerId !== sellerId) {
    return [invalid('attachment.id', `Attachment ${id} not found`, 'Nie znaleziono załącznika.', 'The attachment was not found.')]
  }
  if (attachment.meta.uploadedAt === null) {
    return [invalid('attachment.id', `Attachment ${id} has not been uploaded`, 'Załącznik nie został jeszcze przesłany.', 'The attachment has not been uploaded yet.')]
  }
  if (attachment.meta.messageId !== null) {
    return [invalid('attachment.id', `Attachment ${id} was already used in a message`, 'Załącznik został już użyty.', 'The attachment was already used.')]
  }
  return []
}

/** A declaration's file name and size (`POST /sale/dispute-attachments`). */
export function checkAttachmentDeclaration (fileName: string, size: number): Violation[] {
  const violations: Violation[] = []
  if (fileName.trim() === '' || fileName.length > ATTACHMENT_NAME_MAX || /[/\\]/.test(fileName) || fileName === '.' || fileName === '..') {
    violations.push(invalid('fileName', `File name must be 1 to ${ATTACHMENT_NAME_MAX} characters with no path separators`,
      'Nieprawidłowa nazwa pliku.', 'Invalid file name.'))
  }
  if (size > ATTACHMENT_MAX_BYTES) {
    violations.push({
      code: 'ATTACHMENT_ERROR',
      message: `The file size exceeds the allowed value of ${ATTACHMENT_MAX_BYTES} bytes.`,
      path: 'size',
      userMessage: { pl: `Rozmiar pliku przekracza dopuszczalną wartość ${ATTACHMENT_MAX_BYTES} bajtów.`, en: `The file size exceeds the allowed value of ${ATTACHMENT_MAX_BYTES} bytes.` },
    })
  }
  return violations
}

/** The dispute after a new message by `role` at `at`: counts, dates and the messages status move as on Allegro. */
export function recordMessage (dispute: StoredDispute, role: MessageAuthorRole, at: string): StoredDispute {
  const byRole: Partial<Record<MessageAuthorRole, MessagesStatus>> = {
    BUYER: 'BUYER_REPLIED', SELLER: 'SELLER_REPLIED', ADMIN: 'ALLEGRO_ADVISOR_REPLIED',
  }
  return {
    ...dispute,
    messagesCount: dispute.messagesCount + 1,
    lastMessageCreationDate: at,
    messagesStatus: byRole[role] ?? dispute.messagesStatus,
  }
}

/** The dispute moved to `status` at `at`; reopening marks a new opened date. */
export function changeDisputeStatus (dispute: StoredDispute, status: DisputeStatus, at: string): StoredDispute {
  if (status === dispute.status) return dispute
  return { ...dispute, status, ...(status === 'ONGOING' ? { openedDate: at } : {}) }
}

function invalid (path: string, message: string, pl: string, en: string): Violation {
  return { code: 'VALIDATION_ERROR', message, path, userMessage: { pl, en } }
}
