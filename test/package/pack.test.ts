import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
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

test('the packed tarball installs into a fresh project, where plain node imports startAllegroMock and runs the CLI', async () => {
  const project = mkdtempSync(join(tmpdir(), 'allegro-mock-user-'))
  // dist/ was built by this project's global setup (`npm run build`); .npmrc's ignore-scripts keeps prepack from rebuilding it.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { encoding: 'utf8' })) as
    Array<{ filename: string, size: number, unpackedSize: number, files: Array<{ path: string }> }>
  const paths = packed!.files.map(f => f.path)
  expect(paths).toEqual(expect.arrayContaining(['bin/allegro-mock.js', 'dist/index.js', 'dist/index.d.ts', 'dist/contracts/pact.d.ts', 'openapi/allegro-mock.yaml']))
  expect(paths.filter(path => /^(test|bench|\.ci|reports|src|pacts|data|scripts)\//.test(path))).toEqual([])

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'allegro-mock-user', private: true, type: 'module' }))
  // swagger-ui-dist's @scarf/scarf reports installs unless told not to.
  const installed = await run('npm', ['install', join(project, packed!.filename), '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: project, env: { SCARF_ANALYTICS: 'false' } })
  expect(installed.code, installed.stderr).toBe(0)
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

  console.log(`tarball ${kb(packed!.size)} (${kb(packed!.unpackedSize)} unpacked, ${paths.length} files); installed: ` +
    `allegro-mock ${kb(sizeOf(join(project, 'node_modules/allegro-mock')))}, with its dependencies ${mb(sizeOf(join(project, 'node_modules')))}`)
}, 300_000)
