import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import { delay } from '../core/clock.js'
import type { FaultsService } from '../modules/faults/faults.service.js'

/** Runs planned faults on contract operations, after authentication so the rate limit can count per client id. */
const faultsPlugin: FastifyPluginAsync<{ faults: FaultsService }> = async (app, { faults }) => {
  app.addHook('onRequest', async (request) => {
    const operation = request.routeOptions.config.operation
    if (!operation) return
    const latency = faults.latencyFor(operation.operationId)
    if (latency > 0) await delay(latency)
    await faults.check(operation.operationId, request.principal?.clientId ?? null)
  })
}

export default fp(faultsPlugin, { name: 'faults' })
