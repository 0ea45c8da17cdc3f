import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { allegroHeaders, expectContract } from './app.js'

/** Submits a publication command the guide's way; returns the command id and the 201 body. */
export async function command (app: FastifyInstance, token: string, action: 'ACTIVATE' | 'END', offerIds: string[], extra: { scheduledFor?: string, commandId?: string } = {}) {
  const commandId = extra.commandId ?? randomUUID()
  const res = await app.inject({
    method: 'PUT', url: `/sale/offer-publication-commands/${commandId}`, headers: allegroHeaders(token),
    payload: JSON.stringify({
      publication: { action, ...(extra.scheduledFor ? { scheduledFor: extra.scheduledFor } : {}) },
      offerCriteria: [{ offers: offerIds.map(id => ({ id })), type: 'CONTAINS_OFFERS' }],
    }),
  })
  return { commandId, res, body: expectContract(res, 'changePublicationStatusUsingPUT') }
}

export async function report (app: FastifyInstance, token: string, commandId: string) {
  return expectContract(await app.inject({ method: 'GET', url: `/sale/offer-publication-commands/${commandId}`, headers: allegroHeaders(token) }), 'getPublicationReportUsingGET')
}

export async function tasks (app: FastifyInstance, token: string, commandId: string, query = '') {
  return expectContract(await app.inject({ method: 'GET', url: `/sale/offer-publication-commands/${commandId}/tasks${query}`, headers: allegroHeaders(token) }), 'getPublicationTasksUsingGET').tasks
}

export async function offerStatus (app: FastifyInstance, token: string, offerId: string) {
  return expectContract(await app.inject({ method: 'GET', url: `/sale/offers/${offerId}`, headers: allegroHeaders(token) }), 'getOfferUsingGET').publication
}
