/** GET /sale/issues, GET /sale/issues/{id}, GET .../{id}/chat, POST .../{id}/message, POST .../{id}/status, POST /sale/issues/attachments, PUT|GET /sale/issues/attachments/{id} */
import type { FastifyPluginAsync } from 'fastify'
import { mediaTypeOf } from '../../plugins/allegro-http.js'
import { ATTACHMENT_MAX_BYTES } from '../disputes/dispute-message.rules.js'
import type { MessageRequest } from '../disputes/disputes.types.js'
import type { IssuesService } from './issues.service.js'
import type { ClaimStatusChangeRequest, IssueListQuery } from './issues.types.js'

const issuesRoutes: FastifyPluginAsync<{ issues: IssuesService }> = async (app, { issues }) => {
  app.route<{ Querystring: IssueListQuery }>({
    ...app.operationRoute('getListOfIssuesUsingGET'),
    handler: async (request) => issues.list(request.sellerId, request.query, request.language),
  })

  app.route<{ Params: { issueId: string } }>({
    ...app.operationRoute('getIssueUsingGET'),
    handler: async (request) => issues.get(request.sellerId, request.params.issueId, request.language),
  })

  app.route<{ Params: { issueId: string }, Querystring: { limit: number, offset: number } }>({
    ...app.operationRoute('getChatFromIssueUsingGET'),
    handler: async (request) => issues.chat(request.sellerId, request.params.issueId, request.query, request.language),
  })

  app.route<{ Params: { issueId: string }, Body: MessageRequest }>({
    ...app.operationRoute('addMessageToIssueUsingPOST'),
    handler: async (request, reply) =>
      reply.code(201).send(await issues.postMessage(request.sellerId, request.params.issueId, request.body, request.language)),
  })

  app.route<{ Params: { issueId: string }, Body: ClaimStatusChangeRequest }>({
    ...app.operationRoute('changeStatusOfIssueUsingPOST'),
    handler: async (request, reply) => {
      await issues.changeStatus(request.sellerId, request.params.issueId, request.body)
      return reply.code(200).send()
    },
  })

  app.route<{ Body: { fileName: string, size: number } }>({
    ...app.operationRoute('createAnIssueAttachmentUsingPOST'),
    handler: async (request, reply) => {
      const { id, location } = await issues.declareAttachment(request.sellerId, request.body)
      return reply.code(201).header('Location', location).send({ id })
    },
  })

  app.route<{ Params: { attachmentId: string }, Body: Buffer | undefined }>({
    ...app.operationRoute('uploadIssueAttachmentUsingPUT'),
    bodyLimit: ATTACHMENT_MAX_BYTES,
    handler: async (request) => {
      const contentType = mediaTypeOf(request.headers['content-type'])
      return issues.upload(request.sellerId, request.params.attachmentId, contentType, request.body ?? Buffer.alloc(0))
    },
  })

  app.route<{ Params: { attachmentId: string } }>({
    ...app.operationRoute('getIssueAttachmentUsingGET'),
    handler: async (request, reply) => {
      const file = await issues.download(request.sellerId, request.params.attachmentId)
      return reply
        .type(file.contentType)
        .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.bytes)
    },
  })
}

export default issuesRoutes
