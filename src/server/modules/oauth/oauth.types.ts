/** An application registered with the mock (Allegro's Client ID and Client Secret). */
export interface Client {
  clientId: string
  clientSecret: string
  name: string
  /** Redirect URIs the authorization-code flow accepts; empty accepts any http(s) URI. */
  redirectUris: string[]
}

/** A single-use code from the consent page, valid for 10 seconds. */
export interface AuthorizationCode {
  code: string
  clientId: string
  sellerId: string
  redirectUri: string | null
  scopes: string[]
  codeChallenge: string | null
  codeChallengeMethod: 'S256' | 'plain' | null
  expiresAt: string
}

/** A refresh token's server-side record, so rotation can spend it. */
export interface RefreshGrant {
  jti: string
  clientId: string
  sellerId: string
  scopes: string[]
  /** Issued through PKCE: the client may refresh without its secret. */
  publicClient: boolean
  expiresAt: string
  /** When it was exchanged; it keeps working for a short grace period after that. */
  spentAt: string | null
}

export type DeviceStatus = 'pending' | 'approved' | 'denied'

export interface DeviceGrant {
  deviceCode: string
  userCode: string
  clientId: string
  scopes: string[]
  status: DeviceStatus
  sellerId: string | null
  expiresAt: string
  intervalSeconds: number
  lastPolledAt: string | null
}

export interface OAuthState {
  codes: AuthorizationCode[]
  refreshTokens: RefreshGrant[]
  devices: DeviceGrant[]
}

/** Who a bearer token speaks for, once verified. */
export type Principal =
  | { kind: 'user', sellerId: string, clientId: string, scopes: string[] }
  | { kind: 'application', clientId: string, scopes: string[] }
