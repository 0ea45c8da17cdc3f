/** POST /sale/offer-contacts, GET /sale/offer-contacts, GET /sale/offer-contacts/{id}, PUT /sale/offer-contacts/{id} */
import type { FastifyPluginAsync } from 'fastify'
import type { ContactsService } from './contacts.service.js'
import type { ContactRequest } from './contacts.types.js'

const contactsRoutes: FastifyPluginAsync<{ contacts: ContactsService }> = async (app, { contacts }) => {
  app.route<{ Body: ContactRequest }>({
    ...app.operationRoute('createContactUsingPOST'),
    handler: async (request, reply) => reply.code(201).send(await contacts.create(request.sellerId, request.body)),
  })

  app.route({
    ...app.operationRoute('getListOfContactsUsingGET'),
    handler: async (request) => contacts.list(request.sellerId),
  })

  app.route<{ Params: { id: string } }>({
    ...app.operationRoute('getContactUsingGET'),
    handler: async (request) => contacts.get(request.sellerId, request.params.id),
  })

  app.route<{ Params: { id: string }, Body: ContactRequest }>({
    ...app.operationRoute('modifyContactUsingPUT'),
    handler: async (request) => contacts.replace(request.sellerId, request.params.id, request.body),
  })
}

export default contactsRoutes
