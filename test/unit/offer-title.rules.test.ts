import { expect, test } from 'vitest'
import { checkOfferTitle, encodedTitleLength } from '../../src/server/modules/offers/offer-title.rules.js'

test.each([
  ['BMW X5 e53'],
  ['Żółć gęślą jaźń: Ą Ć Ę Ł Ń Ó Ś Ź Ż'],
  ['Mieszkanie 3 pokoje – 64 m², 2. piętro (Poznań)'],
  ['Cena 100% do negocjacji! #okazja @Jeżyce ~ [pilne]'],
  ['x'.repeat(50)],
  ['a & b'],
])('%j is a valid title', (title) => {
  expect(checkOfferTitle(title)).toEqual([])
})

test('entities count at their encoded length: & is five characters', () => {
  expect(encodedTitleLength('a & b')).toBe(9)
  expect(encodedTitleLength('"<>\'')).toBe(6 + 4 + 4 + 5)
  expect(checkOfferTitle(`${'x'.repeat(42)} & b`)).toEqual([])
  const tooLong = checkOfferTitle(`${'x'.repeat(43)} & b`)
  expect(tooLong).toHaveLength(1)
  expect(tooLong[0]).toMatchObject({ path: 'name', message: 'The offer title is too long: 51 characters counted with entities, at most 50 allowed.' })
})

test.each([
  ['emoji', 'Super auto 🚗', '🚗'],
  ['Cyrillic', 'Квартира в центре', 'К'],
  ['a currency sign not on the list', 'Cena 100 £', '£'],
  ['a non-breaking space', 'BMW\u00a0X5', '\u00a0'],
])('a title with %s is refused, naming the character', (_name, title, character) => {
  const [violation] = checkOfferTitle(title)
  expect(violation!.path).toBe('name')
  expect(violation!.message).toContain(character)
})

test('a blank title is refused', () => {
  expect(checkOfferTitle('   ')[0]!.message).toBe('The offer title may not be empty.')
})
