/**
 * The benchmark's child processes: each server is spawned on its own loopback port, its output goes to a log file
 * in the run's temporary folder, and every child still alive when the benchmark exits (normally, on an error or
 * on SIGINT/SIGTERM) is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'

export interface Child {
  readonly name: string
  readonly process: ChildProcess
  readonly pid: number
  readonly url: string
  readonly logFile: string
  /** Milliseconds from spawn to the first successful answer of the readiness path. */
  readonly startMs: number
}

const alive = new Set<ChildProcess>()

/** Kills every child still running; synchronous, so it can run in an `exit` handler. */
export function killAll (): void {
  for (const child of alive) {
    try { child.kill('SIGKILL') } catch { /* already gone */ }
  }
  alive.clear()
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released for the child to bind). */
export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')))
    })
  })
}

/** One GET on loopback, without keep-alive; resolves with the status, rejects on a socket error or timeout. */
export function probe (url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

function tail (file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}

export interface SpawnOptions {
  name: string
  /** Arguments to `node`; `{port}` is replaced by the chosen port. */
  args: string[]
  /** Path polled until it answers 2xx, e.g. `/__mock/health`. */
  readyPath: string
  logFile: string
  timeoutMs: number
  env?: Record<string, string>
  cwd?: string
}

/** Spawns `node ...args`, then polls the readiness path every 5 ms until it answers 2xx. */
export async function spawnServer (options: SpawnOptions): Promise<Child> {
  const port = await freePort()
  const args = options.args.map(a => a.replaceAll('{port}', String(port)))
  const log = openSync(options.logFile, 'w')
  const began = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: options.cwd, stdio: ['ignore', log, log], env: { ...process.env, ...options.env },
  })
  closeSync(log)
  alive.add(child)
  const ended: { how: string | null } = { how: null }
  child.on('exit', (code, signal) => { ended.how = signal ? `signal ${signal}` : `code ${code}`; alive.delete(child) })
  child.on('error', (error) => { ended.how = error.message; alive.delete(child) })
  const url = `http://127.0.0.1:${port}`
  const deadline = began + options.timeoutMs
  for (;;) {
    if (ended.how !== null) {
      throw new Error(`${options.name} (node ${args.join(' ')}) exited with ${ended.how} before answering${tail(options.logFile) ? `:\n${tail(options.logFile)}` : ''}`)
    }
    try {
      const status = await probe(`${url}${options.readyPath}`, 2000)
      if (status >= 200 && status < 300) break
    } catch { /* not listening yet */ }
    if (performance.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${options.name} did not answer ${options.readyPath} within ${options.timeoutMs} ms${tail(options.logFile) ? `:\n${tail(options.logFile)}` : ''}`)
    }
    await new Promise(resolve => setTimeout(resolve, 5))
  }
  return { name: options.name, process: child, pid: child.pid!, url, logFile: options.logFile, startMs: performance.now() - began }
}

/**
 * SIGTERM, then SIGKILL if the child has not exited after `graceMs` (a mock with a queue of slow writes may take
 * long to finish them). Resolves with how it ended.
 */
export async function stopServer (child: Child, graceMs = 5000): Promise<'exited' | 'killed'> {
  const proc = child.process
  if (proc.exitCode !== null || proc.signalCode !== null) return 'exited'
  const exited = new Promise<void>(resolve => proc.once('exit', () => resolve()))
  proc.kill('SIGTERM')
  const timer = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), graceMs).unref())
  if (await Promise.race([exited.then(() => 'exited' as const), timer]) === 'exited') return 'exited'
  proc.kill('SIGKILL')
  await exited
  return 'killed'
}

/** Resident set size of a process in MB, from /proc/<pid>/status (Linux only). */
export function rssMb (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /VmRSS:\s+(\d+)\s*kB/.exec(status)
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(kb[1]) / 1024
}

/** Waits until `url` answers 2xx: after a load, requests the client gave up on may still be queued in the server. */
export async function settle (url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    try {
      const status = await probe(url, Math.max(1000, deadline - performance.now()))
      if (status >= 200 && status < 300) return
    } catch (error) {
      if (performance.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms after the load: ${(error as Error).message}`)
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms after the load`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
