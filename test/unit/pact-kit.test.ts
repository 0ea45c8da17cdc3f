import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PactV4, SpecificationVersion } from '@pact-foundation/pact'
import { expect, test } from 'vitest'
import { bearer, PROVIDER_STATE_NAMES, recorded, string, uuid, VENDOR_JSON, vendorJsonBody } from '../../src/contracts/pact.js'
import { PROVIDER_STATES } from '../../src/contracts/provider-states.js'

test('vendorJsonBody records Allegro\'s media type on the request, a charset-tolerant matcher on the response, and keeps matchers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allegro-mock-kit-'))
  const pact = new PactV4({ consumer: 'kit-user', provider: 'allegro-mock', dir, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'error' })
  await pact.addInteraction()
    .given(PROVIDER_STATE_NAMES.defaultScenario)
    .uponReceiving('a new contact')
    .withRequest('POST', '/sale/offer-contacts', b => vendorJsonBody(b, { name: string('Auta terenowe') }).headers({ accept: VENDOR_JSON, authorization: bearer() }))
    .willRespondWith(201, b => vendorJsonBody(b, { id: uuid('0c046252-9559-4ecb-8ea3-879f60e46947') }))
    .executeTest(async (mock) => {
      const answer = await fetch(`${mock.url}/sale/offer-contacts`, {
        method: 'POST',
        headers: { accept: VENDOR_JSON, authorization: bearer(), 'content-type': VENDOR_JSON },
        body: JSON.stringify({ name: 'Kontakt' }),
      })
      expect(answer.status).toBe(201)
      expect(answer.headers.get('content-type')).toBe(`${VENDOR_JSON};charset=UTF-8`)
    })

  const [interaction] = JSON.parse(readFileSync(join(dir, 'kit-user-allegro-mock.json'), 'utf8')).interactions
  expect(interaction.request.headers['Content-Type']).toEqual([VENDOR_JSON])
  expect(interaction.request.matchingRules.body['$.name']).toBeDefined()
  expect(interaction.response.matchingRules.header['content-type'].matchers[0]).toMatchObject({ match: 'regex' })
  expect(interaction.response.matchingRules.body['$.id']).toBeDefined()
})

test('the provider-state names are exactly the states the mock sets up', () => {
  expect(Object.values(PROVIDER_STATE_NAMES).sort()).toEqual(Object.keys(PROVIDER_STATES).sort())
})

test('recorded() returns the body\'s value once the request is booked, and an interaction never met still fails', async () => {
  const pact = () => new PactV4({ consumer: 'kit-user-recorded', provider: 'allegro-mock', dir: mkdtempSync(join(tmpdir(), 'allegro-mock-kit-')), logLevel: 'error' })
  const interaction = () => pact().addInteraction().uponReceiving('the disputes').withRequest('GET', '/sale/disputes').willRespondWith(200)
  await expect(interaction().executeTest(recorded(async (mock) => (await fetch(`${mock.url}/sale/disputes`)).status))).resolves.toBe(200)
  await expect(interaction().executeTest(recorded(async () => 'no request'))).rejects.toThrow(/expected but not received/)
})
