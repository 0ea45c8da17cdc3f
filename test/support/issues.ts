import type { FastifyInstance } from 'fastify'
import { VENDOR_JSON_BETA } from '../../src/server/core/openapi.js'
import { expectContract } from './app.js'

export { VENDOR_JSON_BETA }

/** The headers the issues API wants: its beta media type both ways, and the bearer token. */
export function issueHeaders (token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { accept: VENDOR_JSON_BETA, authorization: `Bearer ${token}`, 'content-type': VENDOR_JSON_BETA, ...extra }
}

/** Declares and uploads a file through the issues API; returns the attachment id. */
export async function uploadIssueAttachment (app: FastifyInstance, token: string, bytes: Buffer, contentType = 'image/png', fileName = 'zdjecie.png'): Promise<string> {
  const declared = await app.inject({ method: 'POST', url: '/sale/issues/attachments', headers: issueHeaders(token), payload: { fileName, size: bytes.length } })
  const { id } = expectContract<{ id: string }>(declared, 'createAnIssueAttachmentUsingPOST')
  const location = new URL(declared.headers.location as string)
  const uploaded = await app.inject({ method: 'PUT', url: location.pathname, headers: issueHeaders(token, { 'content-type': contentType }), payload: bytes })
  expectContract(uploaded, 'uploadIssueAttachmentUsingPUT')
  if (uploaded.statusCode !== 200) throw new Error(`upload failed: ${uploaded.statusCode} ${uploaded.body}`)
  return id
}

export const postIssueMessage = (app: FastifyInstance, token: string, issueId: string, body: unknown, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/sale/issues/${issueId}/message`, headers: issueHeaders(token, extra), payload: JSON.stringify(body) })

export const changeClaimStatus = (app: FastifyInstance, token: string, issueId: string, body: unknown) =>
  app.inject({ method: 'POST', url: `/sale/issues/${issueId}/status`, headers: issueHeaders(token), payload: JSON.stringify(body) })
