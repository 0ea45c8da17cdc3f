/**
 * Property-based fuzzing of every contract operation (openapi/allegro-mock.yaml, OAuth and /sale/issues included):
 * valid-looking and hostile requests, each checked by the harness (no 5xx, answers as the contract says, errors in
 * Allegro's or OAuth's shape, no state change from a refused request, nothing poisoned after it).
 * `FUZZ_RUNS` sets the runs per property (20 by default; `npm run fuzz` runs 1 000), `FUZZ_SEED` the seed.
 */
import { afterAll, beforeAll, describe, test } from 'vitest'
import { loadContract } from '../../src/server/core/openapi.js'
import { operationArb, type Material } from './contract-requests.js'
import { Fuzzer, fuzz, printTally, RUNS } from './harness.js'
import { contractExamples } from './known-defects.js'

let fuzzer: Fuzzer
let material: Material
beforeAll(async () => {
  fuzzer = await Fuzzer.create()
  material = fuzzer
})
afterAll(() => printTally('contract operations'))

const operations = [...loadContract().operations.values()]
const timeout = 20_000 + RUNS * 400

describe.each(operations.map(op => [`${op.method} ${op.path} (${op.operationId})`, op] as const))('%s', (_name, op) => {
  test('valid-looking requests', async () => {
    await fuzz(`${op.operationId} valid`, operationArb(op, material, 'valid'), async (req) => { await fuzzer.exercise(req) })
  }, timeout)

  test('hostile requests', async () => {
    await fuzz(`${op.operationId} hostile`, operationArb(op, material, 'hostile'), async (req) => { await fuzzer.exercise(req) },
      { examples: contractExamples(fuzzer)[op.operationId] })
  }, timeout)
})
