// Small DOM helpers shared by the views.
import { locale, t } from './i18n.js'

export const $ = (selector, root = document) => root.querySelector(selector)

/** Builds an element: h('button', { type: 'button', onclick }, 'text', child). Falsy attributes are left out. */
export function h (tag, props = {}, ...children) {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value)
    else if (value !== undefined && value !== null && value !== false) element.setAttribute(key, value === true ? '' : value)
  }
  append(element, children)
  return element
}

function append (element, children) {
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) element.append(child instanceof Node ? child : String(child))
  }
}

/** Replaces an element's content, leaving out empty parts. */
export function fill (element, ...children) {
  element.replaceChildren()
  append(element, children)
}

/** A label that follows the language switch: <span data-t="key">. */
export const label = (key) => h('span', { 'data-t': key }, t(key))

export const badge = (value) => h('span', { class: `badge ${value}` }, value)

export const when = (iso) => iso ? new Date(iso).toLocaleString(locale()) : '—'

let generation = 0
/** Makes every view render again on its next refresh (after a language switch). */
export const invalidate = () => { generation++ }

// What the user typed or chose and has not submitted yet survives a rebuild of the view around it.
document.addEventListener('input', (event) => { if (event.target.name || event.target.id) event.target.dataset.dirty = '' })
document.addEventListener('change', (event) => { if (event.target.name || event.target.id) event.target.dataset.dirty = '' })
document.addEventListener('submit', (event) => { for (const field of event.target.querySelectorAll('[data-dirty]')) delete field.dataset.dirty })

const fieldKey = (field) => `${field.form?.id ?? ''}|${field.name || field.id}|${field.type === 'checkbox' || field.type === 'radio' ? field.value : ''}`

function keepEdits (element) {
  const edits = new Map([...element.querySelectorAll('[data-dirty]')].filter(f => f.type !== 'file').map(f => [fieldKey(f), { value: f.value, checked: f.checked }]))
  return () => {
    if (edits.size === 0) return
    for (const field of element.querySelectorAll('input, select, textarea')) {
      const edit = edits.get(fieldKey(field))
      if (!edit) continue
      if (field.type === 'checkbox' || field.type === 'radio') field.checked = edit.checked
      else field.value = edit.value
      field.dataset.dirty = ''
    }
  }
}

/**
 * Rebuilds `element` only when `signature` (any JSON-able value) changed since it was last built, so that polling
 * leaves what is on screen alone (focus, open details, scroll) until the data really changes; fields the user
 * changed and has not submitted keep their values through the rebuild.
 */
export async function renderIf (element, signature, build) {
  const key = `${generation}:${JSON.stringify(signature)}`
  if (element.dataset.signature === key) return false
  const restore = keepEdits(element)
  await build()
  restore()
  element.dataset.signature = key
  return true
}

export function say (text, isError = false) {
  const status = $('#status')
  status.textContent = text
  status.className = isError ? 'error' : ''
}

let refresher = async () => {}
export const onRefresh = (fn) => { refresher = fn }
export const refresh = () => refresher()

/**
 * Runs a user's action: says `done` or the error, then refreshes the open view.
 * Answers { ok, value } or { ok: false, error } so that forms can put the errors next to their fields.
 */
export async function run (action, done) {
  let outcome
  try {
    outcome = { ok: true, value: await action() }
    say(done)
  } catch (error) {
    outcome = { ok: false, error }
    say(error.message, true)
  }
  await refresh().catch(error => say(error.message, true))
  return outcome
}

/** Form fields as an object, with the `numbers` named converted. */
export function formJson (form, numbers = []) {
  const data = Object.fromEntries(new FormData(form))
  for (const key of numbers) if (data[key] !== undefined && data[key] !== '') data[key] = Number(data[key])
  return data
}

/** `YYYY-MM-DDTHH:MM` in the browser's time zone, for <input type="datetime-local">. */
export function localDateTime (ms) {
  const date = new Date(ms)
  return new Date(ms - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}
