import { createHmac, timingSafeEqual } from 'node:crypto'

/** Claims of the mock's tokens, as Allegro puts them in its JWTs. */
export interface TokenClaims {
  /** The seller id; absent on application (client_credentials) tokens. */
  user_name?: string
  scope: string[]
  allegro_api: boolean
  client_id: string
  jti: string
  /** Seconds since the epoch, on the mock's clock. */
  exp: number
  authorities?: string[]
  /** Set on refresh tokens only: the access token they were issued with. */
  ati?: string
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

function base64url (text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

function signature (input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest()
}

export function signJwt (claims: TokenClaims, secret: string): string {
  const input = `${HEADER}.${base64url(JSON.stringify(claims))}`
  return `${input}.${signature(input, secret).toString('base64url')}`
}

export type JwtCheck = { ok: true, claims: TokenClaims } | { ok: false, reason: 'unreadable' | 'signature' }

/** Checks form and signature only; expiry and revocation are the caller's business (they need the clock and state). */
const BASE64URL = /^[A-Za-z0-9_-]*$/

/** Base64url exactly as an encoder writes it: no padding, no `+/`, no stray bits in the last character. */
function canonical (part: string): Buffer | null {
  if (!BASE64URL.test(part)) return null
  const bytes = Buffer.from(part, 'base64url')
  return bytes.toString('base64url') === part ? bytes : null
}

export function verifyJwt (token: string, secret: string): JwtCheck {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'unreadable' }
  const payload = canonical(parts[1]!)
  const given = canonical(parts[2]!)
  if (!payload || canonical(parts[0]!) === null) return { ok: false, reason: 'unreadable' }
  let claims: unknown
  try {
    claims = JSON.parse(payload.toString('utf8'))
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
  if (!claims || typeof claims !== 'object' || typeof (claims as TokenClaims).exp !== 'number') return { ok: false, reason: 'unreadable' }
  const expected = signature(`${parts[0]}.${parts[1]}`, secret)
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' }
  return { ok: true, claims: claims as TokenClaims }
}
