/** PUT /sale/offer-publication-commands/{commandId}, GET /sale/offer-publication-commands/{commandId}, GET .../{commandId}/tasks */
import type { FastifyPluginAsync } from 'fastify'
import type { PublicationService } from './publication.service.js'
import type { PublicationCommandInput } from './publication.types.js'

const publicationRoutes: FastifyPluginAsync<{ publication: PublicationService }> = async (app, { publication }) => {
  app.route<{ Params: { commandId: string }, Body: PublicationCommandInput }>({
    ...app.operationRoute('changePublicationStatusUsingPUT'),
    handler: async (request, reply) =>
      reply.code(201).send(await publication.submit(request.sellerId, request.params.commandId, request.body)),
  })

  app.route<{ Params: { commandId: string } }>({
    ...app.operationRoute('getPublicationReportUsingGET'),
    handler: async (request) => publication.report(request.sellerId, request.params.commandId),
  })

  app.route<{ Params: { commandId: string }, Querystring: { limit: number, offset: number } }>({
    ...app.operationRoute('getPublicationTasksUsingGET'),
    handler: async (request) => publication.tasks(request.sellerId, request.params.commandId, request.query, request.language),
  })
}

export default publicationRoutes
