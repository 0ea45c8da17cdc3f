/** The scopes the mock grants when a client asks for none; Allegro grants all the application's scopes the same way. */
export const ALL_SCOPES = [
  'allegro:api:orders:read', 'allegro:api:orders:write',
  'allegro:api:profile:read', 'allegro:api:profile:write',
  'allegro:api:sale:offers:read', 'allegro:api:sale:offers:write',
  'allegro:api:sale:settings:read', 'allegro:api:sale:settings:write',
  'allegro:api:disputes',
  'allegro:api:billing:read',
  'allegro:api:campaigns',
  'allegro:api:ratings',
  'allegro:api:payments:read', 'allegro:api:payments:write',
  'allegro:api:shipments:read', 'allegro:api:shipments:write',
  'allegro:api:messaging',
  'allegro:api:bids',
  'allegro:api:ads',
  'allegro:api:fulfillment:read', 'allegro:api:fulfillment:write',
  'allegro:api:affiliate:read',
]

const SCOPE_FORM = /^allegro:api(:[a-z-]+)+$/

/** Reads a space-separated `scope` parameter; null means "every scope". Unknown-looking scopes are returned as invalid. */
export function parseScopes (text: string | undefined): { scopes: string[] | null, invalid: string | null } {
  if (text === undefined || text.trim() === '') return { scopes: null, invalid: null }
  const scopes = [...new Set(text.trim().split(/[\s+]+/))]
  const invalid = scopes.find(s => !SCOPE_FORM.test(s)) ?? null
  return { scopes, invalid }
}
