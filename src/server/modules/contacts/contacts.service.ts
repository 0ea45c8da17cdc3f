import type { Ids } from '../../core/ids.js'
import { apiErrors } from '../../errors.js'
import type { AppStore, SellerTables } from '../../state.js'
import { checkContact, contactLimitReached } from './contact.rules.js'
import type { Contact, ContactRequest, StoredContact } from './contacts.types.js'

export function toWireContact ({ meta: _meta, ...contact }: StoredContact): Contact {
  return contact
}

/** The seller's contacts for classified ads. */
export function createContactsService ({ store, ids }: { store: AppStore, ids: Ids }) {
  /** The seller's contact, or Allegro's 404 (unknown) / 403 (another seller's). */
  function own (tables: SellerTables, contactId: string): StoredContact {
    const contact = tables.contacts.get(contactId)
    if (contact) return contact
    if (store.ownerOf('contacts', contactId) !== undefined) throw apiErrors.accessDenied(`Contact ${contactId} belongs to another seller`)
    throw apiErrors.notFound(`Contact ${contactId} not found`)
  }

  function valid (request: ContactRequest) {
    const { contact, violations } = checkContact(request)
    if (!contact) throw apiErrors.invalid(violations)
    return contact
  }

  return {
    list (sellerId: string): { contacts: Contact[] } {
      return { contacts: store.seller(sellerId).contacts.all().map(toWireContact) }
    },

    get (sellerId: string, contactId: string): Contact {
      return toWireContact(own(store.seller(sellerId), contactId))
    },

    async create (sellerId: string, request: ContactRequest): Promise<Contact> {
      const contact = valid(request)
      return store.update(tx => {
        const tables = tx.seller(sellerId)
        const limit = contactLimitReached(tables.contacts.size)
        if (limit.length > 0) throw apiErrors.invalid(limit)
        return toWireContact(tables.contacts.put({ id: ids.uuid(), ...contact, meta: { sellerId } }))
      })
    },

    /** A full replace: fields left out are emptied. */
    async replace (sellerId: string, contactId: string, request: ContactRequest): Promise<Contact> {
      const contact = valid(request)
      return store.update(tx => {
        const tables = tx.seller(sellerId)
        const stored = own(tables, contactId)
        return toWireContact(tables.contacts.put({ id: stored.id, ...contact, meta: stored.meta }))
      })
    },
  }
}

export type ContactsService = ReturnType<typeof createContactsService>
