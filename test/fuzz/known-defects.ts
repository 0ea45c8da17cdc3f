/**
 * The defects issue 14 lists (and the ones this fuzzer found), as requests every run sends first, before the random
 * ones: each property starts with its route's known cases.
 */
import { VENDOR_JSON, VENDOR_JSON_BETA } from '../../src/server/core/openapi.js'
import { request, type FuzzRequest, type Pools, type Tokens } from './harness.js'

interface Material { pools: Pools, tokens: Tokens, snapshot: { state: Record<string, unknown>, files: Record<string, string> } }

const json = { 'content-type': 'application/json' }

export function contractExamples ({ tokens }: Material): Record<string, FuzzRequest[]> {
  const api = { accept: VENDOR_JSON, 'content-type': VENDOR_JSON, authorization: `Bearer ${tokens.seller1}` }
  const scopes = 'scope=allegro:api:disputes&scope=allegro:api:orders:read'
  const basic = { authorization: tokens.basic }
  const fee = (body: unknown) => request({ method: 'POST', url: '/pricing/offer-fee-preview', headers: api, payload: JSON.stringify(body), route: 'calculateFeePreviewUsingPOST', operationId: 'calculateFeePreviewUsingPOST' })
  return {
    oauthTokenUsingPOST: [
      request({ method: 'POST', url: `/auth/oauth/token?grant_type=client_credentials&${scopes}`, headers: basic, route: 'oauthTokenUsingPOST', operationId: 'oauthTokenUsingPOST' }),
      request({ method: 'POST', url: '/auth/oauth/token?grant_type=client_credentials', headers: { ...basic, 'content-type': 'application/json' }, payload: '', route: 'oauthTokenUsingPOST', operationId: 'oauthTokenUsingPOST' }),
      request({ method: 'POST', url: '/auth/oauth/token?grant_type=client_credentials', headers: { ...basic, 'content-type': 'text/plain' }, payload: 'x', route: 'oauthTokenUsingPOST', operationId: 'oauthTokenUsingPOST' }),
    ],
    oauthDeviceUsingPOST: [
      request({ method: 'POST', url: `/auth/oauth/device?client_id=allegro-mock-client&${scopes}`, headers: basic, route: 'oauthDeviceUsingPOST', operationId: 'oauthDeviceUsingPOST' }),
    ],
    oauthAuthorizeUsingGET: [
      request({ method: 'GET', url: `/auth/oauth/authorize?response_type=code&client_id=allegro-mock-client&redirect_uri=http://localhost:8080/callback&mock_seller=Seller_login1&${scopes}`, headers: {}, route: 'oauthAuthorizeUsingGET', operationId: 'oauthAuthorizeUsingGET' }),
    ],
    getCategoriesUsingGET: [
      request({ method: 'GET', url: '/sale/categories?parent.id=112740&parent.id=x&parent.id=112740', headers: api, route: 'getCategoriesUsingGET', operationId: 'getCategoriesUsingGET' }),
    ],
    getDisputeUsingGET: [request({ method: 'GET', url: '/sale/disputes/valueOf', headers: api, route: 'getDisputeUsingGET', operationId: 'getDisputeUsingGET' })],
    getIssueUsingGET: [request({ method: 'GET', url: '/sale/issues/valueOf', headers: { ...api, accept: VENDOR_JSON_BETA }, route: 'getIssueUsingGET', operationId: 'getIssueUsingGET' })],
    meGET: [request({ method: 'GET', url: '/me', headers: { ...api, accept: 'text/html' }, route: 'meGET', operationId: 'meGET' })],
    getListOfOrdersUsingGET: [
      request({ method: 'GET', url: '/order/checkout-forms', headers: { ...api, authorization: `Bearer ${tokens.application}` }, route: 'getListOfOrdersUsingGET', operationId: 'getListOfOrdersUsingGET' }),
    ],
    getListOfDisputesUsingGET: [
      request({ method: 'GET', url: '/sale/disputes', headers: { ...api, authorization: `Bearer ${tokens.limited}` }, route: 'getListOfDisputesUsingGET', operationId: 'getListOfDisputesUsingGET' }),
    ],
    calculateFeePreviewUsingPOST: [
      fee({ offer: { id: '7276377308', name: 'BMW X5 e53' }, classifiedsPackages: {} }),
      fee({ classifiedsPackages: {} }),
      fee({ classifiedsPackages: { extraPackages: [{ id: '3174be19-56f9-484b-b72c-43b0b00785e8' }] } }),
    ],
  }
}

export function controlExamples ({ snapshot }: Material): Record<string, FuzzRequest[]> {
  const post = (route: string, url: string, payload: string) => request({ method: 'POST', url, headers: json, payload, route })
  const snapshotWith = (change: (state: any) => void) => {
    const state = structuredClone(snapshot.state) as any
    change(state)
    return request({ method: 'PUT', url: '/__mock/snapshot', headers: json, payload: JSON.stringify({ state, files: snapshot.files }), route: 'PUT /__mock/snapshot' })
  }
  return {
    'POST /__mock/reset': ['toString', 'constructor', '__proto__', 'valueOf'].map(scenario => post('POST /__mock/reset', '/__mock/reset', JSON.stringify({ scenario }))),
    'PUT /__mock/snapshot': [
      snapshotWith(s => { s.disputes = [1] }),
      snapshotWith(s => { delete s.disputes[0].meta }),
      snapshotWith(s => { s.sellers = [null, ...s.sellers] }),
      snapshotWith(s => { s.offers = ['x'] }),
      snapshotWith(s => { delete s.faults.rateLimit }),
      snapshotWith(s => { delete s.claims[0].meta }),
      snapshotWith(s => { delete s.claims[0].checkoutForm }),
      snapshotWith(s => { delete s.claimMessages[0].meta }),
      snapshotWith(s => { s.claims[0].reason.type = 'toString' }),
      snapshotWith(s => { s.claimMessages = [] }),
      snapshotWith(s => { s.claims.push(s.claims[0]) }),
      snapshotWith(s => { s.sandboxes = { x: null } }),
    ],
    'POST /__mock/clock/advance': ['{"ms":1e400}', '{"ms":9007199254740993}', '{"to":"+275761-01-01T00:00:00Z"}', '{"by":"P99999999999Y"}']
      .map(payload => post('POST /__mock/clock/advance', '/__mock/clock/advance', payload)),
    'POST /__mock/sellers/:seller/clock/advance': [post('POST /__mock/sellers/:seller/clock/advance', '/__mock/sellers/Seller_login1/clock/advance', '{"ms":1e400}')],
    'POST /__mock/provider-states': [
      post('POST /__mock/provider-states', '/__mock/provider-states', JSON.stringify({ state: 'seller {seller} has 50 contacts', params: { seller: 'nobody' } })),
      post('POST /__mock/provider-states', '/__mock/provider-states', JSON.stringify({ state: 'toString' })),
      post('POST /__mock/provider-states', '/__mock/provider-states', JSON.stringify({ state: 'the default scenario', params: 'x' })),
      post('POST /__mock/provider-states', '/__mock/provider-states', JSON.stringify({ state: 'seller {seller} declared attachment {attachmentId} of {size} bytes', params: { size: 'abc' } })),
    ],
    'POST /__mock/sandboxes': [post('POST /__mock/sandboxes', '/__mock/sandboxes', JSON.stringify({ login: 'Ys6[\\6J' }))],
    'GET /docs/assets/:file': [request({ method: 'GET', url: '/docs/assets/toString', headers: {}, route: 'GET /docs/assets/:file' })],
  }
}
