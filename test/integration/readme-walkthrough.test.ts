import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { defaultConfig } from '../../src/server/config.js'
import { startServer, type RunningServer } from '../../src/server/server.js'

const run = promisify(execFile)
let server: RunningServer
// The system clock, as `npm start` runs; a short task delay keeps the classified-ads walkthrough's polling brief.
beforeAll(async () => { server = await startServer({ ...defaultConfig, port: 0, dataFile: null, logLevel: 'silent', taskDelayMs: 300 }) })
afterAll(async () => { await server.close() })

/** The bash block between `<!-- walkthrough:NAME -->` markers in the README. */
function walkthrough (name: string): string {
  const readme = readFileSync('README.md', 'utf8')
  const match = new RegExp(`<!-- walkthrough:${name} -->\\s*\`\`\`bash\\n([\\s\\S]*?)\`\`\`\\s*<!-- /walkthrough:${name} -->`).exec(readme)
  if (!match) throw new Error(`README has no walkthrough ${name}`)
  return match[1]!
}

// Every curl in the walkthrough must succeed, except one that prints the status code it expects.
const STRICT_CURL = `set -euo pipefail
curl() { case " $* " in *" -w "*) command curl "$@";; *) command curl --fail-with-body "$@";; esac; }
`

async function runWalkthrough (name: string): Promise<string> {
  const script = STRICT_CURL + walkthrough(name).replace('BASE=http://127.0.0.1:3000', `BASE=${server.url}`).replaceAll('http://127.0.0.1:3000/', `${server.url}/`)
  const { stdout } = await run('bash', ['-c', script], { cwd: mkdtempSync(join(tmpdir(), 'allegro-mock-readme-')) })
  return stdout
}

test('the README\'s quick start gets a token and lists the disputes', async () => {
  const { disputes } = JSON.parse(await runWalkthrough('quick-start')) as { disputes: unknown[] }
  expect(disputes).toHaveLength(10)
})

test('the README\'s classified-ads walkthrough runs as written: draft, packages, fees, ACTIVE, stats, ENDED', async () => {
  const stdout = await runWalkthrough('classifieds')
  expect(stdout).toContain('"phones":[{"number":"+48 55 555 56 66"},{"number":"+48 55 555 56 67"}]')
  expect(stdout).toContain('"validation":{"errors":[]')
  expect(stdout).toContain('"name":"Opłata za pakiet Podstawowy"')
  expect(stdout).toMatch(/"taskCount":\{"total":1,"success":1,"failed":0\}/)
  expect(stdout).toMatch(/\}ACTIVE\n/)
  expect(stdout).toContain('"eventType":"SHOWED_PHONE_NUMBER","count":1')
  expect(stdout.trimEnd().endsWith('ENDED')).toBe(true)
}, 60_000)

test('the README\'s disputes walkthrough runs as written, twice in a row', async () => {
  for (let i = 0; i < 2; i++) {
    const stdout = await runWalkthrough('disputes')
    expect(stdout.trimEnd()).toMatch(/\}409$/)
    expect(stdout).toContain('"messagesStatus":"NEW"')
    expect(stdout).toContain('"fileName":"Zrzut_ekranu.png"')
  }
})

test('the README\'s issues walkthrough runs as written: one state in two views, a claim, an attachment, a decision', async () => {
  for (let i = 0; i < 2; i++) {
    const stdout = await runWalkthrough('issues')
    expect(stdout).toContain('"subject":"the item is damaged"')
    expect(stdout).toContain('"text":"Dzień dobry, sprawdzamy zgłoszenie."')
    expect(stdout).toContain('"type":"CLAIM"')
    expect(stdout).toContain('"returnRequired":null')
    expect(stdout).toContain('"text":"Sprzedający uznał reklamację: częściowy zwrot pieniędzy (20.00 PLN)."')
    expect(stdout.trimEnd()).toMatch(/\n?400\n400$/)
  }
})
