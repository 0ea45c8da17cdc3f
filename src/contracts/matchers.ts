/**
 * Pact matchers shaped like Allegro's data, for consumer tests written against the kit's provider states.
 */
import { MatchersV3 } from '@pact-foundation/pact'
import { VENDOR_JSON, VENDOR_JSON_BETA } from './client.js'

const { regex, string, like, eachLike } = MatchersV3

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/**
 * The header a consumer sends for a scenario seller: the kit's verifier swaps it for a real token.
 * `expired` asks for one that has already expired.
 * @example headers({ authorization: bearer('Seller_login1') })
 */
export function bearer (seller = 'Seller_login1', options: { expired?: boolean } = {}): string {
  return `Bearer pact:${seller}${options.expired ? ':expired' : ''}`
}

/** @example { id: uuid('a38812fa-6fef-4c9c-ac06-a0952b67ba78') } */
export const uuid = (example: string) => regex(UUID, example)

/** An ISO 8601 date-time as Allegro writes it, with or without milliseconds: `2018-09-14T06:34:24.258Z`. */
export const isoDateTime = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})$', example)

/** A numeric-string offer id, e.g. `"6206178738"`. */
export const offerId = (example: string) => regex('^\\d+$', example)

/** An Allegro price: decimal amount as a string, ISO 4217 currency. */
export const price = (amount: string, currency = 'PLN') => ({ amount: regex('^\\d+(\\.\\d{1,2})?$', amount), currency: regex('^[A-Z]{3}$', currency) })

/** `Content-Type` of Allegro's JSON answers, with or without the charset parameter. */
export const vendorJsonType = regex(`^${VENDOR_JSON.replace(/[.+]/g, '\\$&')}(;\\s*charset=UTF-8)?$`, `${VENDOR_JSON};charset=UTF-8`)

/** `Content-Type` of the beta resources' JSON answers (`/sale/issues*`), with or without the charset parameter. */
export const betaJsonType = regex(`^${VENDOR_JSON_BETA.replace(/[.+]/g, '\\$&')}(;\\s*charset=UTF-8)?$`, `${VENDOR_JSON_BETA};charset=UTF-8`)

/** `Content-Type` of answers in plain JSON (401, 406, 415). */
export const plainJsonType = regex('^application/json(;\\s*charset=utf-8)?$', 'application/json; charset=utf-8')

/**
 * Allegro's error body: one error with this code (and path, when given), any message.
 * @example .jsonBody(errorsBody('VALIDATION_ERROR', 'text'))
 */
export function errorsBody (code: string, path?: string) {
  return {
    errors: eachLike({
      code,
      message: string('Validation failed'),
      userMessage: string('Nieprawidłowe dane.'),
      ...(path === undefined ? {} : { path }),
    }),
  }
}

export { like, eachLike, string }
