import { beforeEach, expect, test } from 'vitest'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp, readState } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const send = (method: 'POST' | 'PUT', url: string, payload: unknown, bearer = token) =>
  t.app.inject({ method, url, headers: allegroHeaders(bearer), payload: JSON.stringify(payload) })
const get = (url: string, bearer = token) => t.app.inject({ method: 'GET', url, headers: allegroHeaders(bearer) })

const GUIDE_REQUEST = {
  name: 'Auta terenowe',
  emails: [{ address: 'test@test.pl/' }],
  phones: [{ number: '555-555-666' }, { number: '555555667' }],
}

test('the guide\'s POST creates a contact: 201, a UUID, phones normalised', async () => {
  const res = await send('POST', '/sale/offer-contacts', GUIDE_REQUEST)
  expect(res.statusCode).toBe(201)
  const contact = expectContract(res, 'createContactUsingPOST')
  expect(contact.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  expect(contact).toMatchObject({ name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '+48 55 555 56 66' }, { number: '+48 55 555 56 67' }] })
  expect(expectContract(await get(`/sale/offer-contacts/${contact.id}`), 'getContactUsingGET')).toEqual(contact)
})

test('the guide\'s GET /sale/offer-contacts lists its three contacts', async () => {
  const { contacts } = expectContract(await get('/sale/offer-contacts'), 'getListOfContactsUsingGET')
  expect(contacts).toEqual([
    { id: '0c046252-9559-4ecb-8ea3-879f60e46947', name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '+48 788 788 788' }, { number: '+48 75 575 57 55' }] },
    { id: 'af1ccfd7-2753-4ed3-bdda-c78eb14442ab', name: 'Auta osobowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '+48 55 555 57 77' }] },
    { id: '27869b31-048e-43a0-bdc0-52b922f278a5', name: 'Ciężarówki', emails: [{ address: 'test@test.pl/' }], phones: [] },
  ])
})

test('the guide\'s PUT replaces the whole contact and answers the guide\'s body', async () => {
  const res = await send('PUT', '/sale/offer-contacts/0c046252-9559-4ecb-8ea3-879f60e46947', {
    name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '555-555-777' }],
  })
  expect(res.statusCode).toBe(200)
  expect(expectContract(res, 'modifyContactUsingPUT')).toEqual({
    id: '0c046252-9559-4ecb-8ea3-879f60e46947', name: 'Auta terenowe', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '+48 55 555 57 77' }],
  })
  const emptied = expectContract(await send('PUT', '/sale/offer-contacts/0c046252-9559-4ecb-8ea3-879f60e46947', { name: 'Tylko nazwa' }), 'modifyContactUsingPUT')
  expect(emptied).toEqual({ id: '0c046252-9559-4ecb-8ea3-879f60e46947', name: 'Tylko nazwa', emails: [], phones: [] })
})

test.each([
  ['no name', { emails: [] }, 'name'],
  ['a name over 250 characters', { name: 'x'.repeat(251) }, 'name'],
  ['two e-mails', { name: 'x', emails: [{ address: 'a@b.pl' }, { address: 'c@d.pl' }] }, 'emails'],
  ['three phones', { name: 'x', phones: [{ number: '600100200' }, { number: '600100201' }, { number: '600100202' }] }, 'phones'],
  ['a bad e-mail', { name: 'x', emails: [{ address: 'not-an-email' }] }, 'emails[0].address'],
  ['a bad phone', { name: 'x', phones: [{ number: '12-34' }] }, 'phones[0].number'],
])('a contact with %s: 422 naming the field, nothing stored', async (_name, body, path) => {
  const res = await send('POST', '/sale/offer-contacts', body)
  expect(res.statusCode).toBe(422)
  expect(expectContract(res, 'createContactUsingPOST').errors.map((e: { path: string }) => e.path)).toContain(path)
  expect(readState(t.store, s => s.contacts.length)).toBe(3)
})

test('a bad PUT changes nothing', async () => {
  const res = await send('PUT', '/sale/offer-contacts/af1ccfd7-2753-4ed3-bdda-c78eb14442ab', { name: 'x', phones: [{ number: 'abc' }] })
  expect(res.statusCode).toBe(422)
  expectContract(res, 'modifyContactUsingPUT')
  expect(expectContract(await get('/sale/offer-contacts/af1ccfd7-2753-4ed3-bdda-c78eb14442ab'), 'getContactUsingGET').name).toBe('Auta osobowe')
})

test('at most 50 contacts per seller: the 51st is refused, another seller is not affected', async () => {
  for (let i = 0; i < 47; i++) expect((await send('POST', '/sale/offer-contacts', { name: `Kontakt ${i}` })).statusCode).toBe(201)
  const refused = await send('POST', '/sale/offer-contacts', { name: 'Jeden za dużo' })
  expect(refused.statusCode).toBe(422)
  expect(expectContract(refused, 'createContactUsingPOST').errors[0].message).toBe('You cannot have more than 50 contacts')
  expect(expectContract(await get('/sale/offer-contacts'), 'getListOfContactsUsingGET').contacts).toHaveLength(50)
  const other = await tokenFor(t.app, 'Seller_login2')
  expect((await send('POST', '/sale/offer-contacts', { name: 'Mój pierwszy' }, other)).statusCode).toBe(201)
})

test('isolation: another seller sees none of my contacts and cannot read or change them', async () => {
  const other = await tokenFor(t.app, 'Seller_login2')
  expect(expectContract(await get('/sale/offer-contacts', other), 'getListOfContactsUsingGET')).toEqual({ contacts: [] })
  const read = await get('/sale/offer-contacts/0c046252-9559-4ecb-8ea3-879f60e46947', other)
  expect(read.statusCode).toBe(403)
  expect(read.body).not.toContain('Auta terenowe')
  const write = await send('PUT', '/sale/offer-contacts/0c046252-9559-4ecb-8ea3-879f60e46947', { name: 'Przejęty' }, other)
  expect(write.statusCode).toBe(403)
  expectContract(write, 'modifyContactUsingPUT')
  expect(readState(t.store, s => s.contacts.find(c => c.id === '0c046252-9559-4ecb-8ea3-879f60e46947')!.name)).toBe('Auta terenowe')
})

test('an unknown contact is 404', async () => {
  const res = await get('/sale/offer-contacts/12f43efd-2369-480d-9f945178eeb9c663')
  expect(res.statusCode).toBe(404)
  expectContract(res, 'getContactUsingGET')
  expect((await send('PUT', '/sale/offer-contacts/00000000-0000-4000-8000-000000000000', { name: 'x' })).statusCode).toBe(404)
})
