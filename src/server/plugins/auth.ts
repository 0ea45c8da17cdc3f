import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import { apiErrors } from '../errors.js'
import type { OAuthService } from '../modules/oauth/oauth.service.js'
import type { Principal } from '../modules/oauth/oauth.types.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
    /** The seller the bearer token speaks for; only on operations that take user tokens. */
    readonly sellerId: string
  }
}

/** Bearer tokens on every contract operation that asks for one: 401 in OAuth's shape, 403 for a missing scope. */
const authPlugin: FastifyPluginAsync<{ oauth: OAuthService }> = async (app, { oauth }) => {
  app.decorateRequest('principal', null)
  app.decorateRequest('sellerId', {
    getter () {
      if (this.principal?.kind !== 'user') throw apiErrors.accessDenied()
      return this.principal.sellerId
    },
  })

  app.addHook('onRequest', async (request) => {
    const operation = request.routeOptions.config.operation
    if (!operation || operation.public) return
    const principal = oauth.authenticate(request.headers.authorization)
    if (principal.kind === 'application' && !operation.applicationAllowed) {
      throw apiErrors.accessDenied('This resource needs a user token; an application (client_credentials) token cannot use it')
    }
    if (principal.kind === 'user') {
      if (operation.userScopes === null) throw apiErrors.accessDenied()
      if (operation.userScopes.length > 0 && !operation.userScopes.some(s => principal.scopes.includes(s))) {
        throw apiErrors.accessDenied(`The token lacks the scope ${operation.userScopes.join(' or ')}`)
      }
    }
    request.principal = principal
  })
}

export default fp(authPlugin, { name: 'auth' })
