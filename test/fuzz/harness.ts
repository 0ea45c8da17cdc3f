/**
 * The fuzzing harness: one app on the default scenario (plus a few records every flow needs: a sandbox, a pending
 * device, an unused authorization code, a publication command, declared attachments), the real ids and tokens to
 * mix into requests, and the checks every answer must pass:
 *
 * - no 5xx;
 * - a contract operation answers a status the contract declares, with a body its schema accepts; every other error
 *   body is Allegro's `{errors: [{code, message, details, path, userMessage, metadata}]}`, or OAuth's
 *   `{error, error_description?}` for a 401 and the token endpoints;
 * - a rejected request (4xx) leaves the state as it was;
 * - afterwards the app still answers GET /__mock/sellers, GET /sale/disputes, GET /sale/issues and GET /__mock/snapshot
 *   with 200.
 *
 * After each request the state, the blobs and the clock go back to the starting point, so every run starts from the
 * same place and a failure replays from its seed alone.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { CATEGORIES, PACKAGES } from '../../src/fixtures/catalogue.js'
import { PROVIDER_STATES } from '../../src/contracts/provider-states.js'
import { scenarioNames } from '../../src/fixtures/scenarios.js'
import { manualClock, type ManualClock } from '../../src/server/core/clock.js'
import { loadContract, VENDOR_JSON, VENDOR_JSON_BETA } from '../../src/server/core/openapi.js'
import type { Dump } from '../../src/server/core/store.js'
import { ALL_SCOPES } from '../../src/server/modules/oauth/scopes.js'
import { installDump } from '../../src/server/seed.js'
import { referencedBlobKeys, toV1, type StateV1 } from '../../src/server/state.js'
import { buildTestApp, expectContract, START, type TestApp } from '../support/app.js'

/** Runs per property: ~20 in `npm test`, `FUZZ_RUNS=1000` in `npm run fuzz`. */
export const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 20))
/** The base seed; each property derives its own from it and its name, so one property's failure replays alone. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20260105)
/** `FUZZ_COLLECT=1`: record every problem instead of failing on the first one, and print them all at the end. */
export const COLLECT = process.env.FUZZ_COLLECT === '1'
/** The seed of one property, printed with every failure. */
export function seedFor (name: string): number {
  let h = SEED | 0
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  return h
}

/** Runs a property with its seed and the run count; fast-check prints the seed and the shrunk request on failure. */
export async function fuzz<T> (name: string, arb: fc.Arbitrary<T>, run: (value: T) => Promise<void>, options: { runs?: number, examples?: T[] } = {}): Promise<void> {
  const seed = seedFor(name)
  await fc.assert(fc.asyncProperty(arb, run), {
    seed,
    numRuns: options.runs ?? RUNS,
    examples: options.examples?.map(e => [e] as [T]),
  })
}

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** The route this request was made for: an operationId or `METHOD /__mock/...`. */
  route: string
  /** The contract operation, when the request keeps to its method and path (a wrong method is not routed to it). */
  operationId?: string
}

const clip = (text: string, n = 400) => text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text

export function describeRequest (r: FuzzRequest): string {
  const payload = r.payload === undefined ? '' : Buffer.isBuffer(r.payload) ? ` <${r.payload.length} bytes: ${clip(r.payload.toString('latin1'), 120)}>` : ` ${clip(r.payload, 300)}`
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${clip(v, 60)}`).join('; ')
  return `${r.method} ${clip(r.url, 300)} [${headers}]${payload}`
}

/** A request as fast-check prints it in a counterexample: short, not the 200 KB string it may carry. */
export function request (r: FuzzRequest): FuzzRequest {
  return Object.defineProperty(r, fc.toStringMethod, { value: () => describeRequest(r), enumerable: false })
}

/** A manual clock that can be put back to the start between runs (the app's own only moves forward). */
function rewindableClock (start: string): ManualClock & { rewind (): void } {
  let inner = manualClock(start)
  return {
    mode: 'manual',
    now: () => inner.now(),
    advance: (ms) => inner.advance(ms),
    set: (to) => inner.set(to),
    rewind () { inner = manualClock(start) },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tally: what the runs saw, printed at the end of each file.

export interface Tally {
  requests: number
  byStatus: Record<string, number>
  problems: Map<string, { count: number, examples: string[] }>
}

export const tally: Tally = { requests: 0, byStatus: {}, problems: new Map() }

function note (into: Tally['problems'], key: string, example: string): void {
  const entry = into.get(key) ?? { count: 0, examples: [] }
  entry.count++
  if (entry.examples.length < 3) entry.examples.push(example)
  into.set(key, entry)
}

export function printTally (title: string): void {
  const lines = [`fuzz ${title}: ${tally.requests} requests (runs per property ${RUNS}, seed ${SEED}); statuses ${JSON.stringify(tally.byStatus)}`]
  for (const [key, { count, examples }] of tally.problems) lines.push(`  PROBLEM ${key} ×${count}\n${examples.map(e => `      ${e}`).join('\n')}`)
  console.log(lines.join('\n'))
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes.

const ERROR_KEYS = ['code', 'details', 'message', 'metadata', 'path', 'userMessage']

/** Why a body is not Allegro's ErrorsHolder, or null when it is. */
export function allegroErrorProblem (res: LightMyRequestResponse): string | null {
  const type = String(res.headers['content-type'] ?? '')
  if (!/^application\/(json|vnd\.allegro\.(public|beta)\.v1\+json)\s*;\s*charset=utf-8$/i.test(type)) return `content-type ${type}`
  let body: any
  try { body = JSON.parse(res.body) } catch { return 'body is not JSON' }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an object'
  if (Object.keys(body).join() !== 'errors') return `keys ${Object.keys(body).join()}`
  if (!Array.isArray(body.errors) || body.errors.length === 0) return 'errors is not a non-empty array'
  for (const e of body.errors) {
    if (!e || typeof e !== 'object') return 'an error is not an object'
    if (Object.keys(e).sort().join() !== ERROR_KEYS.join()) return `error keys ${Object.keys(e).sort().join()}`
    if (typeof e.code !== 'string' || e.code === '') return 'code'
    if (typeof e.message !== 'string') return 'message'
    if (e.details !== null && typeof e.details !== 'string') return 'details'
    if (e.path !== null && typeof e.path !== 'string') return 'path'
    if (typeof e.userMessage !== 'string') return 'userMessage'
    if (!e.metadata || typeof e.metadata !== 'object' || Array.isArray(e.metadata)) return 'metadata'
  }
  return null
}

/** Why a body is not OAuth's `{error, error_description?}`, or null when it is. */
export function oauthErrorProblem (res: LightMyRequestResponse): string | null {
  const type = String(res.headers['content-type'] ?? '')
  if (!/^application\/json\s*;\s*charset=utf-8$/i.test(type)) return `content-type ${type}`
  let body: any
  try { body = JSON.parse(res.body) } catch { return 'body is not JSON' }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an object'
  if (typeof body.error !== 'string' || body.error === '') return 'error'
  if (Object.keys(body).some(k => k !== 'error' && k !== 'error_description')) return `keys ${Object.keys(body).join()}`
  if ('error_description' in body && typeof body.error_description !== 'string') return 'error_description'
  return null
}

// ---------------------------------------------------------------------------------------------------------------
// State.

/** The state as compared before and after a refused request, without what a refused request may touch. */
function comparable (state: StateV1): StateV1 {
  // A device poll that is refused (authorization_pending, slow_down) still records when it was made.
  for (const device of state.oauth.devices) (device as { lastPolledAt?: unknown }).lastPolledAt = null
  return state
}

function firstDifference (a: unknown, b: unknown, path = '$'): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as any)[key], (b as any)[key], `${path}.${key}`)
      if (d) return d
    }
  }
  return `${path}: ${clip(JSON.stringify(a) ?? 'undefined', 200)} → ${clip(JSON.stringify(b) ?? 'undefined', 200)}`
}

// ---------------------------------------------------------------------------------------------------------------
// The real values requests are made of.

export interface Pools {
  disputes: string[]
  otherSellersDisputes: string[]
  claims: string[]
  messages: string[]
  attachments: string[]
  contacts: string[]
  checkoutForms: string[]
  offers: string[]
  commands: string[]
  packages: string[]
  categories: string[]
  images: string[]
  imageUrls: string[]
  sellers: string[]
  sellerIds: string[]
  sandboxes: string[]
  buyers: string[]
  clients: string[]
  userCodes: string[]
  deviceCodes: string[]
  authCodes: string[]
  refreshTokens: string[]
  scopes: string[]
  scenarios: string[]
  providerStates: string[]
  redirectUris: string[]
  /** Every id above, for fields whose name says "id" and no more. */
  anyId: string[]
}

export interface Tokens {
  seller1: string
  seller2: string
  sandbox: string
  application: string
  /** A user token that carries only allegro:api:orders:read. */
  limited: string
  expired: string
  basic: string
}

const uniq = (list: Iterable<string | null | undefined>) => [...new Set([...list].filter((v): v is string => typeof v === 'string' && v !== ''))]

export class Fuzzer {
  private baseline!: Dump
  private baselineText!: string
  private baselineFiles!: Record<string, Buffer>
  pools!: Pools
  tokens!: Tokens
  png!: Buffer
  /** Bodies clients send, by operationId: the guides' examples, the offers as GET answers them. */
  examples: Record<string, unknown[]> = {}
  /** GET /__mock/snapshot at the starting point. */
  snapshot!: { state: Record<string, unknown>, files: Record<string, string> }
  dashboardFiles: string[] = readdirSync(fileURLToPath(new URL('../../src/dashboard/', import.meta.url))).filter(name => /\.(js|css)$/.test(name))

  private constructor (readonly t: TestApp, private readonly clock: ManualClock & { rewind (): void }) {}

  static async create (): Promise<Fuzzer> {
    const clock = rewindableClock(START)
    const t = await buildTestApp({ clock, wait: async () => {} })
    const fuzzer = new Fuzzer(t, clock)
    await fuzzer.setUp()
    return fuzzer
  }

  get app () { return this.t.app }

  private async ok (options: InjectOptions, status = 200): Promise<LightMyRequestResponse> {
    const res = await this.app.inject(options)
    expect(res.statusCode, `${options.method} ${String(options.url)}: ${res.body.slice(0, 300)}`).toBe(status)
    return res
  }

  private async setUp (): Promise<void> {
    const sellers = (await this.ok({ method: 'GET', url: '/__mock/sellers' })).json().sellers as Array<{ login: string, accessToken: string }>
    const basic = `Basic ${Buffer.from('allegro-mock-client:allegro-mock-secret').toString('base64')}`
    const api = (token: string, type = VENDOR_JSON) => ({ accept: type, authorization: `Bearer ${token}`, 'content-type': type })
    const seller1 = sellers.find(s => s.login === 'Seller_login1')!.accessToken
    const seller2 = sellers.find(s => s.login === 'Seller_login2')!.accessToken
    const expired = (await this.ok({ method: 'GET', url: '/__mock/sellers/Seller_login1/token?expired=true' })).body
    const application = (await this.ok({ method: 'POST', url: '/auth/oauth/token?grant_type=client_credentials', headers: { authorization: basic } })).json().access_token as string

    await this.ok({ method: 'POST', url: '/__mock/clients', payload: { clientId: 'fuzz-client', clientSecret: 'fuzz-secret', redirectUris: ['http://localhost:8080/callback'] } }, 201)
    const authorize = async (scope: string) => {
      const res = await this.ok({ method: 'GET', url: `/auth/oauth/authorize?response_type=code&client_id=allegro-mock-client&redirect_uri=http://localhost:8080/callback&mock_seller=Seller_login1&scope=${scope}` }, 302)
      return new URL(String(res.headers.location)).searchParams.get('code')!
    }
    const limitedCode = await authorize('allegro:api:orders:read')
    const exchanged = (await this.ok({ method: 'POST', url: `/auth/oauth/token?grant_type=authorization_code&code=${limitedCode}&redirect_uri=http://localhost:8080/callback`, headers: { authorization: basic } })).json()
    const unusedCode = await authorize('allegro:api:disputes')
    const device = (await this.ok({ method: 'POST', url: '/auth/oauth/device?client_id=allegro-mock-client', headers: { authorization: basic } })).json()
    const sandbox = (await this.ok({ method: 'POST', url: '/__mock/sandboxes', payload: {} }, 201)).json()

    const commandId = 'f3b4c5d6-0000-4000-8000-00000000c0de'
    await this.ok({
      method: 'PUT', url: `/sale/offer-publication-commands/${commandId}`, headers: api(seller1),
      payload: JSON.stringify({ publication: { action: 'ACTIVATE' }, offerCriteria: [{ offers: [{ id: '7276377308' }], type: 'CONTAINS_OFFERS' }] }),
    }, 201)
    const location = (res: LightMyRequestResponse) => String(res.headers.location).split('/').pop()!
    const state = toV1(this.t.store.dump())
    const screenshot = state.disputeAttachments.find(a => a.meta.blobKey)!
    this.png = (await this.t.blobs.get(screenshot.meta.blobKey!))!
    const declared = location(await this.ok({ method: 'POST', url: '/sale/dispute-attachments', headers: api(seller1), payload: JSON.stringify({ size: this.png.length, fileName: 'fuzz.png' }) }, 201))
    const declaredIssue = location(await this.ok({ method: 'POST', url: '/sale/issues/attachments', headers: api(seller1, VENDOR_JSON_BETA), payload: JSON.stringify({ size: this.png.length, fileName: 'fuzz.png' }) }, 201))

    this.tokens = { seller1, seller2, sandbox: sandbox.accessToken, application, limited: exchanged.access_token, expired, basic }
    const s = toV1(this.t.store.dump())
    const seller1Id = s.sellers.find(x => x.login === 'Seller_login1')!.id
    const pools: Omit<Pools, 'anyId'> = {
      disputes: uniq(s.disputes.filter(d => d.meta.sellerId === seller1Id).map(d => d.id)),
      otherSellersDisputes: uniq(s.disputes.filter(d => d.meta.sellerId !== seller1Id).map(d => d.id)),
      claims: uniq((s.claims ?? []).map(c => c.id)),
      messages: uniq([...s.disputeMessages.map(m => m.id), ...(s.claimMessages ?? []).map(m => m.id)]).slice(0, 10),
      attachments: uniq([...s.disputeAttachments.map(a => a.id), declared, declaredIssue]),
      contacts: uniq(s.contacts.map(c => c.id)),
      checkoutForms: uniq(s.checkoutForms.map(c => c.id)).slice(0, 12),
      offers: uniq(s.offers.map(o => o.id)),
      commands: uniq([commandId, ...s.publicationCommands.map(c => c.id)]),
      packages: uniq(PACKAGES.map(p => p.id)),
      categories: uniq(CATEGORIES.map(c => c.id)),
      images: uniq(s.images.map(i => i.id)),
      imageUrls: uniq(s.images.map(i => i.location)),
      sellers: uniq(s.sellers.flatMap(x => [x.login, x.id])),
      sellerIds: uniq(s.sellers.map(x => x.id)),
      sandboxes: [sandbox.seller.id],
      buyers: uniq(s.checkoutForms.map(c => c.buyer.login)).slice(0, 6),
      clients: uniq(s.clients.map(c => c.clientId)),
      userCodes: [device.user_code],
      deviceCodes: [device.device_code],
      authCodes: [unusedCode],
      refreshTokens: uniq([exchanged.refresh_token, sandbox.refreshToken]),
      scopes: ALL_SCOPES,
      scenarios: scenarioNames(),
      providerStates: Object.keys(PROVIDER_STATES),
      redirectUris: ['http://localhost:8080/callback', 'http://localhost/cb', 'https://example.com/cb'],
    }
    this.pools = { ...pools, anyId: uniq([...pools.disputes, ...pools.claims, ...pools.attachments, ...pools.contacts, ...pools.checkoutForms, ...pools.offers, ...pools.commands, ...pools.packages, ...pools.sellerIds]) }
    const offerOf = async (id: string) => (await this.ok({ method: 'GET', url: `/sale/offers/${id}`, headers: api(seller1) })).json() as Record<string, unknown>
    const draft = await offerOf('6206178738')
    const ready = await offerOf('7276377308')
    const [basePackage, extraPackage] = pools.packages
    const message = (types: string[]) => [
      { text: 'Dzień dobry, sprawdzamy zgłoszenie.', type: 'REGULAR' },
      { text: 'Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit.', attachment: { id: declared }, type: 'REGULAR' },
      { attachments: [{ id: declaredIssue }], type: types[types.length - 1] },
      { text: 'Czy możemy zakończyć?', type: 'END_REQUEST' },
      ...types.map(type => ({ text: 'Prosimy o odesłanie.', type })),
    ]
    const contact = { name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '555-555-666' }, { number: '555555667' }] }
    const command = (action: string) => ({ publication: { action }, offerCriteria: [{ offers: [{ id: '7276377308' }], type: 'CONTAINS_OFFERS' }] })
    const { id: _draftId, ...draftWithoutId } = draft
    this.examples = {
      addMessageToDisputeUsingPOST: message(['REGULAR']),
      addMessageToIssueUsingPOST: message(['REGULAR', 'RETURN_REQUIRED_SELLER_LABEL', 'RETURN_REQUIRED_CUSTOM', 'RETURN_NOT_REQUIRED']),
      createAnAttachmentUsingPOST: [{ size: this.png.length, fileName: 'zrzut.png' }, { size: 2549, fileName: 'Zrzut_ekranu.png' }],
      createAnIssueAttachmentUsingPOST: [{ size: this.png.length, fileName: 'zdjecie.png' }, { size: 1, fileName: 'a.pdf' }],
      changeStatusOfIssueUsingPOST: [
        { status: 'ACCEPTED_REFUND', message: 'Zwracamy.' },
        { status: 'ACCEPTED_PARTIAL_REFUND', message: 'Zwracamy 20 zł.', partialRefund: { amount: '20.00', currency: 'PLN' } },
        { status: 'REJECTED_OTHER', message: 'Jednak nie.' },
      ],
      createContactUsingPOST: [contact, { name: 'Po', emails: [], phones: [] }],
      modifyContactUsingPUT: [contact],
      uploadOfferImageUsingPOST: [{ url: 'https://imgur.com/1aOIvg3E.jpg' }, { url: pools.imageUrls[0] }],
      assignClassifiedPackagesUsingPUT: [{ basePackage: { id: basePackage }, extraPackages: [{ id: extraPackage }] }, { basePackage: { id: basePackage } }],
      calculateFeePreviewUsingPOST: [
        { offer: { id: '7276377308', name: 'BMW X5 e53' } },
        { offer: ready, classifiedsPackages: { basePackage: { id: basePackage }, extraPackages: [{ id: extraPackage }] } },
        { offer: { id: '7276377308' }, classifiedsPackages: {} },
      ],
      changePublicationStatusUsingPUT: [command('ACTIVATE'), command('END'), { ...command('ACTIVATE'), publication: { action: 'ACTIVATE', scheduledFor: '2026-02-01T10:00:00.000Z' } }],
      createOfferUsingPOST: [{ name: 'BMW X5 e53', category: { id: '257150' } }, draftWithoutId],
      updateOfferUsingPUT: [ready, draft],
    }

    // Whatever is due at the start is settled once, before the baseline is taken.
    await this.ok({ method: 'GET', url: '/sale/disputes', headers: api(seller1) })
    await this.ok({ method: 'GET', url: '/sale/issues?limit=100', headers: api(seller1, VENDOR_JSON_BETA) })
    this.baseline = structuredClone(this.t.store.dump())
    this.baselineText = this.stateText()
    this.snapshot = (await this.ok({ method: 'GET', url: '/__mock/snapshot' })).json()
    this.baselineFiles = {}
    for (const key of await this.t.blobs.keys()) this.baselineFiles[key] = (await this.t.blobs.get(key))!
  }

  stateText (): string {
    return JSON.stringify(toV1(this.t.store.dump()))
  }

  /** Back to the starting point: the state, its files and the clock. */
  async restore (): Promise<void> {
    this.clock.rewind()
    await installDump(this.t.store, this.t.blobs, structuredClone(this.baseline), this.baselineFiles, () => referencedBlobKeys(this.t.store))
  }

  private problem (kind: string, req: FuzzRequest, res: LightMyRequestResponse | null, detail: string): void {
    const where = `${req.route}`
    const example = `${detail} — ${describeRequest(req)}${res ? ` → ${res.statusCode} ${clip(res.body, 300)}` : ''}`
    if (process.env.FUZZ_DUMP) {
      // The whole request, for a report: `FUZZ_DUMP=/tmp/fuzz` writes one JSON file per problem.
      mkdirSync(process.env.FUZZ_DUMP, { recursive: true })
      const payload = Buffer.isBuffer(req.payload) ? { base64: req.payload.toString('base64') } : req.payload
      writeFileSync(join(process.env.FUZZ_DUMP, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`),
        JSON.stringify({ kind, detail, request: { ...req, payload }, status: res?.statusCode, body: res?.body }, null, 1))
    }
    if (COLLECT) {
      note(tally.problems, `${kind} ${where}`, example)
      return
    }
    throw new Error(`${kind} on ${where}: ${example}`)
  }

  /** Sends one request and checks everything the harness promises (see the top of this file). */
  async exercise (req: FuzzRequest): Promise<LightMyRequestResponse | null> {
    const before = this.stateText()
    let res: LightMyRequestResponse
    try {
      res = await this.app.inject({ method: req.method as any, url: req.url, headers: req.headers, payload: req.payload })
    } catch (error) {
      await this.restore()
      this.problem('inject threw', req, null, String(error))
      return null
    }
    tally.requests++
    const status = res.statusCode
    const group = `${Math.floor(status / 100)}xx`
    tally.byStatus[group] = (tally.byStatus[group] ?? 0) + 1

    this.checkAnswer(req, res)

    const after = this.stateText()
    if (status >= 400 && status < 500 && after !== before) {
      const difference = firstDifference(comparable(JSON.parse(before)), comparable(JSON.parse(after)))
      if (difference) this.problem('state changed by a refused request', req, res, difference)
    }
    const changed = after !== before
    await this.checkStillServes(req, res, changed ? JSON.parse(after) as StateV1 : null)
    // The checks above may settle what fell due (GET /sale/issues accepts overdue claims): the state is read again.
    if (this.stateText() !== this.baselineText || this.clock.now().getTime() !== Date.parse(START)) await this.restore()
    return res
  }

  private checkAnswer (req: FuzzRequest, res: LightMyRequestResponse): void {
    const status = res.statusCode
    if (status >= 500) {
      this.problem('5xx', req, res, `status ${status}`)
      return
    }
    const operation = req.operationId ? loadContract().operations.get(req.operationId) : undefined
    if (operation && req.method !== 'HEAD') {
      if (!(String(status) in operation.responses)) {
        this.problem('status the contract does not declare', req, res, `${status}`)
      } else {
        try {
          expectContract(res, operation.operationId)
        } catch (error) {
          this.problem('answer breaks the contract', req, res, clip(String((error as Error).message), 500))
        }
      }
      const oauthEndpoint = operation.public && operation.operationId !== 'oauthAuthorizeUsingGET'
      if (status === 401 || (oauthEndpoint && status >= 400)) {
        const p = oauthErrorProblem(res)
        if (p) this.problem('not OAuth\'s error shape', req, res, p)
      } else if (status >= 400 && !operation.public) {
        const p = allegroErrorProblem(res)
        if (p) this.problem('not Allegro\'s error shape', req, res, p)
      }
      return
    }
    if (status >= 400 && req.method !== 'HEAD') {
      const p = status === 401 ? oauthErrorProblem(res) : allegroErrorProblem(res)
      if (p) this.problem(status === 401 ? 'not OAuth\'s error shape' : 'not Allegro\'s error shape', req, res, p)
    }
  }

  /**
   * A request must never poison the ones after it: the app still serves its sellers, their disputes and issues, and a
   * snapshot, and what it stored goes back in through PUT /__mock/snapshot. `state` is the state after the request when it changed.
   * A refused request that changed nothing leaves the store as it was: its snapshot is the one already checked, so only
   * the API is asked again (the snapshot costs half of each run).
   */
  private async checkStillServes (req: FuzzRequest, res: LightMyRequestResponse, state: StateV1 | null): Promise<void> {
    const changed = state !== null
    const fail = (what: string, answer: LightMyRequestResponse) =>
      this.problem('a later request fails', req, res, `after it, ${what} answers ${answer.statusCode} ${clip(answer.body, 200)}`)
    // Faults a request planned (with 2xx) are deliberate: they are cleared first, through the control API.
    const planned = (f: StateV1['faults'] | undefined) => !!f && (f.taskFailures.length > 0 || f.responses.length > 0 || f.latencies.length > 0 || f.rateLimit?.enabled === true)
    if (state && planned(state.faults)) {
      const cleared = await this.app.inject({ method: 'DELETE', url: '/__mock/faults' })
      if (cleared.statusCode !== 200) fail('DELETE /__mock/faults', cleared)
    }
    for (const [sellerId, sandbox] of Object.entries(state?.sandboxes ?? {})) {
      if (!planned(sandbox.faults)) continue
      const cleared = await this.app.inject({ method: 'DELETE', url: `/__mock/sellers/${sellerId}/faults` })
      if (cleared.statusCode !== 200) fail(`DELETE /__mock/sellers/${sellerId}/faults`, cleared)
    }
    let token: string | undefined = this.tokens.seller1
    if (changed) {
      const sellers = await this.app.inject({ method: 'GET', url: '/__mock/sellers' })
      if (sellers.statusCode !== 200) return fail('GET /__mock/sellers', sellers)
      token = (sellers.json() as { sellers: Array<{ accessToken: string }> }).sellers[0]?.accessToken
    }
    if (token) {
      const disputes = await this.app.inject({ method: 'GET', url: '/sale/disputes', headers: { accept: VENDOR_JSON, authorization: `Bearer ${token}` } })
      if (disputes.statusCode !== 200) fail('GET /sale/disputes', disputes)
      // The issues list reads every dispute and claim of the seller with its first message.
      const issues = await this.app.inject({ method: 'GET', url: '/sale/issues?limit=100', headers: { accept: VENDOR_JSON_BETA, authorization: `Bearer ${token}` } })
      if (issues.statusCode !== 200) fail('GET /sale/issues', issues)
    }
    if (!changed && res.statusCode >= 400) return
    const snapshot = await this.app.inject({ method: 'GET', url: '/__mock/snapshot' })
    if (snapshot.statusCode !== 200) return fail('GET /__mock/snapshot', snapshot)
    // What a request stored must survive the trip through a snapshot (and so through the data file and a restart).
    if (changed) {
      const back = await this.app.inject({ method: 'PUT', url: '/__mock/snapshot', headers: { 'content-type': 'application/json' }, payload: snapshot.body })
      if (back.statusCode !== 204) fail('PUT /__mock/snapshot of its own GET /__mock/snapshot', back)
    }
  }
}
