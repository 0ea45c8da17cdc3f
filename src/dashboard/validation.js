// Allegro's validation errors name a field by path (`location.postCode`, `parameters[2].values[0]`): these helpers
// put each error next to the field it names. The offer table and the forms use them alike.
import { h } from './dom.js'

/** Whether `path` is `field` or lies inside it. */
export const belongsTo = (path, field) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`)

/** 'a.b[1].c' → ['a.b[1].c', 'a.b[1]', 'a.b', 'a']: the path and every field that contains it, nearest first. */
export function enclosing (path) {
  const prefixes = [path]
  for (let i = path.length - 1; i > 0; i--) if (path[i] === '.' || path[i] === '[') prefixes.push(path.slice(0, i))
  return prefixes
}

export const errorText = (error) => error.userMessage || error.message

/**
 * Clears the errors shown in `root`, then shows each error in the nearest element whose data-errors-for names its
 * path or a field containing it (or in the one with data-errors-for="" when none does). `rewrite` may map a path
 * first, e.g. `parameters[2]` to the parameter sent at that index. Answers how many errors were placed.
 */
export function placeErrors (root, errors, rewrite = (path) => path) {
  const targets = new Map()
  for (const element of root.querySelectorAll('[data-errors-for]')) {
    element.removeAttribute('aria-invalid')
    const box = element.querySelector(':scope > .field-errors')
    if (box) box.replaceChildren()
    targets.set(element.dataset.errorsFor, element)
  }
  for (const error of errors) {
    const path = rewrite(error.path ?? '')
    const target = enclosing(path).map(p => targets.get(p)).find(Boolean) ?? targets.get('')
    if (!target) continue
    target.setAttribute('aria-invalid', 'true')
    let box = target.querySelector(':scope > .field-errors')
    if (!box) target.append(box = h('div', { class: 'field-errors error' }))
    // Allegro's userMessage can be general ("Nieprawidłowa wartość parametru."): its message says which rule failed.
    box.append(h('div', { 'data-path': error.path ?? '', title: error.message && error.message !== errorText(error) ? error.message : undefined }, errorText(error)))
  }
  return errors.length
}

/** An empty error box for a field element. */
export const errorBox = () => h('div', { class: 'field-errors error', role: 'alert' })
