// The second reference: a bare Fastify doing what the mock's three measured operations must do, and nothing
// more. It verifies an HS256 bearer token (signature, expiry, scope, known client and seller), validates the
// request with ajv (Fastify's own validator, from the route schemas), and answers the same bodies the mock
// answered at the default scenario. A message is written as one JSON line to a file opened once for appending
// (no fsync) before its 201.
// Plain JavaScript (no tsx), bound to 127.0.0.1 only.
//
// Usage: BENCH_JWT_SECRET=... node bench/bare-server.js --port N --bodies FILE --journal FILE
//   FILE of --bodies: {"dispute": <GET one answer>, "list": <GET list answer>, "login": "...", "sellerId": "...",
//                      "clientId": "...", "scope": "allegro:api:disputes"}
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { open, readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import Fastify from 'fastify'

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, bodies: { type: 'string' }, journal: { type: 'string' } } })
if (!values.bodies || !values.journal) throw new Error('--bodies and --journal are required')
const secret = process.env.BENCH_JWT_SECRET
if (!secret) throw new Error('BENCH_JWT_SECRET is not set')
const bodies = JSON.parse(await readFile(values.bodies, 'utf8'))
// Opened once, as a journal would be; each message is one write call, awaited before the answer.
const journal = await open(values.journal, 'a')

const VENDOR_JSON = 'application/vnd.allegro.public.v1+json'
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'

function unauthorized (reply, description) {
  return reply.code(401).type('application/json').send({ error: 'invalid_token', error_description: description })
}

/** The checks the mock makes on a bearer token, with a fresh HMAC per request as the mock does today. */
function authenticate (request, reply, done) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
  if (!match) return unauthorized(reply, 'Full authentication is required to access this resource')
  const parts = match[1].split('.')
  if (parts.length !== 3) return unauthorized(reply, 'Cannot convert access token to JSON')
  let claims
  try { claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) } catch { return unauthorized(reply, 'Cannot convert access token to JSON') }
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest()
  const given = Buffer.from(parts[2], 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return unauthorized(reply, 'Invalid access token')
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return unauthorized(reply, 'Access token expired')
  if (!Array.isArray(claims.scope) || !claims.scope.includes(bodies.scope)) return reply.code(403).send({ errors: [{ code: 'AccessDenied' }] })
  if (claims.client_id !== bodies.clientId || claims.user_name !== bodies.sellerId) return unauthorized(reply, 'Invalid access token')
  request.sellerId = claims.user_name
  done()
}

const acceptHeader = {
  type: 'object',
  required: ['accept'],
  properties: { accept: { type: 'string', pattern: 'application/vnd\\.allegro\\.public\\.v1\\+json' } },
}
const disputeParams = { type: 'object', required: ['disputeId'], properties: { disputeId: { type: 'string', pattern: UUID } } }
const attachmentId = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: UUID } } }

const app = Fastify()
app.addContentTypeParser(VENDOR_JSON, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
app.decorateRequest('sellerId', null)
app.get('/health', async () => ({ status: 'UP' }))

app.get('/sale/disputes/:disputeId', {
  onRequest: authenticate,
  schema: { headers: acceptHeader, params: disputeParams },
}, async (_request, reply) => reply.type(VENDOR_JSON).send(bodies.dispute))

app.get('/sale/disputes', {
  onRequest: authenticate,
  schema: {
    headers: acceptHeader,
    querystring: {
      type: 'object',
      properties: {
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
        offset: { type: 'integer', minimum: 0, default: 0 },
        'checkoutForm.id': { type: 'string' },
        status: { type: 'array', items: { type: 'string', enum: ['ONGOING', 'CLOSED', 'UNRESOLVED'] } },
      },
    },
  },
}, async (_request, reply) => reply.type(VENDOR_JSON).send(bodies.list))

app.post('/sale/disputes/:disputeId/messages', {
  onRequest: authenticate,
  schema: {
    headers: acceptHeader,
    params: disputeParams,
    body: {
      type: 'object',
      required: ['type'],
      properties: {
        text: { type: 'string', maxLength: 20000 },
        attachment: attachmentId,
        attachments: { type: 'array', maxItems: 1, items: attachmentId },
        type: { type: 'string', enum: ['REGULAR', 'END_REQUEST', 'RETURN_REQUIRED_SELLER_LABEL', 'RETURN_REQUIRED_CUSTOM', 'RETURN_NOT_REQUIRED'] },
      },
    },
  },
}, async (request, reply) => {
  const message = {
    id: randomUUID(),
    ...(request.body.text ? { text: request.body.text } : {}),
    author: { login: bodies.login, role: 'SELLER' },
    createdAt: new Date().toISOString(),
  }
  await journal.write(`${JSON.stringify({ disputeId: request.params.disputeId, ...message })}\n`)
  return reply.code(201).type(VENDOR_JSON).send(message)
})

await app.listen({ host: '127.0.0.1', port: Number(values.port) })
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => { void app.close().then(() => process.exit(0)) })
