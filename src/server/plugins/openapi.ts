import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import type { Contract, Operation } from '../core/openapi.js'
import { lazyRequestValidator } from '../core/validation.js'

declare module 'fastify' {
  interface FastifyInstance {
    contract: Contract
    /** Method, URL, request schemas and config of a contract operation, to spread into `app.route`. */
    operationRoute (operationId: string): { method: Operation['method'], url: string, schema: Operation['schema'], config: { operation: Operation } }
  }
  interface FastifyContextConfig {
    /** The contract operation a route serves; absent on /__mock routes. */
    operation?: Operation
  }
}

/** Routes take their paths and request schemas from the contract, by operationId. */
const openapiPlugin: FastifyPluginAsync<{ contract: Contract }> = async (app, { contract }) => {
  app.decorate('contract', contract)
  app.decorate('operationRoute', (operationId: string) => {
    const operation = contract.operations.get(operationId)
    if (!operation) throw new Error(`The contract has no operation ${operationId}`)
    return { method: operation.method, url: operation.url, schema: operation.schema, config: { operation } }
  })
  app.setValidatorCompiler(({ schema, httpPart }) => lazyRequestValidator(schema as Record<string, unknown>, httpPart))
}

export default fp(openapiPlugin, { name: 'openapi' })
