import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import type { FaultsService } from '../modules/faults/faults.service.js'

/** Runs planned faults on contract operations, after authentication so the rate limit can count per client id. */
const faultsPlugin: FastifyPluginAsync<{ faults: FaultsService, wait: (ms: number) => Promise<void> }> = async (app, { faults, wait }) => {
  app.addHook('onRequest', async (request) => {
    const operation = request.routeOptions.config.operation
    if (!operation) return
    const planned = faults.planned(operation.operationId)
    if (planned.latency > 0) await wait(planned.latency)
    if (planned.rateLimit.enabled || planned.status) await faults.check(operation.operationId, request.principal?.clientId ?? null, planned)
  })
}

export default fp(faultsPlugin, { name: 'faults' })
