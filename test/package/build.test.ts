import { existsSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { parseContractSource } from '../../src/server/core/openapi.js'
import { BIN, startProcess } from './processes.js'

test('the build writes the contract as JSON, equal to the parsed YAML', () => {
  expect(JSON.parse(readFileSync('dist/openapi/allegro-mock.json', 'utf8'))).toEqual(parseContractSource())
})

test('the built server reads that JSON copy, and finds the same operations as the sources', async () => {
  const built = await import(new URL('../../dist/server/core/openapi.js', import.meta.url).href) as typeof import('../../src/server/core/openapi.js')
  expect(existsSync(built.COMPILED_CONTRACT_FILE)).toBe(true)
  const sources = await import('../../src/server/core/openapi.js')
  expect(existsSync(sources.COMPILED_CONTRACT_FILE)).toBe(false)
  expect([...built.loadContract().operations.keys()]).toEqual([...sources.loadContract().operations.keys()])
})

test('dist has declarations for both entry points and the files the server reads at run time', () => {
  for (const file of ['index.js', 'index.d.ts', 'contracts/pact.js', 'contracts/pact.d.ts', 'server/main.js',
    'dashboard/index.html', 'openapi/allegro-mock.json', '.build-complete']) {
    expect(existsSync(`dist/${file}`), file).toBe(true)
  }
})

test('the built server serves the dashboard and the API explorer', async () => {
  const server = await startProcess(process.execPath, [BIN, '--memory', '--port', '0', '--log-level', 'silent'])
  try {
    for (const path of ['/', '/docs', '/docs/openapi.json', '/docs/assets/swagger-ui.css']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200)
    }
  } finally {
    server.child.kill('SIGTERM')
    await server.exited
  }
})

test('at start the server loads neither tsx, esbuild, the YAML parser, Pact nor the pact validator', async () => {
  const server = await startProcess(process.execPath, ['--require', './test/package/loaded-packages.cjs', BIN, '--memory', '--port', '0'])
  await fetch(`${server.url}/__mock/health`)
  server.child.kill('SIGTERM')
  await server.exited
  const loaded = [...server.output().stderr.matchAll(/^loaded package (.+)$/gm)].map(m => m[1])
  expect(loaded).toContain('fastify')
  for (const name of ['tsx', 'esbuild', 'yaml', '@pact-foundation/pact', '@pact-foundation/pact-core', '@pactflow/swagger-mock-validator']) {
    expect(loaded).not.toContain(name)
  }
})
