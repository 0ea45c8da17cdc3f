import type { Violation } from '../../core/violation.js'

/** Classified-ad title: at most 50 characters, entities counted at their encoded length (classified-ads guide). */
export const CLASSIFIED_TITLE_MAX = 50

const LETTERS = 'abcdefghijklmnopqrstuvwxyzäöüøòßáčěířšůúýžœæàâçéèêëîïôûùÿ€×ąćęłńóśźżµ⌀'
const DIGITS = '0123456789'
const SPECIALS = '!@[]#$%^&*{}()., /\\|?;~²³`\'’´"”„“″<>_\t:-=+…–°'
const ALLOWED = new Set([...LETTERS, ...DIGITS, ...SPECIALS])

// Characters Allegro stores as HTML entities, so they take more room in the title.
const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', "'": '&#39;' }

/** The title's length as Allegro counts it: `&` is `&amp;`, five characters. */
export function encodedTitleLength (title: string): number {
  return [...title].reduce((n, c) => n + (ENTITIES[c]?.length ?? 1), 0)
}

export function checkOfferTitle (title: string, path = 'name'): Violation[] {
  if (title.trim() === '') {
    return [{ code: 'VALIDATION_ERROR', message: 'The offer title may not be empty.', path, userMessage: { pl: 'Podaj tytuł ogłoszenia.', en: 'Enter the title.' } }]
  }
  const violations: Violation[] = []
  const rejected = [...new Set([...title].filter(c => !ALLOWED.has(c.toLowerCase())))]
  if (rejected.length > 0) {
    violations.push({
      code: 'VALIDATION_ERROR',
      message: `The offer title contains characters that are not allowed: ${rejected.join(' ')}`,
      path,
      userMessage: { pl: `Tytuł zawiera niedozwolone znaki: ${rejected.join(' ')}`, en: `The title contains characters that are not allowed: ${rejected.join(' ')}` },
    })
  }
  const length = encodedTitleLength(title)
  if (length > CLASSIFIED_TITLE_MAX) {
    violations.push({
      code: 'VALIDATION_ERROR',
      message: `The offer title is too long: ${length} characters counted with entities, at most ${CLASSIFIED_TITLE_MAX} allowed.`,
      path,
      userMessage: { pl: `Tytuł jest za długi (${length} z ${CLASSIFIED_TITLE_MAX} znaków).`, en: `The title is too long (${length} of ${CLASSIFIED_TITLE_MAX} characters).` },
    })
  }
  return violations
}
