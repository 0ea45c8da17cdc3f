/** GET /__mock/requests (newest first; seller, operationId, status, since), DELETE /__mock/requests */
import type { FastifyPluginAsync } from 'fastify'
import { apiErrors } from '../../errors.js'
import type { MockControlService } from '../mock-control/mock-control.service.js'
import type { Journal } from './journal.service.js'

const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    seller: { type: 'string', maxLength: 64 },
    operationId: { type: 'string', maxLength: 128 },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    since: { type: 'string', maxLength: 64 },
    limit: { type: 'integer', minimum: 1, maximum: 1_000_000 },
  },
}

interface Query { seller?: string, operationId?: string, status?: number, since?: string, limit?: number }

const journalRoutes: FastifyPluginAsync<{ journal: Journal, control: MockControlService }> = async (app, { journal, control }) => {
  app.get<{ Querystring: Query }>('/__mock/requests', { schema: { querystring: query } }, async (request) => {
    const { seller, since, limit, ...rest } = request.query
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw apiErrors.validation('since must be an ISO 8601 date-time', 'since')
    const requests = journal.list({ ...rest, since, seller: seller === undefined ? undefined : control.sellerId(seller) })
    return { requests: limit === undefined ? requests : requests.slice(0, limit), size: journal.size }
  })

  app.delete('/__mock/requests', async (_request, reply) => {
    journal.clear()
    return reply.code(204).send()
  })
}

export default journalRoutes
