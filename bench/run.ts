/**
 * Benchmarks allegro-mock against a bare Fastify hello-world measured in the same run, on loopback only.
 * Reports ratios (mock / baseline), so the figures mean the same on any machine. Bounded: a few seconds per target.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import autocannon from 'autocannon'

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = 10

interface Server { child: ChildProcess, url: string, startMs: number }

function start (args: string[]): Promise<Server> {
  const began = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) {
        const url = match[1]!
        // Cold start ends with the first answered request, not with the log line.
        void fetch(`${url}/__mock/health`).catch(() => undefined).then(() => resolve({ child, url, startMs: performance.now() - began }))
      }
    })
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
  })
}

function rssMb (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

async function load (url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99 }
}

async function stop (server: Server): Promise<void> {
  const exited = new Promise(resolve => server.child.on('exit', resolve))
  server.child.kill('SIGTERM')
  await exited
}

const baseline = await start(['bench/hello-server.ts'])
const baselineIdleRss = rssMb(baseline.child.pid!)
const baselineLoad = await load(`${baseline.url}/`)
const baselineRss = rssMb(baseline.child.pid!)
await stop(baseline)

const mock = await start(['src/server/main.ts', '--memory', '--port', '0', '--log-level', 'silent'])
const mockIdleRss = rssMb(mock.child.pid!)
const { sellers } = await (await fetch(`${mock.url}/__mock/sellers`)).json() as { sellers: Array<{ accessToken: string }> }
const mockLoad = await load(`${mock.url}/sale/disputes?limit=10&status=ONGOING&status=UNRESOLVED`, {
  accept: 'application/vnd.allegro.public.v1+json',
  authorization: `Bearer ${sellers[0]!.accessToken}`,
})
const mockRss = rssMb(mock.child.pid!)
await stop(mock)

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100
const report = {
  durationSeconds: DURATION_S,
  connections: CONNECTIONS,
  baseline: { ...baselineLoad, coldStartMs: Math.round(baseline.startMs), idleRssMb: Math.round(baselineIdleRss), loadedRssMb: Math.round(baselineRss) },
  mock: { ...mockLoad, coldStartMs: Math.round(mock.startMs), idleRssMb: Math.round(mockIdleRss), loadedRssMb: Math.round(mockRss) },
  ratios: {
    throughput: ratio(mockLoad.requestsPerSecond, baselineLoad.requestsPerSecond),
    // autocannon's histogram counts whole milliseconds; a 0 ms baseline is read as 1 ms.
    p99: ratio(Math.max(mockLoad.p99Ms, 1), Math.max(baselineLoad.p99Ms, 1)),
    coldStart: ratio(mock.startMs, baseline.startMs),
    rss: ratio(mockRss, baselineRss),
  },
}
mkdirSync('reports', { recursive: true })
writeFileSync('reports/bench.json', `${JSON.stringify(report, null, 2)}\n`)
console.log(`baseline (bare Fastify GET /):          ${Math.round(baselineLoad.requestsPerSecond)} req/s, p99 ${baselineLoad.p99Ms} ms, cold start ${report.baseline.coldStartMs} ms, RSS ${report.baseline.loadedRssMb} MB`)
console.log(`allegro-mock (GET /sale/disputes, auth): ${Math.round(mockLoad.requestsPerSecond)} req/s, p99 ${mockLoad.p99Ms} ms, cold start ${report.mock.coldStartMs} ms, RSS ${report.mock.loadedRssMb} MB`)
console.log(`ratios mock/baseline: throughput ${report.ratios.throughput}, p99 ${report.ratios.p99}, cold start ${report.ratios.coldStart}, RSS ${report.ratios.rss}`)
