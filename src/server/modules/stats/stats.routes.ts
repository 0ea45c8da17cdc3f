/** GET /sale/classified-seller-stats, GET /sale/classified-offers-stats; POST /__mock/offers/:offerId/events */
import type { FastifyPluginAsync } from 'fastify'
import type { ClassifiedEventType } from '../offers/offers.types.js'
import { EVENT_TYPES, type StatsQuery, type StatsService } from './stats.service.js'

const statsRoutes: FastifyPluginAsync<{ stats: StatsService }> = async (app, { stats }) => {
  app.route<{ Querystring: StatsQuery }>({
    ...app.operationRoute('classifiedSellerOfferStatsGET'),
    handler: async (request) => stats.seller(request.sellerId, request.query),
  })

  app.route<{ Querystring: StatsQuery & { 'offer.id': string[] } }>({
    ...app.operationRoute('classifiedOffersStatsGET'),
    handler: async (request) => stats.offers(request.sellerId, request.query['offer.id'], request.query),
  })

  app.post<{ Params: { offerId: string }, Body: { eventType: ClassifiedEventType, count?: number, at?: string } }>('/__mock/offers/:offerId/events', {
    schema: {
      body: {
        type: 'object',
        required: ['eventType'],
        additionalProperties: false,
        properties: {
          eventType: { type: 'string', enum: EVENT_TYPES },
          count: { type: 'integer', minimum: 1, maximum: 1000 },
          at: { type: 'string', format: 'date-time' },
        },
      },
    },
  }, async (request, reply) => reply.code(201).send(await stats.record(request.params.offerId, request.body)))
}

export default statsRoutes
