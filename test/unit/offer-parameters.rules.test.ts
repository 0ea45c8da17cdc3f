import { expect, test } from 'vitest'
import { PARAMETERS } from '../../src/fixtures/catalogue.js'
import { BMW_PARAMETERS } from '../../src/fixtures/offers.js'
import { checkParameters } from '../../src/server/modules/offers/offer-parameters.rules.js'

const cars = PARAMETERS['57968']!
const flats = PARAMETERS['112740']!
const services = PARAMETERS['250108']!

test('the guide\'s BMW parameters are complete and valid', () => {
  expect(checkParameters(BMW_PARAMETERS, cars, '57968')).toEqual([])
})

test('no parameters: the guide\'s message naming every required one, units in brackets', () => {
  expect(checkParameters([], cars, '57968')).toEqual([expect.objectContaining({
    path: 'parameters',
    message: 'Missing required parameters: Stan, Rok produkcji, Przebieg [km], Pojemność silnika [cm3], Liczba drzwi, Kolor, Uszkodzony.',
  })])
})

const withCar = (replacement: object) => BMW_PARAMETERS.map(p => p.id === (replacement as { id: string }).id ? replacement : p)

test.each([
  ['an unknown parameter id', [...BMW_PARAMETERS, { id: '999' }], 'parameters[9].id'],
  ['a parameter given twice', [...BMW_PARAMETERS, { id: '1', values: ['2004'] }], 'parameters[9].id'],
  ['an unknown dictionary value', withCar({ id: '11323', valuesIds: ['11323_9'] }), 'parameters[0].valuesIds'],
  ['two values of a single-choice dictionary', withCar({ id: '11323', valuesIds: ['11323_1', '11323_2'] }), 'parameters[0].valuesIds'],
  ['a dictionary given as text', withCar({ id: '11323', values: ['Nowy'] }), 'parameters[0]'],
  ['a year below its minimum', withCar({ id: '1', values: ['1899'] }), 'parameters[1].values[0]'],
  ['a year above its maximum', withCar({ id: '1', values: ['2101'] }), 'parameters[1].values[0]'],
  ['a year that is not a whole number', withCar({ id: '1', values: ['2003.5'] }), 'parameters[1].values[0]'],
  ['an integer given twice', withCar({ id: '1', values: ['2003', '2004'] }), 'parameters[1].values'],
  ['a VIN shorter than 12', [...BMW_PARAMETERS, { id: '215898', values: ['WBAFB7100'] }], 'parameters[9].values[0]'],
  ['two VINs', [...BMW_PARAMETERS, { id: '215898', values: ['WBAFB71000LX12345', 'WBAFB71000LX12346'] }], 'parameters[9].values'],
  ['a float with too many decimals', [...BMW_PARAMETERS, { id: '239900', values: ['8.25'] }], 'parameters[9].values[0]'],
])('%s is refused at %s', (_name, parameters, path) => {
  expect(checkParameters(parameters as never, cars, '57968').map(v => v.path)).toContain(path)
})

test('multiple choice dictionaries take several values', () => {
  expect(checkParameters([...BMW_PARAMETERS, { id: '209878', valuesIds: ['209878_1', '209878_2'] }], cars, '57968')).toEqual([])
})

test('range parameters take rangeValue with from not above to', () => {
  const base = [{ id: '212571', values: ['3'] }, { id: '212572', valuesIds: ['212572_1'] }]
  expect(checkParameters([...base, { id: '212570', rangeValue: { from: '80', to: '100' } }], flats, '112740')).toEqual([])
  expect(checkParameters([...base, { id: '212570', rangeValue: { from: '100', to: '80' } }], flats, '112740').map(v => v.path)).toEqual(['parameters[2].rangeValue'])
  expect(checkParameters([...base, { id: '212570', values: ['90'] }], flats, '112740').map(v => v.path)).toEqual(['parameters[2].rangeValue'])
  expect(checkParameters([...base, { id: '212570', rangeValue: { from: '0.5', to: '100' } }], flats, '112740').map(v => v.path)).toEqual(['parameters[2].rangeValue.from'])
})

test('string parameters: number of values and their length', () => {
  expect(checkParameters([{ id: '250200', values: ['Poznań i okolice'] }], services, '250108')).toEqual([])
  expect(checkParameters([{ id: '250200', values: ['P'] }], services, '250108').map(v => v.path)).toEqual(['parameters[0].values[0]'])
})
