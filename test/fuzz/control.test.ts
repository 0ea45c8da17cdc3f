/**
 * Property-based fuzzing of the /__mock control API and the other routes outside the contract (dashboard, API
 * explorer): valid-looking and hostile requests, each checked by the harness (no 5xx, every error in Allegro's shape,
 * no state change from a refused request, nothing poisoned after it). `FUZZ_RUNS` sets the runs per property.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { controlArb, controlRouteSchemas, type ControlMaterial, type ControlRoute } from './control-requests.js'
import { Fuzzer, fuzz, printTally, RUNS } from './harness.js'
import { controlExamples } from './known-defects.js'

const fuzzer = await Fuzzer.create()
const material: ControlMaterial = fuzzer
const schemas = await controlRouteSchemas()
const examples = controlExamples(fuzzer)
afterAll(() => printTally('control API'))

// Every route the app serves outside the contract, with the schema its module declares (none for the dashboard's).
const routes: ControlRoute[] = fuzzer.app.registeredRoutes
  .filter(r => r.operationId === null)
  .map(r => schemas.get(`${r.method} ${r.url}`) ?? { method: r.method, url: r.url, schema: {} })

test('the fuzzer knows the schema of every control route that declares one', () => {
  const served = new Set(fuzzer.app.registeredRoutes.map(r => `${r.method} ${r.url}`))
  const probed = [...schemas.keys()].filter(k => !k.includes('/__contract/'))
  expect(probed.filter(k => !served.has(k))).toEqual([])
  expect(routes.length).toBeGreaterThan(40)
})

const timeout = 20_000 + RUNS * 400

describe.each(routes.map(r => [`${r.method} ${r.url}`, r] as const))('%s', (name, route) => {
  test('valid-looking requests', async () => {
    await fuzz(`${name} valid`, controlArb(route, material, 'valid'), async (req) => { await fuzzer.exercise(req) })
  }, timeout)

  test('hostile requests', async () => {
    await fuzz(`${name} hostile`, controlArb(route, material, 'hostile'), async (req) => { await fuzzer.exercise(req) }, { examples: examples[name] })
  }, timeout)
})
