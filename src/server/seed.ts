import { randomBytes } from 'node:crypto'
import { scenarios } from '../fixtures/scenarios.js'
import { catalogue } from './reference-data.js'
import { offerViolations } from './modules/offers/offers.service.js'
import type { Ids } from './core/ids.js'
import type { BlobStore } from './core/blob-store.js'
import type { Store } from './core/store.js'
import { newState, referencedBlobKeys, type State } from './state.js'

export class UnknownScenarioError extends Error {
  constructor (readonly scenario: string) {
    super(`Unknown scenario "${scenario}". Known: ${Object.keys(scenarios).join(', ')}`)
    this.name = 'UnknownScenarioError'
  }
}

export function newSecret (): string {
  return randomBytes(32).toString('base64url')
}

/** A complete state built from a named scenario, and the bytes of the files it refers to. */
export function seedState (scenario: string, context: { now: Date, ids: Ids, secret: string, clockNow: string | null }): { state: State, files: Record<string, Buffer> } {
  const build = scenarios[scenario]
  if (!build) throw new UnknownScenarioError(scenario)
  const data = build({ now: context.now, ids: context.ids })
  const files = Object.fromEntries(Object.entries(data.files ?? {}).map(([key, file]) => [key, file.bytes]))
  const state = newState(data, { secret: context.secret, scenario, clockNow: context.clockNow })
  // Scenario offers are validated by the same rules as any other, as of their own validatedAt.
  for (const offer of state.offers) offer.meta.violations = offerViolations(state, catalogue, offer, new Date(offer.meta.validatedAt))
  return { state, files }
}

/** Seeds a fresh store: the scenario's files go to the blob store first, then the state is returned for saving. */
export async function seedWithFiles (blobs: BlobStore, scenario: string, context: Parameters<typeof seedState>[1]): Promise<State> {
  const { state, files } = seedState(scenario, context)
  for (const [key, bytes] of Object.entries(files)) await blobs.put(key, bytes)
  return state
}

/** Writes a state's files, then the state itself, then drops blobs nothing refers to any more. */
export async function installState (store: Store<State>, blobs: BlobStore, state: State, files: Record<string, Buffer>): Promise<void> {
  for (const [key, bytes] of Object.entries(files)) await blobs.put(key, bytes)
  await store.replace(state)
  await dropOrphanBlobs(store, blobs)
}

export async function dropOrphanBlobs (store: Store<State>, blobs: BlobStore): Promise<void> {
  const referenced = new Set(store.read(state => [...referencedBlobKeys(state)]))
  for (const key of await blobs.keys()) if (!referenced.has(key)) await blobs.delete(key)
}
