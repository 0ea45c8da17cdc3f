import type { Violation } from '../../core/violation.js'
import type { Contact, ContactRequest } from './contacts.types.js'

/** Limits from the classified-ads guide and Allegro's document. */
export const CONTACTS_PER_SELLER = 50
export const CONTACT_NAME_MAX = 250
export const EMAIL_LOCAL_PART_MAX = 64

// Two-digit prefixes of Polish mobile numbers, written 3-3-3; other numbers (landlines) are written 2-3-2-2.
const MOBILE_PREFIXES = new Set(['45', '50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'])

/**
 * A phone number in the form Allegro shows: `555-555-777` → `+48 55 555 57 77`, `788788788` → `+48 788 788 788`.
 * Numbers with another country code keep their digits after `+CC`. Null when it is not a phone number.
 */
export function normalisePhone (input: string): string | null {
  if (!/^[+\d(][\d\s\-().]*$/.test(input.trim())) return null
  let digits = input.replace(/\D/g, '')
  const international = input.trim().startsWith('+') || digits.startsWith('00')
  if (digits.startsWith('00')) digits = digits.slice(2)
  if (international && !digits.startsWith('48')) {
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null
  }
  if (international || (digits.length === 11 && digits.startsWith('48'))) digits = digits.slice(2)
  if (digits.length !== 9) return null
  return MOBILE_PREFIXES.has(digits.slice(0, 2))
    ? `+48 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`
    : `+48 ${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 7)} ${digits.slice(7)}`
}

// Loose on purpose: the guide's own example address is `test@test.pl/`.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Checks a contact request and returns the contact it describes (phones normalised), or the violations. */
export function checkContact (request: ContactRequest): { contact: Omit<Contact, 'id'> | null, violations: Violation[] } {
  const violations: Violation[] = []
  const name = request.name?.trim() ?? ''
  if (name === '') violations.push(invalid('name', 'Contact name is required', 'Podaj nazwę kontaktu.', 'Enter the contact name.'))
  const emails = (request.emails ?? []).map((email, i) => {
    const address = email.address?.trim() ?? ''
    if (!EMAIL.test(address) || address.split('@')[0]!.length > EMAIL_LOCAL_PART_MAX) {
      violations.push(invalid(`emails[${i}].address`, `"${address}" is not a valid e-mail address`, 'Nieprawidłowy adres e-mail.', 'Invalid e-mail address.'))
    }
    return { address }
  })
  const phones = (request.phones ?? []).map((phone, i) => {
    const number = normalisePhone(phone.number ?? '')
    if (number === null) {
      violations.push(invalid(`phones[${i}].number`, `"${phone.number ?? ''}" is not a valid phone number`, 'Nieprawidłowy numer telefonu.', 'Invalid phone number.'))
    }
    return { number: number ?? '' }
  })
  return violations.length > 0 ? { contact: null, violations } : { contact: { name, emails, phones }, violations }
}

export function contactLimitReached (count: number): Violation[] {
  return count >= CONTACTS_PER_SELLER
    ? [{
        code: 'VALIDATION_ERROR',
        message: `You cannot have more than ${CONTACTS_PER_SELLER} contacts`,
        path: null,
        userMessage: { pl: `Możesz mieć najwyżej ${CONTACTS_PER_SELLER} kontaktów.`, en: `You can have at most ${CONTACTS_PER_SELLER} contacts.` },
      }]
    : []
}

function invalid (path: string, message: string, pl: string, en: string): Violation {
  return { code: 'VALIDATION_ERROR', message, path, userMessage: { pl, en } }
}
