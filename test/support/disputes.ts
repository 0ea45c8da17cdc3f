import type { FastifyInstance } from 'fastify'
import { allegroHeaders, expectContract } from './app.js'

/** Declares and uploads a file as the guide does; returns the attachment id. */
export async function uploadAttachment (app: FastifyInstance, token: string, bytes: Buffer, contentType = 'image/png', fileName = 'zdjecie.png'): Promise<string> {
  const declared = await app.inject({ method: 'POST', url: '/sale/dispute-attachments', headers: allegroHeaders(token), payload: { fileName, size: bytes.length } })
  const { id } = expectContract<{ id: string }>(declared, 'createAnAttachmentUsingPOST')
  const location = new URL(declared.headers.location as string)
  const uploaded = await app.inject({ method: 'PUT', url: location.pathname, headers: allegroHeaders(token, { 'content-type': contentType }), payload: bytes })
  expectContract(uploaded, 'uploadDisputeAttachmentUsingPUT')
  if (uploaded.statusCode !== 200) throw new Error(`upload failed: ${uploaded.statusCode} ${uploaded.body}`)
  return id
}

export const postMessage = (app: FastifyInstance, token: string, disputeId: string, body: unknown) =>
  app.inject({ method: 'POST', url: `/sale/disputes/${disputeId}/messages`, headers: allegroHeaders(token), payload: JSON.stringify(body) })
