import { beforeEach, expect, test } from 'vitest'
import { ROOT_CATEGORY_ID } from '../../src/fixtures/catalogue.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

const get = (url: string, bearer = token) => t.app.inject({ method: 'GET', url, headers: allegroHeaders(bearer) })

test('the guide\'s GET /sale/categories?parent.id=4032 lists BMW series as leaves that take ads', async () => {
  const body = expectContract(await get('/sale/categories?parent.id=4032'), 'getCategoriesUsingGET')
  expect(body.categories.map((c: { id: string }) => c.id)).toEqual(['249626', '146805', '57968', '257150'])
  expect(body.categories[0]).toEqual({
    id: '249626', name: 'Seria 2', parent: { id: '4032' }, leaf: true,
    options: {
      variantsByColorPatternAllowed: true, advertisement: true, advertisementPriceOptional: false,
      offersWithProductPublicationEnabled: false, productCreationEnabled: false,
    },
  })
})

test('without parent.id (or with the root id) the main categories come back, parent null', async () => {
  const main = expectContract(await get('/sale/categories'), 'getCategoriesUsingGET')
  expect(main.categories.map((c: { name: string }) => c.name)).toEqual(['Motoryzacja', 'Nieruchomości', 'Usługi', 'Elektronika'])
  expect(main.categories.every((c: { parent: unknown, leaf: boolean }) => c.parent === null && !c.leaf)).toBe(true)
  expect(expectContract(await get(`/sale/categories?parent.id=${ROOT_CATEGORY_ID}`), 'getCategoriesUsingGET')).toEqual(main)
})

test('walking from a main category down to a leaf', async () => {
  let id = '3'
  const path: string[] = []
  for (;;) {
    const category = expectContract(await get(`/sale/categories/${id}`), 'getCategoryUsingGET_1')
    path.push(category.name)
    if (category.leaf) break
    const children = expectContract(await get(`/sale/categories?parent.id=${id}`), 'getCategoriesUsingGET').categories
    expect(children.length).toBeGreaterThan(0)
    id = children[children.length - 1].id
  }
  expect(path).toEqual(['Motoryzacja', 'Samochody', 'Ciężarowe'])
})

test('an unknown category or parent is 404', async () => {
  for (const url of ['/sale/categories?parent.id=999999', '/sale/categories/999999', '/sale/categories/999999/parameters']) {
    const res = await get(url)
    expect(res.statusCode, url).toBe(404)
    expect(res.json().errors[0].code).toBe('NOT_FOUND')
  }
})

test('the guide\'s parameters of 57968: Stan, Rok produkcji, Numer VIN with their restrictions', async () => {
  const { parameters } = expectContract(await get('/sale/categories/57968/parameters'), 'getFlatParametersUsingGET_2')
  const byId = Object.fromEntries(parameters.map((p: { id: string }) => [p.id, p]))
  expect(byId['11323']).toMatchObject({
    name: 'Stan', type: 'dictionary', required: true, unit: null, restrictions: { multipleChoices: false },
    dictionary: [{ id: '11323_1', value: 'Nowy' }, { id: '11323_2', value: 'Używany' }, { id: '11323_238062', value: 'Uszkodzony' }],
  })
  expect(byId['1']).toMatchObject({ name: 'Rok produkcji', type: 'integer', required: true, restrictions: { min: 1900, max: 2100, range: false } })
  expect(byId['215898']).toMatchObject({ name: 'Numer VIN', type: 'string', required: false, restrictions: { minLength: 12, maxLength: 17, allowedNumberOfValues: 1 } })
  for (const id of ['4', '5', '14', '12', '128789', '3', '178']) expect(byId[id], id).toBeDefined()
  expect(parameters.filter((p: { required: boolean }) => p.required).map((p: { name: string }) => p.name))
    .toEqual(['Stan', 'Rok produkcji', 'Przebieg', 'Pojemność silnika', 'Liczba drzwi', 'Kolor', 'Uszkodzony'])
})

test('every parameter type appears, with restrictions as data', async () => {
  const types = new Map<string, unknown>()
  for (const category of ['57968', '112740', '250108']) {
    for (const p of expectContract(await get(`/sale/categories/${category}/parameters`), 'getFlatParametersUsingGET_2').parameters) {
      types.set(`${p.type}${p.restrictions.multipleChoices ? '+multiple' : ''}${p.restrictions.range ? '+range' : ''}`, p.restrictions)
    }
  }
  expect([...types.keys()].sort()).toEqual(['dictionary', 'dictionary+multiple', 'float', 'float+range', 'integer', 'integer+range', 'string'])
  expect(types.get('float+range')).toEqual({ min: 1, max: 100000, range: true, precision: 2 })
})

test('a category above the leaves has no parameters', async () => {
  expect(expectContract(await get('/sale/categories/4032/parameters'), 'getFlatParametersUsingGET_2')).toEqual({ parameters: [] })
})

test('packages for a car category: BASE and EXTRA with durations, promotions and extensions', async () => {
  const { packages } = expectContract(await get('/sale/classifieds-packages?category.id=57968'), 'getClassifiedPackageConfigurationsForCategoryUsingGET')
  expect(packages.find((p: { id: string }) => p.id === '6174be19-56f9-484b-b72c-43b0b00785e8')).toEqual({
    id: '6174be19-56f9-484b-b72c-43b0b00785e8', type: 'BASE', name: 'Podstawowy', publication: { duration: 'PT960H' },
    promotions: [{ name: 'bold', duration: 'PT240H' }, { name: 'emphasized', duration: 'PT120H' }],
    extensions: [{ name: 'autocentrumExport', description: 'Eksport ogłoszenia do autocentrum' }],
  })
  expect(packages.filter((p: { type: string }) => p.type === 'EXTRA').map((p: { id: string }) => p.id)).toContain('3174be19-56f9-484b-b72c-43b0b00785e8')
})

test('packages differ per category branch', async () => {
  const ids = async (category: string) => expectContract(await get(`/sale/classifieds-packages?category.id=${category}`), 'getClassifiedPackageConfigurationsForCategoryUsingGET')
    .packages.filter((p: { type: string }) => p.type === 'BASE').map((p: { name: string }) => p.name)
  expect(await ids('57968')).toEqual(['Podstawowy', 'Power'])
  expect(await ids('112740')).toEqual(['Standard', 'Premium'])
  expect(await ids('250108')).toEqual(['Ogłoszenie usługi'])
})

test('packages need a known leaf that takes ads: 400 otherwise; category.id is required', async () => {
  for (const query of ['category.id=999', 'category.id=348', 'category.id=4032']) {
    const res = await get(`/sale/classifieds-packages?${query}`)
    expect(res.statusCode, query).toBe(400)
    expect(expectContract(res, 'getClassifiedPackageConfigurationsForCategoryUsingGET').errors[0].path).toBe('category.id')
  }
  const missing = await get('/sale/classifieds-packages')
  expect(missing.statusCode).toBe(400)
  expect(expectContract(missing, 'getClassifiedPackageConfigurationsForCategoryUsingGET').errors[0].path).toBe('category.id')
})

test('one package by id; an unknown one is 404 with Allegro\'s message', async () => {
  const res = await get('/sale/classifieds-packages/6174be19-56f9-484b-b72c-43b0b00785e8')
  expect(expectContract(res, 'getClassifiedPackageConfigurationUsingGET')).toMatchObject({ name: 'Podstawowy', type: 'BASE' })
  const unknown = await get('/sale/classifieds-packages/00000000-0000-0000-0000-000000000000')
  expect(unknown.statusCode).toBe(404)
  expect(expectContract(unknown, 'getClassifiedPackageConfigurationUsingGET').errors[0].message).toBe('The classifieds package not found')
})
