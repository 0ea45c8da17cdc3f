/** How deep request JSON may nest. Allegro's deepest documented body (an offer) stays under 10 levels. */
export const MAX_JSON_DEPTH = 64

/** True when `text` (JSON) nests objects and arrays deeper than `limit`; brackets inside strings do not count. */
export function nestsDeeperThan (text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) {
      inString = true
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return true
    } else if (c === 125 || c === 93) {
      depth--
    }
  }
  return false
}
