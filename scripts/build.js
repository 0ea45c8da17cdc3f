#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ with tsc, copies what the server reads at run time beside it (the
// dashboard's files) and writes the parsed contract as JSON, so the server starts without tsx or a YAML parse.
// It builds into a folder of its own and then swaps it in, so a server running from dist/ meanwhile keeps working.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = `${root}dist`
const next = `${root}dist.next-${process.pid}`

rmSync(next, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const compiled = spawnSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`, '--outDir', next], { stdio: 'inherit' })
if (compiled.status !== 0) {
  rmSync(next, { recursive: true, force: true })
  console.error('allegro-mock: the build failed (tsc reported the errors above)')
  process.exit(compiled.status ?? 1)
}

cpSync(`${root}src/dashboard`, `${next}/dashboard`, { recursive: true, filter: (file) => !file.endsWith('.ts') })

const { COMPILED_CONTRACT_FILE, parseContractSource } = await import(pathToFileURL(`${next}/server/core/openapi.js`).href)
mkdirSync(`${next}/openapi`, { recursive: true })
writeFileSync(COMPILED_CONTRACT_FILE, JSON.stringify(parseContractSource()))

// Written last, so its absence means the build did not finish; scripts/start.js compares its age with the sources.
writeFileSync(`${next}/.build-complete`, `${new Date().toISOString()}\n`)

rmSync(dist, { recursive: true, force: true })
renameSync(next, dist)
