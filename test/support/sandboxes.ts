import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { allegroHeaders } from './app.js'

/** What POST /__mock/sandboxes answers. */
export interface Sandbox {
  seller: { id: string, login: string }
  accessToken: string
  refreshToken: string
  /** Scenario id → the sandbox's own id for it. */
  ids: Record<string, string>
}

/** Creates a sandbox seller and asserts the 201. */
export async function createSandbox (app: FastifyInstance, body: { scenario?: string, login?: string } = {}): Promise<Sandbox> {
  const res = await app.inject({ method: 'POST', url: '/__mock/sandboxes', payload: body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as Sandbox
}

/** The sandbox's id for a scenario id; throws when the sandbox has none (so a typo never passes as "not found"). */
export function idIn (sandbox: Sandbox, scenarioId: string): string {
  const id = sandbox.ids[scenarioId]
  if (id === undefined) throw new Error(`Sandbox ${sandbox.seller.login} has no id for ${scenarioId}`)
  return id
}

/** A GET on the API with the guides' headers. */
export const apiGet = (app: FastifyInstance, url: string, token: string, extra: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: allegroHeaders(token, extra) })

/** A POST or PUT on the API with a JSON body and the guides' headers. */
export const apiSend = (app: FastifyInstance, method: 'POST' | 'PUT', url: string, token: string, payload: unknown, extra: Record<string, string> = {}) =>
  app.inject({ method, url, headers: allegroHeaders(token, extra), payload: JSON.stringify(payload) })

/** A /__mock control call: POST with a JSON body, or GET / DELETE without. */
export const control = (app: FastifyInstance, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, ...(payload === undefined ? {} : { payload }) })
