import { randomBytes } from 'node:crypto'
import { scenarios } from '../fixtures/scenarios.js'
import type { Ids } from './core/ids.js'
import { newState, type State } from './state.js'

export class UnknownScenarioError extends Error {
  constructor (readonly scenario: string) {
    super(`Unknown scenario "${scenario}". Known: ${Object.keys(scenarios).join(', ')}`)
    this.name = 'UnknownScenarioError'
  }
}

export function newSecret (): string {
  return randomBytes(32).toString('base64url')
}

/** A complete state built from a named scenario. */
export function seedState (scenario: string, context: { now: Date, ids: Ids, secret: string, clockNow: string | null }): State {
  const build = scenarios[scenario]
  if (!build) throw new UnknownScenarioError(scenario)
  return newState(build({ now: context.now, ids: context.ids }), { secret: context.secret, scenario, clockNow: context.clockNow })
}
