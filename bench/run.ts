/**
 * `npm run bench [-- --scale N --duration S]`: every measure of issue 11 in one run, on loopback, against a bare
 * Fastify hello-world started in the same run (and a bare Fastify doing the mock's JWT + ajv work as a second
 * reference). Every server is a child process started as users start it. Prints one table and writes
 * reports/bench.json. Ratios, not absolute figures, are what compare across machines; nothing here is asserted.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { killAll, rssMb, settle, spawnServer, stopServer, type Child } from './children.js'
import { CONNECTIONS, load, warmUp, type LoadResult, type LoadSpec } from './load.js'
import { notVersion1, writeScaleFile, type ScaleFile } from './scale-data.js'
import { markdown, meets, render, type Row, type Target } from './table.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const USAGE = `Usage: npm run bench -- [--scale N] [--duration S]

  --scale N      disputes spread over 100 extra sellers for the "at scale" rows, 5 messages each (default 50000)
  --duration S   seconds of each measured load (default 5); there are 11 loads, plus starts and data generation
  --help         this text`

// ---------------------------------------------------------------------------------------------- options

function options () {
  let values
  try {
    values = parseArgs({
      options: { scale: { type: 'string', default: '50000' }, duration: { type: 'string', default: '5' }, help: { type: 'boolean' } },
      strict: true,
    }).values
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const scale = Number(values.scale)
  const duration = Number(values.duration)
  if (!Number.isInteger(scale) || scale < 1 || scale > 5_000_000) {
    console.error(`--scale must be a whole number from 1 to 5000000, got "${values.scale}"\n\n${USAGE}`)
    process.exit(2)
  }
  if (!Number.isFinite(duration) || duration < 0.5 || duration > 600) {
    console.error(`--duration must be seconds from 0.5 to 600, got "${values.duration}"\n\n${USAGE}`)
    process.exit(2)
  }
  return { scale, duration }
}

const { scale: SCALE, duration: DURATION } = options()
const SCALE_SELLERS = 100
const MESSAGES_PER_DISPUTE = 5
const COLD_STARTS = 5
const SANDBOXES = 200
const WARM_UP_S = Math.min(1, DURATION)
const VENDOR_JSON = 'application/vnd.allegro.public.v1+json'

// ---------------------------------------------------------------------------------------------- run bookkeeping

const began = performance.now()
const loadAtStart = loadavg()
const elapsed = () => (performance.now() - began) / 1000
const progress = (text: string) => console.error(`[${elapsed().toFixed(1).padStart(6)} s] ${text}`)

const tmp = mkdtempSync(join(tmpdir(), 'allegro-mock-bench-'))
process.on('exit', () => {
  killAll()
  rmSync(tmp, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every server this run started, deleting ${tmp}`)
    process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}

/** What each step measured, by key; a step that throws leaves its error under its key and the run goes on. */
const results = new Map<string, unknown>()
const errors = new Map<string, string>()
const notes: string[] = []

async function step<T> (key: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await work()
    results.set(key, value)
    return value
  } catch (error) {
    const message = (error as Error).message ?? String(error)
    errors.set(key, message)
    progress(`${key} failed: ${message.split('\n')[0]}`)
    return undefined
  }
}

const got = <T> (key: string): T | undefined => results.get(key) as T | undefined
let logCount = 0
const logFile = (name: string) => join(tmp, `${String(++logCount).padStart(2, '0')}-${name}.log`)

// ---------------------------------------------------------------------------------------------- starting servers

/** How the mock is started: as users start it, through bin/; through tsx only if bin/ fails. */
const LAUNCHERS = [
  { label: 'node bin/allegro-mock.js', args: ['bin/allegro-mock.js'] },
  { label: 'node --import tsx src/server/main.ts', args: ['--import', 'tsx', 'src/server/main.ts'] },
] as const
const chosen: { launcher: (typeof LAUNCHERS)[number] | null } = { launcher: null }

const mockFlags = (dataFile: string) => ['--host', '127.0.0.1', '--port', '{port}', '--data', dataFile, '--scenario', 'default']

async function startMock (name: string, dataFile: string, timeoutMs = 60_000): Promise<Child> {
  const spawnWith = (l: (typeof LAUNCHERS)[number]) => spawnServer({
    name, args: [...l.args, ...mockFlags(dataFile)], readyPath: '/__mock/health', logFile: logFile(name.replace(/\W+/g, '-')), timeoutMs, cwd: ROOT,
  })
  if (chosen.launcher) return spawnWith(chosen.launcher)
  try {
    const child = await spawnWith(LAUNCHERS[0])
    chosen.launcher = LAUNCHERS[0]
    return child
  } catch (error) {
    const reason = (error as Error).message.split('\n').slice(0, 3).join(' / ')
    notes.push(`${LAUNCHERS[0].label} failed, so the mock was started with ${LAUNCHERS[1].label}: ${reason}`)
    progress(`${LAUNCHERS[0].label} failed (${reason}); trying ${LAUNCHERS[1].label}`)
    rmSync(dataFile, { force: true })
    const child = await spawnWith(LAUNCHERS[1])
    chosen.launcher = LAUNCHERS[1]
    return child
  }
}

const startHello = (name: string) => spawnServer({
  name, args: ['bench/hello-server.js', '--port', '{port}'], readyPath: '/', logFile: logFile(name), timeoutMs: 30_000, cwd: ROOT,
})

async function stop (child: Child | undefined, graceMs = 5000): Promise<void> {
  if (!child) return
  const how = await stopServer(child, graceMs)
  if (how === 'killed') {
    notes.push(`${child.name} had not exited ${graceMs / 1000} s after SIGTERM (still finishing queued work) and was killed`)
    progress(`${child.name}: killed after ${graceMs / 1000} s of SIGTERM grace`)
  }
}

// ---------------------------------------------------------------------------------------------- the mock's requests

interface Session {
  seller: { id: string, login: string }
  token: string
  disputeId: string
  headers: Record<string, string>
}

async function json (url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(120_000) })
  const text = await response.text()
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${new URL(url).pathname}${new URL(url).search} answered ${response.status}: ${text.slice(0, 300)}`)
  return JSON.parse(text)
}

/** A seller's token from GET /__mock/sellers (the default scenario's first seller unless `login` is given), and an ONGOING dispute of theirs. */
async function session (url: string, login?: string): Promise<Session> {
  const { sellers } = await json(`${url}/__mock/sellers`) as { sellers: Array<{ id: string, login: string, accessToken: string }> }
  const seller = login === undefined ? sellers[0] : sellers.find(s => s.login === login)
  if (!seller) throw new Error(`GET /__mock/sellers lists no seller ${login ?? ''}`)
  const headers = { accept: VENDOR_JSON, authorization: `Bearer ${seller.accessToken}` }
  const { disputes } = await json(`${url}/sale/disputes?limit=1&status=ONGOING`, { headers }) as { disputes: Array<{ id: string }> }
  if (!disputes[0]) throw new Error(`${seller.login} has no ONGOING dispute to read and write`)
  return { seller: { id: seller.id, login: seller.login }, token: seller.accessToken, disputeId: disputes[0].id, headers }
}

const MESSAGE = JSON.stringify({ text: 'Dzień dobry, wysłaliśmy nową przesyłkę.', type: 'REGULAR' })

function specs (url: string, s: Session): Record<'getOne' | 'list' | 'post', LoadSpec> {
  return {
    getOne: { url: `${url}/sale/disputes/${s.disputeId}`, headers: s.headers, expect: 200, durationS: DURATION },
    list: { url: `${url}/sale/disputes?limit=10`, headers: s.headers, expect: 200, durationS: DURATION },
    post: {
      url: `${url}/sale/disputes/${s.disputeId}/messages`, method: 'POST', headers: { ...s.headers, 'content-type': VENDOR_JSON },
      body: MESSAGE, expect: 201, durationS: DURATION,
    },
  }
}

/** GET one, list, then POST (writes last, so the reads see the scenario as it was), each followed by a settle. */
async function measureOperations (prefix: string, child: Child, s: Session, healthPath: string): Promise<void> {
  const spec = specs(child.url, s)
  await step(`${prefix}.warm-up`, () => warmUp(spec.getOne, WARM_UP_S))
  for (const op of ['getOne', 'list', 'post'] as const) {
    progress(`${child.name}: ${op} for ${DURATION} s`)
    await step(`${prefix}.${op}`, () => load(spec[op]))
    await step(`${prefix}.${op}.settle`, () => settle(`${child.url}${healthPath}`))
    if (op === 'list') await step(`${prefix}.rssAfterReads`, async () => rssMb(child.pid))
  }
  await step(`${prefix}.rss`, async () => rssMb(child.pid))
}

interface SandboxResult { missing: true, answer: string }
interface SandboxTimes { missing: false, count: number, medianMs: number, p99Ms: number, maxMs: number }

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5)

/** POST /__mock/sandboxes {} one after another; 404 on the first means the endpoint does not exist yet. */
async function sandboxes (url: string): Promise<SandboxResult | SandboxTimes> {
  const times: number[] = []
  const deadline = performance.now() + Math.max(30_000, DURATION * 6000)
  for (let i = 0; i < SANDBOXES && performance.now() < deadline; i++) {
    const t0 = performance.now()
    const response = await fetch(`${url}/__mock/sandboxes`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(30_000),
    })
    const text = await response.text()
    const ms = performance.now() - t0
    if (i === 0 && response.status === 404) return { missing: true, answer: text.slice(0, 200) }
    if (response.status !== 201) throw new Error(`POST /__mock/sandboxes #${i + 1} answered ${response.status}, expected 201: ${text.slice(0, 300)}`)
    times.push(ms)
  }
  const sorted = [...times].sort((a, b) => a - b)
  return { missing: false, count: sorted.length, medianMs: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1)! }
}

/** The mock's token with the same claims, signed with another secret, for the bare reference. */
function resign (token: string, secret: string): { token: string, claims: Record<string, unknown> } {
  const [header, payload] = token.split('.')
  if (!header || !payload) throw new Error('the mock\'s token is not a JWT')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')
  return { token: `${header}.${payload}.${signature}`, claims }
}

// ---------------------------------------------------------------------------------------------- the run

progress(`allegro-mock benchmark: --scale ${SCALE} --duration ${DURATION}; ${CONNECTIONS} connections on 127.0.0.1; ` +
  `11 measured loads of ${DURATION} s plus warm-ups, starts and data generation (expect about ${Math.round(12 * DURATION + 25 + SCALE / 2000)} s)`)
progress(`temporary files in ${tmp}`)

// 1. The hello-world: cold start, then throughput and RSS after load.
await step('hello.cold', async () => {
  const times: number[] = []
  for (let i = 0; i < COLD_STARTS; i++) {
    const child = await startHello(`hello-cold-${i + 1}`)
    times.push(child.startMs)
    await stop(child)
  }
  return times
})
// It stays up, idle, and is loaded again at the end: the two figures show how steady the machine was.
progress('hello-world: GET / for ' + DURATION + ' s')
const hello = await step('hello.start', () => startHello('hello'))
const helloSpec: LoadSpec | undefined = hello ? { url: `${hello.url}/`, expect: 200, durationS: DURATION } : undefined
if (hello && helloSpec) {
  await step('hello.warm-up', () => warmUp(helloSpec, WARM_UP_S))
  await step('hello.load', () => load(helloSpec))
  await step('hello.rss', async () => rssMb(hello.pid))
}

// 2. The mock at the default scenario, with its data file on disk.
let defaultSession: Session | undefined
let bodies: { dispute: unknown, list: unknown } | undefined
{
  progress('mock at the default scenario: starting')
  const mock = await step('mock.start', () => startMock('mock-default', join(tmp, 'default.json')))
  if (mock) {
    defaultSession = await step('mock.session', () => session(mock.url))
    if (defaultSession) {
      const s = defaultSession
      bodies = await step('mock.bodies', async () => ({
        dispute: await json(`${mock.url}/sale/disputes/${s.disputeId}`, { headers: s.headers }),
        list: await json(`${mock.url}/sale/disputes?limit=10`, { headers: s.headers }),
      }))
      await measureOperations('mock', mock, s, '/__mock/health')
      progress(`mock at the default scenario: ${SANDBOXES} sandboxes, one after another`)
      await step('mock.sandbox', () => sandboxes(mock.url))
    }
    await stop(mock)
  }
}

// 3. The bare Fastify doing the same checks, answering the bodies the mock answered.
if (defaultSession && bodies) {
  progress('bare Fastify with JWT + ajv: starting')
  const secret = randomBytes(32).toString('base64url')
  const { token, claims } = resign(defaultSession.token, secret)
  const scopes = Array.isArray(claims.scope) ? claims.scope as string[] : []
  const bodiesFile = join(tmp, 'bare-bodies.json')
  writeFileSync(bodiesFile, JSON.stringify({
    ...bodies, login: defaultSession.seller.login, sellerId: claims.user_name, clientId: claims.client_id,
    scope: scopes.includes('allegro:api:disputes') ? 'allegro:api:disputes' : scopes[0],
  }))
  const bare = await step('bare.start', () => spawnServer({
    name: 'bare-fastify', args: ['bench/bare-server.js', '--port', '{port}', '--bodies', bodiesFile, '--journal', join(tmp, 'bare-messages.jsonl')],
    readyPath: '/health', logFile: logFile('bare-fastify'), timeoutMs: 30_000, cwd: ROOT, env: { BENCH_JWT_SECRET: secret },
  }))
  if (bare) {
    await measureOperations('bare', bare, { ...defaultSession, token, headers: { ...defaultSession.headers, authorization: `Bearer ${token}` } }, '/health')
    await stop(bare)
  }
} else {
  errors.set('bare.start', 'not run: the mock at the default scenario gave no token and bodies to copy')
}

// 4. The mock's cold start: spawn to the first answer of GET /__mock/health, each on a new data file.
await step('mock.cold', async () => {
  const times: number[] = []
  for (let i = 0; i < COLD_STARTS; i++) {
    const child = await startMock(`mock-cold-${i + 1}`, join(tmp, `cold-${i + 1}.json`))
    times.push(child.startMs)
    progress(`mock cold start ${i + 1}/${COLD_STARTS}: ${Math.round(child.startMs)} ms`)
    await stop(child)
  }
  return times
})

// 5. The mock at scale: a version-1 data file with SCALE more disputes under 100 more sellers.
interface ScaleData { file: string, source: string, written: ScaleFile, generateMs: number }
{
  const data = await step('scale.data', async (): Promise<ScaleData> => {
    progress(`at scale: writing a version-1 data file with ${SCALE} more disputes`)
    const dir = join(tmp, 'scale')
    mkdirSync(dir)
    const file = join(dir, 'allegro-mock.json')
    // The engine writes the default scenario's data file; its snapshot is the documented version-1 form.
    const template = await startMock('mock-template', file)
    let snapshot: { state?: unknown, files?: Record<string, string> } | undefined
    try {
      snapshot = await json(`${template.url}/__mock/snapshot`) as typeof snapshot
    } catch (error) {
      notes.push(`GET /__mock/snapshot failed: ${(error as Error).message}`)
    }
    await stop(template)
    const t0 = performance.now()
    let written: ScaleFile
    let source: string
    let target = file
    let fromFile: unknown
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      fromFile = undefined
      notes.push(`the data file the mock wrote could not be read as JSON (${(error as Error).message})`)
    }
    const fileProblem = notVersion1(fromFile)
    if (fileProblem === null) {
      source = 'the data file the mock wrote for the default scenario (version 1)'
      written = writeScaleFile(fromFile as Record<string, unknown>, file, { sellers: SCALE_SELLERS, disputes: SCALE, messagesPerDispute: MESSAGES_PER_DISPUTE })
    } else {
      const snapshotProblem = notVersion1(snapshot?.state)
      if (snapshotProblem !== null) throw new Error(`no version-1 state to start from: the data file: ${fileProblem}; the snapshot: ${snapshotProblem}`)
      // A fresh folder, so nothing the engine wrote beside its own file is read with ours.
      const v1 = join(tmp, 'scale-v1')
      mkdirSync(join(v1, 'allegro-mock.files'), { recursive: true })
      for (const [key, base64] of Object.entries(snapshot!.files ?? {})) writeFileSync(join(v1, 'allegro-mock.files', key), Buffer.from(base64, 'base64'))
      target = join(v1, 'allegro-mock.json')
      source = `GET /__mock/snapshot of the default scenario (the data file the mock wrote is not version 1: ${fileProblem})`
      written = writeScaleFile(snapshot!.state as Record<string, unknown>, target, { sellers: SCALE_SELLERS, disputes: SCALE, messagesPerDispute: MESSAGES_PER_DISPUTE })
    }
    const generateMs = performance.now() - t0
    progress(`at scale: ${written.disputes} disputes, ${written.messages} messages, ${written.sellers} sellers, ${(written.bytes / 1e6).toFixed(1)} MB in ${Math.round(generateMs)} ms`)
    return { file: target, source, written, generateMs }
  })
  if (data) {
    progress('at scale: starting the mock on it')
    const mock = await step('scale.start', () => startMock('mock-scale', data.file, 600_000))
    if (mock) {
      progress(`at scale: answered after ${Math.round(mock.startMs)} ms`)
      const s = await step('scale.session', () => session(mock.url, defaultSession?.seller.login))
      if (s) await measureOperations('scale', mock, s, '/__mock/health')
      await stop(mock, 10_000)
    }
  }
}

// 6. The hello-world again.
if (hello && helloSpec) {
  progress('hello-world again: GET / for ' + DURATION + ' s')
  await step('hello.loadAtEnd', () => load(helloSpec))
  await stop(hello)
}

// ---------------------------------------------------------------------------------------------- the table

const loadOf = (key: string) => got<LoadResult>(key)
/** The first error among `keys`, then the load problems of the loads among them. */
function errorOf (...keys: string[]): string | null {
  for (const key of keys) {
    const error = errors.get(key) ?? errors.get(`${key.split('.')[0]}.start`) ?? errors.get(`${key.split('.')[0]}.session`)
    if (error) return error.split('\n')[0]!
  }
  const problems = keys.map(k => loadOf(k)).filter(r => r && typeof r === 'object' && 'problem' in r && r.problem).map(r => r!.problem)
  return problems.length > 0 ? problems.join('; ') : null
}

function row (id: string, measure: string, unit: string, mock: number | null, baselineIs: string, baseline: number | null,
  target: Target | null, error: string | null, extra: Partial<Row> = {}): Row {
  const ratio = mock !== null && baseline !== null && baseline > 0 ? mock / baseline : null
  return { id, measure, unit, mock, baselineIs, baseline, ratio, target, met: meets(target, mock, ratio), error, ...extra }
}

const rps = (key: string) => loadOf(key)?.requestsPerSecond ?? null
/** The hello-world's mean over its two loads (start and end of the run), or the one that worked. */
const helloLoads = [rps('hello.load'), rps('hello.loadAtEnd')].filter((v): v is number => v !== null && v > 0)
const helloRps = helloLoads.length > 0 ? helloLoads.reduce((a, b) => a + b, 0) / helloLoads.length : null
const helloError = helloRps === null ? `hello-world not measured: ${errorOf('hello.load', 'hello.loadAtEnd') ?? 'no answers'}` : null
if (helloLoads.length === 2) {
  const [a, b] = helloLoads as [number, number]
  notes.push(`hello-world: ${Math.round(a)} req/s at the start of the run, ${Math.round(b)} at the end (${Math.round(Math.abs(a - b) / Math.max(a, b) * 100)} % apart); ` +
    `the baseline is their mean. Load average ${loadAtStart.map(l => l.toFixed(1)).join(' ')} at the start, ${loadavg().map(l => l.toFixed(1)).join(' ')} at the end (${cpus().length} CPUs)`)
}
const latency = (key: string) => loadOf(key) ? { p50Ms: loadOf(key)!.latencyMs.p50, p99Ms: loadOf(key)!.latencyMs.p99, completed: loadOf(key)!.completed } : undefined
const ops = [
  { op: 'getOne', name: 'GET one dispute', target: 0.6, issue: '≈ 0.46 (issue)' },
  { op: 'list', name: 'GET list ?limit=10', target: 0.4, issue: '' },
  { op: 'post', name: 'persisted POST message (201s)', target: 0.25, issue: '' },
] as const
const rows: Row[] = []
for (const { op, name, target, issue } of ops) {
  const mock = rps(`mock.${op}`)
  const bare = rps(`bare.${op}`)
  rows.push(row(`${op}`, `${name}, default scenario`, 'req/s', mock, 'hello-world GET / (mean of 2)', helloRps, { of: 'ratio', op: '>=', value: target },
    errorOf(`mock.${op}`) ?? helloError, { details: { mock: latency(`mock.${op}`), hello: latency('hello.load'), mockOverBare: mock !== null && bare ? mock / bare : null } }))
  rows.push(row(`${op}.bare`, `  bare Fastify, JWT + ajv${op === 'post' ? ' + append' : ''}, same body`, 'req/s', bare, 'hello-world GET / (mean of 2)', helloRps, null,
    errorOf(`bare.${op}`) ?? helloError, { targetNote: issue ? `reference, ${issue}` : 'reference', details: { bare: latency(`bare.${op}`) } }))
}
{
  const sandbox = got<SandboxResult | SandboxTimes>('mock.sandbox')
  const error = errors.get('mock.sandbox') ?? errors.get('mock.start') ?? errors.get('mock.session') ?? null
  if (sandbox?.missing) {
    rows.push(row('sandbox', 'sandbox created, median (p99)', 'ms', null, '—', null, { of: 'mock', op: '<=', value: 20 }, null,
      { mockNote: 'n/a (endpoint missing)', details: { answer: sandbox.answer } }))
  } else {
    const times = sandbox as SandboxTimes | undefined
    rows.push(row('sandbox', `sandbox created, median (p99 ${times ? times.p99Ms.toFixed(1) : '—'} ms)`, 'ms', times?.medianMs ?? null, '—', null,
      { of: 'mock', op: '<=', value: 20 }, error?.split('\n')[0] ?? null, { details: times ? { ...times } : undefined }))
  }
}
{
  const mockCold = got<number[]>('mock.cold')
  const helloCold = got<number[]>('hello.cold')
  rows.push(row('coldStart', `cold start, spawn → first answer (median of ${COLD_STARTS})`, 'ms', mockCold ? median(mockCold) : null,
    'hello-world, same', helloCold ? median(helloCold) : null, { of: 'mock', op: '<=', value: 500 },
    (errors.get('mock.cold') ?? errors.get('hello.cold'))?.split('\n')[0] ?? null, { details: { mockMs: mockCold, helloMs: helloCold } }))
  const helloRss = got<number>('hello.rss') ?? null
  rows.push(row('rss.default', 'RSS after load, default scenario', 'MB', got<number>('mock.rss') ?? null, 'hello-world after load', helloRss,
    { of: 'mock', op: '<=', value: 120 }, errorOf('mock.rss', 'hello.rss'), { details: { afterReadsMb: got<number>('mock.rssAfterReads') ?? null } }))
  rows.push(row('rss.scale', `RSS after load, ${SCALE.toLocaleString('en-US').replaceAll(',', ' ')} disputes`, 'MB', got<number>('scale.rss') ?? null,
    'hello-world after load', helloRss, { of: 'mock', op: '<=', value: 300 }, errorOf('scale.data', 'scale.rss', 'hello.rss'),
    { details: { afterReadsMb: got<number>('scale.rssAfterReads') ?? null } }))
}
const scaleLabel = `${SCALE.toLocaleString('en-US').replaceAll(',', ' ')} disputes`
for (const { op, name } of ops) {
  rows.push(row(`scale.${op}`, `${name}, at ${scaleLabel}`, 'req/s', rps(`scale.${op}`), 'the same, default scenario', rps(`mock.${op}`),
    op === 'list' ? null : { of: 'ratio', op: '>=', value: 0.9 }, errorOf('scale.data', `scale.${op}`, `mock.${op}`),
    { details: { scale: latency(`scale.${op}`) } }))
}
{
  const start = got<Child>('scale.start')
  const mockCold = got<number[]>('mock.cold')
  const data = got<ScaleData>('scale.data')
  rows.push(row('scale.start', `start at ${scaleLabel}, spawn → first answer`, 'ms', start?.startMs ?? null, 'cold start, default', mockCold ? median(mockCold) : null,
    null, errorOf('scale.data', 'scale.start'), { targetNote: '(information)', details: data ? { dataFileMb: data.written.bytes / 1e6, ...data.written, source: data.source, generateMs: data.generateMs } : undefined }))
}

// Loads that completed almost nothing: the single request made before each says what one costs alone.
for (const [key, value] of results) {
  const r = value as Partial<LoadResult> | undefined
  if (r && typeof r === 'object' && typeof r.completed === 'number' && r.completed < 5 && !key.endsWith('warm-up')) {
    notes.push(`${key}: ${r.completed} answers in ${r.durationS} s of load; the one request made alone before it took ${Math.round(r.firstRequestMs ?? NaN)} ms`)
  }
}
for (const [name, key] of [['the default scenario', 'mock'], [`${SCALE} disputes`, 'scale']] as const) {
  const reads = got<number>(`${key}.rssAfterReads`)
  if (reads !== undefined) notes.push(`RSS at ${name}: ${Math.round(reads)} MB after the two read loads, ${Math.round(got<number>(`${key}.rss`) ?? NaN)} MB after the POST load`)
}

// ---------------------------------------------------------------------------------------------- output

const totalS = elapsed()
const report = {
  generatedAt: new Date().toISOString(),
  options: { scale: SCALE, durationSeconds: DURATION, connections: CONNECTIONS, scaleSellers: SCALE_SELLERS, messagesPerDispute: MESSAGES_PER_DISPUTE, coldStarts: COLD_STARTS, sandboxes: SANDBOXES },
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryMb: Math.round(totalmem() / 2 ** 20), platform: process.platform, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg() },
  mockStartedWith: chosen.launcher ? `${chosen.launcher.label} ${mockFlags('<file>').join(' ').replace('{port}', '<port>')}` : null,
  rows,
  loads: Object.fromEntries([...results].filter(([, v]) => v && typeof v === 'object' && 'requestsPerSecond' in v)),
  errors: Object.fromEntries(errors),
  notes,
  totalSeconds: totalS,
}
const reports = join(ROOT, 'reports')
if (!existsSync(reports)) mkdirSync(reports, { recursive: true })
writeFileSync(join(reports, 'bench.json'), `${JSON.stringify({ ...report, markdown: markdown(rows) }, null, 2)}\n`)

console.log('')
console.log(`allegro-mock benchmark, ${new Date().toISOString()}: ${CONNECTIONS} connections, ${DURATION} s per load, scale ${SCALE} disputes over ${SCALE_SELLERS} sellers; ` +
  `node ${process.version}, ${cpus().length} CPUs`)
console.log(`mock started with: ${report.mockStartedWith ?? 'it never started'}`)
console.log('')
console.log(render(rows))
if (notes.length > 0) {
  console.log('')
  for (const note of notes) console.log(`Note: ${note}`)
}
console.log('')
console.log(`Ratios are mock / baseline; targets are issue 11's. Written to reports/bench.json (Markdown table in "markdown"). Total time ${totalS.toFixed(0)} s.`)
// A row that could not be measured, or measured with errors, fails the run; a missed target does not.
if (rows.some(r => r.error)) process.exitCode = 1
