import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { run } from './processes.js'

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

const USER_SCRIPT = `
import { startAllegroMock } from 'allegro-mock'
import { PROVIDER_STATE_NAMES, vendorJsonBody } from 'allegro-mock/pact'

const mock = await startAllegroMock()
const token = await mock.sellers.token('Seller_login1')
const answer = await fetch(mock.url + '/sale/disputes', {
  headers: { accept: 'application/vnd.allegro.public.v1+json', authorization: 'Bearer ' + token },
})
const body = await answer.json()
await mock.close()
console.log(JSON.stringify({ status: answer.status, disputes: body.disputes.length, helper: typeof vendorJsonBody, state: PROVIDER_STATE_NAMES.defaultScenario }))
`

const USER_TYPES = `
import { startAllegroMock, type AllegroMock } from 'allegro-mock'
import { PROVIDER_STATE_NAMES, vendorJsonBody, type ProviderStateParams } from 'allegro-mock/pact'

const mock: AllegroMock = await startAllegroMock({ clock: 'manual', taskDelay: 500 })
const token: string = await mock.sellers.token('Seller_login1')
const params: ProviderStateParams<typeof PROVIDER_STATE_NAMES.disputeClosed> = { disputeId: token }
export { params, vendorJsonBody }
`

function sizeOf (path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0)
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} kB`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The code block after `<!-- NAME -->` in the README, without the indentation of a list item. */
function readmeBlock (name: string): string {
  const found = new RegExp(`<!-- ${name} -->\\n( *)\`\`\`(?:ts|bash)\\n([\\s\\S]*?)\\1\`\`\``).exec(readFileSync('README.md', 'utf8'))
  if (!found) throw new Error(`README has no block ${name}`)
  return found[2]!.split('\n').map(line => line.slice(found[1]!.length)).join('\n')
}

let project: string
let packed: { filename: string, size: number, unpackedSize: number, files: Array<{ path: string }> }

// A fresh project with nothing but the packed tarball installed, as a user's would be.
beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'allegro-mock-user-'))
  // dist/ was built by this project's global setup (`npm run build`); .npmrc's ignore-scripts keeps prepack from rebuilding it.
  packed = (JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { encoding: 'utf8' })) as Array<typeof packed>)[0]!
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'allegro-mock-user', private: true, type: 'module' }))
  // swagger-ui-dist's @scarf/scarf reports installs unless told not to.
  const installed = await run('npm', ['install', join(project, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: project, env: { SCARF_ANALYTICS: 'false' } })
  expect(installed.code, installed.stderr).toBe(0)
  // The README's test examples run under vitest, as a user's would.
  const vitestVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.vitest!
  const vitest = await run('npm', ['install', '-D', `vitest@${vitestVersion}`, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project })
  expect(vitest.code, vitest.stderr).toBe(0)
}, 300_000)

test('the README\'s library section runs as written in that project: the start example with plain node, the vitest globalSetup and per-test sandboxes with vitest', async () => {
  writeFileSync(join(project, 'start.mjs'), readmeBlock('library:start'))
  const started = await run(process.execPath, ['start.mjs'], { cwd: project })
  expect(started.code, started.stderr).toBe(0)
  expect(started.stdout).toBe('200 10\n')

  const setup = readmeBlock('library:global-setup')
  const config = /\/\/ vitest\.config\.ts: (test: \{ .* \})\n/.exec(setup)![1]!
  writeFileSync(join(project, 'vitest.config.mjs'), `export default { ${config} }\n`)
  mkdirSync(join(project, 'test'), { recursive: true })
  writeFileSync(join(project, 'test/allegro-mock.ts'), setup)
  writeFileSync(join(project, 'test/disputes.test.ts'), readmeBlock('library:test'))
  const tested = await run('npx', ['vitest', 'run'], { cwd: project })
  expect(tested.code, tested.stdout + tested.stderr).toBe(0)
  expect(tested.stdout).toMatch(/Tests\s+2 passed \(2\)/)
}, 300_000)

test('the packed tarball installs into a fresh project, where plain node imports startAllegroMock and runs the CLI', async () => {
  const paths = packed.files.map(f => f.path)
  expect(paths).toEqual(expect.arrayContaining(['bin/allegro-mock.js', 'dist/index.js', 'dist/index.d.ts', 'dist/contracts/pact.d.ts', 'openapi/allegro-mock.yaml']))
  expect(paths.filter(path => /^(test|bench|\.ci|reports|src|pacts|data|scripts)\//.test(path))).toEqual([])
  expect(() => statSync(join(project, 'node_modules/tsx')), 'tsx is not installed').toThrow()

  writeFileSync(join(project, 'use.mjs'), USER_SCRIPT)
  const used = await run(process.execPath, ['use.mjs'], { cwd: project })
  expect(used.code, used.stderr).toBe(0)
  expect(JSON.parse(used.stdout)).toEqual({ status: 200, disputes: 10, helper: 'function', state: 'the default scenario' })

  writeFileSync(join(project, 'use.ts'), USER_TYPES)
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], types: [] },
    files: ['use.ts'],
  }))
  const typed = await run(process.execPath, [tsc, '-p', project], { cwd: project })
  expect(typed.code, typed.stdout).toBe(0)

  const help = await run('npx', ['allegro-mock', '--help'], { cwd: project })
  expect(help.code, help.stderr).toBe(0)
  expect(help.stdout).toContain('Usage: allegro-mock [options]')

  console.log(`tarball ${kb(packed.size)} (${kb(packed.unpackedSize)} unpacked, ${paths.length} files); installed: ` +
    `allegro-mock ${kb(sizeOf(join(project, 'node_modules/allegro-mock')))}, with its dependencies ${mb(sizeOf(join(project, 'node_modules')))}`)
}, 300_000)

test('the README\'s kit section runs as written in that project: its consumer test writes a pact, which verify and check-pacts pass', async () => {
  mkdirSync(join(project, 'kit'), { recursive: true })
  writeFileSync(join(project, 'kit/contacts.pact.test.ts'), readmeBlock('kit:consumer-test'))
  const consumer = await run('npx', ['vitest', 'run', 'kit/'], { cwd: project, env: { PACT_DO_NOT_TRACK: 'true' } })
  expect(consumer.code, consumer.stdout + consumer.stderr).toBe(0)
  expect(readdirSync(join(project, 'pacts'))).toEqual(['my-shop-allegro-mock.json'])
  for (const command of readmeBlock('kit:verify').trim().split('\n')) {
    const [, ...args] = command.split(' ')
    const done = await run('npx', args, { cwd: project, env: { PACT_DO_NOT_TRACK: 'true' } })
    expect(done.code, `${command}\n${done.stdout}${done.stderr}`).toBe(0)
  }
  const checked = await run('npx', readmeBlock('kit:check').trim().split('\n')[0]!.split(' ').slice(1), { cwd: project })
  expect(checked.code, checked.stdout + checked.stderr).toBe(0)
  expect(checked.stdout).toContain('0 errors')
}, 300_000)
