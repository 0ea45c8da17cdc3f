import { deepFreeze, TableData, type TableSpec } from './table.js'

/**
 * The mock's state: an instance part (applications, OAuth, settings) and one partition per seller, each a set of
 * tables with indexes. Reads hand out frozen rows, never copies. A change runs synchronously against the live
 * tables while an undo log records what it replaced: if it throws, the log puts everything back, so a rejected
 * change leaves nothing behind. Its writes then go to the persistence's journal with those of every change made
 * while the previous save was in flight (group commit); each change is acknowledged once the save holding it is
 * durable. A change costs what it touches, whatever else is stored.
 */
export type Tables = Record<string, TableSpec<any>>
export interface Schema { instance: Tables, partition: Tables }

type RowOf<S> = S extends TableSpec<infer R> ? R : never

export interface TableView<R> {
  get (key: string): R | undefined
  has (key: string): boolean
  /** Every row, in insertion order (a replaced row keeps its place). */
  all (): R[]
  first (): R | undefined
  readonly size: number
  where (index: string, value: string): R[]
  countWhere (index: string, value: string): number
  /** Rows due at or before `at`, earliest first. */
  dueBy (at: number): R[]
  nextDue (): number | null
  /** Stores a row (frozen from then on); only inside `update`. */
  put (row: R): R
  delete (key: string): void
}

export type Views<T extends Tables> = { readonly [K in keyof T]: TableView<RowOf<T[K]>> }

/** A serialisable picture of the whole state: rows per table, for the instance and per partition. */
export interface Dump {
  instance: Record<string, unknown[]>
  partitions: Record<string, Record<string, unknown[]>>
}

/** One write as the journal keeps it: a row put (`v`) or deleted (`v: null`), or a whole partition dropped. */
export type Op =
  | { p: string | null, t: string, k: string, v: unknown }
  | { p: string, drop: true }

export interface Store<S extends Schema> {
  readonly instance: Views<S['instance']>
  /** A seller's partition; an unknown seller's is empty (and created by its first write). */
  seller (id: string): Views<S['partition']>
  /** Ids of every partition that holds data. */
  partitionIds (): string[]
  /** Which partition holds the row `key` of a global table. */
  ownerOf (table: keyof S['partition'] & string, key: string): string | undefined
  /** Runs `change` (synchronous) as one transaction; resolves with its result once its writes are durable. */
  update<T> (change: (tx: Transaction<S>) => T): Promise<T>
  /** Swaps the whole state (reset, snapshot import). */
  replace (next: Dump): Promise<void>
  dump (): Dump
  /** Resolves once every acknowledged change is saved; with `compact`, folds the journal into the data file. */
  flush (options?: { compact?: boolean }): Promise<void>
  /** Saves everything, folds the journal into the data file and lets go of the files. */
  close (): Promise<void>
  /** The data file, or null for an in-memory store. */
  readonly location: string | null
  /** The save that failed, after which every change is refused (the disk is behind the memory); null while healthy. */
  failure (): Error | null
}

export interface Transaction<S extends Schema> {
  readonly instance: Views<S['instance']>
  seller (id: string): Views<S['partition']>
  /** Removes a seller's partition and everything in it. */
  dropPartition (id: string): void
}

/** How a store loads and saves. Only `lowdb-store.ts` touches the disk. */
export interface Persistence {
  readonly location: string | null
  /** The data file's document and the journal batches written after it; undefined when nothing is stored yet. */
  load (): Promise<{ document: unknown, batches: Op[][] } | undefined>
  /** Appends batches to the journal; resolves once they are durable. */
  append (batches: Op[][]): Promise<void>
  /** Writes a whole document and empties the journal. */
  write (document: unknown): Promise<void>
  /** True when the journal has grown enough to be folded into the data file. */
  wantsCompaction (): boolean
  close (): Promise<void>
}

export function memoryPersistence (): Persistence {
  return { location: null, load: async () => undefined, append: async () => {}, write: async () => {}, wantsCompaction: () => false, close: async () => {} }
}

/** Turns a dump into the data file's document and back (where older versions are migrated). */
export interface Format {
  encode (dump: Dump): unknown
  /** Throws a `DataFileError` when `document` is not a state this version can use. */
  decode (document: unknown): Dump
  /** True for a document in an older format: the first write then rewrites it whole, rather than journal beside it. */
  outdated? (document: unknown): boolean
}

export interface OpenStoreOptions {
  /** The state to start from when nothing is stored yet. */
  initial: () => Dump | Promise<Dump>
  format: Format
}

export class DataFileError extends Error {
  constructor (readonly file: string, reason: string) {
    super(`The data file ${file} cannot be used: ${reason}. It was left untouched; fix or move it, or start with --memory.`)
    this.name = 'DataFileError'
  }
}

type Partition = Map<string, TableData<unknown>>

interface Pending { ops: Op[], resolve: () => void, reject: (error: unknown) => void }

export async function openStore<S extends Schema> (schema: S, persistence: Persistence, options: OpenStoreOptions): Promise<Store<S>> {
  let instance: Partition = newPartition(schema.instance)
  let partitions = new Map<string, Partition>()
  let owners = new Map<string, Map<string, string>>()
  const globalTables = Object.entries(schema.partition).filter(([, spec]) => spec.global).map(([name]) => name)

  /** Undo entries of the change running now; null outside `update`. */
  let undo: Array<() => void> | null = null
  /** Tables an undo put rows back into, to be brought back into order once the undo is done. */
  const restored = new Set<TableData<unknown>>()
  let ops: Op[] = []

  function newPartition (tables: Tables): Partition {
    return new Map(Object.entries(tables).map(([name, spec]) => [name, new TableData(spec)]))
  }

  function resetOwners (): void {
    owners = new Map(globalTables.map(name => [name, new Map()]))
  }
  resetOwners()

  function install (dump: Dump): void {
    const before = { instance, partitions, owners }
    instance = newPartition(schema.instance)
    partitions = new Map()
    resetOwners()
    try {
      for (const [table, rows] of Object.entries(dump.instance)) {
        const data = instance.get(table)
        if (!data) continue
        for (const row of rows) data.set(deepFreeze(row))
      }
      for (const [id, tables] of Object.entries(dump.partitions)) {
        for (const [table, rows] of Object.entries(tables)) for (const row of rows) apply({ p: id, t: table, k: '', v: row })
      }
    } catch (error) {
      // A dump that cannot be installed (one global key in two partitions) leaves the state as it was.
      instance = before.instance
      partitions = before.partitions
      owners = before.owners
      throw error
    }
  }

  /** Applies one journal op with no undo (loading and replaying). */
  function apply (op: Op, replay = false): void {
    if ('drop' in op) {
      dropNow(op.p)
      return
    }
    const data = tableOf(op.p, op.t, true)
    if (!data) return
    if (op.v === null) {
      removeRow(op.p, op.t, data, op.k)
      return
    }
    const row = deepFreeze(op.v)
    if (replay && op.p !== null && data.spec.global) {
      // A journal replayed onto a document that already holds it (one that does not name its document, left by a
      // crash between a compaction's rename and the journal's truncation) may give a key back to a partition it
      // later left. The journal's order decides, as it did live.
      const key = data.spec.key(row)
      const holder = owners.get(op.t)!.get(key)
      if (holder !== undefined && holder !== op.p) removeRow(holder, op.t, tableOf(holder, op.t, false)!, key)
    }
    setRow(op.p, op.t, data, row)
  }

  function tableOf (partition: string | null, table: string, create: boolean): TableData<unknown> | undefined {
    if (partition === null) return instance.get(table)
    let found = partitions.get(partition)
    if (!found) {
      if (!create) return undefined
      found = newPartition(schema.partition)
      partitions.set(partition, found)
    }
    return found.get(table)
  }

  function setRow (partition: string | null, table: string, data: TableData<unknown>, row: unknown): unknown {
    const key = data.spec.key(row)
    if (partition !== null && data.spec.global) {
      const holder = owners.get(table)!.get(key)
      if (holder !== undefined && holder !== partition) throw new Error(`${table} ${key} already belongs to partition ${holder}`)
      owners.get(table)!.set(key, partition)
    }
    return data.set(row)
  }

  function removeRow (partition: string | null, table: string, data: TableData<unknown>, key: string): unknown {
    const previous = data.remove(key)
    if (previous !== undefined && partition !== null && data.spec.global) owners.get(table)!.delete(key)
    return previous
  }

  function dropNow (id: string): Partition | undefined {
    const partition = partitions.get(id)
    if (!partition) return undefined
    for (const name of globalTables) {
      const byKey = owners.get(name)!
      for (const key of partition.get(name)!.rows.keys()) byKey.delete(key)
    }
    partitions.delete(id)
    return partition
  }

  function inChange (): Array<() => void> {
    if (undo === null) throw new Error('Writes happen only inside store.update')
    return undo
  }

  function view (partition: string | null, tables: Tables): Views<Tables> {
    const out: Record<string, TableView<unknown>> = {}
    for (const name of Object.keys(tables)) {
      const data = () => tableOf(partition, name, false)
      out[name] = {
        get: (key) => data()?.rows.get(key),
        has: (key) => data()?.rows.has(key) ?? false,
        all: () => [...(data()?.rows.values() ?? [])],
        first: () => data()?.rows.values().next().value,
        get size () { return data()?.rows.size ?? 0 },
        where: (index, value) => data()?.where(index, value) ?? [],
        countWhere: (index, value) => data()?.countWhere(index, value) ?? 0,
        dueBy: (at) => data()?.dueBy(at) ?? [],
        nextDue: () => data()?.nextDue() ?? null,
        put (row) {
          const log = inChange()
          const frozen = deepFreeze(row)
          // A partition this write creates goes again if the change fails (or this write is refused).
          const created = partition !== null && !partitions.has(partition)
          const table = tableOf(partition, name, true)!
          const key = table.spec.key(frozen)
          let previous: unknown
          try {
            previous = setRow(partition, name, table, frozen)
          } catch (error) {
            if (created) partitions.delete(partition)
            throw error
          }
          log.push(() => {
            if (previous === undefined) removeRow(partition, name, table, key)
            else setRow(partition, name, table, previous)
            if (created) partitions.delete(partition)
          })
          ops.push({ p: partition, t: name, k: key, v: frozen })
          return frozen
        },
        delete (key) {
          const log = inChange()
          const table = data()
          const place = table?.place(key)
          const previous = table ? removeRow(partition, name, table, key) : undefined
          if (previous === undefined) return
          log.push(() => {
            // back in its place, not at the end
            if (partition !== null && table!.spec.global) owners.get(name)!.set(key, partition)
            table!.restore(previous, place!)
            restored.add(table!)
          })
          ops.push({ p: partition, t: name, k: key, v: null })
        },
      }
    }
    return out
  }

  const instanceView = view(null, schema.instance) as Views<S['instance']>
  const partitionViews = new Map<string, Views<S['partition']>>()
  function sellerView (id: string): Views<S['partition']> {
    let found = partitionViews.get(id)
    if (!found) {
      found = view(id, schema.partition) as Views<S['partition']>
      if (partitionViews.size > 10_000) partitionViews.clear()
      partitionViews.set(id, found)
    }
    return found
  }

  const transaction: Transaction<S> = {
    instance: instanceView,
    seller: sellerView,
    dropPartition (id) {
      const log = inChange()
      const order = partitions.has(id) ? [...partitions.keys()] : []
      const dropped = dropNow(id)
      if (!dropped) return
      log.push(() => {
        partitions.set(id, dropped)
        // back in its place among the partitions, not at the end
        const inOrder = new Map<string, Partition>()
        for (const other of order) if (partitions.has(other)) inOrder.set(other, partitions.get(other)!)
        for (const [other, tables] of partitions) if (!inOrder.has(other)) inOrder.set(other, tables)
        partitions = inOrder
        for (const name of globalTables) {
          for (const key of dropped.get(name)!.rows.keys()) owners.get(name)!.set(key, id)
        }
      })
      ops.push({ p: id, drop: true })
    },
  }

  function dump (): Dump {
    const rowsOf = (partition: Partition) => Object.fromEntries([...partition].map(([name, data]) => [name, [...data.rows.values()]]))
    return {
      instance: rowsOf(instance),
      partitions: Object.fromEntries([...partitions].map(([id, partition]) => [id, rowsOf(partition)])),
    }
  }

  // Group commit: changes made while a save is in flight wait for the next one, which writes them all at once.
  let pending: Pending[] = []
  let saving: Promise<void> | null = null
  let failure: unknown = null
  /** The data file is in an older format until the next whole-state write. */
  let outdated = false
  /** Whole-state writes (reset, import, compaction) wait in line with journal saves. */
  let rewrite: { document: unknown, waiters: Pending[] } | null = null

  function schedule (): void {
    saving ??= new Promise<void>(resolve => setImmediate(resolve)).then(drain).finally(() => {
      saving = null
      if (pending.length > 0 || rewrite) schedule()
    })
  }

  async function drain (): Promise<void> {
    while (pending.length > 0 || rewrite) {
      if (rewrite) {
        const { document, waiters } = rewrite
        rewrite = null
        await settle(waiters, () => persistence.write(document))
        continue
      }
      const batch = pending
      pending = []
      await settle(batch, () => persistence.append(batch.map(b => b.ops)))
      if (!failure && !rewrite && persistence.wantsCompaction()) {
        // Changes made meanwhile are in the document too: acknowledged with it, never replayed onto it.
        rewrite = { document: options.format.encode(dump()), waiters: pending }
        pending = []
      }
    }
  }

  async function settle (waiters: Pending[], save: () => Promise<void>): Promise<void> {
    try {
      if (failure) throw failure
      await save()
      for (const w of waiters) w.resolve()
    } catch (error) {
      // A save that failed leaves the disk behind the memory: refuse every later change rather than diverge further.
      failure ??= error
      for (const w of waiters) w.reject(error)
    }
  }

  function enqueueOps (written: Op[]): Promise<void> {
    if (failure) return Promise.reject(failure)
    if (persistence.location === null) return Promise.resolve()
    return new Promise((resolve, reject) => {
      pending.push({ ops: written, resolve, reject })
      schedule()
    })
  }

  /** Changes waiting for a journal save are in `document` too, so they are acknowledged with it. */
  function enqueueRewrite (document: unknown): Promise<void> {
    if (failure) return Promise.reject(failure)
    outdated = false
    if (persistence.location === null) return Promise.resolve()
    return new Promise((resolve, reject) => {
      rewrite = { document, waiters: [...(rewrite?.waiters ?? []), ...pending, { ops: [], resolve, reject }] }
      pending = []
      schedule()
    })
  }

  const loaded = await persistence.load()
  outdated = loaded !== undefined && (options.format.outdated?.(loaded.document) ?? false)
  if (loaded === undefined) {
    install(await options.initial())
    await persistence.write(options.format.encode(dump()))
  } else {
    install(options.format.decode(loaded.document))
    for (const batch of loaded.batches) for (const op of batch) apply(op, true)
  }

  const store: Store<S> = {
    location: persistence.location,
    instance: instanceView,
    seller: sellerView,
    partitionIds: () => [...partitions.keys()],
    ownerOf: (table, key) => owners.get(table)?.get(key),
    failure: () => failure === null ? null : failure instanceof Error ? failure : new Error(String(failure)),
    dump,
    async update (change) {
      if (undo !== null) throw new Error('store.update does not nest')
      // After a failed save the disk is behind the memory: a change is refused before it runs, not after.
      if (failure) throw failure
      undo = []
      ops = []
      let result
      try {
        result = change(transaction)
        if (result instanceof Promise) throw new Error('A store change must be synchronous')
      } catch (error) {
        for (const step of undo.reverse()) step()
        for (const table of restored) table.reorder()
        restored.clear()
        throw error
      } finally {
        undo = null
      }
      const written = ops
      ops = []
      if (written.length === 0) return result
      // An older document is not left behind a journal in the current format, which the version that wrote it would
      // never read: the first write puts the whole state in the current format.
      if (outdated) await enqueueRewrite(options.format.encode(dump()))
      else await enqueueOps(written)
      return result
    },
    async replace (next) {
      if (failure) throw failure
      install(next)
      await enqueueRewrite(options.format.encode(dump()))
    },
    async flush (flushOptions = {}) {
      if (flushOptions.compact) await enqueueRewrite(options.format.encode(dump()))
      while (saving) await saving
      if (failure) throw failure
    },
    async close () {
      try {
        await store.flush({ compact: true })
      } finally {
        await persistence.close()
      }
    },
  }
  return store
}
