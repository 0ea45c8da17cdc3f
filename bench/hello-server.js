// The main reference: a bare Fastify hello-world, plain JavaScript (no tsx), bound to 127.0.0.1 only.
// Usage: node bench/hello-server.js --port N
import { parseArgs } from 'node:util'
import Fastify from 'fastify'

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } })
const app = Fastify()
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: Number(values.port) })
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => { void app.close().then(() => process.exit(0)) })
