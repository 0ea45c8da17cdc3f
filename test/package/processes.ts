import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export const BIN = 'bin/allegro-mock.js'

export interface Finished { code: number | null, stdout: string, stderr: string }

/** Runs a command to its end; resolves with its exit code and output, whatever the code. */
export function run (command: string, args: readonly string[], options: { cwd?: string, env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }))
  })
}

/** The allegro-mock CLI as installed: plain node on bin/. */
export const cli = (...args: string[]) => run(process.execPath, [BIN, ...args])

export interface Started {
  child: ChildProcess
  url: string
  port: number
  /** Everything written so far. */
  output: () => { stdout: string, stderr: string }
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

/** Spawns a server and resolves once its banner (on stderr) names the URL it listens on. */
export function startProcess (command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<Started> {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>(resolve => child.on('exit', (code, signal) => resolve({ code, signal })))
  child.stdout!.on('data', (chunk) => { stdout += chunk })
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      stderr += chunk
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))\n/.exec(stderr)
      if (match) resolve({ child, url: match[1]!, port: Number(match[2]), output: () => ({ stdout, stderr }), exited })
    })
    void exited.then(({ code }) => reject(new Error(`${command} ${args.join(' ')} exited with ${code} before listening:\n${stdout}\n${stderr}`)))
  })
}

/** True when nothing listens on the port any more. */
export function portIsFree (port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}
