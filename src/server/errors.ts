import type { Language, Localized, Violation } from './core/violation.js'

/** One entry of Allegro's `{"errors": [...]}` body, as sent. */
export interface AllegroError {
  code: string
  message: string
  details: string | null
  path: string | null
  userMessage: string
  metadata: Record<string, string>
}

interface ErrorItem {
  code: string
  message: string
  path?: string | null
  details?: string | null
  userMessage?: Localized
}

const INVALID_DATA: Localized = {
  pl: 'Żądanie zawiera błędne dane. Skontaktuj się z autorem aplikacji.',
  en: 'Request contains invalid data. Contact the application author.',
}

const MALFORMED_REQUEST: Localized = {
  pl: 'Żądanie HTTP jest nieprawidłowe. Skontaktuj się z autorem aplikacji.',
  en: 'The HTTP request is malformed. Contact the application author.',
}

/** An error the API host answers with Allegro's ErrorsHolder body. Only the error-handler plugin renders it. */
export class ApiError extends Error {
  constructor (
    readonly status: number,
    readonly items: readonly ErrorItem[],
    readonly options: { headers?: Record<string, string>, plainJson?: boolean } = {},
  ) {
    super(items.map(i => i.message).join('; '))
    this.name = 'ApiError'
  }

  render (language: Language): { errors: AllegroError[] } {
    return {
      errors: this.items.map(item => ({
        code: item.code,
        message: item.message,
        details: item.details ?? null,
        path: item.path ?? null,
        userMessage: (item.userMessage ?? INVALID_DATA)[language],
        metadata: {},
      })),
    }
  }
}

/** An error in OAuth's shape, `{"error": ..., "error_description": ...}`: the token endpoints and the API's 401s. */
export class OAuthError extends Error {
  constructor (
    readonly status: number,
    readonly error: string,
    readonly description?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description ?? error)
    this.name = 'OAuthError'
  }

  render (): { error: string, error_description?: string } {
    return this.description === undefined ? { error: this.error } : { error: this.error, error_description: this.description }
  }
}

function bearerChallenge (error: string, description: string): Record<string, string> {
  return { 'WWW-Authenticate': `Bearer realm="oauth2-resource", error="${error}", error_description="${description}"` }
}

const unauthorized = (error: string, description: string) =>
  new OAuthError(401, error, description, bearerChallenge(error, description))

/** Every error the mock sends. Services throw these; nothing else builds error bodies. */
export const apiErrors = {
  // Transport: media types, JSON syntax, size.
  notAcceptable: () => new ApiError(406, [{
    code: 'NotAcceptableException',
    message: "Not acceptable representation requested. Please check 'Accept' request header",
  }], { plainJson: true }),
  unsupportedMediaType: () => new ApiError(415, [{
    code: 'NotSupportedException',
    message: "Unsupported content type. Please check 'Content-Type' request header",
  }], { plainJson: true }),
  malformedJson: (details: string) => new ApiError(400, [{ code: 'INVALID_JSON', message: 'Json processing error', details }]),
  badRequest: (message: string, path: string | null = null) => new ApiError(400, [{ code: 'VALIDATION_ERROR', message, path }]),
  payloadTooLarge: (message: string, limitBytes: number) => new ApiError(413, [{
    code: 'PayloadTooLargeException',
    message,
    userMessage: { pl: `Plik jest za duży (limit: ${limitBytes} bajtów).`, en: `The file is too big (limit: ${limitBytes} bytes).` },
  }]),

  // The HTTP layer: what Node's parser, its timeouts or Fastify's router refuse before any route runs.
  malformedRequest: (details: string) => new ApiError(400, [{
    code: 'BadRequestException',
    message: 'Malformed HTTP request',
    details,
    userMessage: MALFORMED_REQUEST,
  }], { plainJson: true }),
  badUrl: (path: string) => new ApiError(400, [{
    code: 'BadRequestException',
    message: `Malformed URL: '${path}' is not a valid url component`,
    userMessage: MALFORMED_REQUEST,
  }], { plainJson: true }),
  uriTooLong: (path: string) => new ApiError(414, [{
    code: 'URITooLongException',
    message: `A path segment of '${path.slice(0, 200)}${path.length > 200 ? '…' : ''}' is too long`,
    userMessage: MALFORMED_REQUEST,
  }], { plainJson: true }),
  headersTooLarge: (limitBytes: number) => new ApiError(431, [{
    code: 'RequestHeaderFieldsTooLargeException',
    message: `Request header fields too large (limit: ${limitBytes} bytes)`,
    userMessage: MALFORMED_REQUEST,
  }], { plainJson: true }),
  requestTimeout: () => new ApiError(408, [{
    code: 'RequestTimeoutException',
    message: 'The request was not received in time',
    userMessage: { pl: 'Przekroczono czas oczekiwania na żądanie.', en: 'The request timed out.' },
  }], { plainJson: true }),
  expectationFailed: (expect: string) => new ApiError(417, [{
    code: 'ExpectationFailedException',
    message: `Expectation '${expect.slice(0, 200)}' cannot be met; only 100-continue is supported`,
    userMessage: MALFORMED_REQUEST,
  }], { plainJson: true }),

  // Validation.
  invalid: (violations: readonly Violation[]) => new ApiError(422, violations),
  validation: (message: string, path: string | null) => new ApiError(422, [{ code: 'VALIDATION_ERROR', message, path }]),

  // Routing and resources.
  routeNotMocked: (method: string, url: string, nearest: readonly string[]) => new ApiError(404, [{
    code: 'RouteNotMockedException',
    message: `allegro-mock does not mock ${method} ${url}${nearest.length > 0 ? `. Nearest mocked operations: ${nearest.join('; ')}` : ''}`,
    details: nearest.length > 0 ? nearest.join('; ') : null,
    userMessage: { pl: 'Nie znaleziono zasobu.', en: 'The resource was not found.' },
  }]),
  notFound: (message: string, code = 'NOT_FOUND') => new ApiError(404, [{
    code,
    message,
    userMessage: { pl: 'Nie znaleziono zasobu.', en: 'The resource was not found.' },
  }]),
  accessDenied: (message = 'Access is denied') => new ApiError(403, [{
    code: 'AccessDenied',
    message,
    userMessage: { pl: 'Brak dostępu do zasobu.', en: 'You do not have access to this resource.' },
  }]),
  conflict: (message: string, code = 'CONFLICT') => new ApiError(409, [{ code, message }]),

  // Post Purchase Issues: a rule Allegro answers with 400 (the status change documents no 422); the disputes cut-over.
  refused: (violations: readonly Violation[]) => new ApiError(400, violations),
  notAClaim: (issueId: string) => new ApiError(400, [{
    code: 'VALIDATION_ERROR',
    message: `Issue ${issueId} is a dispute: a status change is not a valid operation for disputes`,
    path: 'issueId',
    userMessage: { pl: 'Status można zmienić tylko w reklamacji.', en: 'Only a claim\'s status can be changed.' },
  }]),
  featureUnavailable: () => new ApiError(404, [{
    code: 'NotFoundException',
    message: 'Feature unavailable. Contact the application author.',
    userMessage: { pl: 'Funkcja jest niedostępna. Skontaktuj się z autorem aplikacji.', en: 'Feature unavailable. Contact the application author.' },
  }], { plainJson: true }),
  internal: () => new ApiError(500, [{
    code: 'InternalServerErrorException',
    message: 'An unexpected error occurred in allegro-mock',
    userMessage: { pl: 'Wystąpił nieoczekiwany błąd.', en: 'An unexpected error occurred.' },
  }]),

  // Faults a tester asked for.
  rateLimited: () => new ApiError(429, [{
    code: 'RateLimitExceedException',
    message: 'An error has occurred',
    userMessage: { pl: 'Przekroczony limit zapytań.', en: 'Request limit exceeded.' },
  }]),
  injected: (status: number) => new ApiError(status, [{
    code: status >= 500 ? 'InternalServerErrorException' : 'InjectedFaultException',
    message: `Status ${status} injected through /__mock/faults`,
    userMessage: { pl: 'Wystąpił błąd. Spróbuj ponownie później.', en: 'An error occurred. Try again later.' },
  }]),

  // Bearer authentication on the API host (OAuth-shaped, as Allegro sends them).
  missingToken: () => unauthorized('unauthorized', 'Full authentication is required to access this resource'),
  unreadableToken: () => unauthorized('invalid_token', 'Cannot convert access token to JSON'),
  invalidToken: () => unauthorized('invalid_token', 'Invalid access token'),
  expiredToken: () => unauthorized('invalid_token', 'Access token expired'),

  // The OAuth endpoints.
  invalidClient: () => new OAuthError(401, 'invalid_client', 'Client authentication failed'),
  invalidGrant: (description: string) => new OAuthError(400, 'invalid_grant', description),
  invalidRequest: (description: string) => new OAuthError(400, 'invalid_request', description),
  unsupportedGrantType: (grantType: string) => new OAuthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`),
  invalidScope: (scope: string) => new OAuthError(400, 'invalid_scope', `Invalid scope: ${scope}`),
  devicePending: () => new OAuthError(400, 'authorization_pending'),
  deviceSlowDown: () => new OAuthError(400, 'slow_down'),
  deviceDenied: () => new OAuthError(400, 'access_denied'),
  deviceExpired: () => new OAuthError(400, 'expired_token', 'Device code expired'),
  invalidDeviceCode: () => new OAuthError(400, 'invalid_request', 'Invalid device code'),
}
