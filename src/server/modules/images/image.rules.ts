import { isIP } from 'node:net'
import type { Violation } from '../../core/violation.js'
import type { StoredImage } from './images.types.js'

/** How long an image not used in any offer is kept. Allegro does not publish the figure; the mock keeps a day. */
export const IMAGE_TTL_MS = 24 * 3600 * 1000

/** `POST /sale/images` with a link: http or https, and a domain name rather than an IP address. */
export function checkImageUrl (text: string): Violation[] {
  let url: URL | null = null
  try { url = new URL(text) } catch { url = null }
  const host = url?.hostname.replace(/^\[|\]$/g, '') ?? ''
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || isIP(host) !== 0 || !host.includes('.')) {
    return [{
      code: 'VALIDATION_ERROR',
      message: 'The image URL must use http or https and contain a domain name, not an IP address',
      path: 'url',
      userMessage: { pl: 'Nieprawidłowy adres zdjęcia.', en: 'Invalid image URL.' },
    }]
  }
  return []
}

/** An image is gone once it expired, unless one of its seller's offers uses it. */
export function isImageAvailable (image: StoredImage, now: Date, usedByAnOffer: boolean): boolean {
  return usedByAnOffer || now.getTime() < Date.parse(image.expiresAt)
}
