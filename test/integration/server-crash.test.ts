import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { seeded } from '../support/seeded.js'
import { GUIDE } from '../../src/fixtures/disputes.js'

const dir = mkdtempSync(join(tmpdir(), 'allegro-mock-server-crash-'))
const dataFile = join(dir, 'data.json')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const VENDOR_JSON = 'application/vnd.allegro.public.v1+json'

/** Starts the mock on the data file, on a free port; resolves with its URL once it answers. */
function start (): Promise<{ child: ChildProcess, url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--data', dataFile, '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve, reject) => {
    let err = ''
    child.stderr!.on('data', (chunk) => {
      err += chunk
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err)
      if (found) resolve({ child, url: found[1]! })
    })
    child.on('exit', (code) => reject(new Error(`the mock exited with ${code}: ${err}`)))
  })
}

test('kill -9 of the server during a stream of persisted writes, ten times: every acknowledged message is there after a restart', async () => {
  const random = seeded(20261202)
  const acknowledged: string[] = []
  for (let run = 0; run < 10; run++) {
    const { child, url } = await start()
    const token = await (await fetch(`${url}/__mock/sellers/Seller_login1/token`)).text()
    const headers = { accept: VENDOR_JSON, 'content-type': VENDOR_JSON, authorization: `Bearer ${token}` }
    let killed = false
    const exited = new Promise(resolve => child.once('exit', resolve))
    // Four writers at once, so saves are group-committed while the kill lands.
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await fetch(`${url}/sale/disputes/${GUIDE.disputeId}/messages`, { method: 'POST', headers, body: JSON.stringify({ type: 'REGULAR', text: `run ${run} writer ${w} #${i}` }) })
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id)
        } catch {
          return
        }
      }
    }
    const writers = [0, 1, 2, 3].map(writer)
    await new Promise(resolve => setTimeout(resolve, 150 + Math.floor(random() * 250)))
    killed = true
    child.kill('SIGKILL')
    await exited
    await Promise.all(writers)
  }
  const { child, url } = await start()
  try {
    const snapshot = await (await fetch(`${url}/__mock/snapshot`)).json() as { state: { disputeMessages: Array<{ id: string }> } }
    const stored = new Set(snapshot.state.disputeMessages.map(m => m.id))
    const lost = acknowledged.filter(id => !stored.has(id))
    console.log(`crash probe: 10 kill -9s, ${acknowledged.length} writes acknowledged, ${lost.length} lost, ${stored.size} messages stored`)
    expect(acknowledged.length).toBeGreaterThan(10)
    expect(lost).toEqual([])
  } finally {
    // The server folds its journal into the file as it stops: wait for that before the folder goes.
    const stopped = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    await stopped
  }
}, 120_000)
