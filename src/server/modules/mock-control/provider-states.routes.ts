/** POST /__mock/provider-states: Pact's provider-state setup URL (`providerStatesSetupUrl`), GET lists the states */
import type { FastifyPluginAsync } from 'fastify'
import { applyProviderState, PROVIDER_STATES, ProviderStateError, UnknownProviderStateError, type ProviderStateSession, type StateTools } from '../../../contracts/provider-states.js'
import { apiErrors } from '../../errors.js'

interface SetupBody { state?: string, params?: Record<string, unknown>, action?: 'setup' | 'teardown' }

const providerStatesRoutes: FastifyPluginAsync<{ tools: StateTools, session: ProviderStateSession }> = async (app, { tools, session }) => {
  app.get('/__mock/provider-states', async () => ({
    states: Object.entries(PROVIDER_STATES).map(([state, { defaults }]) => ({ state, params: defaults })),
  }))

  app.post<{ Body: SetupBody }>('/__mock/provider-states', async (request) => {
    const { state, params, action = 'setup' } = request.body ?? {}
    if (action === 'teardown') {
      session.interactionEnded()
      return {}
    }
    if (!state) return {}
    if (typeof state !== 'string') throw apiErrors.validation('state must be a string', 'state')
    // A verifier sends params as an object of texts and numbers (or none, or null).
    if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) throw apiErrors.validation('params must be an object', 'params')
    const texts: Record<string, string> = {}
    for (const [k, v] of Object.entries(params ?? {})) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw apiErrors.validation(`params.${k} must be a text or a number`, `params.${k}`)
      texts[k] = String(v)
    }
    const reset = session.takeReset()
    // A refused state changes nothing: neither its reset nor the part of its setup that ran before the refusal.
    const before = await tools.control.exportSnapshot()
    try {
      await applyProviderState(tools, state, texts, { reset })
    } catch (error) {
      await tools.control.importSnapshot(before)
      if (reset) session.interactionEnded()
      if (error instanceof UnknownProviderStateError) throw apiErrors.validation(error.message, 'state')
      if (error instanceof ProviderStateError) throw apiErrors.validation(error.message, 'params')
      throw error
    }
    return {}
  })
}

export default providerStatesRoutes
