import type { Violation } from '../../core/violation.js'
import type { CategoryParameter } from '../catalogue/catalogue.types.js'
import type { OfferParameter } from './offers.types.js'

const invalid = (path: string, message: string, en = message, pl = 'Nieprawidłowa wartość parametru.'): Violation =>
  ({ code: 'VALIDATION_ERROR', message, path, userMessage: { pl, en } })

/** `Przebieg [km]`: how Allegro names a parameter in messages. */
export function parameterLabel (definition: CategoryParameter): string {
  return definition.unit ? `${definition.name} [${definition.unit}]` : definition.name
}

const hasValue = (p: OfferParameter) => (p.valuesIds?.length ?? 0) > 0 || (p.values?.length ?? 0) > 0 || !!p.rangeValue

function checkNumber (text: string, definition: Extract<CategoryParameter, { type: 'integer' | 'float' }>, path: string): Violation[] {
  const { min, max } = definition.restrictions
  const pattern = definition.type === 'integer'
    ? /^-?\d+$/
    : new RegExp(`^-?\\d+([.,]\\d{1,${definition.restrictions.precision}})?$`)
  if (!pattern.test(text)) {
    const kind = definition.type === 'integer' ? 'a whole number' : `a number with at most ${definition.restrictions.precision} decimal places`
    return [invalid(path, `${parameterLabel(definition)} must be ${kind}, got "${text}".`)]
  }
  const value = Number(text.replace(',', '.'))
  if (value < min || value > max) return [invalid(path, `${parameterLabel(definition)} must be between ${min} and ${max}, got ${text}.`)]
  return []
}

/** One parameter's values against its definition. */
function checkValue (parameter: OfferParameter, definition: CategoryParameter, at: string): Violation[] {
  const values = parameter.values ?? []
  const ids = parameter.valuesIds ?? []
  switch (definition.type) {
    case 'dictionary': {
      if (values.length > 0 || parameter.rangeValue) return [invalid(at, `${parameterLabel(definition)} takes valuesIds from its dictionary.`)]
      const known = new Set(definition.dictionary.map(d => d.id))
      const unknown = ids.filter(id => !known.has(id))
      if (unknown.length > 0) return [invalid(`${at}.valuesIds`, `${parameterLabel(definition)} has no value ${unknown.join(', ')}.`)]
      if (!definition.restrictions.multipleChoices && ids.length > 1) return [invalid(`${at}.valuesIds`, `${parameterLabel(definition)} takes a single value.`)]
      return []
    }
    case 'integer':
    case 'float': {
      if (ids.length > 0) return [invalid(at, `${parameterLabel(definition)} takes values, not valuesIds.`)]
      if (definition.restrictions.range) {
        const range = parameter.rangeValue
        if (!range || values.length > 0) return [invalid(`${at}.rangeValue`, `${parameterLabel(definition)} takes a rangeValue with from and to.`)]
        const bounds = [...checkNumber(range.from, definition, `${at}.rangeValue.from`), ...checkNumber(range.to, definition, `${at}.rangeValue.to`)]
        if (bounds.length > 0) return bounds
        return Number(range.from.replace(',', '.')) > Number(range.to.replace(',', '.'))
          ? [invalid(`${at}.rangeValue`, `${parameterLabel(definition)}: from must not be greater than to.`)]
          : []
      }
      if (parameter.rangeValue || values.length !== 1) return [invalid(`${at}.values`, `${parameterLabel(definition)} takes exactly one value.`)]
      return checkNumber(values[0]!, definition, `${at}.values[0]`)
    }
    case 'string': {
      const { minLength, maxLength, allowedNumberOfValues } = definition.restrictions
      if (ids.length > 0 || parameter.rangeValue) return [invalid(at, `${parameterLabel(definition)} takes values.`)]
      if (values.length > allowedNumberOfValues) return [invalid(`${at}.values`, `${parameterLabel(definition)} takes at most ${allowedNumberOfValues} values.`)]
      return values.flatMap((v, k) => v.length < minLength || v.length > maxLength
        ? [invalid(`${at}.values[${k}]`, `${parameterLabel(definition)} values must be ${minLength} to ${maxLength} characters long.`)]
        : [])
    }
  }
}

/** An offer's parameters against its category's definitions: known ids, valid values, required ones present. */
export function checkParameters (parameters: readonly OfferParameter[], definitions: readonly CategoryParameter[], categoryId: string): Violation[] {
  const violations: Violation[] = []
  const byId = new Map(definitions.map(d => [d.id, d]))
  const seen = new Set<string>()
  parameters.forEach((parameter, i) => {
    const at = `parameters[${i}]`
    const definition = byId.get(parameter.id)
    if (!definition) {
      violations.push(invalid(`${at}.id`, `Parameter ${parameter.id} is not available in category ${categoryId}.`))
      return
    }
    if (seen.has(parameter.id)) {
      violations.push(invalid(`${at}.id`, `Parameter ${parameterLabel(definition)} is given more than once.`))
      return
    }
    seen.add(parameter.id)
    if (hasValue(parameter)) violations.push(...checkValue(parameter, definition, at))
  })
  const filled = new Set(parameters.filter(hasValue).map(p => p.id))
  const missing = definitions.filter(d => d.required && !filled.has(d.id)).map(parameterLabel)
  if (missing.length > 0) {
    const message = `Missing required parameters: ${missing.join(', ')}.`
    violations.push(invalid('parameters', message, message, `Brakuje wymaganych parametrów: ${missing.join(', ')}.`))
  }
  return violations
}
