import { describe, expect, test } from 'vitest'
import { checkContact, contactLimitReached, normalisePhone } from '../../src/server/modules/contacts/contact.rules.js'

describe('phone numbers are written as Allegro shows them', () => {
  test.each([
    ['555-555-777', '+48 55 555 57 77'],
    ['555555667', '+48 55 555 56 67'],
    ['788788788', '+48 788 788 788'],
    ['+48 788-788-788', '+48 788 788 788'],
    ['0048757555755', '+48 75 755 57 55'],
    ['48 600 100 200', '+48 600 100 200'],
    ['(22) 555 66 77', '+48 22 555 66 77'],
    ['+49 30 1234567', '+49301234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected)
  })

  test.each([['12345'], ['phone me'], ['+48 123'], ['5555556667777'], [''], ['+1 2']])('%j is not a phone number', (input) => {
    expect(normalisePhone(input)).toBeNull()
  })
})

describe('contact checks', () => {
  test('the guide\'s request is valid and its phones come back normalised', () => {
    const { contact, violations } = checkContact({
      name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '555-555-666' }, { number: '555555667' }],
    })
    expect(violations).toEqual([])
    expect(contact).toEqual({ name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '+48 55 555 56 66' }, { number: '+48 55 555 56 67' }] })
  })

  test.each([
    [{ emails: [] }, ['name']],
    [{ name: '   ' }, ['name']],
    [{ name: 'x', emails: [{ address: 'nope' }] }, ['emails[0].address']],
    [{ name: 'x', emails: [{ address: `${'a'.repeat(65)}@test.pl` }] }, ['emails[0].address']],
    [{ name: 'x', phones: [{ number: '123' }, { number: '600100200' }] }, ['phones[0].number']],
    [{ name: 'x', phones: [{}] }, ['phones[0].number']],
  ])('%j breaks %j', (request, paths) => {
    expect(checkContact(request).violations.map(v => v.path)).toEqual(paths)
  })

  test('the 51st contact is one too many', () => {
    expect(contactLimitReached(49)).toEqual([])
    expect(contactLimitReached(50)[0]!.message).toBe('You cannot have more than 50 contacts')
  })
})
