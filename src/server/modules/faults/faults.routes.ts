/**
 * GET|DELETE /__mock/faults, POST /__mock/faults/tasks|responses|latency|rate-limit (everyone's traffic), and the same
 * under /__mock/sellers/:seller/faults (that seller's traffic only).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { MockControlService } from '../mock-control/mock-control.service.js'
import type { FaultScope, FaultsService } from './faults.service.js'

const body = (required: string[], properties: Record<string, unknown>) => ({ body: { type: 'object', required, additionalProperties: false, properties } })

const schemas = {
  tasks: body(['message'], {
    count: { type: 'integer', minimum: 1, maximum: 100000 },
    offerIds: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string', minLength: 1 } },
    message: { type: 'string', minLength: 1, maxLength: 1000 },
  }),
  responses: body(['route', 'status'], {
    route: { type: 'string' }, status: { type: 'integer', minimum: 400, maximum: 599 }, times: { type: 'integer', minimum: 1, maximum: 100000 },
  }),
  latency: body(['route', 'ms'], { route: { type: 'string' }, ms: { type: 'integer', minimum: 0, maximum: 60000 } }),
  rateLimit: body(['enabled'], { enabled: { type: 'boolean' }, perMinute: { type: 'integer', minimum: 1, maximum: 1000000 } }),
}

const faultsRoutes: FastifyPluginAsync<{ faults: FaultsService, control: MockControlService }> = async (app, { faults, control }) => {
  const scoped = (prefix: string, scopeOf: (request: FastifyRequest) => FaultScope) => {
    app.get(prefix, async (request) => faults.current(scopeOf(request)))

    app.delete(prefix, async (request) => faults.clear(scopeOf(request)))

    app.post<{ Body: { count?: number, offerIds?: string[], message: string } }>(`${prefix}/tasks`, { schema: schemas.tasks },
      async (request, reply) => reply.code(201).send(await faults.failTasks(scopeOf(request), request.body)))

    app.post<{ Body: { route: string, status: number, times?: number } }>(`${prefix}/responses`, { schema: schemas.responses },
      async (request, reply) => reply.code(201).send(await faults.failResponses(scopeOf(request), request.body)))

    app.post<{ Body: { route: string, ms: number } }>(`${prefix}/latency`, { schema: schemas.latency },
      async (request, reply) => reply.code(201).send(await faults.slowDown(scopeOf(request), request.body)))

    app.post<{ Body: { enabled: boolean, perMinute?: number } }>(`${prefix}/rate-limit`, { schema: schemas.rateLimit },
      async (request) => faults.setRateLimit(scopeOf(request), request.body))
  }

  scoped('/__mock/faults', () => null)
  scoped('/__mock/sellers/:seller/faults', (request) => ({ sellerId: control.sellerId((request.params as { seller: string }).seller) }))
}

export default faultsRoutes
