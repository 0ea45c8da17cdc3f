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
beforeAll(async () => { server = await startServer({ ...defaultConfig, port: 0, dataFile: null, logLevel: 'silent' }) })
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

test('the README\'s disputes walkthrough runs as written, twice in a row', async () => {
  const script = STRICT_CURL + walkthrough('disputes').replace('BASE=http://127.0.0.1:3000', `BASE=${server.url}`)
  const cwd = mkdtempSync(join(tmpdir(), 'allegro-mock-readme-'))
  for (let i = 0; i < 2; i++) {
    const { stdout } = await run('bash', ['-c', script], { cwd })
    expect(stdout.trimEnd()).toMatch(/\}409$/)
    expect(stdout).toContain('"messagesStatus":"NEW"')
    expect(stdout).toContain('"fileName":"Zrzut_ekranu.png"')
  }
})
