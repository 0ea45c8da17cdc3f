/**
 * The data file's format (version 2 as the store keeps it, version 1 migrated) and the checks a document, from a data
 * file or a snapshot, passes before it is used: every row against its schema, then the rules across records.
 */
import { DataFileError, type Dump } from './core/store.js'
import type { TableSpec } from './core/table.js'
import { rowProblem } from './state-schema.js'
import { ADDED_TO_V2, fromV1, OWNED, SCHEMA, STATE_VERSION, V1_LISTS, V1_OPTIONAL_LISTS, type InstanceSettings, type StateV1 } from './state.js'

/** The data file: version 2 keeps the instance tables and one object of tables per seller; version 1 is migrated. */
export const stateFormat = (location: string) => ({
  encode: (dump: Dump) => ({ version: STATE_VERSION, instance: dump.instance, sellers: dump.partitions }),
  outdated: (document: unknown) => (document as { version?: unknown }).version !== STATE_VERSION,
  decode (document: unknown): Dump {
    const raw = document as Record<string, unknown> | null
    if (raw && typeof raw === 'object' && raw.version === 1) return fromV1(checkStateV1(raw, location))
    return checkStateV2(raw, location)
  },
})

function checkStateV2 (raw: Record<string, unknown> | null, location: string): Dump {
  const fail = (reason: string): never => { throw new DataFileError(location, reason) }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('it does not hold an allegro-mock state object')
  if (raw.version !== STATE_VERSION) return fail(`its version is ${JSON.stringify(raw.version)}, this allegro-mock reads versions 1 and ${STATE_VERSION}`)
  const tablesOk = (value: unknown, names: string[], where: string) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(`"${where}" is not an object of tables`)
    for (const name of names) if (!Array.isArray((value as Record<string, unknown>)[name])) fail(`"${where}.${name}" is not a list`)
  }
  tablesOk(raw.instance, Object.keys(SCHEMA.instance), 'instance')
  const settings = (raw.instance as Record<string, unknown[]>).settings![0] as Partial<InstanceSettings> | undefined
  if (typeof settings?.secret !== 'string' || settings.secret.length < 16) fail('its signing secret is missing')
  const sellers = raw.sellers
  if (!sellers || typeof sellers !== 'object' || Array.isArray(sellers)) fail('"sellers" is not an object of partitions')
  for (const [id, tables] of Object.entries(sellers as object)) tablesOk(tables, Object.keys(SCHEMA.partition).filter(n => !ADDED_TO_V2.has(n)), `sellers.${id}`)
  for (const [name, rows] of Object.entries(raw.instance as Record<string, unknown[]>)) {
    const problem = rowProblem('instance', name, rows)
    if (problem) fail(`instance.${problem}`)
  }
  const known = new Set(((raw.instance as Record<string, unknown[]>).sellers as Array<{ id: string }>).map(s => s.id))
  const partitions = sellers as Record<string, Record<string, unknown[]>>
  for (const [id, tables] of Object.entries(partitions)) {
    if (!known.has(id)) fail(`"sellers.${id}" holds the data of a seller who is not in "instance.sellers"`)
    for (const [name, rows] of Object.entries(tables)) {
      const problem = rowProblem('partition', name, rows)
      if (problem) fail(`sellers.${id}.${problem}`)
    }
    const problem = threadProblem(tables as unknown as Threads)
    if (problem) fail(`sellers.${id}.${problem}`)
  }
  const twice = globalKeyTwice(Object.entries(partitions).map(([id, tables]) => [`sellers.${id}.`, tables]))
  if (twice) fail(twice)
  return { instance: raw.instance as Dump['instance'], partitions: sellers as Dump['partitions'] }
}

/** The lists a chat is made of: each dispute and claim opens with a message, and each message is in one of them. */
interface Threads {
  disputes: Array<{ id: string }>
  disputeMessages: Array<{ meta: { disputeId: string } }>
  claims?: Array<{ id: string }>
  claimMessages?: Array<{ meta: { claimId: string } }>
}

/** The first dispute or claim without messages, or message of neither, as `claims[2] has no messages`; null when none. */
function threadProblem (lists: Threads): string | null {
  const check = (issues: Array<{ id: string }>, messages: unknown[], issuesName: string, messagesName: string, of: (m: any) => string): string | null => {
    const ids = new Set(issues.map(i => i.id))
    const orphan = messages.findIndex(m => !ids.has(of(m)))
    if (orphan >= 0) return `${messagesName}[${orphan}] is in ${issuesName === 'disputes' ? 'dispute' : 'claim'} ${of(messages[orphan])}, which is not in "${issuesName}"`
    const talked = new Set(messages.map(of))
    const silent = issues.findIndex(i => !talked.has(i.id))
    // The issues API shows each dispute and claim with its first message.
    if (silent >= 0) return `${issuesName}[${silent}] (${issues[silent]!.id}) has no messages`
    return null
  }
  return check(lists.disputes, lists.disputeMessages, 'disputes', 'disputeMessages', m => m.meta.disputeId) ??
    check(lists.claims ?? [], lists.claimMessages ?? [], 'claims', 'claimMessages', m => m.meta.claimId)
}

/** A key of a global table (one id across all sellers) held twice, as `claims[4] has the id of claims[1]`; null when none. */
function globalKeyTwice (holders: Array<[prefix: string, tables: Record<string, unknown[] | undefined>]>): string | null {
  for (const [name, spec] of Object.entries(SCHEMA.partition) as Array<[string, TableSpec<unknown>]>) {
    if (!spec.global) continue
    const seen = new Map<string, string>()
    for (const [prefix, tables] of holders) {
      for (const [i, row] of (tables[name] ?? []).entries()) {
        const key = spec.key(row)
        const first = seen.get(key)
        if (first !== undefined) return `${prefix}${name}[${i}] has the id ${key} of ${first}`
        seen.set(key, `${prefix}${name}[${i}]`)
      }
    }
  }
  return null
}

/** Accepts a version-1 document only when this version can use it; the reason goes into the error. */
export function checkStateV1 (raw: unknown, location: string): StateV1 {
  const fail = (reason: string): never => { throw new DataFileError(location, reason) }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('it does not hold an allegro-mock state object')
  const state = raw as Record<string, unknown>
  if (state.version !== 1) return fail(`its version is ${JSON.stringify(state.version)}, a snapshot has version 1`)
  if (typeof state.secret !== 'string' || state.secret.length < 16) return fail('its signing secret is missing')
  for (const name of V1_LISTS) if (!Array.isArray(state[name])) fail(`"${name}" is not a list`)
  for (const name of V1_OPTIONAL_LISTS) if (state[name] !== undefined && !Array.isArray(state[name])) fail(`"${name}" is not a list`)
  const oauth = state.oauth as Record<string, unknown> | undefined
  if (!oauth || !['codes', 'refreshTokens', 'devices'].every(k => Array.isArray(oauth[k]))) fail('"oauth" is incomplete')
  const faults = state.faults as Record<string, unknown> | undefined
  if (!faults || !['taskFailures', 'responses', 'latencies'].every(k => Array.isArray(faults[k]))) fail('"faults" is incomplete')
  const sandboxes = state.sandboxes
  if (sandboxes !== undefined && (!sandboxes || typeof sandboxes !== 'object' || Array.isArray(sandboxes))) fail('"sandboxes" is not an object of sellers')
  const instanceTables: Array<[string, unknown[]]> = [
    ['settings', [{ secret: state.secret, scenario: state.scenario, clockNow: state.clockNow }]],
    ['clients', state.clients as unknown[]], ['sellers', state.sellers as unknown[]],
    ['authCodes', oauth!.codes as unknown[]], ['refreshTokens', oauth!.refreshTokens as unknown[]], ['devices', oauth!.devices as unknown[]],
    ['faults', [faults]],
  ]
  for (const [name, rows] of instanceTables) {
    const problem = rowProblem('instance', name, rows)
    // The instance settings are the document's own fields: `settings[0]: clockNow ...` names them.
    if (problem) fail(name === 'settings' ? problem.replace(/^settings\[0\]: /, '') : problem)
  }
  for (const name of [...V1_LISTS.filter(n => n !== 'clients' && n !== 'sellers'), ...V1_OPTIONAL_LISTS]) {
    const problem = rowProblem('partition', name, (state[name] ?? []) as unknown[])
    if (problem) fail(problem)
  }
  const v1 = raw as StateV1
  const sellerIds = new Set(v1.sellers.map(s => s.id))
  for (const [sellerId, own] of Object.entries((sandboxes ?? {}) as Record<string, unknown>)) {
    if (!sellerIds.has(sellerId)) fail(`"sandboxes.${sellerId}" is the settings of a seller who is not in "sellers"`)
    if (!own || typeof own !== 'object' || Array.isArray(own)) fail(`"sandboxes.${sellerId}" is not an object of settings and faults`)
    const { settings, faults: ownFaults } = own as Record<string, unknown>
    const problem = rowProblem('partition', 'settings', [settings]) ?? rowProblem('partition', 'faults', [ownFaults])
    if (problem) fail(`sandboxes.${sellerId}.${problem.replace(/\[0\]: /, ': ')}`)
  }
  for (const name of [...OWNED, 'claims'] as const) {
    const rows = (v1[name] ?? []) as Array<{ meta: { sellerId: string } }>
    const stray = rows.findIndex(row => !sellerIds.has(row.meta.sellerId))
    if (stray >= 0) fail(`${name}[${stray}] belongs to seller ${rows[stray]!.meta.sellerId}, who is not in "sellers"`)
  }
  const problem = threadProblem(v1) ?? globalKeyTwice([['', v1 as unknown as Record<string, unknown[]>]])
  if (problem) fail(problem)
  return v1
}
