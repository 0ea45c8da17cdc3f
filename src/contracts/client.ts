/**
 * A small typed client for the endpoints of Allegro's disputes and classified-ads guides: the example consumer of
 * the contract-testing kit. It speaks Allegro's conventions (vendor media type, bearer token, Location-header
 * uploads, asynchronous publication) and runs against Allegro, its sandbox or allegro-mock alike.
 */

export const VENDOR_JSON = 'application/vnd.allegro.public.v1+json'
/** The media type of Allegro's beta resources: the Post Purchase Issues API (`/sale/issues*`) takes and answers only this. */
export const VENDOR_JSON_BETA = 'application/vnd.allegro.beta.v1+json'

export interface AllegroClientOptions {
  /** The API host, e.g. `https://api.allegro.pl.allegrosandbox.pl` or allegro-mock's URL. */
  apiUrl: string
  /** The upload host for images (dispute attachments upload to the Location they are given). Defaults to apiUrl. */
  uploadUrl?: string
  /** The OAuth host, e.g. `https://allegro.pl.allegrosandbox.pl`. Defaults to apiUrl. */
  oauthUrl?: string
  /** The bearer token; `setToken` changes it later. */
  token?: string
  /** Accept-Language for `userMessage`s. */
  language?: string
  fetch?: typeof fetch
}

/** An answer with a status of 400 or more: `body` is Allegro's `{errors: [...]}` or OAuth's `{error, error_description}`. */
export class AllegroApiError extends Error {
  constructor (readonly status: number, readonly body: unknown, readonly traceId: string | null) {
    super(`Allegro answered ${status}: ${JSON.stringify(body)}`)
    this.name = 'AllegroApiError'
  }

  /** The `code` of the first Allegro error, or the OAuth `error`. */
  get code (): string | undefined {
    const body = this.body as { errors?: Array<{ code?: string }>, error?: string } | null
    return body?.errors?.[0]?.code ?? body?.error
  }
}

export interface TokenResponse { access_token: string, token_type: string, refresh_token?: string, expires_in: number, scope: string, jti: string }
export type PublicationAction = 'ACTIVATE' | 'END'
export interface PublicationTask { offer: { id: string }, status: 'NEW' | 'SUCCESS' | 'FAIL', message?: string, errors?: unknown[], scheduledAt?: string, finishedAt?: string }
export interface PublicationReport { id: string, createdAt?: string, completedAt?: string | null, taskCount: { total: number, success: number, failed: number } }

type Query = Record<string, string | number | readonly string[] | undefined>

function queryString (query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/**
 * @example
 * const allegro = createAllegroClient({ apiUrl: 'http://127.0.0.1:3000', token })
 * const { disputes } = await allegro.listDisputes({ status: ['ONGOING'] })
 * await allegro.postDisputeMessage(disputes[0].id, { text: 'Dzień dobry', type: 'REGULAR' })
 */
export function createAllegroClient (options: AllegroClientOptions) {
  const doFetch = options.fetch ?? fetch
  const api = options.apiUrl.replace(/\/$/, '')
  const upload = (options.uploadUrl ?? api).replace(/\/$/, '')
  const oauth = (options.oauthUrl ?? api).replace(/\/$/, '')
  let token = options.token

  async function call (method: string, url: string, init: { json?: unknown, body?: Uint8Array, contentType?: string, accept?: string | null, mediaType?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = {}
    if (init.accept !== null) headers.accept = init.accept ?? init.mediaType ?? VENDOR_JSON
    if (token) headers.authorization = `Bearer ${token}`
    if (options.language) headers['accept-language'] = options.language
    let body: BodyInit | undefined
    if (init.json !== undefined) {
      headers['content-type'] = init.mediaType ?? VENDOR_JSON
      body = JSON.stringify(init.json)
    } else if (init.body) {
      headers['content-type'] = init.contentType ?? 'application/octet-stream'
      body = new Uint8Array(init.body)
    }
    const response = await doFetch(url, { method, headers, body })
    if (response.status >= 400) {
      const text = await response.text()
      let parsed: unknown = text
      try { parsed = JSON.parse(text) } catch { /* not JSON: keep the text */ }
      throw new AllegroApiError(response.status, parsed, response.headers.get('trace-id'))
    }
    return response
  }

  const json = async <T>(method: string, path: string, init: { json?: unknown, query?: Query, mediaType?: string } = {}): Promise<T> => {
    const response = await call(method, `${api}${path}${queryString(init.query)}`, { json: init.json, mediaType: init.mediaType })
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  const client = {
    setToken (next: string) { token = next },

    /** `POST /auth/oauth/token`: any grant, with Basic client authentication when a secret is given. */
    async token (params: Record<string, string>, credentials?: { clientId: string, clientSecret?: string }): Promise<TokenResponse> {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
      if (credentials?.clientSecret) headers.authorization = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`
      const response = await doFetch(`${oauth}/auth/oauth/token`, { method: 'POST', headers, body: new URLSearchParams(params).toString() })
      const body = await response.json() as TokenResponse
      if (response.status >= 400) throw new AllegroApiError(response.status, body, response.headers.get('trace-id'))
      return body
    },

    // Disputes
    listDisputes: (query: { limit?: number, offset?: number, 'checkoutForm.id'?: string, status?: string[] } = {}) =>
      json<{ disputes: Array<Record<string, any>> }>('GET', '/sale/disputes', { query }),
    getDispute: (disputeId: string) => json<Record<string, any>>('GET', `/sale/disputes/${disputeId}`),
    listDisputeMessages: (disputeId: string, query: { limit?: number, offset?: number } = {}) =>
      json<{ messages: Array<Record<string, any>> }>('GET', `/sale/disputes/${disputeId}/messages`, { query }),
    postDisputeMessage: (disputeId: string, message: { type: string, text?: string, attachment?: { id: string } }) =>
      json<Record<string, any>>('POST', `/sale/disputes/${disputeId}/messages`, { json: message }),

    /** Declares an attachment; answers its id and the one-time upload URL from the Location header. */
    async declareAttachment (declaration: { fileName: string, size: number }): Promise<{ id: string, location: string }> {
      const response = await call('POST', `${api}/sale/dispute-attachments`, { json: declaration })
      const { id } = await response.json() as { id: string }
      return { id, location: response.headers.get('location') ?? '' }
    },
    /** Uploads to the URL `declareAttachment` answered; never compose it yourself. */
    async uploadAttachment (location: string, bytes: Uint8Array, contentType: string): Promise<void> {
      await call('PUT', location, { body: bytes, contentType })
    },
    async downloadAttachment (attachmentId: string): Promise<{ contentType: string, bytes: Buffer }> {
      const response = await call('GET', `${api}/sale/dispute-attachments/${attachmentId}`, { accept: null })
      return { contentType: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) }
    },

    // Post Purchase Issues (the successor of the disputes API): disputes and claims, in the beta media type
    listIssues: (query: { limit?: number, offset?: number, 'checkoutForm.id'?: string, status?: string[] } = {}) =>
      json<{ issues: Array<Record<string, any>> }>('GET', '/sale/issues', { query, mediaType: VENDOR_JSON_BETA }),
    getIssue: (issueId: string) => json<Record<string, any>>('GET', `/sale/issues/${issueId}`, { mediaType: VENDOR_JSON_BETA }),
    getIssueChat: (issueId: string, query: { limit?: number, offset?: number } = {}) =>
      json<{ chat: Array<Record<string, any>> }>('GET', `/sale/issues/${issueId}/chat`, { query, mediaType: VENDOR_JSON_BETA }),
    postIssueMessage: (issueId: string, message: { type: string, text?: string, attachments?: Array<{ id: string }> }) =>
      json<Record<string, any>>('POST', `/sale/issues/${issueId}/message`, { json: message, mediaType: VENDOR_JSON_BETA }),
    /** Accepts or rejects a claim (200, no body); a dispute, or a claim already decided, is refused with 400. */
    changeClaimStatus: (issueId: string, change: { status: string, message: string, partialRefund?: { amount: string, currency: string } }) =>
      json<void>('POST', `/sale/issues/${issueId}/status`, { json: change, mediaType: VENDOR_JSON_BETA }),
    async declareIssueAttachment (declaration: { fileName: string, size: number }): Promise<{ id: string, location: string }> {
      const response = await call('POST', `${api}/sale/issues/attachments`, { json: declaration, mediaType: VENDOR_JSON_BETA })
      const { id } = await response.json() as { id: string }
      return { id, location: response.headers.get('location') ?? '' }
    },
    /** Uploads to the URL `declareIssueAttachment` answered; answers the attachment's id. */
    async uploadIssueAttachment (location: string, bytes: Uint8Array, contentType: string): Promise<{ id: string }> {
      const response = await call('PUT', location, { body: bytes, contentType, accept: VENDOR_JSON_BETA })
      return await response.json() as { id: string }
    },
    async downloadIssueAttachment (attachmentId: string): Promise<{ contentType: string, bytes: Buffer }> {
      const response = await call('GET', `${api}/sale/issues/attachments/${attachmentId}`, { accept: null })
      return { contentType: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) }
    },

    // Orders
    listCheckoutForms: (query: Query = {}) => json<{ checkoutForms: Array<Record<string, any>>, count: number, totalCount: number }>('GET', '/order/checkout-forms', { query }),
    getCheckoutForm: (id: string) => json<Record<string, any>>('GET', `/order/checkout-forms/${id}`),

    // Contacts
    createContact: (contact: Record<string, unknown>) => json<Record<string, any>>('POST', '/sale/offer-contacts', { json: contact }),
    listContacts: () => json<{ contacts: Array<Record<string, any>> }>('GET', '/sale/offer-contacts'),
    getContact: (id: string) => json<Record<string, any>>('GET', `/sale/offer-contacts/${id}`),
    replaceContact: (id: string, contact: Record<string, unknown>) => json<Record<string, any>>('PUT', `/sale/offer-contacts/${id}`, { json: contact }),

    // Categories and packages
    listCategories: (parentId?: string) => json<{ categories: Array<Record<string, any>> }>('GET', '/sale/categories', { query: { 'parent.id': parentId } }),
    getCategory: (id: string) => json<Record<string, any>>('GET', `/sale/categories/${id}`),
    getCategoryParameters: (id: string) => json<{ parameters: Array<Record<string, any>> }>('GET', `/sale/categories/${id}/parameters`),
    listPackages: (categoryId: string) => json<{ packages: Array<Record<string, any>> }>('GET', '/sale/classifieds-packages', { query: { 'category.id': categoryId } }),
    getPackage: (id: string) => json<Record<string, any>>('GET', `/sale/classifieds-packages/${id}`),
    getOfferPackages: (offerId: string) => json<{ basePackage: { id: string }, extraPackages: Array<{ id: string, republish?: boolean }> }>('GET', `/sale/offer-classifieds-packages/${offerId}`),
    assignPackages: (offerId: string, packages: { basePackage: { id: string }, extraPackages?: Array<{ id: string }> }) =>
      json<void>('PUT', `/sale/offer-classifieds-packages/${offerId}`, { json: packages }),

    // Images
    async uploadImageFromUrl (url: string): Promise<{ location: string, expiresAt: string }> {
      const response = await call('POST', `${upload}/sale/images`, { json: { url } })
      return await response.json() as { location: string, expiresAt: string }
    },
    async uploadImage (bytes: Uint8Array, contentType: 'image/jpeg' | 'image/png' | 'image/webp'): Promise<{ location: string, expiresAt: string }> {
      const response = await call('POST', `${upload}/sale/images`, { body: bytes, contentType })
      return await response.json() as { location: string, expiresAt: string }
    },

    // Offers and fees
    createOffer: (offer: Record<string, unknown>) => json<Record<string, any>>('POST', '/sale/offers', { json: offer }),
    getOffer: (offerId: string) => json<Record<string, any>>('GET', `/sale/offers/${offerId}`),
    replaceOffer: (offerId: string, offer: Record<string, unknown>) => json<Record<string, any>>('PUT', `/sale/offers/${offerId}`, { json: offer }),
    feePreview: (request: Record<string, unknown>) => json<{ commissions: unknown[], quotes: Array<Record<string, any>> }>('POST', '/pricing/offer-fee-preview', { json: request }),

    // Publication
    publish: (commandId: string, action: PublicationAction, offerIds: string[], scheduledFor?: string) =>
      json<PublicationReport>('PUT', `/sale/offer-publication-commands/${commandId}`, {
        json: { publication: { action, ...(scheduledFor ? { scheduledFor } : {}) }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: offerIds.map(id => ({ id })) }] },
      }),
    getPublicationReport: (commandId: string) => json<PublicationReport>('GET', `/sale/offer-publication-commands/${commandId}`),
    getPublicationTasks: (commandId: string, query: { limit?: number, offset?: number } = {}) =>
      json<{ tasks: PublicationTask[] }>('GET', `/sale/offer-publication-commands/${commandId}/tasks`, { query }),

    /**
     * Polls a command's tasks until none is NEW. `wait` sleeps between polls; tests pass one that moves a manual clock.
     * @example const tasks = await allegro.waitForTasks(commandId, { wait: () => sleep(1000) }) // sleep from node:timers/promises
     */
    async waitForTasks (commandId: string, options: { wait: () => Promise<void>, attempts?: number }): Promise<PublicationTask[]> {
      for (let attempt = 0; attempt < (options.attempts ?? 60); attempt++) {
        const { tasks } = await client.getPublicationTasks(commandId)
        if (tasks.length > 0 && tasks.every(t => t.status !== 'NEW')) return tasks
        await options.wait()
      }
      throw new Error(`Tasks of command ${commandId} are still NEW`)
    },

    // Statistics
    sellerStats: (query: { 'date.gte'?: string, 'date.lte'?: string } = {}) => json<Record<string, any>>('GET', '/sale/classified-seller-stats', { query }),
    offersStats: (offerIds: string[], query: { 'date.gte'?: string, 'date.lte'?: string } = {}) =>
      json<{ offerStats: Array<Record<string, any>> }>('GET', '/sale/classified-offers-stats', { query: { 'offer.id': offerIds, ...query } }),
  }
  return client
}

export type AllegroClient = ReturnType<typeof createAllegroClient>
