/** POST /sale/offers, GET|PUT /sale/offers/{offerId}, GET|PUT /sale/offer-classifieds-packages/{offerId}, POST /pricing/offer-fee-preview */
import type { FastifyPluginAsync } from 'fastify'
import { apiErrors } from '../../errors.js'
import type { AssignmentRequest } from './classified-packages.rules.js'
import type { FeePreviewRequest, OffersService } from './offers.service.js'
import type { Offer } from './offers.types.js'

const offersRoutes: FastifyPluginAsync<{ offers: OffersService }> = async (app, { offers }) => {
  app.route<{ Body: Offer }>({
    ...app.operationRoute('createOfferUsingPOST'),
    handler: async (request) => offers.create(request.sellerId, request.body, request.language),
  })

  app.route<{ Params: { offerId: string } }>({
    ...app.operationRoute('getOfferUsingGET'),
    handler: async (request) => offers.get(request.sellerId, request.params.offerId, request.language),
  })

  app.route<{ Params: { offerId: string }, Body: Offer }>({
    ...app.operationRoute('updateOfferUsingPUT'),
    handler: async (request) => offers.replace(request.sellerId, request.params.offerId, request.body, request.language),
  })

  app.route<{ Params: { offerId: string } }>({
    ...app.operationRoute('getClassifiedPackagesUsingGET'),
    handler: async (request) => offers.packages(request.sellerId, request.params.offerId),
  })

  app.route<{ Params: { offerId: string }, Body: AssignmentRequest }>({
    ...app.operationRoute('assignClassifiedPackagesUsingPUT'),
    handler: async (request, reply) => {
      await offers.assignPackages(request.sellerId, request.params.offerId, request.body)
      return reply.code(200).send()
    },
  })

  app.route<{ Body: FeePreviewRequest }>({
    ...app.operationRoute('calculateFeePreviewUsingPOST'),
    handler: async (request) => {
      // The contract's PublicOfferPreviewRequest has properties but no `type`, so validation lets null, a list or a text by.
      const body: unknown = request.body
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw apiErrors.validation('The request body must be a JSON object', null)
      return offers.feePreview(request.sellerId, request.body)
    },
  })
}

export default offersRoutes
