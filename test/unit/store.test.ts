import { expect, test } from 'vitest'
import { memoryPersistence, openStore, type Dump } from '../../src/server/core/store.js'
import type { TableSpec } from '../../src/server/core/table.js'

interface Offer { id: string, title: string, tags: string[], endsAt: number | null, meta: { note: string, history: string[] } }
interface Setting { name: string, value: number }

const offerSpec: TableSpec<Offer> = { key: o => o.id, global: true, indexes: { byTag: o => o.tags }, due: o => o.endsAt }
const schema = {
  instance: { settings: { key: (s: Setting) => s.name } as TableSpec<Setting> },
  partition: { offers: offerSpec, drafts: { key: (o: Offer) => o.id, indexes: { byTag: (o: Offer) => o.tags } } as TableSpec<Offer> },
}
const identity = { encode: (d: Dump) => d, decode: (d: unknown) => d as Dump }

const anOffer = (id: string, overrides: Partial<Offer> = {}): Offer =>
  ({ id, title: `Offer ${id}`, tags: ['new'], endsAt: null, meta: { note: 'seeded', history: [] }, ...overrides })

function seeded (): Dump {
  return {
    instance: { settings: [{ name: 'rate', value: 1 }] },
    partitions: {
      alice: { offers: [anOffer('o1', { endsAt: 100 }), anOffer('o2', { tags: ['new', 'sale'] }), anOffer('o3', { endsAt: 50 })], drafts: [] },
      bob: { offers: [anOffer('o4')], drafts: [anOffer('d1')] },
    },
  }
}

const open = (initial: () => Dump = seeded) => openStore(schema, memoryPersistence(), { initial, format: identity })

/** Everything a reader can see, in order. */
function picture (store: Awaited<ReturnType<typeof open>>) {
  return {
    dump: store.dump(),
    partitions: store.partitionIds(),
    owners: ['o1', 'o2', 'o3', 'o4', 'o5'].map(id => store.ownerOf('offers', id)),
    tags: store.partitionIds().map(id => ['new', 'sale'].map(tag => store.seller(id).offers.where('byTag', tag).map(o => o.id))),
    due: store.partitionIds().map(id => store.seller(id).offers.dueBy(Infinity).map(o => o.id)),
  }
}

test('rows handed out are frozen, down to their nested objects, and so is the row a change put', async () => {
  const store = await open()
  const row = store.seller('alice').offers.get('o1')!
  expect(() => { (row as { title: string }).title = 'changed' }).toThrow(TypeError)
  expect(() => { row.meta.note = 'changed' }).toThrow(TypeError)
  expect(() => { row.meta.history.push('changed') }).toThrow(TypeError)
  expect(() => { (store.seller('alice').offers.where('byTag', 'sale')[0]!.meta as { note: string }).note = 'x' }).toThrow(TypeError)
  expect(() => { (store.instance.settings.all()[0] as { value: number }).value = 2 }).toThrow(TypeError)

  const fresh = anOffer('o5')
  await store.update(tx => { tx.seller('alice').offers.put(fresh) })
  expect(() => { fresh.meta.history.push('after the put') }).toThrow(TypeError)
  expect(store.seller('alice').offers.get('o1')!.title).toBe('Offer o1')
})

test('a change that throws puts back every row, index, due entry, owner and partition as it was, in order', async () => {
  const store = await open()
  const before = picture(store)
  await expect(store.update(tx => {
    const alice = tx.seller('alice')
    alice.offers.put(anOffer('o1', { tags: ['sale'], endsAt: 10, title: 'replaced' }))
    alice.offers.delete('o2')
    alice.offers.put(anOffer('o2', { tags: [] }))
    alice.offers.delete('o3')
    tx.dropPartition('bob')
    tx.seller('carol').offers.put(anOffer('o4'))
    tx.seller('carol').offers.put(anOffer('o5'))
    tx.instance.settings.put({ name: 'rate', value: 2 })
    tx.instance.settings.delete('rate')
    throw new Error('refused half way')
  })).rejects.toThrow('refused half way')
  expect(picture(store)).toEqual(before)
  expect(store.instance.settings.get('rate')).toEqual({ name: 'rate', value: 1 })
  expect(store.partitionIds()).toEqual(['alice', 'bob'])
})

test('a change that succeeds after one that threw sees the state from before it', async () => {
  const store = await open()
  await expect(store.update(tx => { tx.seller('alice').offers.delete('o1'); throw new Error('no') })).rejects.toThrow('no')
  const seen = await store.update(tx => tx.seller('alice').offers.all().map(o => o.id))
  expect(seen).toEqual(['o1', 'o2', 'o3'])
})

test('update does not nest: the inner call is refused and its change never runs, the outer one commits', async () => {
  const store = await open()
  let inner: Promise<unknown> | undefined
  let innerRan = false
  await store.update(tx => {
    tx.seller('alice').offers.put(anOffer('o5'))
    inner = store.update(() => { innerRan = true })
  })
  await expect(inner).rejects.toThrow('store.update does not nest')
  expect(innerRan).toBe(false)
  expect(store.seller('alice').offers.has('o5')).toBe(true)
})

test('a change that returns a promise is refused and its writes are undone', async () => {
  const store = await open()
  const before = picture(store)
  await expect(store.update(tx => {
    tx.seller('alice').offers.put(anOffer('o5'))
    return Promise.resolve('later')
  })).rejects.toThrow('A store change must be synchronous')
  // an async function is the same thing
  await expect(store.update(async tx => { tx.seller('bob').offers.delete('o4') })).rejects.toThrow('must be synchronous')
  expect(picture(store)).toEqual(before)
})

test('writes outside a change are refused', async () => {
  const store = await open()
  expect(() => store.seller('alice').offers.put(anOffer('o9'))).toThrow('only inside store.update')
  expect(() => store.seller('alice').offers.delete('o1')).toThrow('only inside store.update')
  expect(store.seller('alice').offers.has('o9')).toBe(false)
  expect(store.partitionIds()).toEqual(['alice', 'bob'])
})

test('a key of a global table cannot be claimed by a second partition, though it can move from one to another', async () => {
  const store = await open()
  await expect(store.update(tx => { tx.seller('bob').offers.put(anOffer('o1', { title: 'stolen' })) })).rejects.toThrow('offers o1 already belongs to partition alice')
  await expect(store.update(tx => { tx.seller('dave').offers.put(anOffer('o1')) })).rejects.toThrow('already belongs')
  expect(store.ownerOf('offers', 'o1')).toBe('alice')
  expect(store.seller('alice').offers.get('o1')!.title).toBe('Offer o1')
  expect(store.seller('bob').offers.has('o1')).toBe(false)
  expect(store.partitionIds()).toEqual(['alice', 'bob'])

  // a table that is not global keeps keys per partition
  await store.update(tx => { tx.seller('alice').drafts.put(anOffer('d1')) })
  expect(store.seller('alice').drafts.has('d1') && store.seller('bob').drafts.has('d1')).toBe(true)

  await store.update(tx => {
    tx.seller('alice').offers.delete('o1')
    tx.seller('bob').offers.put(anOffer('o1', { title: 'moved' }))
  })
  expect(store.ownerOf('offers', 'o1')).toBe('bob')
  expect(store.seller('bob').offers.get('o1')!.title).toBe('moved')
})

test('dropping a partition frees its global keys and forgets its rows', async () => {
  const store = await open()
  await store.update(tx => { tx.dropPartition('bob') })
  expect(store.partitionIds()).toEqual(['alice'])
  expect(store.ownerOf('offers', 'o4')).toBeUndefined()
  expect(store.seller('bob').offers.all()).toEqual([])
  await store.update(tx => { tx.seller('alice').offers.put(anOffer('o4')) })
  expect(store.ownerOf('offers', 'o4')).toBe('alice')
})

test('replace() installs a whole dump: its rows, indexes, due entries and owners, and nothing of the state before', async () => {
  const store = await open()
  const next: Dump = {
    instance: { settings: [{ name: 'speed', value: 3 }] },
    partitions: { zed: { offers: [anOffer('o1', { tags: ['sale'], endsAt: 7 }), anOffer('o9')], drafts: [] } },
  }
  await store.replace(next)
  expect(store.partitionIds()).toEqual(['zed'])
  expect(store.instance.settings.all()).toEqual([{ name: 'speed', value: 3 }])
  expect(store.seller('alice').offers.all()).toEqual([])
  expect(store.ownerOf('offers', 'o1')).toBe('zed')
  expect(store.ownerOf('offers', 'o4')).toBeUndefined()
  expect(store.seller('zed').offers.where('byTag', 'sale').map(o => o.id)).toEqual(['o1'])
  expect(store.seller('zed').offers.where('byTag', 'new').map(o => o.id)).toEqual(['o9'])
  expect(store.seller('zed').offers.nextDue()).toBe(7)
  expect(Object.isFrozen(store.seller('zed').offers.get('o9')!.meta)).toBe(true)
  expect(store.dump()).toEqual(next)
})

test('replace() with a dump that gives one global key to two partitions is refused and the state before stays', async () => {
  const store = await open()
  const before = picture(store)
  const broken: Dump = {
    instance: { settings: [] },
    partitions: { x: { offers: [anOffer('o7')], drafts: [] }, y: { offers: [anOffer('o7')], drafts: [] } },
  }
  await expect(store.replace(broken)).rejects.toThrow('offers o7 already belongs to partition x')
  expect(picture(store)).toEqual(before)
})

test('a dump taken from a store opens as an equal store', async () => {
  const store = await open()
  await store.update(tx => {
    tx.seller('alice').offers.delete('o2')
    tx.seller('carol').offers.put(anOffer('o2', { tags: ['sale'] }))
  })
  const copy = await open(() => structuredClone(store.dump()))
  expect(picture(copy)).toEqual(picture(store))
})
