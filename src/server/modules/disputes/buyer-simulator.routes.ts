/** POST /__mock/disputes, POST /__mock/disputes/:disputeId/messages, POST /__mock/disputes/:disputeId/status: the buyer's and Allegro's side */
import type { FastifyPluginAsync } from 'fastify'
import { ATTACHMENT_MAX_BYTES } from './dispute-message.rules.js'
import type { DisputesService, SimulatedFile } from './disputes.service.js'
import type { DisputeStatus } from './disputes.types.js'

export interface FileInput { fileName: string, contentType: string, base64: string }

export const fileSchema = {
  type: 'object',
  required: ['fileName', 'contentType', 'base64'],
  additionalProperties: false,
  properties: {
    fileName: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^/\\\\]+$' },
    contentType: { type: 'string', enum: ['image/png', 'image/gif', 'image/bmp', 'image/tiff', 'image/jpeg', 'application/pdf'] },
    base64: { type: 'string', minLength: 1 },
  },
}

export const toFile = (file: FileInput | undefined): SimulatedFile | undefined =>
  file && { fileName: file.fileName, contentType: file.contentType, bytes: Buffer.from(file.base64, 'base64') }

// Base64 takes a third more room than the bytes it carries.
/** A message the simulator writes as the buyer or Allegro's advisor, with an optional file. */
export const simulatedMessageBody = {
  type: 'object',
  required: ['role'],
  additionalProperties: false,
  properties: { role: { type: 'string', enum: ['BUYER', 'ADMIN'] }, text: { type: 'string', maxLength: 20000 }, file: fileSchema },
}

export const bodyLimit = Math.ceil(ATTACHMENT_MAX_BYTES * 4 / 3) + 64 * 1024

const buyerSimulatorRoutes: FastifyPluginAsync<{ disputes: DisputesService }> = async (app, { disputes }) => {
  app.post<{ Body: { checkoutFormId: string, subject: string, text?: string, file?: FileInput } }>('/__mock/disputes', {
    bodyLimit,
    schema: {
      body: {
        type: 'object',
        required: ['checkoutFormId', 'subject'],
        additionalProperties: false,
        properties: {
          checkoutFormId: { type: 'string', format: 'uuid' },
          subject: { type: 'string', minLength: 1, maxLength: 200 },
          text: { type: 'string', maxLength: 20000 },
          file: fileSchema,
        },
      },
    },
  }, async (request, reply) => {
    const { file, ...rest } = request.body
    return reply.code(201).send(await disputes.open({ ...rest, file: toFile(file) }))
  })

  app.post<{ Params: { disputeId: string }, Body: { role: 'BUYER' | 'ADMIN', text?: string, file?: FileInput } }>('/__mock/disputes/:disputeId/messages', {
    bodyLimit,
    schema: { body: simulatedMessageBody },
  }, async (request, reply) => {
    const { role, text, file } = request.body
    return reply.code(201).send(await disputes.postAs(request.params.disputeId, role, { text, file: toFile(file) }))
  })

  app.post<{ Params: { disputeId: string }, Body: { status: DisputeStatus } }>('/__mock/disputes/:disputeId/status', {
    schema: {
      body: {
        type: 'object',
        required: ['status'],
        additionalProperties: false,
        properties: { status: { type: 'string', enum: ['ONGOING', 'CLOSED', 'UNRESOLVED'] } },
      },
    },
  }, async (request) => disputes.setStatus(request.params.disputeId, request.body.status))
}

export default buyerSimulatorRoutes
