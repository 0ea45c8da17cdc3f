// Every request the dashboard makes, in one place. Each carries `X-Allegro-Mock-Client: dashboard`, so the mock
// can tell the dashboard's own reads from client traffic (faults, rate limit and the request journal skip them).
// Allegro's API is called as the chosen scenario seller, with that seller's token; /__mock for what only a tester
// can do (the buyer's side, the clock, faults).
import { language } from './i18n.js'

export const VND = 'application/vnd.allegro.public.v1+json'
/** The media type of Allegro's beta resources (`/sale/issues*`), for Accept and for JSON bodies. */
export const BETA = 'application/vnd.allegro.beta.v1+json'
export const CLIENT_HEADER = 'X-Allegro-Mock-Client'

const session = { seller: null, token: null }

/** A refused request: `status`, and Allegro's `errors` (each with path, message, userMessage) when it sent them. */
export class RequestError extends Error {
  constructor (status, errors, message) {
    super(message)
    this.status = status
    this.errors = errors
  }
}

function send (path, { method = 'GET', headers = {}, body } = {}) {
  return fetch(path, { method, headers: { [CLIENT_HEADER]: 'dashboard', ...headers }, body })
}

async function parse (response) {
  const text = await response.text()
  let body
  try { body = text ? JSON.parse(text) : undefined } catch { body = undefined }
  if (!response.ok) {
    const errors = Array.isArray(body?.errors) ? body.errors : []
    const message = errors.length
      ? errors.map(e => e.userMessage || e.message).join('; ')
      : body?.error_description ?? body?.message ?? `HTTP ${response.status}`
    throw new RequestError(response.status, errors, message)
  }
  return body
}

/** A /__mock call with a plain JSON body. */
async function control (method, path, body) {
  const json = body !== undefined && !(body instanceof Blob)
  return parse(await send(path, {
    method,
    headers: json ? { 'content-type': 'application/json' } : body ? { 'content-type': body.type || 'application/json' } : {},
    body: json ? JSON.stringify(body) : body,
  }))
}

function allegroHeaders (extra = {}, media = VND) {
  return { accept: media, authorization: `Bearer ${session.token}`, 'accept-language': language() === 'pl' ? 'pl-PL' : 'en-US', ...extra }
}

/** Calls Allegro's API as the chosen seller; a token the mock no longer takes (after a reset) is renewed once. */
async function allegro (method, path, body, { raw = false, media = VND } = {}) {
  const request = () => send(path, {
    method,
    headers: allegroHeaders(body === undefined ? {} : { 'content-type': raw ? body.type : media }, media),
    body: body === undefined || raw ? body : JSON.stringify(body),
  })
  let response = await request()
  if (response.status === 401 && session.seller) {
    await useSeller(session.seller)
    response = await request()
  }
  return parse(response)
}

/** Bytes the API serves with the seller's token (attachments, images), as a Blob. */
async function download (path, authorized = true) {
  const response = await send(path, { headers: authorized ? { authorization: `Bearer ${session.token}` } : {} })
  if (!response.ok) throw new RequestError(response.status, [], `HTTP ${response.status}`)
  return response.blob()
}

/** Base64 of any number of bytes: encoded in slices, since spreading a large array into one call overflows the stack. */
export function toBase64 (bytes) {
  const SLICE = 0x8000
  let binary = ''
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + SLICE))
  return btoa(binary)
}

/** A File as the buyer simulator takes it: name, type and base64 bytes. */
export async function fileForSimulator (file) {
  return { fileName: file.name, contentType: file.type, base64: toBase64(new Uint8Array(await file.arrayBuffer())) }
}

export const currentSeller = () => session.seller

/** Switches to a seller: later Allegro calls use a fresh token of theirs. */
export async function useSeller (login) {
  const response = await send(`/__mock/sellers/${encodeURIComponent(login)}/token`)
  if (!response.ok) throw new RequestError(response.status, [], `HTTP ${response.status}`)
  session.seller = login
  session.token = await response.text()
}

const enc = encodeURIComponent
const seller = () => enc(session.seller)

// The mock's control API (/__mock)
export const mock = {
  sellers: () => control('GET', '/__mock/sellers'),
  addSeller: (body) => control('POST', '/__mock/sellers', body),
  offers: () => control('GET', `/__mock/sellers/${seller()}/offers`),
  commands: () => control('GET', `/__mock/sellers/${seller()}/publication-commands`),
  clock: () => control('GET', '/__mock/clock'),
  advanceClock: (by) => control('POST', '/__mock/clock/advance', { by }),
  scenarios: () => control('GET', '/__mock/scenarios'),
  reset: (scenario) => control('POST', '/__mock/reset', scenario ? { scenario } : {}),
  snapshot: () => download('/__mock/snapshot', false),
  importSnapshot: (file) => control('PUT', '/__mock/snapshot', new Blob([file], { type: 'application/json' })),
  faults: () => control('GET', '/__mock/faults'),
  failTasks: (body) => control('POST', '/__mock/faults/tasks', body),
  failResponses: (body) => control('POST', '/__mock/faults/responses', body),
  slowDown: (body) => control('POST', '/__mock/faults/latency', body),
  rateLimit: (body) => control('POST', '/__mock/faults/rate-limit', body),
  clearFaults: () => control('DELETE', '/__mock/faults'),
  openDispute: (body) => control('POST', '/__mock/disputes', body),
  writeAs: (disputeId, body) => control('POST', `/__mock/disputes/${enc(disputeId)}/messages`, body),
  setDisputeStatus: (disputeId, status) => control('POST', `/__mock/disputes/${enc(disputeId)}/status`, { status }),
  recordEvent: (offerId, eventType) => control('POST', `/__mock/offers/${enc(offerId)}/events`, { eventType }),
  openClaim: (body) => control('POST', '/__mock/claims', body),
  writeInIssue: (issueId, body) => control('POST', `/__mock/issues/${enc(issueId)}/messages`, body),
  /** Allegro's side of an issue: `{ status }` of a dispute; `{ status, decision }` or `{ chatActive }` of a claim. */
  setIssueState: (issueId, body) => control('POST', `/__mock/issues/${enc(issueId)}/status`, body),
}

const beta = { media: BETA }

// Allegro's API, as the chosen seller
export const allegroApi = {
  disputes: () => allegro('GET', '/sale/disputes?limit=100'),
  dispute: (id) => allegro('GET', `/sale/disputes/${enc(id)}`),
  messages: (id) => allegro('GET', `/sale/disputes/${enc(id)}/messages?limit=100`),
  reply: (id, text) => allegro('POST', `/sale/disputes/${enc(id)}/messages`, { type: 'REGULAR', text }),
  attachment: (id) => download(`/sale/dispute-attachments/${enc(id)}`),
  checkoutForms: () => allegro('GET', '/order/checkout-forms?limit=100'),

  issues: () => allegro('GET', '/sale/issues?limit=100', undefined, beta),
  issue: (id) => allegro('GET', `/sale/issues/${enc(id)}`, undefined, beta),
  issueChat: (id) => allegro('GET', `/sale/issues/${enc(id)}/chat?limit=100`, undefined, beta),
  postIssueMessage: (id, body) => allegro('POST', `/sale/issues/${enc(id)}/message`, body, beta),
  /** The seller's decision on a claim: `{ status, message, partialRefund? }`; answers 200 with no body. */
  decideClaim: (id, body) => allegro('POST', `/sale/issues/${enc(id)}/status`, body, beta),
  declareIssueAttachment: (fileName, size) => allegro('POST', '/sale/issues/attachments', { fileName, size }, beta),
  /** PUT of the declared file's own bytes, in its own content type. */
  uploadIssueAttachment: (id, file) => allegro('PUT', `/sale/issues/attachments/${enc(id)}`, file, { raw: true, media: BETA }),
  issueAttachment: (id) => download(`/sale/issues/attachments/${enc(id)}`),

  categories: (parentId) => allegro('GET', parentId ? `/sale/categories?parent.id=${enc(parentId)}` : '/sale/categories'),
  category: (id) => allegro('GET', `/sale/categories/${enc(id)}`),
  parameters: (categoryId) => allegro('GET', `/sale/categories/${enc(categoryId)}/parameters`),
  packagesFor: (categoryId) => allegro('GET', `/sale/classifieds-packages?category.id=${enc(categoryId)}`),

  offer: (id) => allegro('GET', `/sale/offers/${enc(id)}`),
  createOffer: (body) => allegro('POST', '/sale/offers', body),
  updateOffer: (id, body) => allegro('PUT', `/sale/offers/${enc(id)}`, body),
  packagesOf: (offerId) => allegro('GET', `/sale/offer-classifieds-packages/${enc(offerId)}`),
  assignPackages: (offerId, body) => allegro('PUT', `/sale/offer-classifieds-packages/${enc(offerId)}`, body),
  /** PUT /sale/offer-publication-commands/{new UUID}; `scheduledFor` (ISO) only with ACTIVATE. */
  publish: (action, offerIds, scheduledFor) => allegro('PUT', `/sale/offer-publication-commands/${crypto.randomUUID()}`, {
    publication: { action, ...(scheduledFor ? { scheduledFor } : {}) },
    offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: offerIds.map(id => ({ id })) }],
  }),
  tasks: (commandId) => allegro('GET', `/sale/offer-publication-commands/${enc(commandId)}/tasks?limit=100`),

  /** POST /sale/images with the file's own bytes (sent as a Blob, never re-encoded). */
  uploadImage: (file) => allegro('POST', '/sale/images', file, { raw: true }),
  uploadImageByUrl: (url) => allegro('POST', '/sale/images', { url }),
  /** An image the mock serves (an uploaded one), as a Blob. */
  image: (url) => download(url, false),

  contacts: () => allegro('GET', '/sale/offer-contacts'),
  createContact: (body) => allegro('POST', '/sale/offer-contacts', body),
  updateContact: (id, body) => allegro('PUT', `/sale/offer-contacts/${enc(id)}`, body),

  sellerStats: () => allegro('GET', '/sale/classified-seller-stats'),
}
