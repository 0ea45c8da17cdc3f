import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { jsonFilePersistence } from '../../src/server/core/lowdb-store.js'
import { DataFileError, memoryPersistence, openStore } from '../../src/server/core/store.js'

interface Counter { count: number, items: string[] }
const options = {
  initial: (): Counter => ({ count: 0, items: [] }),
  check: (raw: unknown) => {
    if (!raw || typeof (raw as Counter).count !== 'number') throw new DataFileError('test', 'not a counter')
    return raw as Counter
  },
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'allegro-mock-store-')), 'nested', 'data.json')

test('a change that throws leaves the state as it was', async () => {
  const store = await openStore(memoryPersistence<Counter>(), options)
  await store.update(s => { s.count = 1 })
  await expect(store.update(s => { s.count = 2; s.items.push('half'); throw new Error('rejected') })).rejects.toThrow('rejected')
  expect(store.read(s => s)).toEqual({ count: 1, items: [] })
})

test('reads return copies that cannot change the state', async () => {
  const store = await openStore(memoryPersistence<Counter>(), options)
  const copy = store.read(s => s)
  copy.items.push('sneaky')
  expect(store.read(s => s.items)).toEqual([])
})

test('concurrent changes apply one after another and none is lost', async () => {
  const file = tempFile()
  const store = await openStore(jsonFilePersistence<Counter>(file), options)
  await Promise.all(Array.from({ length: 100 }, (_, i) => store.update(s => { s.count++; s.items.push(String(i)) })))
  expect(store.read(s => s.count)).toBe(100)
  expect(JSON.parse(readFileSync(file, 'utf8')).count).toBe(100)
})

test('a change is on disk before update resolves, and a new store reads it back', async () => {
  const file = tempFile()
  const first = await openStore(jsonFilePersistence<Counter>(file), options)
  await first.update(s => { s.count = 42 })
  expect(JSON.parse(readFileSync(file, 'utf8')).count).toBe(42)
  const second = await openStore(jsonFilePersistence<Counter>(file), options)
  expect(second.read(s => s.count)).toBe(42)
})

test('a missing data file is created, parent folders included', async () => {
  const file = tempFile()
  expect(existsSync(file)).toBe(false)
  await openStore(jsonFilePersistence<Counter>(file), options)
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ count: 0, items: [] })
})

test('a corrupt data file is refused with a clear message and left untouched', async () => {
  const file = tempFile()
  await openStore(jsonFilePersistence<Counter>(file), options)
  writeFileSync(file, '{"count": 3, "items": [')
  await expect(openStore(jsonFilePersistence<Counter>(file), options)).rejects.toThrow(/not valid JSON.*left untouched/s)
  expect(readFileSync(file, 'utf8')).toBe('{"count": 3, "items": [')
})

test('data that is JSON but not a usable state is refused', async () => {
  const file = tempFile()
  await openStore(jsonFilePersistence<Counter>(file), options)
  writeFileSync(file, '[1, 2, 3]')
  await expect(openStore(jsonFilePersistence<Counter>(file), options)).rejects.toBeInstanceOf(DataFileError)
  expect(readFileSync(file, 'utf8')).toBe('[1, 2, 3]')
})
