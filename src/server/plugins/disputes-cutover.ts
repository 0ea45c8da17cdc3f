import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import type { Clock } from '../core/clock.js'
import type { Config } from '../config.js'
import { apiErrors } from '../errors.js'

const GUIDE = /^\/sale\/(disputes|dispute-attachments)(\/|$)/
const SUCCESSOR = /^\/sale\/issues(\/|$)/

/**
 * The disputes cut-over: `--disputes-api` picks which of the two APIs is served, and `--disputes-removed-at` removes
 * the guide's one at a moment of the mock's (instance) clock, as Allegro removed it on 2026-01-07. A resource that is
 * not served answers what Allegro answers for it, before token and media type are looked at: 404 NotFoundException
 * "Feature unavailable".
 */
const disputesCutoverPlugin: FastifyPluginAsync<{ config: Pick<Config, 'disputesApi' | 'disputesRemovedAt'>, clock: Clock }> = async (app, { config, clock }) => {
  const removedAt = config.disputesRemovedAt === null ? null : Date.parse(config.disputesRemovedAt)
  const guideGone = () => config.disputesApi === 'issues' || (removedAt !== null && clock.now().getTime() >= removedAt)
  app.addHook('onRequest', async (request) => {
    const path = request.routeOptions.config.operation?.path
    if (path === undefined) return
    if (GUIDE.test(path) && guideGone()) throw apiErrors.featureUnavailable()
    if (SUCCESSOR.test(path) && config.disputesApi === 'guide') throw apiErrors.featureUnavailable()
  })
}

export default fp(disputesCutoverPlugin, { name: 'disputes-cutover' })
