/** A broken rule, as pure rule functions report it. Rendered as an Allegro error (422) or a task's FAIL message. */
export interface Violation {
  code: string
  /** English, for developers (Allegro's `message`). */
  message: string
  /** The offending field in Allegro's dotted form, e.g. `sellingMode.price.amount`; null when not about one field. */
  path: string | null
  /** Polish and English text for the seller (Allegro's `userMessage`). */
  userMessage: Localized
}

export interface Localized { pl: string, en: string }

export type Language = 'pl' | 'en'

/** Allegro answers in Polish by default; `Accept-Language: en-US` (or any non-Polish tag) switches to English. */
export function languageOf (acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'pl'
  return acceptLanguage.trim().toLowerCase().startsWith('pl') ? 'pl' : 'en'
}

/** Converts an ajv instance path (`/parameters/0/id`) to Allegro's form (`parameters[0].id`). */
export function toAllegroPath (instancePath: string, extra?: string): string | null {
  const parts = instancePath.split('/').filter(Boolean).map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (extra) parts.push(extra)
  let out = ''
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : (out ? `.${part}` : part)
  return out || null
}
