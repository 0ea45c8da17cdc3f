import { createHash, timingSafeEqual } from 'node:crypto'
import { ALPHANUMERIC, LOWER_LETTERS, type Ids } from '../../core/ids.js'
import type { Config } from '../../config.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import { findSeller, instanceSettings, REFRESH_GRACE_MS, type AppStore, type InstanceTables, type Seller } from '../../state.js'
import { signJwt, verifyJwt, type JwtCheck, type TokenClaims } from './jwt.js'
import type { Client, DeviceGrant, Principal } from './oauth.types.js'
import { ALL_SCOPES, parseScopes } from './scopes.js'

/** The contract kit's placeholder bearer: `pact:<login>`, or `pact:<login>:expired` for an expired token. */
const PACT_TOKEN = /^pact:([^:\s]+)(:expired)?$/

/** Lifetimes from Allegro's authorization guide. */
export const ACCESS_TOKEN_SECONDS = 12 * 3600
export const REFRESH_TOKEN_MS = 90 * 24 * 3600 * 1000
export const AUTHORIZATION_CODE_MS = 10_000
export const DEVICE_CODE_SECONDS = 3600
export const DEVICE_INTERVAL_SECONDS = 5

export interface TokenResponse {
  access_token: string
  token_type: 'bearer'
  refresh_token?: string
  expires_in: number
  scope: string
  allegro_api: true
  jti: string
}

export interface DeviceCodeResponse {
  user_code: string
  device_code: string
  expires_in: number
  interval: number
  verification_uri: string
  verification_uri_complete: string
}

/** Credentials from an `Authorization: Basic` header. */
export interface BasicCredentials { clientId: string, clientSecret: string }

export type Params = Record<string, string | undefined>

export type AuthorizeOutcome =
  | { kind: 'redirect', location: string }
  | { kind: 'consent', client: Client, sellers: Seller[] }
  | { kind: 'error', message: string }

export interface OAuthDeps {
  store: AppStore
  clocks: SellerClocks
  ids: Ids
  config: Pick<Config, 'deviceApproval' | 'pactTokens'>
  /** The mock's own base URL, for the device verification page. */
  publicUrl: () => string
}

interface Grant { clientId: string, sellerId: string | null, scopes: string[], publicClient: boolean }

// Plain data, not an Error: results leave the store as structured clones.
type PollResult = { ok: true, tokens: TokenResponse } | { ok: false, error: 'deviceDenied' | 'deviceSlowDown' | 'devicePending' }

export function createOAuthService ({ store, clocks, ids, config, publicUrl }: OAuthDeps) {
  /** Time on the clock of the seller a grant is for (its token lifetimes follow its sandbox clock). */
  const nowMs = (sellerId: string | null = null) => clocks.now(sellerId).getTime()
  const iso = (ms: number) => new Date(ms).toISOString()

  function issueTokens (tables: InstanceTables, grant: Grant): TokenResponse {
    const now = nowMs(grant.sellerId)
    const { secret } = instanceSettings(store)
    const jti = ids.uuid()
    const claims: TokenClaims = {
      ...(grant.sellerId ? { user_name: grant.sellerId } : {}),
      scope: grant.scopes,
      allegro_api: true,
      client_id: grant.clientId,
      jti,
      exp: Math.floor(now / 1000) + ACCESS_TOKEN_SECONDS,
      authorities: [grant.sellerId ? 'ROLE_USER' : 'ROLE_CLIENT'],
    }
    const response: TokenResponse = {
      access_token: signJwt(claims, secret),
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_SECONDS - 1,
      scope: grant.scopes.join(' '),
      allegro_api: true,
      jti,
    }
    if (grant.sellerId) {
      const refreshJti = ids.uuid()
      const expiresAt = now + REFRESH_TOKEN_MS
      tables.refreshTokens.put({
        jti: refreshJti, clientId: grant.clientId, sellerId: grant.sellerId, scopes: grant.scopes,
        publicClient: grant.publicClient, expiresAt: iso(expiresAt), spentAt: null,
      })
      response.refresh_token = signJwt({ ...claims, jti: refreshJti, ati: jti, exp: Math.floor(expiresAt / 1000) }, secret)
    }
    return response
  }

  /** Drops records nobody can use any more (from the due index), so the data does not grow without bound. */
  function prune (tables: InstanceTables): void {
    const now = nowMs()
    for (const code of tables.authCodes.dueBy(now)) tables.authCodes.delete(code.code)
    for (const token of tables.refreshTokens.dueBy(now)) tables.refreshTokens.delete(token.jti)
    for (const device of tables.devices.dueBy(now)) tables.devices.delete(device.deviceCode)
  }

  function authenticateClient (tables: InstanceTables, basic: BasicCredentials | null, params: Params, allowPublic: boolean) {
    if (basic) {
      const client = tables.clients.get(basic.clientId)
      if (!client || !sameSecret(client.clientSecret, basic.clientSecret)) throw apiErrors.invalidClient()
      if (params.client_id !== undefined && params.client_id !== basic.clientId) throw apiErrors.invalidClient()
      return { client, publicClient: false }
    }
    const client = allowPublic && params.client_id ? tables.clients.get(params.client_id) : undefined
    if (!client) throw apiErrors.invalidClient()
    return { client, publicClient: true }
  }

  function requestedScopes (params: Params): string[] {
    const { scopes, invalid } = parseScopes(params.scope)
    if (invalid) throw apiErrors.invalidScope(invalid)
    return scopes ?? ALL_SCOPES
  }

  function clientCredentials (tables: InstanceTables, basic: BasicCredentials | null, params: Params): TokenResponse {
    const { client } = authenticateClient(tables, basic, params, false)
    return issueTokens(tables, { clientId: client.clientId, sellerId: null, scopes: requestedScopes(params), publicClient: false })
  }

  function authorizationCode (tables: InstanceTables, basic: BasicCredentials | null, params: Params): TokenResponse {
    if (!params.code) throw apiErrors.invalidRequest('Missing authorization code')
    const { client, publicClient } = authenticateClient(tables, basic, params, params.code_verifier !== undefined)
    const code = tables.authCodes.get(params.code)
    if (!code || Date.parse(code.expiresAt) <= nowMs(code.sellerId) || code.clientId !== client.clientId) {
      throw apiErrors.invalidGrant(`Invalid authorization code: ${params.code}`)
    }
    if (code.redirectUri !== null && params.redirect_uri !== code.redirectUri) {
      throw apiErrors.invalidGrant(`Redirect URI mismatch.`)
    }
    if (code.codeChallenge !== null || publicClient) {
      if (!params.code_verifier || code.codeChallenge === null ||
        challengeOf(params.code_verifier, code.codeChallengeMethod ?? 'plain') !== code.codeChallenge) {
        throw apiErrors.invalidGrant('Invalid code verifier')
      }
    }
    tables.authCodes.delete(code.code)
    return issueTokens(tables, { clientId: client.clientId, sellerId: code.sellerId, scopes: code.scopes, publicClient })
  }

  function refreshToken (tables: InstanceTables, basic: BasicCredentials | null, params: Params): TokenResponse {
    const invalid = () => apiErrors.invalidGrant('Invalid refresh token')
    if (!params.refresh_token) throw invalid()
    const checked = verifyJwt(params.refresh_token, instanceSettings(store).secret)
    if (!checked.ok || checked.claims.ati === undefined) throw invalid()
    const record = tables.refreshTokens.get(checked.claims.jti)
    if (!record) throw invalid()
    const now = nowMs(record.sellerId)
    if (Date.parse(record.expiresAt) <= now) throw invalid()
    if (record.spentAt !== null && Date.parse(record.spentAt) + REFRESH_GRACE_MS <= now) throw invalid()
    const { client, publicClient } = authenticateClient(tables, basic, params, record.publicClient)
    if (client.clientId !== record.clientId || !tables.sellers.has(record.sellerId)) throw invalid()
    if (record.spentAt === null) tables.refreshTokens.put({ ...record, spentAt: iso(now) })
    return issueTokens(tables, { clientId: client.clientId, sellerId: record.sellerId, scopes: record.scopes, publicClient })
  }

  function pollDevice (tables: InstanceTables, basic: BasicCredentials | null, params: Params): PollResult {
    const { client } = authenticateClient(tables, basic, params, false)
    const device = params.device_code === undefined ? undefined : tables.devices.get(params.device_code)
    if (!device || device.clientId !== client.clientId) throw apiErrors.invalidDeviceCode()
    const now = nowMs()
    if (Date.parse(device.expiresAt) <= now) throw apiErrors.deviceExpired()
    if (device.status === 'denied') {
      tables.devices.delete(device.deviceCode)
      return { ok: false, error: 'deviceDenied' }
    }
    if (device.status === 'approved' && device.sellerId) {
      tables.devices.delete(device.deviceCode)
      return { ok: true, tokens: issueTokens(tables, { clientId: client.clientId, sellerId: device.sellerId, scopes: device.scopes, publicClient: false }) }
    }
    const tooSoon = device.lastPolledAt !== null && now - Date.parse(device.lastPolledAt) < device.intervalSeconds * 1000
    tables.devices.put({ ...device, lastPolledAt: iso(now) })
    return { ok: false, error: tooSoon ? 'deviceSlowDown' : 'devicePending' }
  }

  // Signatures already checked, so a client reusing its token costs no HMAC per request. Bounded; a new secret clears it.
  const verified = new Map<string, JwtCheck>()
  let verifiedWith = ''
  function verifiedAccessToken (token: string): JwtCheck {
    const { secret } = instanceSettings(store)
    if (secret !== verifiedWith || verified.size >= 10_000) {
      verified.clear()
      verifiedWith = secret
    }
    let checked = verified.get(token)
    if (!checked) {
      checked = verifyJwt(token, secret)
      if (checked.ok) verified.set(token, checked)
    }
    return checked
  }

  /** The seller a contract kit's placeholder token names, with every scope. */
  function pactPrincipal (seller: string, expired: boolean): Principal {
    const found = findSeller(store.instance, seller)
    if (!found) throw apiErrors.invalidToken()
    if (expired) throw apiErrors.expiredToken()
    return { kind: 'user', sellerId: found.id, clientId: store.instance.clients.first()?.clientId ?? 'allegro-mock', scopes: ALL_SCOPES }
  }

  return {
    /** POST /auth/oauth/token: every grant Allegro supports. Failures change nothing (except a device poll's time). */
    async token (params: Params, basic: BasicCredentials | null): Promise<TokenResponse> {
      const grantType = params.grant_type
      if (!grantType) throw apiErrors.invalidRequest('Missing grant type')
      if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
        if (!params.device_code) throw apiErrors.invalidDeviceCode()
        const result = await store.update(tx => { prune(tx.instance); return pollDevice(tx.instance, basic, params) })
        if (!result.ok) throw apiErrors[result.error]()
        return result.tokens
      }
      const grants: Record<string, typeof clientCredentials> = {
        client_credentials: clientCredentials,
        authorization_code: authorizationCode,
        refresh_token: refreshToken,
      }
      const grant = grants[grantType]
      if (!grant) throw apiErrors.unsupportedGrantType(grantType)
      return store.update(tx => { prune(tx.instance); return grant(tx.instance, basic, params) })
    },

    /** POST /auth/oauth/device: starts the device flow. */
    async startDevice (params: Params, basic: BasicCredentials | null): Promise<DeviceCodeResponse> {
      const userCode = ids.code(8, LOWER_LETTERS)
      const deviceCode = ids.numeric(12)
      await store.update(tx => {
        prune(tx.instance)
        const { client } = authenticateClient(tx.instance, basic, params, false)
        const defaultSeller = tx.instance.sellers.first()
        const auto = config.deviceApproval === 'auto' && defaultSeller !== undefined
        const device: DeviceGrant = {
          deviceCode, userCode, clientId: client.clientId, scopes: requestedScopes(params),
          status: auto ? 'approved' : 'pending', sellerId: auto ? defaultSeller.id : null,
          expiresAt: iso(nowMs() + DEVICE_CODE_SECONDS * 1000), intervalSeconds: DEVICE_INTERVAL_SECONDS, lastPolledAt: null,
        }
        tx.instance.devices.put(device)
      })
      const verification = `${publicUrl()}/__mock/device`
      return {
        user_code: userCode,
        device_code: deviceCode,
        expires_in: DEVICE_CODE_SECONDS,
        interval: DEVICE_INTERVAL_SECONDS,
        verification_uri: verification,
        verification_uri_complete: `${verification}?code=${userCode}`,
      }
    },

    /** Approves or denies a pending device code, as the user would on Allegro's page. */
    async decideDevice (userCode: string, decision: { approve: true, sellerId: string } | { approve: false }): Promise<DeviceGrant> {
      return store.update(tx => {
        const devices = tx.instance.devices
        const device = devices.where('byUserCode', userCode).find(d => Date.parse(d.expiresAt) > nowMs())
        if (!device) throw apiErrors.notFound(`Device code with user code ${userCode} not found or expired`)
        if (device.status !== 'pending') throw apiErrors.conflict(`Device code ${userCode} was already ${device.status}`)
        if (!decision.approve) return devices.put({ ...device, status: 'denied' })
        if (!tx.instance.sellers.has(decision.sellerId)) throw apiErrors.notFound(`Seller ${decision.sellerId} not found`)
        return devices.put({ ...device, status: 'approved', sellerId: decision.sellerId })
      })
    },

    pendingDevices (): DeviceGrant[] {
      const now = nowMs()
      return store.instance.devices.all().filter(d => d.status === 'pending' && Date.parse(d.expiresAt) > now)
    },

    /** GET /auth/oauth/authorize: the consent page, or (with `mock_seller`) the redirect carrying a fresh code. */
    async authorize (params: Params): Promise<AuthorizeOutcome> {
      const tables = store.instance
      const client = params.client_id === undefined ? undefined : tables.clients.get(params.client_id)
      if (!client) return { kind: 'error', message: `Unknown client_id "${params.client_id ?? ''}".` }
      const redirectUri = params.redirect_uri
      if (!redirectUri || !isHttpUrl(redirectUri)) return { kind: 'error', message: 'redirect_uri must be an absolute http(s) URL.' }
      if (client.redirectUris.length > 0 && !client.redirectUris.includes(redirectUri)) {
        return { kind: 'error', message: `redirect_uri "${redirectUri}" is not registered for this application.` }
      }
      const { scopes, invalid } = parseScopes(params.scope)
      if (invalid) return { kind: 'error', message: `Invalid scope "${invalid}".` }
      if (params.code_challenge_method && !params.code_challenge) return { kind: 'error', message: 'code_challenge_method needs a code_challenge.' }
      if (params.mock_seller === undefined) return { kind: 'consent', client, sellers: tables.sellers.all() }
      const seller = findSeller(tables, params.mock_seller)
      if (!seller) return { kind: 'error', message: `No seller "${params.mock_seller}" in this scenario.` }
      const code = ids.code(32, ALPHANUMERIC)
      await store.update(tx => {
        prune(tx.instance)
        tx.instance.authCodes.put({
          code, clientId: client.clientId, sellerId: seller.id, redirectUri, scopes: scopes ?? ALL_SCOPES,
          codeChallenge: params.code_challenge ?? null,
          // RFC 7636: without a method the challenge is plain.
          codeChallengeMethod: params.code_challenge ? (params.code_challenge_method === 'S256' ? 'S256' : 'plain') : null,
          expiresAt: iso(nowMs(seller.id) + AUTHORIZATION_CODE_MS),
        })
      })
      const location = new URL(redirectUri)
      location.searchParams.set('code', code)
      if (params.state !== undefined) location.searchParams.set('state', params.state)
      return { kind: 'redirect', location: location.toString() }
    },

    /** Verifies a bearer token from the API host's `Authorization` header. */
    authenticate (authorization: string | undefined): Principal {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
      if (!match) throw apiErrors.missingToken()
      const placeholder = config.pactTokens ? PACT_TOKEN.exec(match[1]!) : null
      if (placeholder) return pactPrincipal(placeholder[1]!, placeholder[2] !== undefined)
      const checked = verifiedAccessToken(match[1]!)
      if (!checked.ok) throw checked.reason === 'unreadable' ? apiErrors.unreadableToken() : apiErrors.invalidToken()
      const { claims } = checked
      if (claims.ati !== undefined || !Array.isArray(claims.scope)) throw apiErrors.invalidToken()
      if (claims.exp * 1000 <= nowMs(claims.user_name ?? null)) throw apiErrors.expiredToken()
      const known = {
        client: store.instance.clients.has(claims.client_id),
        seller: claims.user_name === undefined || store.instance.sellers.has(claims.user_name),
      }
      if (!known.client || !known.seller) throw apiErrors.invalidToken()
      return claims.user_name === undefined
        ? { kind: 'application', clientId: claims.client_id, scopes: claims.scope }
        : { kind: 'user', sellerId: claims.user_name, clientId: claims.client_id, scopes: claims.scope }
    },

    /** Access and refresh tokens for a seller, as the code flow would give them, issued inside the change `tables` belongs to. */
    grantFor (tables: InstanceTables, sellerId: string): TokenResponse {
      const clientId = tables.clients.first()?.clientId ?? 'allegro-mock'
      return issueTokens(tables, { clientId, sellerId, scopes: ALL_SCOPES, publicClient: false })
    },

    /** Forgets a removed seller's refresh tokens. */
    forgetSeller (tables: InstanceTables, sellerId: string): void {
      for (const token of tables.refreshTokens.where('bySeller', sellerId)) tables.refreshTokens.delete(token.jti)
    },

    /**
     * A ready-to-use 12-hour user token with every scope, for /__mock and the CLI banner. No refresh token.
     * `expired` gives one that expired a minute ago, for testing a client's 401 handling.
     */
    mintUserToken (sellerId: string, options: { expired?: boolean } = {}): { accessToken: string, expiresAt: string } {
      const { secret } = instanceSettings(store)
      const clientId = store.instance.clients.first()?.clientId ?? 'allegro-mock'
      const exp = Math.floor(nowMs(sellerId) / 1000) + (options.expired ? -60 : ACCESS_TOKEN_SECONDS)
      const accessToken = signJwt({
        user_name: sellerId, scope: ALL_SCOPES, allegro_api: true, client_id: clientId, jti: ids.uuid(), exp, authorities: ['ROLE_USER'],
      }, secret)
      return { accessToken, expiresAt: iso(exp * 1000) }
    },
  }
}

export type OAuthService = ReturnType<typeof createOAuthService>

function sameSecret (expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** PKCE: S256 is BASE64URL(SHA256(verifier)); plain is the verifier itself. */
export function challengeOf (verifier: string, method: 'S256' | 'plain'): string {
  return method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url')
}

function isHttpUrl (text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Reads `Authorization: Basic base64(client_id:client_secret)`; null when absent or not Basic. */
export function parseBasic (header: string | undefined): BasicCredentials | null {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '')
  if (!match) return null
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) }
}
