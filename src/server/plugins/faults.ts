import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import type { FaultsService } from '../modules/faults/faults.service.js'
import { isDashboardRequest } from './dashboard-traffic.js'

/**
 * Runs planned faults on contract operations, after authentication so the rate limit can count per client id and
 * a seller's own faults reach only its traffic. The dashboard's own requests are never client traffic.
 */
const faultsPlugin: FastifyPluginAsync<{ faults: FaultsService, wait: (ms: number) => Promise<void> }> = async (app, { faults, wait }) => {
  app.addHook('onRequest', async (request) => {
    const operation = request.routeOptions.config.operation
    if (!operation || isDashboardRequest(request)) return
    const sellerId = request.principal?.kind === 'user' ? request.principal.sellerId : null
    const planned = faults.planned(operation.operationId, sellerId)
    if (planned.latency > 0) await wait(planned.latency)
    if (planned.rateLimits.length > 0 || planned.status) await faults.check(operation.operationId, request.principal?.clientId ?? null, sellerId, planned)
  })
}

export default fp(faultsPlugin, { name: 'faults' })
