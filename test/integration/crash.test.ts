import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { seeded } from '../support/seeded.js'
import { lowdbPersistence } from '../../src/server/core/lowdb-store.js'
import { openStore } from '../../src/server/core/store.js'
import { emptyDump, engineFormat, engineSchema, type Item } from '../fixtures/engine-schema.js'

const dir = mkdtempSync(join(tmpdir(), 'allegro-mock-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Killed { acknowledged: string[], signal: NodeJS.Signals | null, code: number | null, stderr: string }

/** Starts the writer, lets it write for `ms` after its first acknowledged change, then kills it with SIGKILL. */
function writeUntilKilled (file: string, run: number, ms: number): Promise<Killed> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-writer.ts', file, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let stderr = ''
  let timer: NodeJS.Timeout | undefined
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
    if (timer === undefined && /^\d+-\d+$/m.test(out)) timer = setTimeout(() => child.kill('SIGKILL'), ms)
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  // a writer that never gets going is killed too, so the test ends either way
  const guard = setTimeout(() => child.kill('SIGKILL'), 15_000)
  return new Promise(resolve => child.on('close', (code, signal) => {
    clearTimeout(timer)
    clearTimeout(guard)
    // only complete lines were printed after an acknowledgement
    resolve({ acknowledged: out.split('\n').filter(line => /^\d+-\d+$/.test(line)), signal, code, stderr })
  }))
}

test('kill -9 in the middle of acknowledged writes, ten times on one file, loses nothing that was acknowledged', async () => {
  const file = join(dir, 'state.json')
  const random = seeded(0x5eed)
  const acknowledged = new Set<string>()
  for (let run = 1; run <= 10; run++) {
    const killed = await writeUntilKilled(file, run, 150 + Math.floor(random() * 250))
    expect(killed.stderr, `run ${run} wrote to stderr`).toBe('')
    expect(killed.signal, `run ${run} ended by itself (code ${killed.code})`).toBe('SIGKILL')
    expect(killed.acknowledged.length, `run ${run} acknowledged nothing`).toBeGreaterThan(0)
    for (const id of killed.acknowledged) acknowledged.add(id)

    // the document is whole JSON whatever moment the kill came at, and a new store opens the file without error
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow()
    const persistence = lowdbPersistence(file)
    const store = await openStore(engineSchema, persistence, { initial: emptyDump, format: engineFormat(file) })
    await persistence.close()
    const stored = new Set(store.partitionIds().flatMap(id => store.seller(id).items.all().map((item: Item) => item.id)))
    expect([...acknowledged].filter(id => !stored.has(id)), `acknowledged ids missing after run ${run}`).toEqual([])
    // each change added one item and counted it: a change is there whole or not at all
    expect(store.instance.counters.get('writes')!.value).toBe(stored.size)
  }
}, 180_000)
