/** GET|POST /__mock/clients, DELETE /__mock/clients/:clientId: OAuth applications the mock accepts */
import type { FastifyPluginAsync } from 'fastify'
import type { ClientInput, MockControlService } from './mock-control.service.js'

const clientBody = {
  type: 'object',
  required: ['clientId', 'clientSecret'],
  additionalProperties: false,
  properties: {
    clientId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^\\s:]+$' },
    clientSecret: { type: 'string', minLength: 1, maxLength: 256 },
    redirectUris: { type: 'array', maxItems: 50, items: { type: 'string', pattern: '^https?://', maxLength: 2048 } },
    name: { type: 'string', minLength: 1, maxLength: 128 },
  },
}

const clientsRoutes: FastifyPluginAsync<{ control: MockControlService }> = async (app, { control }) => {
  app.get('/__mock/clients', async () => ({ clients: control.clients() }))

  app.post<{ Body: ClientInput }>('/__mock/clients', { schema: { body: clientBody } },
    async (request, reply) => reply.code(201).send(await control.addClient(request.body)))

  app.delete<{ Params: { clientId: string } }>('/__mock/clients/:clientId', async (request, reply) => {
    await control.deleteClient(request.params.clientId)
    return reply.code(204).send()
  })
}

export default clientsRoutes
