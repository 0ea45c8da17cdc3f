/** POST /auth/oauth/token, POST /auth/oauth/device, GET /auth/oauth/authorize; GET /__mock/device, POST /__mock/device/:userCode/approve|deny */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { Seller } from '../../state.js'
import { mediaTypeOf } from '../../plugins/allegro-http.js'
import { parseBasic, type OAuthService, type Params } from './oauth.service.js'
import { consentPage, devicePage, errorPage } from './oauth.pages.js'

type Query = Record<string, string | undefined>

/**
 * One text per parameter: a repeated `scope` is one list of scopes (as a space-separated one is); of any other
 * repeated parameter the first counts.
 */
function flatten (values: unknown): Query {
  const out: Query = {}
  if (!values || typeof values !== 'object') return out
  for (const [key, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]
    out[key] = key === 'scope' ? list.join(' ') : list[0]
  }
  return out
}

/** Allegro reads OAuth parameters from the query string and from a form body alike. */
function paramsOf (request: FastifyRequest): Params {
  return { ...flatten(request.query), ...flatten(request.body) }
}

/** The OAuth routes take no bearer token and answer errors in OAuth's shape, so the contract's schemas are not applied. */
function withoutSchema<T extends { schema: unknown }> (route: T): Omit<T, 'schema'> {
  const { schema: _schema, ...rest } = route
  return rest
}

const oauthRoutes: FastifyPluginAsync<{ oauth: OAuthService, sellers: () => Seller[] }> = async (app, { oauth, sellers }) => {
  app.route({
    ...withoutSchema(app.operationRoute('oauthTokenUsingPOST')),
    handler: async (request) => oauth.token(paramsOf(request), parseBasic(request.headers.authorization)),
  })

  app.route({
    ...withoutSchema(app.operationRoute('oauthDeviceUsingPOST')),
    handler: async (request) => oauth.startDevice(paramsOf(request), parseBasic(request.headers.authorization)),
  })

  app.route({
    ...withoutSchema(app.operationRoute('oauthAuthorizeUsingGET')),
    handler: async (request, reply) => {
      const query = flatten(request.query)
      const outcome = query.response_type === 'code'
        ? await oauth.authorize(query)
        : { kind: 'error' as const, message: 'response_type must be "code".' }
      switch (outcome.kind) {
        case 'redirect': return reply.redirect(outcome.location, 302)
        case 'consent': return reply.type('text/html; charset=utf-8').send(consentPage(outcome.client, outcome.sellers, query))
        case 'error': return reply.code(400).type('text/html; charset=utf-8').send(errorPage(outcome.message))
      }
    },
  })

  app.get<{ Querystring: { code?: string } }>('/__mock/device', async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(devicePage(oauth.pendingDevices(), sellers(), request.query.code)))

  app.post<{ Params: { userCode: string }, Body: { sellerId?: string } | undefined }>('/__mock/device/:userCode/approve', async (request, reply) => {
    const sellerId = request.body?.sellerId ?? sellers()[0]?.id ?? ''
    const device = await oauth.decideDevice(request.params.userCode, { approve: true, sellerId })
    return fromForm(request) ? reply.redirect('/__mock/device', 303) : device
  })

  app.post<{ Params: { userCode: string } }>('/__mock/device/:userCode/deny', async (request, reply) => {
    const device = await oauth.decideDevice(request.params.userCode, { approve: false })
    return fromForm(request) ? reply.redirect('/__mock/device', 303) : device
  })
}

function fromForm (request: FastifyRequest): boolean {
  return mediaTypeOf(request.headers['content-type']) === 'application/x-www-form-urlencoded'
}

export default oauthRoutes
