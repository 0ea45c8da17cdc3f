import { expect, test } from 'vitest'
import { checkProviderTarget } from '../../src/contracts/provider-target.js'

const URL = 'http://127.0.0.1:9090'
const answering = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status })
const health = (overrides: Record<string, unknown>) =>
  answering(200, { status: 'UP', version: '0.1.0', store: { kind: 'memory' }, clock: { mode: 'manual', now: '2026-01-05T10:00:00.000Z' }, pactTokens: true, ...overrides })

test('a mock in memory with --pact-tokens on a manual clock may be verified against', async () => {
  expect(await checkProviderTarget(URL, health({}))).toEqual({ ok: true, notes: [] })
})

test('on the system clock it may, with a note on the states that need a manual one', async () => {
  const check = await checkProviderTarget(URL, health({ clock: { mode: 'system' } }))
  expect(check).toMatchObject({ ok: true, notes: [expect.stringContaining('--clock manual')] })
})

test.each([
  ['keeps its data in a file', health({ store: { kind: 'file', location: 'data/allegro-mock.json' } }), 'keeps its data in data/allegro-mock.json'],
  ['runs without --pact-tokens', health({ pactTokens: false }), 'runs without --pact-tokens'],
  ['is older than the pactTokens field', health({ pactTokens: undefined }), 'runs without --pact-tokens'],
  ['is not allegro-mock', answering(404, { message: 'Not Found' }), 'answered 404'],
  ['answers something else', answering(200, { ok: true }), 'does not answer like allegro-mock'],
  ['cannot be reached', (async () => { throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }) }) as typeof fetch, 'cannot reach http://127.0.0.1:9090/__mock/health (ECONNREFUSED)'],
])('a target that %s is refused in plain words', async (_case, fetchImpl, reason) => {
  const check = await checkProviderTarget(URL, fetchImpl)
  expect(check.ok).toBe(false)
  if (check.ok) return
  expect(check.reason).toContain(reason)
  expect(check.reason).toContain('allegro-mock --memory --clock manual --pact-tokens')
})
