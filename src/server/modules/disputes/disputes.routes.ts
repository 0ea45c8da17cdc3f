/** GET /sale/disputes, GET /sale/disputes/{id}, GET|POST /sale/disputes/{id}/messages, POST /sale/dispute-attachments, PUT|GET /sale/dispute-attachments/{id} */
import type { FastifyPluginAsync } from 'fastify'
import { mediaTypeOf } from '../../plugins/allegro-http.js'
import { ATTACHMENT_MAX_BYTES } from './dispute-message.rules.js'
import type { DisputeListQuery, DisputesService } from './disputes.service.js'
import type { MessageRequest } from './disputes.types.js'

const disputesRoutes: FastifyPluginAsync<{ disputes: DisputesService }> = async (app, { disputes }) => {
  app.route<{ Querystring: DisputeListQuery }>({
    ...app.operationRoute('getListOfDisputesUsingGET'),
    handler: async (request) => disputes.list(request.sellerId, request.query),
  })

  app.route<{ Params: { disputeId: string } }>({
    ...app.operationRoute('getDisputeUsingGET'),
    handler: async (request) => disputes.get(request.sellerId, request.params.disputeId),
  })

  app.route<{ Params: { disputeId: string }, Querystring: { limit: number, offset: number } }>({
    ...app.operationRoute('getMessagesFromDisputeUsingGET'),
    handler: async (request) => disputes.messages(request.sellerId, request.params.disputeId, request.query),
  })

  app.route<{ Params: { disputeId: string }, Body: MessageRequest }>({
    ...app.operationRoute('addMessageToDisputeUsingPOST'),
    handler: async (request, reply) =>
      reply.code(201).send(await disputes.postMessage(request.sellerId, request.params.disputeId, request.body)),
  })

  app.route<{ Body: { fileName: string, size: number } }>({
    ...app.operationRoute('createAnAttachmentUsingPOST'),
    handler: async (request, reply) => {
      const { id, location } = await disputes.declareAttachment(request.sellerId, request.body)
      return reply.code(201).header('Location', location).send({ id })
    },
  })

  app.route<{ Params: { attachmentId: string }, Body: Buffer | undefined }>({
    ...app.operationRoute('uploadDisputeAttachmentUsingPUT'),
    bodyLimit: ATTACHMENT_MAX_BYTES,
    handler: async (request, reply) => {
      const contentType = mediaTypeOf(request.headers['content-type'])
      await disputes.upload(request.sellerId, request.params.attachmentId, contentType, request.body ?? Buffer.alloc(0))
      return reply.code(200).send()
    },
  })

  app.route<{ Params: { attachmentId: string } }>({
    ...app.operationRoute('getAttachmentUsingGET'),
    handler: async (request, reply) => {
      const file = await disputes.download(request.sellerId, request.params.attachmentId)
      return reply
        .type(file.contentType)
        .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.bytes)
    },
  })
}

export default disputesRoutes
