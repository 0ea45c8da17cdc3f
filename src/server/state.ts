import type { AuthorizationCode, Client, DeviceGrant, OAuthState, RefreshGrant } from './modules/oauth/oauth.types.js'
import type { DisputesState, StoredAttachment, StoredDispute, StoredDisputeMessage } from './modules/disputes/disputes.types.js'
import type { OrdersState, StoredCheckoutForm } from './modules/orders/orders.types.js'
import type { ContactsState, StoredContact } from './modules/contacts/contacts.types.js'
import type { ImagesState, StoredImage } from './modules/images/images.types.js'
import type { ClassifiedEvent, OffersState, StoredOffer } from './modules/offers/offers.types.js'
import type { PublicationState, StoredCommand } from './modules/publication/publication.types.js'
import type { IssuesState, StoredClaim, StoredClaimMessage } from './modules/issues/issues.types.js'
import { claimDueAt } from './modules/issues/issue.rules.js'
import { NO_FAULTS, type Faults } from './modules/faults/faults.types.js'
import type { Dump, Store, Transaction, Views } from './core/store.js'
import type { TableSpec } from './core/table.js'

/** A seller account of the mock. Every stored Allegro record belongs to one. */
export interface Seller {
  id: string
  login: string
  /** Company accounts must state after-sales conditions (classified-ads guide). */
  company: boolean
  /** What GET /me tells about the account; made up from the login when a scenario leaves it out. */
  profile?: { firstName?: string, lastName?: string, email?: string, companyName?: string | null, taxId?: string | null }
}

export interface InstanceSettings {
  /** Signs the mock's JWTs; kept across resets so issued tokens stay valid. */
  secret: string
  scenario: string
  /** A manual clock's time, so a restart resumes at the same moment. */
  clockNow: string | null
}

/** What belongs to one seller beside its records: its own clock offset and where a reset takes it back to. */
export interface SellerSettings {
  /** Added to the instance clock for this seller only (its tasks, expiries, token lifetimes). */
  clockOffsetMs: number
  /** The scenario the seller's data was seeded from. */
  scenario: string
  /** A sandbox seller was made by POST /__mock/sandboxes from the scenario's first seller, with fresh ids. */
  sandbox: boolean
}

const table = <R>(spec: TableSpec<R>): TableSpec<R> => spec
const single = () => 'single'

const firstNewTask = (command: StoredCommand): number | null => {
  let first: number | null = null
  for (const task of command.tasks) {
    const at = Date.parse(task.meta.settlesAt)
    if (task.status === 'NEW' && (first === null || at < first)) first = at
  }
  return first
}

/** Every table of the state. Instance tables are shared; partition tables exist once per seller. */
export const SCHEMA = {
  instance: {
    settings: table<InstanceSettings>({ key: single }),
    clients: table<Client>({ key: c => c.clientId }),
    sellers: table<Seller>({ key: s => s.id, indexes: { byLogin: s => s.login } }),
    authCodes: table<AuthorizationCode>({ key: c => c.code, due: c => Date.parse(c.expiresAt) }),
    refreshTokens: table<RefreshGrant>({ key: r => r.jti, indexes: { bySeller: r => r.sellerId }, due: r => Math.min(Date.parse(r.expiresAt), r.spentAt === null ? Infinity : Date.parse(r.spentAt) + REFRESH_GRACE_MS) }),
    devices: table<DeviceGrant>({ key: d => d.deviceCode, indexes: { byUserCode: d => d.userCode }, due: d => Date.parse(d.expiresAt) + DEVICE_KEPT_MS }),
    faults: table<Faults>({ key: single }),
  },
  partition: {
    settings: table<SellerSettings>({ key: single }),
    faults: table<Faults>({ key: single }),
    disputes: table<StoredDispute>({ key: d => d.id, global: true }),
    disputeMessages: table<StoredDisputeMessage>({ key: m => m.id, indexes: { byDispute: m => m.meta.disputeId } }),
    disputeAttachments: table<StoredAttachment>({ key: a => a.id, global: true }),
    checkoutForms: table<StoredCheckoutForm>({ key: f => f.id, global: true }),
    contacts: table<StoredContact>({ key: c => c.id, global: true }),
    images: table<StoredImage>({ key: i => i.id, global: true, indexes: { byLocation: i => i.location }, due: i => Date.parse(i.expiresAt) }),
    offers: table<StoredOffer>({
      key: o => o.id,
      global: true,
      indexes: { byImage: o => (o.images ?? []).map(i => i?.url).filter((u): u is string => typeof u === 'string') },
      due: o => o.publication.status === 'ACTIVE' && o.publication.endingAt ? Date.parse(o.publication.endingAt) : null,
    }),
    classifiedEvents: table<ClassifiedEvent>({ key: e => e.id, indexes: { byOffer: e => e.offerId } }),
    publicationCommands: table<StoredCommand>({ key: c => c.id, global: true, due: firstNewTask }),
    // Claims (the issues API): due while they wait for the seller's decision, then accepted on their due date.
    claims: table<StoredClaim>({ key: c => c.id, global: true, indexes: { byCheckoutForm: c => c.checkoutForm.id }, due: claimDueAt }),
    claimMessages: table<StoredClaimMessage>({ key: m => m.id, indexes: { byClaim: m => m.meta.claimId } }),
  },
}

/** Partition tables added after version 2 was first written: a data file without them has them empty. */
export const ADDED_TO_V2: ReadonlySet<string> = new Set(['claims', 'claimMessages'])

/** How long a spent refresh token keeps working (rotation grace), and how long a finished device grant is kept. */
export const REFRESH_GRACE_MS = 60_000
const DEVICE_KEPT_MS = 24 * 3600 * 1000

export type AppSchema = typeof SCHEMA
export type AppStore = Store<AppSchema>
export type AppTransaction = Transaction<AppSchema>
export type SellerTables = Views<AppSchema['partition']>
export type InstanceTables = Views<AppSchema['instance']>
export type PartitionTable = keyof AppSchema['partition'] & string

export const STATE_VERSION = 2

/**
 * Version 1: the whole state as one document of flat lists (today's snapshot format, and the data file before
 * partitions). Records carry their seller in `meta.sellerId`.
 */
export interface StateV1 extends DisputesState, OrdersState, ContactsState, ImagesState, OffersState, PublicationState {
  version: 1
  secret: string
  scenario: string
  clockNow: string | null
  clients: Client[]
  sellers: Seller[]
  oauth: OAuthState
  faults: Faults
  /** Per-seller settings and faults (absent in files written before sandboxes). */
  sandboxes?: Record<string, { settings: SellerSettings, faults: Faults }>
  /** Claims and their chats (absent in snapshots written before the issues API). */
  claims?: IssuesState['claims']
  claimMessages?: IssuesState['claimMessages']
}

/** What a scenario provides: the data (and the bytes of its files), not the bookkeeping. */
export type ScenarioData = Pick<StateV1, 'clients' | 'sellers'> & Partial<DisputesState & OrdersState & ContactsState & ImagesState & OffersState & PublicationState & IssuesState> & {
  files?: Record<string, { bytes: Buffer }>
}

export function newStateV1 (data: ScenarioData, meta: { secret: string, scenario: string, clockNow: string | null }): StateV1 {
  return {
    version: 1,
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
    claims: data.claims ?? [],
    claimMessages: data.claimMessages ?? [],
  }
}

/** Tables whose rows name their seller in `meta.sellerId`. */
export const OWNED = ['disputes', 'disputeAttachments', 'checkoutForms', 'contacts', 'images', 'offers', 'publicationCommands'] as const
export const V1_LISTS = ['clients', 'sellers', ...OWNED, 'disputeMessages', 'classifiedEvents'] as const
/** Lists version 1 gained later; a snapshot without them has none. */
export const V1_OPTIONAL_LISTS = ['claims', 'claimMessages'] as const

/** Sorts a version-1 state into partitions. */
export function fromV1 (state: StateV1): Dump {
  const partitions: Dump['partitions'] = {}
  const partition = (sellerId: string) => {
    partitions[sellerId] ??= emptyPartition()
    return partitions[sellerId]!
  }
  for (const seller of state.sellers) partition(seller.id).settings = [{ clockOffsetMs: 0, scenario: state.scenario, sandbox: false }]
  const disputeOwner = new Map<string, string>()
  for (const name of OWNED) {
    for (const row of state[name] as Array<{ id: string, meta: { sellerId: string } }>) {
      partition(row.meta.sellerId)[name]!.push(row)
      if (name === 'disputes') disputeOwner.set(row.id, row.meta.sellerId)
    }
  }
  for (const message of state.disputeMessages) {
    const owner = disputeOwner.get(message.meta.disputeId)
    if (owner) partition(owner).disputeMessages!.push(message)
  }
  state.classifiedEvents.forEach((event, i) => partition(event.sellerId).classifiedEvents!.push({ ...event, id: event.id ?? `event-${i + 1}` }))
  const claimOwner = new Map<string, string>()
  for (const claim of state.claims ?? []) {
    partition(claim.meta.sellerId).claims!.push(claim)
    claimOwner.set(claim.id, claim.meta.sellerId)
  }
  for (const message of state.claimMessages ?? []) {
    const owner = claimOwner.get(message.meta.claimId)
    if (owner) partition(owner).claimMessages!.push(message)
  }
  for (const [sellerId, extra] of Object.entries(state.sandboxes ?? {})) {
    partition(sellerId).settings = [extra.settings]
    partition(sellerId).faults = [extra.faults]
  }
  return {
    instance: {
      settings: [{ secret: state.secret, scenario: state.scenario, clockNow: state.clockNow }],
      clients: state.clients,
      sellers: state.sellers,
      authCodes: state.oauth.codes,
      refreshTokens: state.oauth.refreshTokens,
      devices: state.oauth.devices,
      faults: [state.faults],
    },
    partitions,
  }
}

function emptyPartition (): Record<string, unknown[]> {
  return Object.fromEntries(Object.keys(SCHEMA.partition).map(name => [name, []]))
}

/** The whole state as one version-1 document: the snapshot format. */
export function toV1 (dump: Dump): StateV1 {
  const settings = (dump.instance.settings?.[0] ?? {}) as InstanceSettings
  const lists = Object.fromEntries([...V1_LISTS.filter(n => n !== 'clients' && n !== 'sellers'), ...V1_OPTIONAL_LISTS].map(n => [n, [] as unknown[]])) as Record<string, unknown[]>
  const sandboxes: NonNullable<StateV1['sandboxes']> = {}
  for (const [sellerId, tables] of Object.entries(dump.partitions)) {
    for (const name of Object.keys(lists)) lists[name]!.push(...(tables[name] ?? []))
    const own = { settings: tables.settings?.[0] as SellerSettings | undefined, faults: tables.faults?.[0] as Faults | undefined }
    if (own.settings) sandboxes[sellerId] = { settings: own.settings, faults: own.faults ?? structuredClone(NO_FAULTS) }
  }
  return {
    version: 1,
    secret: settings.secret,
    scenario: settings.scenario,
    clockNow: settings.clockNow,
    clients: dump.instance.clients as Client[],
    sellers: dump.instance.sellers as Seller[],
    oauth: {
      codes: dump.instance.authCodes as AuthorizationCode[],
      refreshTokens: dump.instance.refreshTokens as RefreshGrant[],
      devices: dump.instance.devices as DeviceGrant[],
    },
    faults: (dump.instance.faults?.[0] as Faults | undefined) ?? structuredClone(NO_FAULTS),
    ...(lists as unknown as Omit<StateV1, 'version' | 'secret' | 'scenario' | 'clockNow' | 'clients' | 'sellers' | 'oauth' | 'faults'>),
    sandboxes,
  }
}

export function instanceSettings (store: AppStore): InstanceSettings {
  const settings = store.instance.settings.get('single')
  if (!settings) throw new Error('The state has no instance settings')
  return settings
}

/** A seller by login or id. */
export function findSeller (tables: InstanceTables, loginOrId: string): Seller | undefined {
  return tables.sellers.get(loginOrId) ?? tables.sellers.where('byLogin', loginOrId)[0]
}

/** Blob keys the whole state refers to; any other blob is an orphan. */
export function referencedBlobKeys (store: AppStore): Set<string> {
  const keys = new Set<string>()
  for (const id of store.partitionIds()) {
    const seller = store.seller(id)
    for (const a of seller.disputeAttachments.all()) if (typeof a.meta.blobKey === 'string') keys.add(a.meta.blobKey)
    for (const i of seller.images.all()) if (typeof i.meta.blobKey === 'string') keys.add(i.meta.blobKey)
  }
  return keys
}

export function blobKeysOfV1 (state: StateV1): Set<string> {
  const keys = [...state.disputeAttachments.map(a => a.meta.blobKey), ...state.images.map(i => i.meta.blobKey)]
  return new Set(keys.filter((k): k is string => typeof k === 'string'))
}
