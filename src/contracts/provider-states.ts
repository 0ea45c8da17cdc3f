import { findSeller, instanceSettings, type AppStore } from '../server/state.js'
import type { DisputesService } from '../server/modules/disputes/disputes.service.js'
import type { IssuesService } from '../server/modules/issues/issues.service.js'
import type { ClaimDecision } from '../server/modules/issues/issues.types.js'
import { CLAIM_DECISIONS } from '../server/modules/issues/issue.rules.js'
import { CLAIMS } from '../fixtures/claims.js'
import type { FaultsService } from '../server/modules/faults/faults.service.js'
import type { MockControlService } from '../server/modules/mock-control/mock-control.service.js'
import type { PublicationService } from '../server/modules/publication/publication.service.js'

/** What a provider state may use to put the mock in shape. */
export interface StateTools {
  control: MockControlService
  disputes: DisputesService
  issues: IssuesService
  faults: FaultsService
  publication: PublicationService
  store: AppStore
}

export type StateParams = Record<string, string>

interface ProviderState {
  /** Parameters the sentence names, with the value used when a pact gives none. */
  defaults: StateParams
  setup: (tools: StateTools, params: StateParams) => Promise<void>
}

const DAY_MS = 24 * 3600 * 1000

/**
 * Pact provider states, by sentence. Each starts from the `default` scenario, so interactions never see each other's
 * changes; `{name}` parts are the state's parameters.
 * @example await applyProviderState(tools, 'dispute {disputeId} is closed', { disputeId: 'a38812fa-6fef-4c9c-ac06-a0952b67ba78' })
 */
export const PROVIDER_STATES: Readonly<Record<string, ProviderState>> = {
  'the default scenario': {
    defaults: {},
    setup: async () => {},
  },
  'dispute {disputeId} is closed': {
    defaults: { disputeId: 'a38812fa-6fef-4c9c-ac06-a0952b67ba78' },
    setup: async ({ disputes }, { disputeId }) => { await disputes.setStatus(disputeId!, 'CLOSED') },
  },
  'the buyer replied in dispute {disputeId}': {
    defaults: { disputeId: 'a38812fa-6fef-4c9c-ac06-a0952b67ba78' },
    setup: async ({ disputes }, { disputeId }) => { await disputes.postAs(disputeId!, 'BUYER', { text: 'Czekam na odpowiedź.' }) },
  },
  'seller {seller} has 50 contacts': {
    defaults: { seller: 'Seller_login1' },
    setup: async ({ store }, { seller }) => {
      const owner = sellerNamed(store, seller!)
      await store.update(tx => {
        const contacts = tx.seller(owner.id).contacts
        for (let i = contacts.size; i < 50; i++) {
          // Contact ids are global: when another seller's state took the fixed one, this seller's is made of its own id.
          const fixed = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
          const holder = store.ownerOf('contacts', fixed)
          const id = holder === undefined || holder === owner.id ? fixed : `${owner.id.slice(-8).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`
          contacts.put({ id, name: `Kontakt ${i + 1}`, emails: [], phones: [], meta: { sellerId: owner.id } })
        }
      })
    },
  },
  'offer {offerId} is active': {
    defaults: { offerId: '7276377308' },
    setup: async ({ store }, { offerId }) => {
      const sellerId = store.ownerOf('offers', offerId!)
      if (sellerId === undefined) throw new ProviderStateError(`No offer ${offerId}`)
      await store.update(tx => {
        const offers = tx.seller(sellerId).offers
        const offer = offers.get(offerId!)!
        offers.put({ ...offer, publication: { ...offer.publication, status: 'ACTIVE', startingAt: '2026-01-01T00:00:00.000Z', endingAt: '2099-01-01T00:00:00.000Z' } })
      })
    },
  },
  'seller {seller} declared attachment {attachmentId} of {size} bytes': {
    defaults: { seller: 'Seller_login1', attachmentId: '5a4c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4', size: '220' },
    setup: async ({ store }, { seller, attachmentId, size }) => {
      const owner = sellerNamed(store, seller!)
      // Stored as given, the size must be one a snapshot (and the data file) can hold: a whole number of bytes.
      if (!/^[1-9][0-9]{0,9}$/.test(size!)) throw new ProviderStateError(`size must be a whole number of bytes, not ${size}`)
      const holder = store.ownerOf('disputeAttachments', attachmentId!)
      if (holder !== undefined && holder !== owner.id) throw new ProviderStateError(`Attachment ${attachmentId} belongs to another seller`)
      await store.update(tx => {
        tx.seller(owner.id).disputeAttachments.put({
          id: attachmentId!, fileName: 'zdjecie.png', size: Number(size),
          meta: { sellerId: owner.id, declaredAt: instanceSettings(store).clockNow ?? new Date(0).toISOString(), contentType: null, uploadedAt: null, messageId: null },
        })
      })
    },
  },
  'publication command {commandId} to {action} offer {offerId} has settled': {
    defaults: { commandId: '3380d97f-0d32-4747-8a17-1da38f9499de', action: 'ACTIVATE', offerId: '7276377308' },
    setup: async ({ publication, control, store }, { commandId, action, offerId }) => {
      if (action !== 'ACTIVATE' && action !== 'END') throw new ProviderStateError(`action must be ACTIVATE or END, not ${action}`)
      const sellerId = store.ownerOf('offers', offerId!) ?? store.instance.sellers.first()!.id
      await publication.submit(sellerId, commandId!, {
        publication: { action: action as 'ACTIVATE' | 'END' },
        offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: offerId! }] }],
      })
      // Needs the manual clock (`--clock manual`): the tasks settle once time moves past the task delay.
      await control.advanceClock({ by: 'PT1H' })
    },
  },
  'the next publication task fails with {message}': {
    defaults: { message: 'Allegro could not publish the offer.' },
    setup: async ({ faults }, { message }) => { await faults.failTasks(null, { count: 1, message: message! }) },
  },
  'a publication task of offer {offerId} failed with {message}': {
    defaults: { offerId: '7276377308', message: 'Allegro could not publish the offer.', commandId: '5d6c2b1a-7e8f-4a9b-8c0d-1e2f3a4b5c6d' },
    setup: async ({ faults, publication, control, store }, { offerId, message, commandId }) => {
      const sellerId = store.ownerOf('offers', offerId!)
      if (sellerId === undefined) throw new ProviderStateError(`No offer ${offerId}`)
      await faults.failTasks({ sellerId }, { offerIds: [offerId!], count: 1, message: message! })
      await publication.submit(sellerId, commandId!, {
        publication: { action: 'ACTIVATE' },
        offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: offerId! }] }],
      })
      // Needs the manual clock (`--clock manual`): the task settles once time moves past the task delay.
      await control.advanceClock({ by: 'PT1H' })
    },
  },
  // Claims and the chat of issues, for clients of the issues API (`/sale/issues*`).
  'claim {claimId} awaits the seller\'s decision': {
    defaults: { claimId: CLAIMS.awaitingId },
    setup: async (tools, { claimId }) => { await awaitDecision(tools, claimId!) },
  },
  'the seller decided claim {claimId} with {decision}': {
    defaults: { claimId: CLAIMS.awaitingId, decision: 'ACCEPTED_REPAIR' },
    setup: async (tools, { claimId, decision }) => {
      // The service takes a decision the HTTP route has already checked; here nothing else checks it.
      if (!(CLAIM_DECISIONS as string[]).includes(decision!)) throw new ProviderStateError(`decision must be one of ${CLAIM_DECISIONS.join(', ')}, not ${decision}`)
      const sellerId = await awaitDecision(tools, claimId!)
      const partialRefund = decision === 'ACCEPTED_PARTIAL_REFUND' ? { amount: '10.00', currency: 'PLN' } : undefined
      await tools.issues.changeStatus(sellerId, claimId!, { status: decision as ClaimDecision, message: 'Decyzja sprzedającego.', ...(partialRefund ? { partialRefund } : {}) })
        .catch((error: Error) => { throw new ProviderStateError(`Claim ${claimId} cannot be decided with ${decision}: ${error.message}`) })
    },
  },
  'the chat of issue {issueId} is closed': {
    defaults: { issueId: CLAIMS.awaitingId },
    setup: async ({ store, issues }, { issueId }) => {
      if (store.ownerOf('disputes', issueId!) !== undefined) await issues.setState(issueId!, { status: 'DISPUTE_CLOSED' })
      else if (store.ownerOf('claims', issueId!) !== undefined) await issues.setState(issueId!, { chatActive: false })
      else throw new ProviderStateError(`No issue ${issueId}`)
    },
  },
}

/**
 * Makes a scenario claim that is still waiting due two weeks from its seller's now, so it waits whatever the verifier's
 * clock says (the scenario's claims fall due in January 2026). Answers the claim's seller.
 */
async function awaitDecision ({ store, control }: StateTools, claimId: string): Promise<string> {
  const sellerId = store.ownerOf('claims', claimId)
  if (sellerId === undefined) throw new ProviderStateError(`No claim ${claimId}`)
  const due = new Date(Date.parse(control.sellerClock(sellerId).now) + 14 * DAY_MS).toISOString()
  await store.update(tx => {
    const claims = tx.seller(sellerId).claims
    const claim = claims.get(claimId)!
    if (claim.status !== 'CLAIM_SUBMITTED') throw new ProviderStateError(`Claim ${claimId} was already decided`)
    claims.put({ ...claim, decisionDueDate: due })
  })
  return sellerId
}

/** A provider state's parameters name something the scenario does not have. */
export class ProviderStateError extends Error {
  override name = 'ProviderStateError'
}

function sellerNamed (store: AppStore, seller: string) {
  const found = findSeller(store.instance, seller)
  if (!found) throw new ProviderStateError(`No seller ${seller}`)
  return found
}

export class UnknownProviderStateError extends Error {
  constructor (readonly state: string) {
    super(`Unknown provider state "${state}". Known: ${Object.keys(PROVIDER_STATES).join('; ')}`)
    this.name = 'UnknownProviderStateError'
  }
}

/**
 * Sets a state up. With `reset` (the first state of an interaction) it starts from the default scenario; further
 * states of the same interaction build on it, so two `given()`s both hold.
 */
export async function applyProviderState (tools: StateTools, state: string, params: StateParams = {}, { reset = true } = {}): Promise<void> {
  // Own names only: `toString` or `__proto__` would otherwise be found on the table's prototype.
  const found = Object.hasOwn(PROVIDER_STATES, state) ? PROVIDER_STATES[state] : undefined
  if (!found) throw new UnknownProviderStateError(state)
  if (reset) await tools.control.reset('default')
  await found.setup(tools, { ...found.defaults, ...params })
}

/**
 * Tells the first state of an interaction from the ones after it. A verifier sets up each state of an interaction,
 * sends the interaction's request, then tears the states down; the next setup after a request or a teardown is the
 * first of a new interaction.
 */
export function providerStateSession () {
  let fresh = true
  return {
    /** True for the first setup of an interaction, which resets. */
    takeReset (): boolean {
      const reset = fresh
      fresh = false
      return reset
    },
    interactionEnded (): void { fresh = true },
  }
}

export type ProviderStateSession = ReturnType<typeof providerStateSession>
