import { expect, test } from 'vitest'
import { BIN, portIsFree, startProcess } from './processes.js'

test.each([
  ['node bin/allegro-mock.js', process.execPath, [BIN]],
  ['npm start', 'npm', ['start', '--']],
])('SIGTERM to %s stops the server, frees its port and exits 0', async (_name, command, prefix) => {
  const server = await startProcess(command, [...prefix, '--memory', '--port', '0'])
  expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200)
  server.child.kill('SIGTERM')
  expect(await server.exited).toEqual({ code: 0, signal: null })
  expect(await portIsFree(server.port)).toBe(true)
})

test('SIGTERM to npx allegro-mock stops the server too (npm passes it to a shell that does not pass it on): no orphan keeps the port', async () => {
  const server = await startProcess('npx', ['allegro-mock', '--memory', '--port', '0'])
  expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200)
  server.child.kill('SIGTERM')
  await server.exited
  // The server notices it was left and shuts down on its own: wait (bounded) for the port to be freed.
  let free = false
  for (let i = 0; i < 100 && !free; i++) {
    free = await portIsFree(server.port)
    if (!free) await new Promise(resolve => setTimeout(resolve, 50))
  }
  expect(free, 'the port is free once npx is gone').toBe(true)
  expect(server.output().stderr).toContain('allegro-mock is listening on')
})

test('the banner goes to stderr, so stdout carries only JSON log lines', async () => {
  const server = await startProcess(process.execPath, [BIN, '--memory', '--port', '0'])
  await fetch(`${server.url}/__mock/health`)
  server.child.kill('SIGTERM')
  await server.exited
  const { stdout, stderr } = server.output()
  expect(stderr).toContain(`allegro-mock is listening on ${server.url}`)
  const lines = stdout.split('\n').filter(line => line !== '')
  expect(lines.length).toBeGreaterThan(0)
  for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow()
})
