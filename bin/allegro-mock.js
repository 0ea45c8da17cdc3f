#!/usr/bin/env node
// Plain node on the compiled server: nothing is transpiled at start, and signals reach the server itself.
import { existsSync } from 'node:fs'

const main = new URL('../dist/server/main.js', import.meta.url)
if (!existsSync(main)) {
  console.error('allegro-mock: dist/ is missing; run `npm run build` first (`npm start` builds by itself)')
  process.exit(1)
}
await import(main.href)
