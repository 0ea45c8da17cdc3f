// The baseline: a bare Fastify hello-world, started the same way as the mock.
import Fastify from 'fastify'

const app = Fastify()
app.get('/', async () => ({ hello: 'world' }))
const url = await app.listen({ host: '127.0.0.1', port: 0 })
console.log(`listening on ${url}`)
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
