import { readFileSync } from 'node:fs'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { delay, type Clock } from './core/clock.js'
import type { BlobStore } from './core/blob-store.js'
import type { Ids } from './core/ids.js'
import { bodyFields, loadContract } from './core/openapi.js'
import type { Config } from './config.js'
import { sellerClocks } from './seller-clocks.js'
import type { AppStore } from './state.js'
import errorHandler from './plugins/error-handler.js'
import { expectations, httpServerOptions } from './plugins/client-errors.js'
import { destroyLingering } from './core/close-connection.js'
import openapi from './plugins/openapi.js'
import auth from './plugins/auth.js'
import allegroHttp from './plugins/allegro-http.js'
import requestJournal from './plugins/request-journal.js'
import { createJournal } from './modules/journal/journal.service.js'
import journalRoutes from './modules/journal/journal.routes.js'
import { createOAuthService } from './modules/oauth/oauth.service.js'
import oauthRoutes from './modules/oauth/oauth.routes.js'
import { createMockControlService } from './modules/mock-control/mock-control.service.js'
import mockControlRoutes from './modules/mock-control/mock-control.routes.js'
import { createOrdersService } from './modules/orders/orders.service.js'
import ordersRoutes from './modules/orders/orders.routes.js'
import { createDisputesService } from './modules/disputes/disputes.service.js'
import disputesRoutes from './modules/disputes/disputes.routes.js'
import buyerSimulatorRoutes from './modules/disputes/buyer-simulator.routes.js'
import { createIssuesService } from './modules/issues/issues.service.js'
import issuesRoutes from './modules/issues/issues.routes.js'
import issueSimulatorRoutes from './modules/issues/issue-simulator.routes.js'
import disputesCutover from './plugins/disputes-cutover.js'
import { catalogue } from './reference-data.js'
import catalogueRoutes from './modules/catalogue/catalogue.routes.js'
import { createContactsService } from './modules/contacts/contacts.service.js'
import contactsRoutes from './modules/contacts/contacts.routes.js'
import { createImagesService } from './modules/images/images.service.js'
import imagesRoutes from './modules/images/images.routes.js'
import { createOffersService, offerViolations } from './modules/offers/offers.service.js'
import { createPublicationService } from './modules/publication/publication.service.js'
import publicationRoutes from './modules/publication/publication.routes.js'
import { createFaultsService } from './modules/faults/faults.service.js'
import faultsRoutes from './modules/faults/faults.routes.js'
import faultsPlugin from './plugins/faults.js'
import providerStatesRoutes from './modules/mock-control/provider-states.routes.js'
import { providerStateSession } from '../contracts/provider-states.js'
import sandboxesRoutes from './modules/mock-control/sandboxes.routes.js'
import clientsRoutes from './modules/mock-control/clients.routes.js'
import meRoutes from './modules/me/me.routes.js'
import dashboardRoutes from './modules/dashboard/dashboard.routes.js'
import offersRoutes from './modules/offers/offers.routes.js'
import { createStatsService } from './modules/stats/stats.service.js'
import statsRoutes from './modules/stats/stats.routes.js'
import { screenshotPng } from '../fixtures/files.js'

export interface AppDeps {
  store: AppStore
  blobs: BlobStore
  clock: Clock
  ids: Ids
  config: Config
  /** Real waiting, for injected latency; tests pass one that only records. */
  wait?: (ms: number) => Promise<void>
}

export interface RegisteredRoute { method: string, url: string, operationId: string | null }

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the app serves (HEAD twins left out), for the contract coverage check. */
    registeredRoutes: RegisteredRoute[]
    /** The base URL the mock writes into Location headers and file URLs. */
    publicUrl (): string
  }
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version

/**
 * Composes the server from its dependencies. It never listens; `main.ts` does.
 * @example const app = await buildApp({ store, blobs: memoryBlobStore(), clock: manualClock('2026-01-05T10:00:00Z'), ids: randomIds(), config })
 */
export async function buildApp ({ store, blobs, clock, ids, config, wait = delay }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    genReqId: () => ids.traceId(),
    // One line per request comes from the request-journal plugin instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Timeouts, router bounds, and Allegro-shaped answers to what never reaches a route (plugins/client-errors.ts).
    ...httpServerOptions(config, { traceId: () => ids.traceId() }),
  })

  app.addHook('preClose', async () => destroyLingering(app.server))

  const registeredRoutes: RegisteredRoute[] = []
  app.decorate('registeredRoutes', registeredRoutes)
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method === 'HEAD') continue
      registeredRoutes.push({ method, url: route.url, operationId: route.config?.operation?.operationId ?? null })
    }
  })
  let listeningUrl: string | null = null
  app.addHook('onListen', async () => {
    const address = app.server.address()
    const port = address && typeof address === 'object' ? address.port : config.port
    listeningUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  })
  app.decorate('publicUrl', () => config.publicUrl ?? listeningUrl ?? `http://${config.host}:${config.port}`)

  const contract = loadContract()
  const clocks = sellerClocks(store, clock)
  const journal = createJournal(config.journalSize)
  const oauth = createOAuthService({ store, clocks, ids, config, publicUrl: () => app.publicUrl() })
  const control = createMockControlService({ store, blobs, clocks, ids, oauth, configuredClients: config.clients })
  await control.installConfiguredClients()
  const orders = createOrdersService({ store })
  const disputes = createDisputesService({ store, clocks, ids, blobs, orders, publicUrl: () => app.publicUrl() })
  const issues = createIssuesService({ store, clocks, ids, blobs, disputes, orders, publicUrl: () => app.publicUrl() })
  const contacts = createContactsService({ store, ids })
  const faults = createFaultsService({ store, clocks, contract })
  const publication = createPublicationService({
    store, clocks, faults, taskDelayMs: config.taskDelayMs,
    validate: (instance, tables, offer, at) => offerViolations(instance, tables, catalogue, offer, at),
  })
  const offers = createOffersService({ store, clocks, ids, catalogue, settle: publication.settleDue, contractFields: bodyFields(contract, 'createOfferUsingPOST') })
  const stats = createStatsService({ store, clocks, ids })
  const images = createImagesService({ store, blobs, clocks, ids, publicUrl: () => app.publicUrl(), placeholder: screenshotPng({ width: 320, height: 240 }) })

  await app.register(errorHandler)
  await app.register(expectations, { traceId: () => ids.traceId() })
  await app.register(openapi, { contract })
  await app.register(disputesCutover, { config, clock })
  await app.register(auth, { oauth })
  await app.register(faultsPlugin, { faults, wait })
  await app.register(allegroHttp)
  await app.register(requestJournal, { journal, clock })

  await app.register(oauthRoutes, { oauth, sellers: () => store.instance.sellers.all() })
  await app.register(mockControlRoutes, { control, offers, publication, version: VERSION, storeLocation: store.location,
    storeFailure: () => store.failure(),
    disputes: { api: config.disputesApi, removedAt: config.disputesRemovedAt },
    pactTokens: config.pactTokens,
  })
  await app.register(sandboxesRoutes, { control })
  await app.register(journalRoutes, { journal, control })
  await app.register(clientsRoutes, { control })
  await app.register(meRoutes, { store })
  await app.register(disputesRoutes, { disputes })
  await app.register(buyerSimulatorRoutes, { disputes })
  await app.register(issuesRoutes, { issues })
  await app.register(issueSimulatorRoutes, { issues })
  await app.register(ordersRoutes, { orders })
  await app.register(catalogueRoutes, { catalogue })
  await app.register(contactsRoutes, { contacts })
  await app.register(imagesRoutes, { images, maxBytes: config.imageMaxBytes })
  await app.register(offersRoutes, { offers })
  await app.register(statsRoutes, { stats })
  await app.register(publicationRoutes, { publication })
  await app.register(faultsRoutes, { faults, control })
  await app.register(dashboardRoutes)
  const providerStates = providerStateSession()
  // Any client request ends the interaction whose states were set up before it, for verifiers that send no teardown.
  app.addHook('onRequest', async (request) => { if (!request.url.startsWith('/__mock')) providerStates.interactionEnded() })
  await app.register(providerStatesRoutes, { tools: { control, disputes, issues, faults, publication, store }, session: providerStates })

  return app
}
