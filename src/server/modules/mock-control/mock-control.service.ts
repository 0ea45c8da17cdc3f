import { isManual } from '../../core/clock.js'
import { durationMs } from '../../core/duration.js'
import type { BlobStore } from '../../core/blob-store.js'
import type { Ids } from '../../core/ids.js'
import { apiErrors } from '../../errors.js'
import { installDump, seedDump, seedPartition, UnknownScenarioError, type PartitionSeed } from '../../seed.js'
import type { SellerClocks } from '../../seller-clocks.js'
import {
  blobKeysOfV1, findSeller, fromV1, instanceSettings, referencedBlobKeys, toV1,
  type AppStore, type AppTransaction, type Seller, type SellerTables, type StateV1,
} from '../../state.js'
import { checkStateV1 } from '../../state-format.js'
import type { OAuthService } from '../oauth/oauth.service.js'
import type { Client } from '../oauth/oauth.types.js'
import type { ConfiguredClient } from '../../config.js'

export interface MockControlDeps {
  store: AppStore
  blobs: BlobStore
  clocks: SellerClocks
  ids: Ids
  oauth: OAuthService
  /** Applications given at start: put back after every reset and snapshot import. */
  configuredClients: readonly ConfiguredClient[]
}

export interface ClientInput { clientId: string, clientSecret: string, redirectUris?: string[], name?: string }

export interface SellerWithToken extends Seller {
  accessToken: string
  tokenExpiresAt: string
}

/** The whole state (version 1, the snapshot format) and the bytes of every file it refers to, base64-encoded. */
export interface Snapshot {
  state: StateV1
  files: Record<string, string>
}

export interface Sandbox {
  seller: { id: string, login: string }
  accessToken: string
  refreshToken: string
  /** The scenario's ids and the sandbox's own for them (disputes, orders, offers, attachments...). */
  ids: Record<string, string>
}

/** A moment on a clock: `ms` or an ISO 8601 duration (`by`) ahead, or an instant (`to`). */
export interface ClockStep { ms?: number, by?: string, to?: string }

/** The `/__mock` control API: sellers and sandboxes, scenarios, snapshots and clocks. */
export function createMockControlService ({ store, blobs, clocks, ids, oauth, configuredClients }: MockControlDeps) {
  const clock = clocks.instance

  const withToken = (seller: Seller): SellerWithToken => {
    const { accessToken, expiresAt } = oauth.mintUserToken(seller.id)
    return { ...seller, accessToken, tokenExpiresAt: expiresAt }
  }

  /** A seller named by login or id; 404 when there is none. */
  const sellerOf = (seller: string): Seller => {
    const found = findSeller(store.instance, seller)
    if (!found) throw apiErrors.notFound(`Seller ${seller} not found`)
    return found
  }

  function scenarioSeedError (error: unknown): never {
    if (error instanceof UnknownScenarioError) throw apiErrors.validation(error.message, 'scenario')
    throw error
  }

  /** The blob keys a seller's partition refers to. */
  function blobKeysOf (tables: SellerTables): string[] {
    return [...tables.disputeAttachments.all().map(a => a.meta.blobKey), ...tables.images.all().map(i => i.meta.blobKey)]
      .filter((k): k is string => typeof k === 'string')
  }

  /** Replaces the seller's partition by `seed` inside the change `tx`. */
  function installPartition (tx: AppTransaction, sellerId: string, seed: PartitionSeed): void {
    tx.dropPartition(sellerId)
    const tables = tx.seller(sellerId) as unknown as Record<string, { put (row: unknown): unknown }>
    for (const [name, rows] of Object.entries(seed.tables)) for (const row of rows) tables[name]!.put(row)
  }

  async function putFiles (files: Record<string, Buffer>): Promise<void> {
    for (const [key, bytes] of Object.entries(files)) await blobs.put(key, bytes)
  }

  async function dropBlobs (keys: Iterable<string>): Promise<void> {
    for (const key of keys) await blobs.delete(key)
  }

  /** Moves `from` by a clock step; only forward. */
  function target (from: number, step: ClockStep): number {
    let to: number
    if (step.to !== undefined) {
      to = Date.parse(step.to)
      if (Number.isNaN(to)) throw apiErrors.validation('to must be an ISO 8601 date-time', 'to')
    } else if (step.by !== undefined) {
      const ms = durationMs(step.by)
      if (ms === null) throw apiErrors.validation('by must be an ISO 8601 duration such as PT10M or P1DT2H', 'by')
      to = from + ms
    } else if (step.ms !== undefined) {
      to = from + step.ms
    } else {
      throw apiErrors.validation('Give one of ms, by or to', null)
    }
    if (!Number.isFinite(to) || Math.abs(to) > 8.64e15) throw apiErrors.validation('The time is out of range', step.to !== undefined ? 'to' : 'ms')
    if (to < from) throw apiErrors.validation('The clock only moves forward', step.to !== undefined ? 'to' : 'ms')
    return to
  }

  const configured = new Set(configuredClients.map(c => c.clientId))

  /** Puts the configured applications in the state (they win over a stored client of the same id). */
  async function installConfiguredClients (): Promise<void> {
    if (configuredClients.length === 0) return
    await store.update(tx => {
      for (const c of configuredClients) tx.instance.clients.put({ clientId: c.clientId, clientSecret: c.clientSecret, name: c.clientId, redirectUris: c.redirectUris })
    })
  }

  return {
    installConfiguredClients,

    clients (): Client[] {
      return store.instance.clients.all()
    },

    /** POST /__mock/clients: an OAuth application of the tester's own; 409 when the id is taken. */
    async addClient (input: ClientInput): Promise<Client> {
      return store.update(tx => {
        if (tx.instance.clients.has(input.clientId)) throw apiErrors.conflict(`A client with id ${input.clientId} exists`)
        return tx.instance.clients.put({ clientId: input.clientId, clientSecret: input.clientSecret, name: input.name ?? input.clientId, redirectUris: input.redirectUris ?? [] })
      })
    },

    /** DELETE /__mock/clients/{id}: its tokens stop working; a client given at start is part of the configuration and stays. */
    async deleteClient (clientId: string): Promise<void> {
      if (configured.has(clientId)) throw apiErrors.conflict(`Client ${clientId} was given at start (--client); restart without it to remove it`)
      if (!store.instance.clients.has(clientId)) throw apiErrors.notFound(`Client ${clientId} not found`)
      await store.update(tx => tx.instance.clients.delete(clientId))
    },

    sellers () {
      return { sellers: store.instance.sellers.all().map(withToken), clients: store.instance.clients.all() }
    },

    sellerId: (seller: string) => sellerOf(seller).id,

    /** A fresh token for one seller, found by login or id. */
    tokenFor (seller: string, options: { expired?: boolean } = {}): string {
      return oauth.mintUserToken(sellerOf(seller).id, options).accessToken
    },

    async addSeller (input: { login: string, id?: string, company?: boolean }): Promise<SellerWithToken> {
      const { scenario } = instanceSettings(store)
      const seller = await store.update(tx => {
        if (tx.instance.sellers.countWhere('byLogin', input.login) > 0) throw apiErrors.conflict(`A seller with login ${input.login} exists`)
        const id = input.id ?? ids.numeric(8)
        if (tx.instance.sellers.has(id)) throw apiErrors.conflict(`A seller with id ${id} exists`)
        tx.seller(id).settings.put({ clockOffsetMs: 0, scenario, sandbox: false })
        return tx.instance.sellers.put({ id, login: input.login, company: input.company ?? false })
      })
      return withToken(seller)
    },

    /** POST /__mock/sandboxes: a new seller with its own copy of a scenario's data, under fresh ids. */
    async createSandbox (input: { scenario?: string, login?: string }): Promise<Sandbox> {
      const scenario = input.scenario ?? instanceSettings(store).scenario
      let id = ids.numeric(8)
      while (store.instance.sellers.has(id)) id = ids.numeric(8)
      const seller: Seller = { id, login: input.login ?? `sandbox-${id}`, company: false }
      if (store.instance.sellers.countWhere('byLogin', seller.login) > 0) throw apiErrors.conflict(`A seller with login ${seller.login} exists`)
      const seed = await seedPartition(scenario, seller, true).catch(scenarioSeedError)
      await putFiles(seed.files)
      try {
        const tokens = await store.update(tx => {
          if (tx.instance.sellers.countWhere('byLogin', seller.login) > 0) throw apiErrors.conflict(`A seller with login ${seller.login} exists`)
          tx.instance.sellers.put({ ...seller, company: seed.company })
          installPartition(tx, id, seed)
          return oauth.grantFor(tx.instance, id)
        })
        return { seller: { id, login: seller.login }, accessToken: tokens.access_token, refreshToken: tokens.refresh_token!, ids: seed.ids }
      } catch (error) {
        await dropBlobs(Object.keys(seed.files))
        throw error
      }
    },

    /** DELETE /__mock/sandboxes/{sellerId}: the sandbox seller, its data, its tokens and its files are gone. */
    async deleteSandbox (sellerId: string): Promise<void> {
      const settings = store.seller(sellerId).settings.get('single')
      if (!store.instance.sellers.has(sellerId) || !settings?.sandbox) throw apiErrors.notFound(`Sandbox ${sellerId} not found`)
      const keys = blobKeysOf(store.seller(sellerId))
      await store.update(tx => {
        tx.dropPartition(sellerId)
        tx.instance.sellers.delete(sellerId)
        oauth.forgetSeller(tx.instance, sellerId)
      })
      await dropBlobs(keys)
    },

    /** POST /__mock/sellers/{seller}/reset: only this seller's data goes back to its scenario (clock offset and faults too). */
    async resetSeller (sellerRef: string): Promise<{ seller: string, scenario: string, ids: Record<string, string> }> {
      const seller = sellerOf(sellerRef)
      const current = store.seller(seller.id).settings.get('single')
      const scenario = current?.scenario ?? instanceSettings(store).scenario
      const seed = await seedPartition(scenario, seller, current?.sandbox ?? false).catch(scenarioSeedError)
      const before = blobKeysOf(store.seller(seller.id))
      await putFiles(seed.files)
      await store.update(tx => installPartition(tx, seller.id, seed))
      await dropBlobs(before.filter(key => !(key in seed.files)))
      return { seller: seller.id, scenario, ids: seed.ids }
    },

    /** POST /__mock/reset: the whole instance goes back to a scenario; sandboxes are removed. */
    async reset (scenario?: string): Promise<{ scenario: string }> {
      const current = instanceSettings(store)
      const name = scenario ?? current.scenario
      const { dump, files } = await seedDump(name, { ...current, scenario: name }).catch(scenarioSeedError)
      await installDump(store, blobs, dump, files, () => referencedBlobKeys(store))
      await installConfiguredClients()
      return { scenario: name }
    },

    async exportSnapshot (): Promise<Snapshot> {
      const state = toV1(store.dump())
      const files: Record<string, string> = {}
      for (const key of blobKeysOfV1(state)) {
        const bytes = await blobs.get(key)
        if (bytes) files[key] = bytes.toString('base64')
      }
      return { state, files }
    },

    async importSnapshot (snapshot: unknown): Promise<void> {
      let state: StateV1
      const body = (snapshot ?? {}) as Partial<Snapshot>
      try {
        state = checkStateV1(body.state, 'snapshot')
      } catch (error) {
        throw apiErrors.validation((error as Error).message, 'state')
      }
      const files = body.files ?? {}
      if (typeof files !== 'object' || Object.values(files).some(v => typeof v !== 'string')) {
        throw apiErrors.validation('files must map blob keys to base64 strings', 'files')
      }
      const missing = [...blobKeysOfV1(state)].filter(key => !Object.hasOwn(files, key))
      if (missing.length > 0) throw apiErrors.validation(`The snapshot lacks the files ${missing.join(', ')}`, 'files')
      const bytes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v, 'base64')]))
      await installDump(store, blobs, fromV1(state), bytes, () => referencedBlobKeys(store))
      await installConfiguredClients()
      if (isManual(clock) && state.clockNow && Date.parse(state.clockNow) > clock.now().getTime()) clock.set(new Date(state.clockNow))
    },

    clock () {
      return { mode: clock.mode, now: clock.now().toISOString() }
    },

    /** Moves a manual instance clock (everyone's time); the time is persisted first. */
    async advanceClock (step: ClockStep) {
      if (!isManual(clock)) throw apiErrors.conflict('The clock is the system clock; start allegro-mock with --clock manual to move it', 'ClockNotManual')
      const next = new Date(target(clock.now().getTime(), step)).toISOString()
      await store.update(tx => { tx.instance.settings.put({ ...instanceSettings(store), clockNow: next }) })
      clock.set(new Date(next))
      return { mode: clock.mode, now: next }
    },

    sellerClock (sellerRef: string) {
      const seller = sellerOf(sellerRef)
      return { mode: clock.mode, now: clocks.now(seller.id).toISOString(), offsetMs: clocks.offsetOf(seller.id) }
    },

    /** Moves one seller's time only: its offset on top of the instance clock grows (with either clock). */
    async advanceSellerClock (sellerRef: string, step: ClockStep) {
      const seller = sellerOf(sellerRef)
      const from = clocks.now(seller.id).getTime()
      const to = target(from, step)
      await store.update(tx => {
        const settings = tx.seller(seller.id).settings
        const current = settings.get('single') ?? { clockOffsetMs: 0, scenario: instanceSettings(store).scenario, sandbox: false }
        settings.put({ ...current, clockOffsetMs: current.clockOffsetMs + (to - from) })
      })
      return this.sellerClock(seller.id)
    },
  }
}

export type MockControlService = ReturnType<typeof createMockControlService>
