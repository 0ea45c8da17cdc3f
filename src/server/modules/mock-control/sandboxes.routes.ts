/**
 * POST /__mock/sandboxes, DELETE /__mock/sandboxes/:sellerId, POST /__mock/sellers/:seller/reset,
 * GET /__mock/sellers/:seller/clock, POST /__mock/sellers/:seller/clock/advance
 */
import type { FastifyPluginAsync } from 'fastify'
import type { ClockStep, MockControlService } from './mock-control.service.js'

const sandboxBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scenario: { type: 'string', minLength: 1, maxLength: 64 },
    login: { type: 'string', minLength: 1, maxLength: 64 },
  },
}

export const clockStepBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ms: { type: 'integer', minimum: 0, maximum: 1e13 },
    by: { type: 'string', maxLength: 64 },
    to: { type: 'string', maxLength: 64 },
  },
}

const sandboxesRoutes: FastifyPluginAsync<{ control: MockControlService }> = async (app, { control }) => {
  app.post<{ Body: { scenario?: string, login?: string } | undefined }>('/__mock/sandboxes', {
    schema: { body: sandboxBody },
    // `curl -X POST .../sandboxes` sends no body at all: that is the default sandbox, not a 422.
    preValidation: async (request) => { request.body ??= {} },
  }, async (request, reply) => reply.code(201).send(await control.createSandbox(request.body ?? {})))

  app.delete<{ Params: { sellerId: string } }>('/__mock/sandboxes/:sellerId', async (request, reply) => {
    await control.deleteSandbox(request.params.sellerId)
    return reply.code(204).send()
  })

  app.post<{ Params: { seller: string } }>('/__mock/sellers/:seller/reset', async (request) => control.resetSeller(request.params.seller))

  app.get<{ Params: { seller: string } }>('/__mock/sellers/:seller/clock', async (request) => control.sellerClock(request.params.seller))

  app.post<{ Params: { seller: string }, Body: ClockStep }>('/__mock/sellers/:seller/clock/advance', { schema: { body: clockStepBody } },
    async (request) => control.advanceSellerClock(request.params.seller, request.body))
}

export default sandboxesRoutes
