// A category picker over Allegro's tree: one <select> per level (GET /sale/categories?parent.id=…), down to a leaf.
import { allegroApi } from './api.js'
import { h } from './dom.js'
import { t } from './i18n.js'

/** The chain from a main category down to `id` (GET /sale/categories/{id}, following parent.id). */
async function pathTo (id) {
  const path = []
  for (let next = id; next;) {
    const category = await allegroApi.category(next)
    path.unshift(category)
    next = category.parent?.id ?? null
  }
  return path
}

/**
 * A picker whose value is the deepest chosen category. `onChange(category | null)` runs on every choice, with the
 * chosen category when it is a leaf and null otherwise. `ready` settles once `initialId` (if any) is shown.
 */
export function categoryPicker (initialId, onChange) {
  const element = h('div', { class: 'category-picker', id: 'draft-category' })
  const trail = h('p', { class: 'meta', id: 'category-path' })
  let chosen = []

  const showTrail = () => { trail.textContent = chosen.map(c => c.name).join(' › ') }

  function level (depth, categories, selectedId) {
    const select = h('select', {
      'data-level': String(depth + 1),
      'data-t-label': 'categoryLevel',
      'data-t-suffix': ` ${depth + 1}`,
      'aria-label': `${t('categoryLevel')} ${depth + 1}`,
      onchange: () => choose(depth, categories.find(c => c.id === select.value) ?? null),
    },
    h('option', { value: '', 'data-t': 'chooseCategory' }, t('chooseCategory')),
    categories.map(c => h('option', { value: c.id, selected: c.id === selectedId }, c.leaf ? c.name : `${c.name} ›`)))
    return select
  }

  async function choose (depth, category) {
    for (const select of [...element.querySelectorAll('select')].filter(s => Number(s.dataset.level) > depth + 1)) select.remove()
    chosen = chosen.slice(0, depth)
    if (category) chosen.push(category)
    showTrail()
    if (category && !category.leaf) {
      const { categories } = await allegroApi.categories(category.id)
      element.append(level(depth + 1, categories, null))
    }
    onChange(category?.leaf ? category : null)
  }

  const ready = (async () => {
    const path = initialId ? await pathTo(initialId) : []
    const levels = [await allegroApi.categories(null)]
    for (const category of path.slice(0, -1)) levels.push(await allegroApi.categories(category.id))
    levels.forEach(({ categories }, depth) => element.append(level(depth, categories, path[depth]?.id ?? null)))
    const last = path.at(-1)
    if (last && !last.leaf) element.append(level(path.length, (await allegroApi.categories(last.id)).categories, null))
    chosen = path
    showTrail()
    return last?.leaf ? last : null
  })()

  return {
    element: h('div', {}, element, trail),
    ready,
    value: () => chosen.at(-1)?.id ?? null,
  }
}
