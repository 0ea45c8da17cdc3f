/** GET /sale/categories, GET /sale/categories/{categoryId}, GET /sale/categories/{categoryId}/parameters, GET /sale/classifieds-packages, GET /sale/classifieds-packages/{packageId} */
import type { FastifyPluginAsync } from 'fastify'
import type { CatalogueService } from './catalogue.service.js'

const catalogueRoutes: FastifyPluginAsync<{ catalogue: CatalogueService }> = async (app, { catalogue }) => {
  app.route<{ Querystring: { 'parent.id'?: string } }>({
    ...app.operationRoute('getCategoriesUsingGET'),
    // A repeated parent.id is one id, its values joined with commas, as Spring (behind Allegro's Springfox-named
    // operations) binds a repeated single-valued parameter: no category has it, so 404, which the operation documents.
    // The schema's "must be string" would be a 400, which it does not.
    preValidation: async (request) => {
      const query = request.query as Record<string, unknown>
      if (Array.isArray(query['parent.id'])) query['parent.id'] = query['parent.id'].join(',')
    },
    handler: async (request) => catalogue.categories(request.query['parent.id']),
  })

  app.route<{ Params: { categoryId: string } }>({
    ...app.operationRoute('getCategoryUsingGET_1'),
    handler: async (request) => catalogue.category(request.params.categoryId),
  })

  app.route<{ Params: { categoryId: string } }>({
    ...app.operationRoute('getFlatParametersUsingGET_2'),
    handler: async (request) => catalogue.parameters(request.params.categoryId),
  })

  app.route<{ Querystring: { 'category.id': string } }>({
    ...app.operationRoute('getClassifiedPackageConfigurationsForCategoryUsingGET'),
    handler: async (request) => catalogue.packagesFor(request.query['category.id']),
  })

  app.route<{ Params: { packageId: string } }>({
    ...app.operationRoute('getClassifiedPackageConfigurationUsingGET'),
    handler: async (request) => catalogue.package(request.params.packageId),
  })
}

export default catalogueRoutes
