import { VENDOR_JSON, VENDOR_JSON_BETA } from './client.js'
import { betaJsonType, vendorJsonType } from './matchers.js'

/** What Pact V4's request and response builders have in common here (pact-js does not export their types). */
interface BodyBuilder {
  jsonBody (body: unknown): unknown
  headers (headers: Record<string, unknown>): unknown
}

/**
 * A JSON body in Allegro's media type. Pact's own `jsonBody` records `application/json`, which Allegro (and the mock)
 * refuses with 415; this sets the body the same way (matchers work inside it) and then the header: in a request
 * `Content-Type: application/vnd.allegro.public.v1+json`, in a response a matcher that also takes `;charset=UTF-8`.
 * @example
 * .withRequest('POST', '/sale/offer-contacts', b => vendorJsonBody(b, { name: 'Auta terenowe' }).headers(asSeller))
 * .willRespondWith(201, b => vendorJsonBody(b, { id: uuid('0c046252-9559-4ecb-8ea3-879f60e46947') }))
 * // The issues API (`/sale/issues*`) speaks the beta media type:
 * .withRequest('POST', `/sale/issues/${issueId}/message`, b => vendorJsonBody(b, { text: 'Dzień dobry', type: 'REGULAR' }, 'beta'))
 */
export function vendorJsonBody<B extends BodyBuilder> (builder: B, body: unknown, mediaType: 'public' | 'beta' = 'public'): B {
  // Only a request builder can set a query: the one difference between the two at run time.
  const request = 'query' in builder
  // The header must come after the body, which would otherwise set it back to application/json.
  builder.jsonBody(body)
  const beta = mediaType === 'beta'
  builder.headers({ 'content-type': request ? (beta ? VENDOR_JSON_BETA : VENDOR_JSON) : (beta ? betaJsonType : vendorJsonType) })
  return builder
}
