const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

/** An ISO 8601 day/time duration in ms: `PT1H30M` → 5 400 000, `PT960H` → 3 456 000 000; null when it is not one. */
export function durationMs (text: string): number | null {
  const m = ISO_DURATION.exec(text)
  if (!m || text === 'P' || text.endsWith('T')) return null
  const [, d = '0', h = '0', min = '0', s = '0'] = m
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Math.round(Number(s) * 1000)
}
