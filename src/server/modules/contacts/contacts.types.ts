/** Wire types of offer contacts (`/sale/offer-contacts`). */
export interface ContactRequest {
  name?: string
  emails?: Array<{ address?: string }>
  phones?: Array<{ number?: string }>
}

export interface Contact {
  id: string
  name: string
  emails: Array<{ address: string }>
  phones: Array<{ number: string }>
}

export interface StoredContact extends Contact {
  meta: { sellerId: string }
}

export interface ContactsState {
  contacts: StoredContact[]
}
