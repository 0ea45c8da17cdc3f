import type { Client, OAuthState } from './modules/oauth/oauth.types.js'
import type { DisputesState } from './modules/disputes/disputes.types.js'
import type { OrdersState } from './modules/orders/orders.types.js'
import type { ContactsState } from './modules/contacts/contacts.types.js'
import type { ImagesState } from './modules/images/images.types.js'
import type { OffersState } from './modules/offers/offers.types.js'
import type { PublicationState } from './modules/publication/publication.types.js'
import { NO_FAULTS, type FaultsState } from './modules/faults/faults.types.js'
import { DataFileError } from './core/store.js'

/** A seller account of the mock. Every stored Allegro record belongs to one. */
export interface Seller {
  id: string
  login: string
  /** Company accounts must state after-sales conditions (classified-ads guide). */
  company: boolean
}

/** The whole persisted state: one JSON document. Uploaded bytes live in the blob store. */
export interface State extends DisputesState, OrdersState, ContactsState, ImagesState, OffersState, PublicationState, FaultsState {
  version: typeof STATE_VERSION
  /** Signs the mock's JWTs; kept across resets so issued tokens stay valid. */
  secret: string
  scenario: string
  /** A manual clock's time, so a restart resumes at the same moment. */
  clockNow: string | null
  clients: Client[]
  sellers: Seller[]
  oauth: OAuthState
}

export const STATE_VERSION = 1

/** What a scenario provides: the data (and the bytes of its files), not the bookkeeping. */
export type ScenarioData = Pick<State, 'clients' | 'sellers'> & Partial<DisputesState & OrdersState & ContactsState & ImagesState & OffersState & PublicationState> & {
  files?: Record<string, { bytes: Buffer }>
}

export function newState (data: ScenarioData, meta: { secret: string, scenario: string, clockNow: string | null }): State {
  return {
    version: STATE_VERSION,
    secret: meta.secret,
    scenario: meta.scenario,
    clockNow: meta.clockNow,
    clients: data.clients,
    sellers: data.sellers,
    oauth: { codes: [], refreshTokens: [], devices: [] },
    disputes: data.disputes ?? [],
    disputeMessages: data.disputeMessages ?? [],
    disputeAttachments: data.disputeAttachments ?? [],
    checkoutForms: data.checkoutForms ?? [],
    contacts: data.contacts ?? [],
    images: data.images ?? [],
    offers: data.offers ?? [],
    classifiedEvents: data.classifiedEvents ?? [],
    publicationCommands: data.publicationCommands ?? [],
    faults: structuredClone(NO_FAULTS),
  }
}

/** A seller by login or id. */
export function findSeller (state: State, loginOrId: string): Seller | undefined {
  return state.sellers.find(s => s.login === loginOrId || s.id === loginOrId)
}

/** Blob keys the state refers to; any other blob is an orphan. */
export function referencedBlobKeys (state: State): Set<string> {
  const keys = [...state.disputeAttachments.map(a => a.meta.blobKey), ...state.images.map(i => i.meta.blobKey)]
  return new Set(keys.filter((k): k is string => typeof k === 'string'))
}

/** Image locations some offer refers to: such images never expire. */
export function usedImageLocations (state: State): Set<string> {
  return new Set(state.offers.flatMap(o => o.images ?? []).map(i => i.url).filter((u): u is string => typeof u === 'string'))
}

const COLLECTIONS = ['clients', 'sellers', 'disputes', 'disputeMessages', 'disputeAttachments', 'checkoutForms', 'contacts', 'images', 'offers', 'classifiedEvents', 'publicationCommands'] as const

/** Accepts loaded JSON only when it is a state this version can use; the reason goes into the error. */
export function checkState (raw: unknown, location: string): State {
  const fail = (reason: string): never => { throw new DataFileError(location, reason) }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('it does not hold an allegro-mock state object')
  const state = raw as Record<string, unknown>
  if (state.version !== STATE_VERSION) return fail(`its version is ${JSON.stringify(state.version)}, this allegro-mock reads version ${STATE_VERSION}`)
  if (typeof state.secret !== 'string' || state.secret.length < 16) return fail('its signing secret is missing')
  for (const name of COLLECTIONS) if (!Array.isArray(state[name])) fail(`"${name}" is not a list`)
  const oauth = state.oauth as Record<string, unknown> | undefined
  if (!oauth || !['codes', 'refreshTokens', 'devices'].every(k => Array.isArray(oauth[k]))) fail('"oauth" is incomplete')
  const faults = state.faults as Record<string, unknown> | undefined
  if (!faults || !['taskFailures', 'responses', 'latencies'].every(k => Array.isArray(faults[k]))) fail('"faults" is incomplete')
  return raw as State
}
