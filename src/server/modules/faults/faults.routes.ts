/** GET|DELETE /__mock/faults, POST /__mock/faults/tasks, /__mock/faults/responses, /__mock/faults/latency, /__mock/faults/rate-limit */
import type { FastifyPluginAsync } from 'fastify'
import type { FaultsService } from './faults.service.js'

const faultsRoutes: FastifyPluginAsync<{ faults: FaultsService }> = async (app, { faults }) => {
  app.get('/__mock/faults', async () => faults.current())

  app.delete('/__mock/faults', async () => faults.clear())

  app.post<{ Body: { count?: number, offerIds?: string[], message: string } }>('/__mock/faults/tasks', {
    schema: {
      body: {
        type: 'object', required: ['message'], additionalProperties: false,
        properties: {
          count: { type: 'integer', minimum: 1, maximum: 100000 },
          offerIds: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string', minLength: 1 } },
          message: { type: 'string', minLength: 1, maxLength: 1000 },
        },
      },
    },
  }, async (request, reply) => reply.code(201).send(await faults.failTasks(request.body)))

  app.post<{ Body: { route: string, status: number, times?: number } }>('/__mock/faults/responses', {
    schema: {
      body: {
        type: 'object', required: ['route', 'status'], additionalProperties: false,
        properties: { route: { type: 'string' }, status: { type: 'integer', minimum: 400, maximum: 599 }, times: { type: 'integer', minimum: 1, maximum: 100000 } },
      },
    },
  }, async (request, reply) => reply.code(201).send(await faults.failResponses(request.body)))

  app.post<{ Body: { route: string, ms: number } }>('/__mock/faults/latency', {
    schema: {
      body: {
        type: 'object', required: ['route', 'ms'], additionalProperties: false,
        properties: { route: { type: 'string' }, ms: { type: 'integer', minimum: 0, maximum: 60000 } },
      },
    },
  }, async (request, reply) => reply.code(201).send(await faults.slowDown(request.body)))

  app.post<{ Body: { enabled: boolean, perMinute?: number } }>('/__mock/faults/rate-limit', {
    schema: {
      body: {
        type: 'object', required: ['enabled'], additionalProperties: false,
        properties: { enabled: { type: 'boolean' }, perMinute: { type: 'integer', minimum: 1, maximum: 1000000 } },
      },
    },
  }, async (request) => faults.setRateLimit(request.body))
}

export default faultsRoutes
