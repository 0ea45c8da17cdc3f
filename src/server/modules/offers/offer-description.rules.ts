import type { Violation } from '../../core/violation.js'
import type { Offer } from './offers.types.js'

/** Limits of the classified-ads guide's "Opis ogłoszenia". */
export const DESCRIPTION_MAX_BYTES = 40_000
export const DESCRIPTION_MAX_SECTIONS = 100
export const SECTION_MAX_ITEMS = 2

const TAGS = new Set(['h1', 'h2', 'p', 'ul', 'ol', 'li', 'b'])
// Where each tag may open, by its parent element (null: at the top level of the content).
const PARENTS: Record<string, ReadonlyArray<string | null>> = {
  h1: [null], h2: [null], ul: [null], ol: [null],
  p: [null, 'li'],
  li: ['ul', 'ol'],
}

const invalid = (path: string, message: string, pl: string, en: string): Violation =>
  ({ code: 'VALIDATION_ERROR', message, path, userMessage: { pl, en } })

/** HTML problems of one TEXT item, per the guide's rules; an empty list when it is fine. */
export function checkDescriptionHtml (content: string): string[] {
  const problems: string[] = []
  const stack: string[] = []
  const tag = /<\s*(\/?)\s*([A-Za-z0-9]+)([^>]*)>/g
  let last = 0
  const textAt = (from: number, to: number) => {
    const text = content.slice(from, to).replace(/&[a-zA-Z#0-9]+;/g, 'x')
    if (text.trim() !== '' && stack.length === 0) problems.push('Text must be placed inside HTML tags')
    if (/[<>]/.test(text)) problems.push('Malformed HTML tag')
  }
  for (let match = tag.exec(content); match; match = tag.exec(content)) {
    textAt(last, match.index)
    last = tag.lastIndex
    const [, closing, rawName, rest] = match
    const name = rawName!
    if (name !== name.toLowerCase()) problems.push(`HTML tags must be lower-case: <${name}>`)
    const lower = name.toLowerCase()
    if (!TAGS.has(lower)) { problems.push(`The tag <${lower}> is not allowed`); continue }
    if (closing) {
      if (stack.at(-1) !== lower) { problems.push(`Unexpected closing tag </${lower}>`); continue }
      stack.pop()
      continue
    }
    if (rest!.trim().replace(/\/$/, '') !== '') problems.push(`HTML tags may not have attributes: <${lower}${rest}>`)
    if (stack.some(open => open === 'h1' || open === 'h2')) problems.push(`Nothing may be placed inside <${stack.find(o => o === 'h1' || o === 'h2')}>`)
    else if (lower === 'b' ? !stack.some(o => o === 'p' || o === 'ul' || o === 'ol') : !PARENTS[lower]!.includes(stack.at(-1) ?? null)) {
      problems.push(`The tag <${lower}> may not be placed ${stack.length ? `inside <${stack.at(-1)}>` : 'at the top level'}`)
    }
    stack.push(lower)
  }
  textAt(last, content.length)
  if (stack.length > 0) problems.push(`Unclosed tag <${stack.at(-1)}>`)
  return [...new Set(problems)]
}

/** The description: present, at most 40 000 bytes and 100 sections of one or two TEXT/IMAGE items, with the guide's HTML rules. */
export function checkDescription (description: Offer['description'], imageUrls: { has (value: string): boolean }): Violation[] {
  const sections = description?.sections ?? []
  if (sections.length === 0) {
    return [invalid('description', 'Please describe your offer.', 'Dodaj opis ogłoszenia.', 'Please describe your offer.')]
  }
  const violations: Violation[] = []
  if (sections.length > DESCRIPTION_MAX_SECTIONS) {
    violations.push(invalid('description.sections', `The description may have at most ${DESCRIPTION_MAX_SECTIONS} sections.`,
      `Opis może mieć najwyżej ${DESCRIPTION_MAX_SECTIONS} sekcji.`, `The description may have at most ${DESCRIPTION_MAX_SECTIONS} sections.`))
  }
  const bytes = Buffer.byteLength(JSON.stringify(sections), 'utf8')
  if (bytes > DESCRIPTION_MAX_BYTES) {
    violations.push(invalid('description', `The description is ${bytes} bytes long; at most ${DESCRIPTION_MAX_BYTES} are allowed.`,
      'Opis jest za długi.', 'The description is too long.'))
  }
  sections.forEach((section, i) => {
    const items = section.items ?? []
    if (items.length < 1 || items.length > SECTION_MAX_ITEMS) {
      violations.push(invalid(`description.sections[${i}].items`, `A section must have 1 or ${SECTION_MAX_ITEMS} items.`,
        'Sekcja opisu musi mieć jeden lub dwa elementy.', 'A description section needs one or two items.'))
    }
    items.forEach((item, j) => {
      const at = `description.sections[${i}].items[${j}]`
      if (item.type === 'TEXT') {
        const problems = checkDescriptionHtml(item.content ?? '')
        if ((item.content ?? '').trim() === '') problems.push('A TEXT item needs content')
        for (const problem of problems) {
          violations.push(invalid(`${at}.content`, `${problem}.`, 'Opis zawiera niedozwolony kod HTML.', `The description contains HTML that is not allowed: ${problem}.`))
        }
      } else if (item.type === 'IMAGE') {
        if (!item.url || !imageUrls.has(item.url)) {
          violations.push(invalid(`${at}.url`, 'An image in the description must be one of the offer\'s images.',
            'Zdjęcie w opisie musi pochodzić z galerii ogłoszenia.', 'An image in the description must be one of the offer\'s images.'))
        }
      } else {
        violations.push(invalid(`${at}.type`, `Unknown description item type ${String(item.type)}; use TEXT or IMAGE.`,
          'Nieznany typ elementu opisu.', 'Unknown description item type.'))
      }
    })
  })
  return violations
}
