/** POST /__mock/claims, POST /__mock/issues/:issueId/messages, POST /__mock/issues/:issueId/status: the buyer's and Allegro's side of issues */
import type { FastifyPluginAsync } from 'fastify'
import { bodyLimit, fileSchema, simulatedMessageBody, toFile, type FileInput } from '../disputes/buyer-simulator.routes.js'
import { CLAIM_DECISIONS, CLAIM_REASONS } from './issue.rules.js'
import type { ClaimInput, IssueStateInput, IssuesService } from './issues.service.js'

const price = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
}

const ISSUE_STATUSES = ['DISPUTE_ONGOING', 'DISPUTE_CLOSED', 'DISPUTE_UNRESOLVED', 'CLAIM_SUBMITTED', 'CLAIM_ACCEPTED', 'CLAIM_REJECTED']

const issueSimulatorRoutes: FastifyPluginAsync<{ issues: IssuesService }> = async (app, { issues }) => {
  app.post<{ Body: Omit<ClaimInput, 'file'> & { file?: FileInput } }>('/__mock/claims', {
    bodyLimit,
    schema: {
      body: {
        type: 'object',
        required: ['checkoutFormId', 'reason'],
        additionalProperties: false,
        properties: {
          checkoutFormId: { type: 'string', format: 'uuid' },
          reason: {
            type: 'object',
            required: ['type'],
            additionalProperties: false,
            properties: { type: { type: 'string', enum: CLAIM_REASONS }, description: { type: ['string', 'null'], maxLength: 2000 } },
          },
          expectations: {
            type: 'array',
            minItems: 1,
            maxItems: 4,
            items: {
              type: 'object',
              required: ['name'],
              additionalProperties: false,
              properties: { name: { type: 'string', enum: ['REPAIR', 'EXCHANGE', 'REFUND', 'PARTIAL_REFUND'] }, refund: price },
            },
          },
          right: { type: 'string', enum: ['WARRANTY', 'COMPLAINT'] },
          description: { type: ['string', 'null'], maxLength: 2000 },
          text: { type: 'string', maxLength: 20000 },
          file: fileSchema,
          decisionDueDate: { type: 'string', format: 'date-time' },
        },
      },
    },
  }, async (request, reply) => {
    const { file, ...rest } = request.body
    return reply.code(201).send(await issues.openClaim({ ...rest, file: toFile(file) }))
  })

  app.post<{ Params: { issueId: string }, Body: { role: 'BUYER' | 'ADMIN', text?: string, file?: FileInput } }>('/__mock/issues/:issueId/messages', {
    bodyLimit,
    schema: { body: simulatedMessageBody },
  }, async (request, reply) => {
    const { role, text, file } = request.body
    return reply.code(201).send(await issues.postAs(request.params.issueId, role, { text, file: toFile(file) }))
  })

  app.post<{ Params: { issueId: string }, Body: IssueStateInput }>('/__mock/issues/:issueId/status', {
    schema: {
      body: {
        type: 'object',
        minProperties: 1,
        additionalProperties: false,
        properties: {
          status: { type: 'string', enum: ISSUE_STATUSES },
          decision: { type: 'string', enum: CLAIM_DECISIONS },
          chatActive: { type: 'boolean' },
        },
      },
    },
  }, async (request) => issues.setState(request.params.issueId, request.body))
}

export default issueSimulatorRoutes
