import type { Ids } from '../../core/ids.js'
import type { Store } from '../../core/store.js'
import { apiErrors } from '../../errors.js'
import type { State } from '../../state.js'
import { checkContact, contactLimitReached } from './contact.rules.js'
import type { Contact, ContactRequest, StoredContact } from './contacts.types.js'

export function toWireContact ({ meta: _meta, ...contact }: StoredContact): Contact {
  return contact
}

/** The seller's contacts for classified ads. */
export function createContactsService ({ store, ids }: { store: Store<State>, ids: Ids }) {
  function own (state: State, sellerId: string, contactId: string): StoredContact {
    const contact = state.contacts.find(c => c.id === contactId)
    if (!contact) throw apiErrors.notFound(`Contact ${contactId} not found`)
    if (contact.meta.sellerId !== sellerId) throw apiErrors.accessDenied(`Contact ${contactId} belongs to another seller`)
    return contact
  }

  function valid (request: ContactRequest) {
    const { contact, violations } = checkContact(request)
    if (!contact) throw apiErrors.invalid(violations)
    return contact
  }

  return {
    list (sellerId: string): { contacts: Contact[] } {
      return { contacts: store.read(s => s.contacts.filter(c => c.meta.sellerId === sellerId)).map(toWireContact) }
    },

    get (sellerId: string, contactId: string): Contact {
      return toWireContact(store.read(s => own(s, sellerId, contactId)))
    },

    async create (sellerId: string, request: ContactRequest): Promise<Contact> {
      const contact = valid(request)
      return store.update(draft => {
        const limit = contactLimitReached(draft.contacts.filter(c => c.meta.sellerId === sellerId).length)
        if (limit.length > 0) throw apiErrors.invalid(limit)
        const stored: StoredContact = { id: ids.uuid(), ...contact, meta: { sellerId } }
        draft.contacts.push(stored)
        return toWireContact(stored)
      })
    },

    /** A full replace: fields left out are emptied. */
    async replace (sellerId: string, contactId: string, request: ContactRequest): Promise<Contact> {
      const contact = valid(request)
      return store.update(draft => {
        const stored = own(draft, sellerId, contactId)
        Object.assign(stored, contact)
        return toWireContact(stored)
      })
    },
  }
}

export type ContactsService = ReturnType<typeof createContactsService>
