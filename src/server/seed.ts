import { createHash, randomBytes } from 'node:crypto'
import { scenarios } from '../fixtures/scenarios.js'
import { catalogue } from './reference-data.js'
import { offerViolations } from './modules/offers/offers.service.js'
import type { BlobStore } from './core/blob-store.js'
import { memoryPersistence, openStore, type Dump } from './core/store.js'
import { fromV1, newStateV1, SCHEMA, type AppStore, type InstanceSettings, type Seller, type SellerSettings } from './state.js'

export class UnknownScenarioError extends Error {
  constructor (readonly scenario: string) {
    super(`Unknown scenario "${scenario}". Known: ${Object.keys(scenarios).join(', ')}`)
    this.name = 'UnknownScenarioError'
  }
}

export function newSecret (): string {
  return randomBytes(32).toString('base64url')
}

interface BuiltScenario {
  /** The scenario's state as JSON text, so each use parses a fresh copy. */
  json: string
  files: Record<string, Buffer>
  sellers: Seller[]
}

const built = new Map<string, Promise<BuiltScenario>>()

/** A scenario's data, validated like any other: built once per process (scenarios are fixed data). */
function buildScenario (name: string): Promise<BuiltScenario> {
  if (!Object.hasOwn(scenarios, name)) return Promise.reject(new UnknownScenarioError(name))
  let found = built.get(name)
  if (!found) {
    found = (async () => {
      const data = scenarios[name]!()
      const files = Object.fromEntries(Object.entries(data.files ?? {}).map(([key, file]) => [key, file.bytes]))
      const dump = fromV1(newStateV1(data, { secret: 'x'.repeat(16), scenario: name, clockNow: null }))
      // Scenario offers are validated by the same rules as any other, as of their own validatedAt.
      const store = await openStore(SCHEMA, memoryPersistence(), { initial: () => dump, format: { encode: d => d, decode: d => d as Dump } })
      await store.update(tx => {
        for (const sellerId of store.partitionIds()) {
          const tables = tx.seller(sellerId)
          for (const offer of tables.offers.all()) {
            const violations = offerViolations(tx.instance, tables, catalogue, offer, new Date(offer.meta.validatedAt))
            tables.offers.put({ ...offer, meta: { ...offer.meta, violations } })
          }
        }
      })
      return { json: JSON.stringify(store.dump()), files, sellers: data.sellers }
    })()
    found.catch(() => built.delete(name))
    built.set(name, found)
  }
  return found
}

/** A complete state from a named scenario, and the bytes of the files it refers to. */
export async function seedDump (scenario: string, settings: InstanceSettings): Promise<{ dump: Dump, files: Record<string, Buffer> }> {
  const { json, files } = await buildScenario(scenario)
  const dump = JSON.parse(json) as Dump
  dump.instance.settings = [settings]
  return { dump, files }
}

/** One seller's tables: what the scenario gives a seller it defines, else (a sandbox) its first seller's data under fresh ids. */
export interface PartitionSeed {
  tables: Record<string, unknown[]>
  files: Record<string, Buffer>
  /** Scenario id → this seller's id, for every id that was renamed. */
  ids: Record<string, string>
  /** Whether the account is a company: a sandbox is one when the seller it copies is (its offers were validated so). */
  company: boolean
}

export async function seedPartition (scenario: string, seller: Seller, sandbox: boolean): Promise<PartitionSeed> {
  const { json, files, sellers } = await buildScenario(scenario)
  const dump = JSON.parse(json) as Dump
  const settings: SellerSettings = { clockOffsetMs: 0, scenario, sandbox }
  const own = !sandbox && dump.partitions[seller.id] !== undefined
  const template = sellers[0]
  // A seller added through POST /__mock/sellers is neither in the scenario nor a sandbox: it starts (and resets) empty.
  if (!own && !sandbox) return { tables: { ...emptyTables(), settings: [settings] }, files: {}, ids: {}, company: seller.company }
  const source = own ? dump.partitions[seller.id]! : (template && dump.partitions[template.id]) || emptyTables()
  if (own || !template) return { tables: { ...source, settings: [settings] }, files: filesOf(source, files), ids: {}, company: seller.company }
  const renames = renamesFor(source, template, seller)
  const renamed = renameAll(JSON.stringify(source), renames)
  const tables = JSON.parse(renamed.json) as Record<string, unknown[]>
  tables.settings = [settings]
  tables.faults = []
  const ownFiles: Record<string, Buffer> = {}
  for (const [key, bytes] of Object.entries(filesOf(source, files))) ownFiles[renamed.rename(key)] = bytes
  return { tables, files: ownFiles, ids: Object.fromEntries([...renames].filter(([from]) => from !== template.login)), company: template.company }
}

function emptyTables (): Record<string, unknown[]> {
  return Object.fromEntries(Object.keys(SCHEMA.partition).map(name => [name, []]))
}

/** The scenario files a partition's attachments and images refer to. */
function filesOf (tables: Record<string, unknown[]>, files: Record<string, Buffer>): Record<string, Buffer> {
  const keys = [...(tables.disputeAttachments ?? []), ...(tables.images ?? [])]
    .map(row => (row as { meta: { blobKey?: string | null } }).meta.blobKey)
    .filter((k): k is string => typeof k === 'string' && k in files)
  return Object.fromEntries(keys.map(k => [k, files[k]!]))
}

const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every id of the template's records, and its seller, mapped to ids of the same form derived from the new seller. */
function renamesFor (tables: Record<string, unknown[]>, template: Seller, seller: Seller): Map<string, string> {
  const renames = new Map<string, string>([[template.id, seller.id], [template.login, seller.login]])
  for (const [name, rows] of Object.entries(tables)) {
    if (name === 'settings' || name === 'faults') continue
    const spec = SCHEMA.partition[name as keyof typeof SCHEMA.partition] as { key: (row: unknown) => string }
    for (const row of rows) {
      const id = spec.key(row)
      if (!renames.has(id)) renames.set(id, derivedId(id, seller.id))
    }
  }
  return renames
}

/** The same shape as `id` (time UUID keeps its time, UUID, digits), unique to the seller and stable across resets. */
function derivedId (id: string, sellerId: string): string {
  const hash = createHash('sha256').update(`${sellerId}:${id}`).digest()
  const hex = hash.toString('hex')
  if (TIME_UUID.test(id)) return `${id.slice(0, 19)}${((hash.readUInt16BE(0) & 0x3fff) | 0x8000).toString(16)}-${hex.slice(4, 16)}`
  if (UUID.test(id)) {
    const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${'89ab'[hash[8]! % 4]}${hex.slice(17, 32)}`
    return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`
  }
  if (/^\d+$/.test(id)) {
    let digits = String(1 + (hash[0]! % 9))
    for (let i = 1; i < id.length; i++) digits += String(hash[i % hash.length]! % 10)
    return digits
  }
  return `${id}-${hex.slice(0, 8)}`
}

/** Replaces every renamed id wherever it stands on its own in a string (also inside URLs). */
function renameAll (json: string, renames: Map<string, string>): { json: string, rename: (text: string) => string } {
  const replacer = (table: Map<string, string>) => {
    const escaped = [...table.keys()].sort((a, b) => b.length - a.length).map(k => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    const pattern = new RegExp(`(?<![0-9A-Za-z_-])(?:${escaped.join('|')})(?![0-9A-Za-z_-])`, 'g')
    return (text: string) => text.replace(pattern, found => table.get(found)!)
  }
  // Inside JSON text a name is written escaped: a login with `\` or `"` must not end (or add to) the string it is in.
  const inJson = (text: string) => JSON.stringify(text).slice(1, -1)
  const renameJson = replacer(new Map([...renames].map(([from, to]) => [inJson(from), inJson(to)])))
  return { json: renameJson(json), rename: replacer(renames) }
}

/** Writes a state's files, then the state itself, then drops blobs nothing refers to any more. */
export async function installDump (store: AppStore, blobs: BlobStore, dump: Dump, files: Record<string, Buffer>, referenced: () => Set<string>): Promise<void> {
  for (const [key, bytes] of Object.entries(files)) await blobs.put(key, bytes)
  await store.replace(dump)
  const keep = referenced()
  for (const key of await blobs.keys()) if (!keep.has(key)) await blobs.delete(key)
}
