import { VENDOR_JSON } from './client.js'
import { vendorJsonType } from './matchers.js'

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
 */
export function vendorJsonBody<B extends BodyBuilder> (builder: B, body: unknown): B {
  // Only a request builder can set a query: the one difference between the two at run time.
  const request = 'query' in builder
  // The header must come after the body, which would otherwise set it back to application/json.
  builder.jsonBody(body)
  builder.headers({ 'content-type': request ? VENDOR_JSON : vendorJsonType })
  return builder
}
