import fp from 'fastify-plugin'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { Clock } from '../core/clock.js'
import type { Journal } from '../modules/journal/journal.service.js'
import { isDashboardRequest } from './dashboard-traffic.js'

declare module 'fastify' {
  interface FastifyReply {
    /** The errors an error answer carried, for the journal and the log line. */
    sentErrors: unknown[] | null
  }
}

/** The mock's own pages and control API are not client traffic. */
function isClientTraffic (request: FastifyRequest): boolean {
  const path = request.url
  return !isDashboardRequest(request) && !path.startsWith('/__mock') && !path.startsWith('/docs') && path !== '/'
}

function queryOf (url: string): Record<string, string | string[]> {
  const at = url.indexOf('?')
  const query: Record<string, string | string[]> = {}
  if (at < 0) return query
  for (const [key, value] of new URLSearchParams(url.slice(at + 1))) {
    const seen = query[key]
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
  }
  return query
}

/**
 * One log line per request (at info for 4xx and 5xx, with the reason of every 4xx; at debug otherwise) and an entry in
 * the request journal for each client request. Replaces Fastify's two lines per request.
 */
const requestJournalPlugin: FastifyPluginAsync<{ journal: Journal, clock: Clock }> = async (app, { journal, clock }) => {
  app.decorateReply('sentErrors', null)

  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode
    const operationId = request.routeOptions.config.operation?.operationId ?? null
    const errors = status >= 400 && status < 500 ? reply.sentErrors ?? undefined : undefined
    // Answers that went wrong are worth a line at info; the rest at debug, so a busy CI run does not pay for a log of successes.
    const line = { method: request.method, url: request.url, status, operationId, ms: Math.round(reply.elapsedTime), ...(errors ? { errors } : {}) }
    if (status >= 400) request.log.info(line, 'request')
    else request.log.debug(line, 'request')
    if (!isClientTraffic(request)) return
    const at = request.url.indexOf('?')
    journal.record({
      time: clock.now().toISOString(),
      method: request.method,
      path: at < 0 ? request.url : request.url.slice(0, at),
      query: queryOf(request.url),
      operationId,
      status,
      seller: request.principal?.kind === 'user' ? request.principal.sellerId : null,
      ...(errors ? { errors } : {}),
      traceId: request.id,
    })
  })
}

export default fp(requestJournalPlugin, { name: 'request-journal', dependencies: ['auth'] })
