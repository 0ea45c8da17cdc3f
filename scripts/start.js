#!/usr/bin/env node
// `npm start`: builds when dist/ is missing or older than what it is built from, then runs the server in this very
// process (npm's script is `exec node ...`), so the SIGTERM npm forwards reaches the server and frees its port.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const SOURCES = ['src', 'openapi', 'types', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js']

function newestChange (path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path, { recursive: true })
    .reduce((newest, file) => Math.max(newest, statSync(`${path}/${file}`).mtimeMs), stat.mtimeMs)
}

const stamp = `${root}dist/.build-complete`
const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : -1
const sourcesAt = Math.max(...SOURCES.filter(p => existsSync(root + p)).map(p => newestChange(root + p)))
if (builtAt < sourcesAt) {
  // The build's output goes to stderr: stdout carries only the server's JSON log lines.
  const build = spawnSync(process.execPath, [`${root}scripts/build.js`], { stdio: ['ignore', 2, 2] })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
await import(pathToFileURL(`${root}dist/server/main.js`).href)
