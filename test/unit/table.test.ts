import fc from 'fast-check'
import { expect, test } from 'vitest'
import { memoryPersistence, openStore, type Store } from '../../src/server/core/store.js'
import type { TableSpec } from '../../src/server/core/table.js'

/**
 * The store's tables and indexes against a reference model that keeps plain ordered maps and answers every query
 * by scanning them. Random transactions put, replace, delete and drop partitions; some throw half way (and must
 * leave nothing behind), some hit a global key another partition holds.
 */

interface Row { id: string, color: string | null, tags: string[], due: number | null, n: number }

const KEYS = ['a', 'b', 'c', 'd', 'e']
const COLORS = ['red', 'blue']
const TAGS = ['x', 'y', 'z']
const PARTITIONS = ['p1', 'p2', 'p3']
const DUES = [null, Number.NaN, Infinity, -Infinity, -3, 0, 5, 10, 1e12]
const DUE_QUERIES = [-Infinity, -4, -3, 0, 4, 5, 9, 10, 1e12, Infinity]

const rowSpec = (global: boolean): TableSpec<Row> => ({
  key: r => r.id,
  indexes: { byColor: r => r.color, byTag: r => r.tags },
  due: r => r.due,
  global,
})
const schema = {
  instance: { items: rowSpec(false) },
  partition: { things: rowSpec(true), notes: rowSpec(false) },
}
type TestStore = Store<typeof schema>
const INDEX_VALUES = { byColor: COLORS, byTag: TAGS } as const

type Where = { partition: null, table: 'items' } | { partition: string, table: 'things' | 'notes' }
type Op =
  | { kind: 'put', at: Where, row: Row }
  /** A put whose failure (a global key held elsewhere) the change catches and goes on. */
  | { kind: 'tryPut', at: Where, row: Row }
  | { kind: 'delete', at: Where, key: string }
  | { kind: 'drop', partition: string }
interface Step { ops: Op[], throwAt: number | null }

const where: fc.Arbitrary<Where> = fc.oneof(
  fc.constant({ partition: null, table: 'items' as const }),
  fc.record({ partition: fc.constantFrom(...PARTITIONS), table: fc.constantFrom('things' as const, 'notes' as const) }),
)
const row: fc.Arbitrary<Row> = fc.record({
  id: fc.constantFrom(...KEYS),
  color: fc.constantFrom(null, ...COLORS),
  // duplicates on purpose: a row filed twice under one value is still one row there
  tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
  due: fc.constantFrom(...DUES),
  n: fc.nat({ max: 1000 }),
})
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('put' as const), at: where, row }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('tryPut' as const), at: where, row }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: where, key: fc.constantFrom(...KEYS) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), partition: fc.constantFrom(...PARTITIONS) }), weight: 1 },
)
const step: fc.Arbitrary<Step> = fc.array(op, { minLength: 1, maxLength: 6 }).chain(ops => fc.record({
  ops: fc.constant(ops),
  // a third of the changes throw before one of their ops (or after the last)
  throwAt: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.nat({ max: ops.length }), weight: 1 }),
}))

// --- the reference model: ordered maps, copied whole for each change ---

type Rows = Map<string, Row>
interface Model { items: Rows, partitions: Map<string, { things: Rows, notes: Rows }> }

const copyModel = (m: Model): Model => ({
  items: new Map(m.items),
  partitions: new Map([...m.partitions].map(([id, p]) => [id, { things: new Map(p.things), notes: new Map(p.notes) }])),
})

class Planned extends Error {}
class Conflict extends Error {}

function modelOwner (m: Model, key: string): string | undefined {
  for (const [id, p] of m.partitions) if (p.things.has(key)) return id
  return undefined
}

function modelRows (m: Model, at: Where, create: boolean): Rows | undefined {
  if (at.partition === null) return m.items
  let p = m.partitions.get(at.partition)
  if (!p && create) m.partitions.set(at.partition, p = { things: new Map(), notes: new Map() })
  return p?.[at.table]
}

function modelPut (m: Model, at: Where, r: Row): void {
  if (at.table === 'things') {
    const owner = modelOwner(m, r.id)
    if (owner !== undefined && owner !== at.partition) throw new Conflict()
  }
  modelRows(m, at, true)!.set(r.id, r)
}

function modelStep (m: Model, s: Step): Model | null {
  const next = copyModel(m)
  try {
    s.ops.forEach((o, i) => {
      if (i === s.throwAt) throw new Planned()
      if (o.kind === 'put') modelPut(next, o.at, o.row)
      else if (o.kind === 'tryPut') {
        try { modelPut(next, o.at, o.row) } catch (error) { if (!(error instanceof Conflict)) throw error }
      } else if (o.kind === 'delete') modelRows(next, o.at, false)?.delete(o.key)
      else next.partitions.delete(o.partition)
    })
    if (s.throwAt === s.ops.length) throw new Planned()
    return next
  } catch {
    return null
  }
}

function storeStep (store: TestStore, s: Step): Promise<void> {
  return store.update(tx => {
    const tables = (at: Where) => at.partition === null ? tx.instance.items : tx.seller(at.partition)[at.table]
    s.ops.forEach((o, i) => {
      if (i === s.throwAt) throw new Planned()
      // the store freezes what it is given; the model keeps its own copy
      if (o.kind === 'put') tables(o.at).put(structuredClone(o.row))
      else if (o.kind === 'tryPut') {
        try { tables(o.at).put(structuredClone(o.row)) } catch { /* held by another partition: the change goes on */ }
      } else if (o.kind === 'delete') tables(o.at).delete(o.key)
      else tx.dropPartition(o.partition)
    })
    if (s.throwAt === s.ops.length) throw new Planned()
  })
}

// --- queries answered by a plain scan ---

const filedUnder = (index: 'byColor' | 'byTag', r: Row): string[] =>
  index === 'byColor' ? (r.color === null ? [] : [r.color]) : r.tags

function dueScan (rows: Rows, at: number): Row[] {
  return [...rows.values()]
    .filter(r => r.due !== null && Number.isFinite(r.due) && r.due <= at)
    .sort((a, b) => a.due! - b.due! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function expectTable (view: TestStore['instance']['items'], rows: Rows, label: string): void {
  const all = [...rows.values()]
  expect(view.all(), `${label}: all() in insertion order`).toEqual(all)
  expect(view.size, `${label}: size`).toBe(all.length)
  expect(view.first(), `${label}: first()`).toEqual(all[0])
  for (const key of KEYS) {
    expect(view.get(key), `${label}: get(${key})`).toEqual(rows.get(key))
    expect(view.has(key), `${label}: has(${key})`).toBe(rows.has(key))
  }
  for (const [index, values] of Object.entries(INDEX_VALUES) as Array<['byColor' | 'byTag', readonly string[]]>) {
    for (const value of values) {
      const scan = all.filter(r => filedUnder(index, r).includes(value))
      expect(view.where(index, value), `${label}: where(${index}, ${value})`).toEqual(scan)
      expect(view.countWhere(index, value), `${label}: countWhere(${index}, ${value})`).toBe(scan.length)
    }
  }
  for (const at of DUE_QUERIES) expect(view.dueBy(at), `${label}: dueBy(${at})`).toEqual(dueScan(rows, at))
  expect(view.nextDue(), `${label}: nextDue()`).toBe(dueScan(rows, Infinity)[0]?.due ?? null)
}

function expectStore (store: TestStore, m: Model, options: { emptyPartitions: boolean }): void {
  const partitions = [...m.partitions].filter(([, p]) => options.emptyPartitions || p.things.size + p.notes.size > 0)
  expectTable(store.instance.items, m.items, 'instance.items')
  expect(store.partitionIds(), 'partitionIds()').toEqual(partitions.map(([id]) => id))
  const none: Rows = new Map()
  for (const id of PARTITIONS) {
    const p = m.partitions.get(id)
    expectTable(store.seller(id).things, p?.things ?? none, `${id}.things`)
    expectTable(store.seller(id).notes, p?.notes ?? none, `${id}.notes`)
  }
  for (const key of KEYS) expect(store.ownerOf('things', key), `ownerOf(things, ${key})`).toBe(modelOwner(m, key))
}

test('after any sequence of changes, some of which throw half way, every index answers what a plain scan answers', async () => {
  await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
    const store = await openStore(schema, memoryPersistence(), { initial: () => ({ instance: {}, partitions: {} }), format: identity })
    let model: Model = { items: new Map(), partitions: new Map() }
    for (const s of steps) {
      const next = modelStep(model, s)
      const run = storeStep(store, s)
      if (next === null) await expect(run).rejects.toThrow()
      else await run
      model = next ?? model
      expectStore(store, model, { emptyPartitions: true })
    }
    // the same state loaded from a dump builds the same indexes
    const copy = await openStore(schema, memoryPersistence(), { initial: () => structuredClone(store.dump()), format: identity })
    expectStore(copy, model, { emptyPartitions: false })
  }), { seed: 20261202, numRuns: 200 })
})

const identity = { encode: (d: unknown) => d, decode: (d: unknown) => d as never }
