import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { defaultConfig, type Config } from '../../src/server/config.js'
import { DataFileError } from '../../src/server/core/store.js'
import { startServer } from '../../src/server/server.js'

const dataFile = () => join(mkdtempSync(join(tmpdir(), 'allegro-mock-data-')), 'state.json')
const config = (overrides: Partial<Config>): Config => ({ ...defaultConfig, port: 0, logLevel: 'silent', ...overrides })

test('a restart with the same data file resumes exactly where it stopped', async () => {
  const file = dataFile()
  const first = await startServer(config({ dataFile: file }))
  const added = await fetch(`${first.url}/__mock/sellers`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'Survives_restart' }),
  })
  expect(added.status).toBe(201)
  const before = await (await fetch(`${first.url}/__mock/snapshot`)).json()
  await first.close()

  const second = await startServer(config({ dataFile: file }))
  const after = await (await fetch(`${second.url}/__mock/snapshot`)).json()
  await second.close()
  expect(after).toEqual(before)
  expect(after.state.sellers.map((s: { login: string }) => s.login)).toContain('Survives_restart')
})

test('a manual clock resumes at the time it had reached', async () => {
  const file = dataFile()
  const first = await startServer(config({ dataFile: file, clock: 'manual', clockStart: '2026-03-01T08:00:00.000Z' }))
  await fetch(`${first.url}/__mock/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"by":"PT1H"}' })
  await first.close()
  const second = await startServer(config({ dataFile: file, clock: 'manual', clockStart: '2026-03-01T08:00:00.000Z' }))
  const clock = await (await fetch(`${second.url}/__mock/clock`)).json()
  await second.close()
  expect(clock).toEqual({ mode: 'manual', now: '2026-03-01T09:00:00.000Z' })
})

test('tokens issued before a restart still work after it', async () => {
  const file = dataFile()
  const first = await startServer(config({ dataFile: file }))
  const { sellers } = await (await fetch(`${first.url}/__mock/sellers`)).json()
  await first.close()
  const second = await startServer(config({ dataFile: file }))
  const res = await fetch(`${second.url}/sale/disputes`, {
    headers: { accept: 'application/vnd.allegro.public.v1+json', authorization: `Bearer ${sellers[0].accessToken}` },
  })
  await second.close()
  expect(res.status).not.toBe(401)
})

test('a corrupt data file stops start-up and is left untouched', async () => {
  const file = dataFile()
  writeFileSync(file, '{"version": 1, "sellers": [')
  await expect(startServer(config({ dataFile: file }))).rejects.toBeInstanceOf(DataFileError)
  expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "sellers": [')
})

function runCli (args: string[]): Promise<{ code: number | null, stdout: string, stderr: string, child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], { cwd: process.cwd(), env: { ...process.env, NO_COLOR: '1' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => { stdout += d })
  child.stderr.on('data', (d) => { stderr += d })
  return new Promise(resolve => child.on('exit', (code) => resolve({ code, stdout, stderr, child })))
}

test('the CLI refuses a corrupt data file with exit code 1 and a message naming it', async () => {
  const file = dataFile()
  writeFileSync(file, 'not json')
  const { code, stderr } = await runCli(['--data', file, '--port', '0'])
  expect(code).toBe(1)
  expect(stderr).toContain(file)
  expect(stderr).toContain('not valid JSON')
  expect(readFileSync(file, 'utf8')).toBe('not json')
})

test('the CLI prints the URL and how to get a token on stderr, and SIGTERM closes it cleanly', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--memory', '--port', '0', '--log-level', 'silent'], { cwd: process.cwd() })
  let banner = ''
  const listening = new Promise<string>((resolve) => {
    child.stderr.on('data', (d) => {
      banner += d
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)
      if (match && banner.includes('/__mock/sellers')) resolve(match[1]!)
    })
  })
  const url = await listening
  expect(banner).toContain('/__mock/sellers')
  expect((await fetch(`${url}/__mock/health`)).status).toBe(200)
  const exited = new Promise<number | null>(resolve => child.on('exit', resolve))
  child.kill('SIGTERM')
  expect(await exited).toBe(0)
})

test('the CLI rejects a bad flag with exit code 2 and the usage', async () => {
  const { code, stderr } = await runCli(['--clock', 'fast'])
  expect(code).toBe(2)
  expect(stderr).toContain('--clock must be one of system, manual')
  expect(stderr).toMatch(/[Uu]sage: allegro-mock/)
})

test('messages and uploaded attachment bytes survive a restart', async () => {
  const { screenshotPng } = await import('../../src/fixtures/files.js')
  const file = dataFile()
  const bytes = screenshotPng({ width: 150, height: 90 })
  const first = await startServer(config({ dataFile: file }))
  const { sellers } = await (await fetch(`${first.url}/__mock/sellers`)).json()
  const headers = { accept: 'application/vnd.allegro.public.v1+json', 'content-type': 'application/vnd.allegro.public.v1+json', authorization: `Bearer ${sellers[0].accessToken}` }
  const declared = await fetch(`${first.url}/sale/dispute-attachments`, { method: 'POST', headers, body: JSON.stringify({ fileName: 'po-restarcie.png', size: bytes.length }) })
  const { id } = await declared.json()
  const uploaded = await fetch(declared.headers.get('location')!, { method: 'PUT', headers: { ...headers, 'content-type': 'image/png' }, body: new Uint8Array(bytes) })
  expect(uploaded.status).toBe(200)
  const posted = await fetch(`${first.url}/sale/disputes/a38812fa-6fef-4c9c-ac06-a0952b67ba78/messages`, {
    method: 'POST', headers, body: JSON.stringify({ type: 'REGULAR', text: 'Zapisane na dysku', attachment: { id } }),
  })
  expect(posted.status).toBe(201)
  await first.close()

  const second = await startServer(config({ dataFile: file }))
  const messages = await (await fetch(`${second.url}/sale/disputes/a38812fa-6fef-4c9c-ac06-a0952b67ba78/messages?limit=1`, { headers })).json()
  const download = await fetch(`${second.url}/sale/dispute-attachments/${id}`, { headers: { authorization: headers.authorization } })
  const downloaded = Buffer.from(await download.arrayBuffer())
  await second.close()
  expect(messages.messages[0]).toMatchObject({ text: 'Zapisane na dysku', attachment: { fileName: 'po-restarcie.png' } })
  expect(downloaded.equals(bytes)).toBe(true)
})

test('a publication command submitted before a restart completes after it', async () => {
  const file = dataFile()
  const first = await startServer(config({ dataFile: file, clock: 'manual', clockStart: '2026-03-01T08:00:00.000Z', taskDelayMs: 2000 }))
  const token = await (await fetch(`${first.url}/__mock/sellers/Seller_login1/token`)).text()
  const headers = { accept: 'application/vnd.allegro.public.v1+json', 'content-type': 'application/vnd.allegro.public.v1+json', authorization: `Bearer ${token}` }
  const commandUrl = `${first.url}/sale/offer-publication-commands/3380d97f-0d32-4747-8a17-1da38f9499de`
  const submitted = await fetch(commandUrl, {
    method: 'PUT', headers, body: JSON.stringify({ publication: { action: 'ACTIVATE' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: '7276377308' }] }] }),
  })
  expect(submitted.status).toBe(201)
  await first.close()

  const second = await startServer(config({ dataFile: file, clock: 'manual', taskDelayMs: 2000 }))
  const url = `${second.url}/sale/offer-publication-commands/3380d97f-0d32-4747-8a17-1da38f9499de`
  const before = await (await fetch(url, { headers })).json()
  await fetch(`${second.url}/__mock/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms":2000}' })
  const after = await (await fetch(url, { headers })).json()
  const offer = await (await fetch(`${second.url}/sale/offers/7276377308`, { headers })).json()
  await second.close()
  expect(before.taskCount).toEqual({ total: 1, success: 0, failed: 0 })
  expect(after).toMatchObject({ completedAt: '2026-03-01T08:00:02.000Z', taskCount: { total: 1, success: 1, failed: 0 } })
  expect(offer.publication.status).toBe('ACTIVE')
})
