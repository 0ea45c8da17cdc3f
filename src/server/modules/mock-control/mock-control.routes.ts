/** GET /__mock/health, GET|POST /__mock/sellers, GET /__mock/sellers/:seller/token|offers|publication-commands, GET /__mock/scenarios, POST /__mock/reset, GET|PUT /__mock/snapshot, GET /__mock/clock, POST /__mock/clock/advance */
import type { FastifyPluginAsync } from 'fastify'
import { scenarioNames } from '../../../fixtures/scenarios.js'
import type { OffersService } from '../offers/offers.service.js'
import type { PublicationService } from '../publication/publication.service.js'
import type { MockControlService } from './mock-control.service.js'
import { clockStepBody } from './sandboxes.routes.js'

const sellerBody = {
  type: 'object',
  required: ['login'],
  additionalProperties: false,
  properties: {
    login: { type: 'string', minLength: 1, maxLength: 64 },
    id: { type: 'string', pattern: '^[0-9]{1,19}$' },
    company: { type: 'boolean' },
  },
}

interface MockControlOptions {
  control: MockControlService
  offers: OffersService
  publication: PublicationService
  version: string
  storeLocation: string | null
  /** The save error that stopped the store taking changes, if one did. */
  storeFailure: () => Error | null
  /** Which disputes API answers, and from when `/sale/disputes*` answers as removed. */
  disputes: { api: 'guide' | 'issues' | 'both', removedAt: string | null }
  /** Whether the kit's placeholder tokens are accepted: `verify --provider-url` checks it before it resets anything. */
  pactTokens: boolean
}

const mockControlRoutes: FastifyPluginAsync<MockControlOptions> =
  async (app, { control, offers, publication, version, storeLocation, storeFailure, disputes, pactTokens }) => {
    // DOWN (503) once a save failed: the mock then refuses every change, and a CI should see why at once.
    app.get('/__mock/health', async (_request, reply) => {
      const failure = storeFailure()
      return reply.code(failure ? 503 : 200).send({
        status: failure ? 'DOWN' : 'UP',
        version,
        store: { ...(storeLocation ? { kind: 'file', location: storeLocation } : { kind: 'memory' }), ...(failure && { error: failure.message }) },
        clock: control.clock(),
        disputes,
        pactTokens,
      })
    })

    app.get('/__mock/sellers', async () => control.sellers())

    app.post<{ Body: { login: string, id?: string, company?: boolean } }>('/__mock/sellers', { schema: { body: sellerBody } },
      async (request, reply) => reply.code(201).send(await control.addSeller(request.body)))

    app.get<{ Params: { seller: string }, Querystring: { expired?: string } }>('/__mock/sellers/:seller/token', async (request, reply) =>
      reply.type('text/plain; charset=utf-8').send(control.tokenFor(request.params.seller, { expired: request.query.expired === 'true' })))

    app.get<{ Params: { seller: string } }>('/__mock/sellers/:seller/offers', async (request) =>
      ({ offers: await offers.summaries(control.sellerId(request.params.seller)) }))

    app.get<{ Params: { seller: string } }>('/__mock/sellers/:seller/publication-commands', async (request) =>
      ({ commands: await publication.list(control.sellerId(request.params.seller)) }))

    app.get('/__mock/scenarios', async () => ({ scenarios: scenarioNames() }))

    app.post<{ Body: { scenario?: string } | undefined }>('/__mock/reset', async (request) => control.reset(request.body?.scenario))

    app.get('/__mock/snapshot', async () => control.exportSnapshot())

    app.put('/__mock/snapshot', { bodyLimit: 256 * 1024 * 1024 }, async (request, reply) => {
      await control.importSnapshot(request.body)
      return reply.code(204).send()
    })

    app.get('/__mock/clock', async () => control.clock())

    app.post<{ Body: { ms?: number, by?: string, to?: string } }>('/__mock/clock/advance', { schema: { body: clockStepBody } },
      async (request) => control.advanceClock(request.body))
  }

export default mockControlRoutes
