/** GET /order/checkout-forms, GET /order/checkout-forms/{id} */
import type { FastifyPluginAsync } from 'fastify'
import type { CheckoutFormQuery, OrdersService } from './orders.service.js'

const ordersRoutes: FastifyPluginAsync<{ orders: OrdersService }> = async (app, { orders }) => {
  app.route<{ Querystring: CheckoutFormQuery }>({
    ...app.operationRoute('getListOfOrdersUsingGET'),
    handler: async (request) => orders.list(request.sellerId, request.query),
  })

  app.route<{ Params: { id: string } }>({
    ...app.operationRoute('getOrdersDetailsUsingGET'),
    handler: async (request) => orders.get(request.sellerId, request.params.id),
  })
}

export default ordersRoutes
