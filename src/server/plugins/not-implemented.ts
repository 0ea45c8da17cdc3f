import type { FastifyPluginAsync } from 'fastify'
import { apiErrors } from '../errors.js'

/**
 * Serves every contract operation no module has claimed yet with an honest 501, after the usual auth, media-type
 * and schema checks. Register it last.
 */
const notImplementedRoutes: FastifyPluginAsync = async (app) => {
  for (const operation of app.contract.operations.values()) {
    if (app.hasRoute({ method: operation.method, url: operation.url })) continue
    app.route({
      ...app.operationRoute(operation.operationId),
      handler: async () => { throw apiErrors.notImplemented(operation.operationId) },
    })
  }
}

export default notImplementedRoutes
