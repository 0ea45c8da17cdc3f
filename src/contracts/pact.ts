/**
 * `allegro-mock/pact`: what a consumer's Pact tests need from the kit, without the server. Matchers shaped like
 * Allegro's data, a body helper that sends Allegro's vendor JSON, the provider states' names, and `recorded()` for
 * test bodies on Node 20's Pact.
 * @example
 * import { bearer, PROVIDER_STATE_NAMES, recorded, uuid, VENDOR_JSON, vendorJsonBody } from 'allegro-mock/pact'
 *
 * await pact.addInteraction()
 *   .given(PROVIDER_STATE_NAMES.defaultScenario)
 *   .uponReceiving('a message to the buyer')
 *   .withRequest('POST', `/sale/disputes/${disputeId}/messages`, b =>
 *     vendorJsonBody(b, { text: 'Dzień dobry', type: 'REGULAR' }).headers({ accept: VENDOR_JSON, authorization: bearer() }))
 *   .willRespondWith(201, b => vendorJsonBody(b, { id: uuid('5a4c1d2e-3f40-4b5c-8d6e-7f8091a2b3c4') }))
 *   .executeTest(recorded(async (mock) => { ... }))
 */
export * from './matchers.js'
export { VENDOR_JSON, VENDOR_JSON_BETA } from './client.js'
export { vendorJsonBody } from './vendor-json-body.js'
export { PROVIDER_STATE_NAMES, type ProviderStateName, type ProviderStateParams } from './provider-state-names.js'
export { recorded, type PactMockServer } from './recorded.js'
