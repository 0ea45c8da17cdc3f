import { isManual, type Clock } from '../../core/clock.js'
import { durationMs } from '../../core/duration.js'
import type { BlobStore } from '../../core/blob-store.js'
import type { Ids } from '../../core/ids.js'
import type { Store } from '../../core/store.js'
import { apiErrors } from '../../errors.js'
import { installState, seedState, UnknownScenarioError } from '../../seed.js'
import { checkState, findSeller, referencedBlobKeys, type Seller, type State } from '../../state.js'
import type { OAuthService } from '../oauth/oauth.service.js'

export interface MockControlDeps {
  store: Store<State>
  blobs: BlobStore
  clock: Clock
  ids: Ids
  oauth: OAuthService
}

export interface SellerWithToken extends Seller {
  accessToken: string
  tokenExpiresAt: string
}

/** The whole state and the bytes of every file it refers to, base64-encoded. */
export interface Snapshot {
  state: State
  files: Record<string, string>
}

/** The `/__mock` control API: sellers and their tokens, scenarios, snapshots and the clock. */
export function createMockControlService ({ store, blobs, clock, ids, oauth }: MockControlDeps) {
  const withToken = (seller: Seller): SellerWithToken => {
    const { accessToken, expiresAt } = oauth.mintUserToken(seller.id)
    return { ...seller, accessToken, tokenExpiresAt: expiresAt }
  }

  /** The id of a seller named by login or id; 404 when there is none. */
  const sellerId = (seller: string): string => {
    const found = store.read(s => findSeller(s, seller))
    if (!found) throw apiErrors.notFound(`Seller ${seller} not found`)
    return found.id
  }

  return {
    sellers () {
      const { sellers, clients } = store.read(s => ({ sellers: s.sellers, clients: s.clients }))
      return { sellers: sellers.map(withToken), clients }
    },

    sellerId,

    /** A fresh token for one seller, found by login or id. */
    tokenFor (seller: string, options: { expired?: boolean } = {}): string {
      return oauth.mintUserToken(sellerId(seller), options).accessToken
    },

    async addSeller (input: { login: string, id?: string, company?: boolean }): Promise<SellerWithToken> {
      const seller = await store.update(draft => {
        if (draft.sellers.some(s => s.login === input.login)) throw apiErrors.conflict(`A seller with login ${input.login} exists`)
        const id = input.id ?? ids.numeric(8)
        if (draft.sellers.some(s => s.id === id)) throw apiErrors.conflict(`A seller with id ${id} exists`)
        const created: Seller = { id, login: input.login, company: input.company ?? false }
        draft.sellers.push(created)
        return created
      })
      return withToken(seller)
    },

    async reset (scenario?: string): Promise<{ scenario: string }> {
      const current = store.read(s => ({ secret: s.secret, scenario: s.scenario, clockNow: s.clockNow }))
      const name = scenario ?? current.scenario
      let seeded
      try {
        seeded = seedState(name, { now: clock.now(), ids, secret: current.secret, clockNow: current.clockNow })
      } catch (error) {
        if (error instanceof UnknownScenarioError) throw apiErrors.validation(error.message, 'scenario')
        throw error
      }
      await installState(store, blobs, seeded.state, seeded.files)
      return { scenario: name }
    },

    async exportSnapshot (): Promise<Snapshot> {
      const state = store.read(s => s)
      const files: Record<string, string> = {}
      for (const key of referencedBlobKeys(state)) {
        const bytes = await blobs.get(key)
        if (bytes) files[key] = bytes.toString('base64')
      }
      return { state, files }
    },

    async importSnapshot (snapshot: unknown): Promise<void> {
      let state: State
      const body = (snapshot ?? {}) as Partial<Snapshot>
      try {
        state = checkState(body.state, 'snapshot')
      } catch (error) {
        throw apiErrors.validation((error as Error).message, 'state')
      }
      const files = body.files ?? {}
      if (typeof files !== 'object' || Object.values(files).some(v => typeof v !== 'string')) {
        throw apiErrors.validation('files must map blob keys to base64 strings', 'files')
      }
      const missing = [...referencedBlobKeys(state)].filter(key => !(key in files))
      if (missing.length > 0) throw apiErrors.validation(`The snapshot lacks the files ${missing.join(', ')}`, 'files')
      await installState(store, blobs, state, Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v, 'base64')])))
      if (isManual(clock) && state.clockNow && Date.parse(state.clockNow) > clock.now().getTime()) clock.set(new Date(state.clockNow))
    },

    clock () {
      return { mode: clock.mode, now: clock.now().toISOString() }
    },

    /** Moves a manual clock by `ms`, an ISO 8601 duration (`by`) or to an instant (`to`); the time is persisted first. */
    async advanceClock (input: { ms?: number, by?: string, to?: string }) {
      if (!isManual(clock)) throw apiErrors.conflict('The clock is the system clock; start allegro-mock with --clock manual to move it', 'ClockNotManual')
      const now = clock.now().getTime()
      let target: number
      if (input.to !== undefined) {
        target = Date.parse(input.to)
        if (Number.isNaN(target)) throw apiErrors.validation('to must be an ISO 8601 date-time', 'to')
      } else if (input.by !== undefined) {
        const ms = durationMs(input.by)
        if (ms === null) throw apiErrors.validation('by must be an ISO 8601 duration such as PT10M or P1DT2H', 'by')
        target = now + ms
      } else if (input.ms !== undefined) {
        target = now + input.ms
      } else {
        throw apiErrors.validation('Give one of ms, by or to', null)
      }
      if (target < now) throw apiErrors.validation('The clock only moves forward', input.to !== undefined ? 'to' : 'ms')
      const next = new Date(target).toISOString()
      await store.update(draft => { draft.clockNow = next })
      clock.set(new Date(target))
      return { mode: clock.mode, now: next }
    },
  }
}

export type MockControlService = ReturnType<typeof createMockControlService>
