// A category's parameters (GET /sale/categories/{id}/parameters) as inputs of their type, and back into the
// offer's `parameters` list: dictionary → valuesIds, integer/float → values or rangeValue, string → values.
import { h, label } from './dom.js'
import { errorBox } from './validation.js'

const nameOf = (definition) => definition.unit ? `${definition.name} [${definition.unit}]` : definition.name

function numberInput (definition, name, value, bound) {
  const { min, max, precision } = definition.restrictions
  return h('input', {
    type: 'number', name, value: value ?? '', min, max,
    step: definition.type === 'integer' ? '1' : String(10 ** -(precision ?? 2)),
    'data-bound': bound,
  })
}

function hint (definition) {
  const r = definition.restrictions
  if (definition.type === 'integer' || definition.type === 'float') return `${r.min} – ${r.max}`
  if (definition.type === 'string') return h('span', {}, `${r.minLength}–${r.maxLength} `, label('characters'))
  return null
}

/** The inputs of one parameter, filled from the offer's `value` (an entry of offer.parameters) when given. */
function parameterField (definition, value) {
  const name = `parameter-${definition.id}`
  const ids = value?.valuesIds ?? []
  const values = value?.values ?? []
  let control
  switch (definition.type) {
    case 'dictionary':
      control = definition.restrictions.multipleChoices
        ? h('span', { class: 'choices', role: 'group', 'aria-label': nameOf(definition) }, definition.dictionary.map(d =>
          h('label', {}, h('input', { type: 'checkbox', name, value: d.id, checked: ids.includes(d.id) }), d.value)))
        : h('select', { name, 'aria-label': nameOf(definition) }, h('option', { value: '' }, '—'),
          definition.dictionary.map(d => h('option', { value: d.id, selected: ids.includes(d.id) }, d.value)))
      break
    case 'integer':
    case 'float':
      control = definition.restrictions.range
        ? h('span', { class: 'range' },
          h('label', {}, label('from'), numberInput(definition, name, value?.rangeValue?.from, 'from')),
          h('label', {}, label('to'), numberInput(definition, name, value?.rangeValue?.to, 'to')))
        : numberInput(definition, name, values[0], null)
      break
    default: {
      const count = Math.max(1, definition.restrictions.allowedNumberOfValues ?? 1)
      control = h('span', { class: 'strings' }, Array.from({ length: count }, (_, i) => h('input', {
        type: 'text', name, value: values[i] ?? '', minlength: definition.restrictions.minLength, maxlength: definition.restrictions.maxLength,
        'aria-label': count > 1 ? `${nameOf(definition)} ${i + 1}` : nameOf(definition),
      })))
    }
  }
  const isGroup = control.tagName === 'SPAN'
  const caption = h('span', {}, nameOf(definition), definition.required ? h('abbr', { title: 'required' }, ' *') : null)
  return h('div', { class: 'field parameter', 'data-parameter': definition.id, 'data-errors-for': `parameter:${definition.id}` },
    isGroup ? h('div', { class: 'caption' }, caption) : null,
    isGroup ? control : h('label', {}, caption, control),
    h('span', { class: 'meta' }, hint(definition)),
    errorBox())
}

/** Inputs for every definition, filled from the offer's parameters. */
export function parameterFields (definitions, offerParameters = []) {
  if (definitions.length === 0) return [h('p', { class: 'meta' }, label('noParameters'))]
  const byId = new Map(offerParameters.map(p => [p.id, p]))
  return definitions.map(d => parameterField(d, byId.get(d.id)))
}

/** The offer's parameters as the inputs under `root` give them: only those with a value, in definition order. */
export function readParameters (root, definitions) {
  const parameters = []
  for (const definition of definitions) {
    const inputs = [...root.querySelectorAll(`[name="parameter-${definition.id}"]`)]
    if (definition.type === 'dictionary') {
      const valuesIds = inputs.flatMap(input => input.type === 'checkbox' ? (input.checked ? [input.value] : []) : (input.value ? [input.value] : []))
      if (valuesIds.length) parameters.push({ id: definition.id, valuesIds, values: [] })
    } else if ((definition.type === 'integer' || definition.type === 'float') && definition.restrictions.range) {
      const from = inputs.find(i => i.dataset.bound === 'from')?.value ?? ''
      const to = inputs.find(i => i.dataset.bound === 'to')?.value ?? ''
      if (from !== '' || to !== '') parameters.push({ id: definition.id, valuesIds: [], values: [], rangeValue: { from, to } })
    } else {
      const values = inputs.map(i => i.value.trim()).filter(v => v !== '')
      if (values.length) parameters.push({ id: definition.id, valuesIds: [], values })
    }
  }
  return parameters
}
