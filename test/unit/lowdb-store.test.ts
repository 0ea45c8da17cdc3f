import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { lowdbPersistence } from '../../src/server/core/lowdb-store.js'
import { DataFileError, openStore, type Dump, type Op, type Persistence, type Transaction } from '../../src/server/core/store.js'
import { anItem, emptyDump, engineFormat, engineSchema } from '../fixtures/engine-schema.js'

const dirs: string[] = []
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }) })

function dataFile (): string {
  const dir = mkdtempSync(join(tmpdir(), 'allegro-mock-lowdb-'))
  dirs.push(dir)
  return join(dir, 'state.json')
}

function open (persistence: Persistence, initial: () => Dump = emptyDump) {
  return openStore(engineSchema, persistence, { initial, format: engineFormat(persistence.location ?? 'memory') })
}

/** A second store on the same file, as a restart would open it; its persistence is let go without a compaction. */
async function reopen (file: string, options: Parameters<typeof lowdbPersistence>[1] = {}) {
  const persistence = lowdbPersistence(file, options)
  const store = await open(persistence)
  await persistence.close()
  return store
}

const journalOf = (file: string) => `${file}.journal`
/** The journal's changes, one list of ops per change (its first line names the document it continues). */
const journalLines = (file: string) => readFileSync(journalOf(file), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as unknown).filter((line): line is Op[] => Array.isArray(line))
const documentOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { version: string } & Dump
const itemIds = (dump: Dump, seller: string) => ((dump.partitions[seller]?.items ?? []) as Array<{ id: string }>).map(i => i.id)

interface HeldAppend {
  /** The changes of this save, one list of ops per change. */
  batches: Op[][]
  /** Lets the real append run; the save completes when it has. */
  release (): void
  fail (error: Error): void
}

/** The real lowdb persistence, with each journal append held until the test releases it. */
function holding (inner: Persistence) {
  const events: string[] = []
  const held: HeldAppend[] = []
  const takers: Array<(call: HeldAppend) => void> = []
  let holds = true
  const persistence: Persistence = {
    location: inner.location,
    load: () => inner.load(),
    append (batches) {
      const keys = batches.map(ops => ops.map(op => 'k' in op ? op.k : `drop ${op.p}`).join('+')).join(', ')
      events.push(`append asked: ${keys}`)
      if (!holds) return inner.append(batches).then(() => { events.push(`append done: ${keys}`) })
      return new Promise<void>((resolve, reject) => {
        const call: HeldAppend = {
          batches,
          release: () => {
            inner.append(batches).then(() => { events.push(`append done: ${keys}`); resolve() }, reject)
          },
          fail: (error) => { events.push(`append failed: ${keys}`); reject(error) },
        }
        const taker = takers.shift()
        if (taker) taker(call)
        else held.push(call)
      })
    },
    write (document) {
      events.push('document written')
      return inner.write(document)
    },
    wantsCompaction: () => inner.wantsCompaction(),
    close: () => inner.close(),
  }
  return {
    persistence,
    events,
    /** Appends from now on run without being held. */
    passThrough: () => { holds = false },
    /** The next append the store makes, held. */
    nextAppend: (): Promise<HeldAppend> => held.length > 0 ? Promise.resolve(held.shift()!) : new Promise(resolve => takers.push(resolve)),
  }
}

/** Lets every timer-free callback that is ready run (the store starts a save on the next turn of the event loop). */
async function idle (): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve))
}

const putItem = (seller: string, id: string, overrides = {}) =>
  (tx: Transaction<typeof engineSchema>) => { tx.seller(seller).items.put(anItem(id, overrides)) }

test('a change is acknowledged only after the save holding it, and changes made during a save go together into the next', async () => {
  const file = dataFile()
  const { persistence, events, nextAppend } = holding(lowdbPersistence(file))
  const store = await open(persistence)
  const acknowledged = (name: string) => () => { events.push(`acknowledged ${name}`) }

  const a = store.update(putItem('alice', 'a')).then(acknowledged('a'))
  const first = await nextAppend()
  expect(first.batches).toEqual([[{ p: 'alice', t: 'items', k: 'a', v: anItem('a') }]])

  const b = store.update(putItem('alice', 'b')).then(acknowledged('b'))
  const c = store.update(tx => { tx.seller('bob').items.put(anItem('c')); tx.seller('bob').notes.put(anItem('n')) }).then(acknowledged('c'))
  await idle()
  expect(events).toEqual(['document written', 'append asked: a'])
  expect(existsSync(journalOf(file)) ? readFileSync(journalOf(file), 'utf8') : '').toBe('')
  // the memory already holds them: later changes build on them
  expect(store.seller('alice').items.all().map(i => i.id)).toEqual(['a', 'b'])

  first.release()
  await a
  const second = await nextAppend()
  expect(second.batches.map(ops => ops.map(op => 'k' in op && op.k))).toEqual([['b'], ['c', 'n']])
  await idle()
  expect(events.indexOf('acknowledged a')).toBeGreaterThan(events.indexOf('append done: a'))
  expect(events.filter(e => e.startsWith('acknowledged'))).toEqual(['acknowledged a'])
  expect(journalLines(file)).toHaveLength(1)

  second.release()
  await Promise.all([b, c])
  expect(events.slice(events.indexOf('append done: b, c+n'))).toEqual(['append done: b, c+n', 'acknowledged b', 'acknowledged c'])
  expect(journalLines(file)).toHaveLength(3)
  const again = await reopen(file)
  expect(itemIds(again.dump(), 'alice')).toEqual(['a', 'b'])
  expect(itemIds(again.dump(), 'bob')).toEqual(['c'])
  await persistence.close()
})

test('a change with no writes is not held back by a save in flight', async () => {
  const { persistence, nextAppend } = holding(lowdbPersistence(dataFile()))
  const store = await open(persistence)
  const written = store.update(putItem('alice', 'a'))
  const held = await nextAppend()
  expect(await store.update(tx => tx.seller('alice').items.size)).toBe(1)
  held.release()
  await written
  await persistence.close()
})

test('a failed save rejects the changes it held and those waiting behind it, and the store refuses every later change', async () => {
  const file = dataFile()
  const { persistence, nextAppend } = holding(lowdbPersistence(file))
  const store = await open(persistence)
  const a = store.update(putItem('alice', 'a'))
  ;(await nextAppend()).release()
  await a

  const b = store.update(putItem('alice', 'b'))
  const held = await nextAppend()
  const c = store.update(putItem('alice', 'c'))
  held.fail(new Error('disk full'))
  await expect(b).rejects.toThrow('disk full')
  await expect(c).rejects.toThrow('disk full')

  // a later change is refused before it runs, so the memory drifts no further from the disk
  let ran = false
  await expect(store.update(tx => { ran = true; tx.seller('alice').items.put(anItem('d')) })).rejects.toThrow('disk full')
  expect(ran).toBe(false)
  await expect(store.replace(emptyDump())).rejects.toThrow('disk full')
  await expect(store.flush()).rejects.toThrow('disk full')
  await expect(store.flush({ compact: true })).rejects.toThrow('disk full')
  // the memory still reports the changes whose save failed (later changes may have built on them); the disk has neither
  expect(itemIds(store.dump(), 'alice')).toEqual(['a', 'b', 'c'])
  expect(itemIds((await reopen(file)).dump(), 'alice')).toEqual(['a'])
  await expect(store.close()).rejects.toThrow('disk full')
})

test('flush with compact folds the journal into the document and empties the journal', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  const store = await open(persistence)
  await store.update(putItem('alice', 'a', { tags: ['x'] }))
  await store.update(putItem('alice', 'b'))
  await store.update(tx => { tx.seller('alice').items.delete('a'); tx.instance.counters.put({ name: 'writes', value: 3 }) })
  expect(journalLines(file)).toHaveLength(3)
  expect(documentOf(file).partitions).toEqual({})

  await store.flush({ compact: true })
  expect(statSync(journalOf(file)).size).toBe(0)
  expect(documentOf(file)).toEqual({ version: 'engine-test', ...store.dump() })
  expect(itemIds(documentOf(file), 'alice')).toEqual(['b'])
  await store.close()
})

test('a store opened on the same file holds every acknowledged change: the document, then the journal replayed', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  const store = await open(persistence)
  await store.update(putItem('alice', 'a', { tags: ['x'], endsAt: 30 }))
  await store.flush({ compact: true })
  await Promise.all([
    store.update(putItem('alice', 'b', { endsAt: 10 })),
    store.update(putItem('bob', 'c')),
    store.update(tx => { tx.seller('alice').items.put(anItem('a', { tags: ['y'], endsAt: 20 })) }),
  ])
  await store.update(tx => { tx.dropPartition('bob'); tx.seller('carol').items.put(anItem('c')) })
  await store.update(tx => { tx.seller('alice').items.delete('b'); tx.instance.counters.put({ name: 'writes', value: 5 }) })
  expect(documentOf(file).partitions.alice).toBeDefined()
  expect(journalLines(file).length).toBeGreaterThan(0)

  const again = await reopen(file)
  expect(again.dump()).toEqual(store.dump())
  expect(again.partitionIds()).toEqual(['alice', 'carol'])
  expect(again.ownerOf('items', 'c')).toBe('carol')
  expect(again.seller('alice').items.where('byTag', 'y').map(i => i.id)).toEqual(['a'])
  expect(again.seller('alice').items.nextDue()).toBe(20)
  expect(again.instance.counters.get('writes')).toEqual({ name: 'writes', value: 5 })
  await persistence.close()
})

test('a torn last journal line (a crash mid-append, never acknowledged) is ignored', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  const store = await open(persistence)
  await store.update(putItem('alice', 'a'))
  await persistence.close()
  appendFileSync(journalOf(file), '[{"p":"alice","t":"items","k":"torn","v":{"id":"to')
  const again = await reopen(file)
  expect(itemIds(again.dump(), 'alice')).toEqual(['a'])
})

test('a last line without its newline is left out even when it parses: its save never completed', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  await (await open(persistence)).update(putItem('alice', 'a'))
  await persistence.close()
  const complete = readFileSync(journalOf(file), 'utf8')
  appendFileSync(journalOf(file), JSON.stringify([{ p: 'alice', t: 'items', k: 'unsaid', v: anItem('unsaid') }]))
  expect(itemIds((await reopen(file)).dump(), 'alice')).toEqual(['a'])
  // and the torn tail is cut off, so the next append starts a line of its own
  expect(readFileSync(journalOf(file), 'utf8')).toBe(complete)
})

test('changes acknowledged after a torn last line survive the next restart', async () => {
  const file = dataFile()
  const first = lowdbPersistence(file)
  await (await open(first)).update(putItem('alice', 'a'))
  await first.close()
  appendFileSync(journalOf(file), '[{"p":"alice","t":"items","k":"torn"')

  const second = lowdbPersistence(file)
  const store = await open(second)
  await store.update(putItem('alice', 'b'))
  await store.update(putItem('alice', 'c'))
  await second.close()
  expect(itemIds((await reopen(file)).dump(), 'alice')).toEqual(['a', 'b', 'c'])
})

test('a damaged line before the last one is refused with DataFileError, and both files are left untouched', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  const store = await open(persistence)
  await store.update(putItem('alice', 'a'))
  await persistence.close()
  const good = readFileSync(journalOf(file), 'utf8')
  expect(good.split('\n')).toHaveLength(3) // the line naming the document, one change, and the end
  writeFileSync(journalOf(file), `${good}[{"p":"alice","t":"it\n${good.split('\n')[1]}\n`)
  const document = readFileSync(file, 'utf8')
  const journal = readFileSync(journalOf(file), 'utf8')

  const error = await open(lowdbPersistence(file)).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DataFileError)
  expect((error as Error).message).toContain('line 3 of the journal state.json.journal is not valid JSON')
  expect(readFileSync(file, 'utf8')).toBe(document)
  expect(readFileSync(journalOf(file), 'utf8')).toBe(journal)
})

test('a complete last line that is damaged is refused too: only a line without its newline counts as torn', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  await (await open(persistence)).update(putItem('alice', 'a'))
  await persistence.close()
  appendFileSync(journalOf(file), '[{"p":"alice",\n')
  await expect(open(lowdbPersistence(file))).rejects.toBeInstanceOf(DataFileError)
})

test('a document that is not valid JSON is refused with DataFileError and left untouched', async () => {
  const file = dataFile()
  writeFileSync(file, '{"version": "engine-test", "inst')
  await expect(open(lowdbPersistence(file))).rejects.toThrow(DataFileError)
  expect(readFileSync(file, 'utf8')).toBe('{"version": "engine-test", "inst')
  expect(existsSync(journalOf(file))).toBe(false)
})

test('the journal is folded into the document by itself once it passes the threshold', async () => {
  const file = dataFile()
  const inner = lowdbPersistence(file, { compactAfterBytes: 2000 })
  let writes = 0
  const store = await open({ ...inner, write: (document) => { writes++; return inner.write(document) } })
  expect(writes).toBe(1) // the initial document
  for (let i = 0; i < 40; i++) await store.update(putItem('alice', `item-${i}`, { payload: 'x'.repeat(100) }))
  await store.flush()
  expect(writes).toBeGreaterThan(1)
  // the document alone, without the journal, holds the first items: a compaction wrote it
  expect(itemIds(documentOf(file), 'alice').slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `item-${i}`))
  // and at rest the journal is never both past the threshold and larger than the document
  expect(statSync(journalOf(file)).size).toBeLessThanOrEqual(Math.max(2000, statSync(file).size))
  expect(itemIds((await reopen(file)).dump(), 'alice')).toHaveLength(40)
  await inner.close()
})

test('changes made during the save before an automatic compaction are folded into the document, not replayed onto it', async () => {
  const file = dataFile()
  const { persistence, events, nextAppend, passThrough } = holding(lowdbPersistence(file, { compactAfterBytes: 500 }))
  const store = await open(persistence)
  const big = store.update(putItem('alice', 'big', { payload: 'x'.repeat(1000) }))
  const first = await nextAppend()
  // while that save is in flight, an item is made and then moved to another seller
  const made = store.update(putItem('alice', 'moving'))
  const moved = store.update(tx => { tx.seller('alice').items.delete('moving'); tx.seller('bob').items.put(anItem('moving')) })
  passThrough()
  first.release()
  await Promise.all([big, made, moved])
  await store.flush()
  expect(events.filter(e => e.startsWith('append asked') || e === 'document written')).toEqual(['document written', 'append asked: big', 'document written'])
  expect(statSync(journalOf(file)).size).toBe(0)
  const again = await reopen(file)
  expect(again.ownerOf('items', 'moving')).toBe('bob')
  expect(again.dump()).toEqual(store.dump())
  await persistence.close()
})

test('after a crash between a compaction\'s rename and the journal\'s truncation, the older journal is not replayed onto the newer document', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  const store = await open(persistence)
  const count = (value: number) => (tx: Transaction<typeof engineSchema>) => { tx.instance.counters.put({ name: 'writes', value }) }
  await store.update(tx => { putItem('alice', 'moving', { tags: ['t'] })(tx); count(1)(tx) })
  await store.update(tx => { tx.seller('alice').items.delete('moving'); tx.seller('bob').items.put(anItem('moving')); count(2)(tx) })
  await store.update(tx => { putItem('alice', 'stays')(tx); count(3)(tx) })
  // the journal as the crash leaves it; the compaction's document also holds a change that never reached the journal
  // (it was waiting behind the save in flight, and was acknowledged with the document)
  const journal = readFileSync(journalOf(file))
  await store.update(tx => { putItem('alice', 'stays', { tags: ['later'] })(tx); count(4)(tx) })
  await store.flush({ compact: true })
  await persistence.close()
  writeFileSync(journalOf(file), journal)

  const again = await reopen(file)
  expect(again.dump()).toEqual(store.dump())
  expect(again.instance.counters.get('writes')!.value).toBe(4)
  expect(again.seller('alice').items.get('stays')!.tags).toEqual(['later'])
  expect(again.ownerOf('items', 'moving')).toBe('bob')
})

test('a journal written before its document was changed by hand is left out (the document decides)', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  const store = await open(persistence)
  await store.update(putItem('alice', 'a'))
  await store.update(putItem('alice', 'b'))
  await persistence.close()
  const document = documentOf(file)
  writeFileSync(file, JSON.stringify({ ...document, partitions: { carol: { items: [anItem('edited')], notes: [] } } }))
  const again = await reopen(file)
  expect(again.partitionIds()).toEqual(['carol'])
})

test('a journal without the line naming its document (written before there was one) is replayed whole', async () => {
  const file = dataFile()
  const persistence = lowdbPersistence(file)
  const store = await open(persistence)
  await store.update(putItem('alice', 'a'))
  await store.update(putItem('alice', 'b'))
  await persistence.close()
  writeFileSync(journalOf(file), journalLines(file).map(ops => `${JSON.stringify(ops)}\n`).join(''))
  expect(itemIds((await reopen(file)).dump(), 'alice')).toEqual(['a', 'b'])
})

test('a data file holding null is refused and left untouched, not overwritten with a fresh state', async () => {
  const file = dataFile()
  writeFileSync(file, 'null')
  await expect(open(lowdbPersistence(file))).rejects.toBeInstanceOf(DataFileError)
  expect(readFileSync(file, 'utf8')).toBe('null')
})

test('a journal line that is JSON but not a list of changes is refused as damage, not a crash', async () => {
  const file = dataFile()
  const first = lowdbPersistence(file)
  const store = await open(first)
  await store.update(tx => { tx.seller('s1').items.put(anItem('a')) })
  await first.close()
  appendFileSync(journalOf(file), '{"not":"a list"}\n')
  await expect(open(lowdbPersistence(file))).rejects.toBeInstanceOf(DataFileError)
})
