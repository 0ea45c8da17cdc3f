import type { FastifyRequest } from 'fastify'

/** The header the dashboard puts on each of its requests, so they never count as client traffic. */
export const DASHBOARD_HEADER = 'x-allegro-mock-client'

export function isDashboardRequest (request: FastifyRequest): boolean {
  return request.headers[DASHBOARD_HEADER] === 'dashboard'
}
