// Offers: the seller's list; one offer with its validation errors next to its fields, its packages, publication
// (now or scheduled) and raw JSON editing; the draft form for a new draft or for completing one.
import { allegroApi, mock, RequestError } from './api.js'
import { clockNow } from './clock.js'
import { $, badge, fill, h, label, localDateTime, renderIf, run, when } from './dom.js'
import { draftForm } from './draft-form.js'
import { t } from './i18n.js'
import { belongsTo, errorText } from './validation.js'

const OFFER_FIELDS = ['name', 'category', 'parameters', 'description', 'images', 'sellingMode', 'location', 'payments', 'contact', 'afterSalesServices', 'publication']

const state = { selected: null, mode: 'view' }

export function reset () {
  state.selected = null
  state.mode = 'view'
}

function summary (value) {
  if (value === null || value === undefined) return '—'
  const text = JSON.stringify(value)
  return text.length > 90 ? `${text.slice(0, 87)}…` : text
}

export function init () {
  $('#new-draft').addEventListener('click', () => openForm(null))
}

/** Opens the draft form in the detail column: empty for a new draft, or filled from offer `id`. */
async function openForm (id) {
  state.mode = 'form'
  state.selected = id
  const detail = $('#offer-detail')
  delete detail.dataset.signature
  const form = await draftForm(id, {
    onSaved: (offer) => { state.selected = offer.id },
    onClose: (offerId) => { state.mode = 'view'; state.selected = offerId; refresh() },
  })
  if (state.mode === 'form' && state.selected === id) fill(detail, form)
  await refresh()
}

export async function refresh () {
  const { offers } = await mock.offers()
  const list = $('#offer-list')
  await renderIf(list, [offers, state.selected], () => list.replaceChildren(...offers.map(o => h('li', {}, h('button', {
    type: 'button',
    'aria-current': o.id === state.selected ? 'true' : 'false',
    onclick: () => { state.selected = o.id; state.mode = 'view'; refresh() },
  }, h('b', {}, o.name), ' ', badge(o.status), o.errors ? h('span', { class: 'badge FAIL' }, `${o.errors} ⚠`) : null, h('div', { class: 'meta' }, o.id))))))
  if (state.mode === 'form') return
  if (state.selected && offers.some(o => o.id === state.selected)) await showOffer(state.selected)
  else {
    $('#offer-detail').replaceChildren()
    delete $('#offer-detail').dataset.signature
  }
}

async function showOffer (id) {
  const offer = await allegroApi.offer(id)
  let packages = null
  try { packages = await allegroApi.packagesOf(id) } catch (error) { if (!(error instanceof RequestError) || error.status !== 404) throw error }
  let available = []
  try { available = (await allegroApi.packagesFor(offer.category.id)).packages } catch { available = [] }
  const detail = $('#offer-detail')
  await renderIf(detail, [offer, packages, available], () => fill(detail, offerDetail(offer, packages, available)))
}

function offerDetail (offer, packages, available) {
  const id = offer.id
  const errors = offer.validation?.errors ?? []
  const rows = OFFER_FIELDS.map(field => h('tr', { 'data-field': field },
    h('th', { scope: 'row' }, field),
    h('td', {}, summary(offer[field])),
    h('td', { class: 'error' }, errors.filter(e => belongsTo(e.path, field)).map(e => h('div', {}, errorText(e))))))
  const other = errors.filter(e => !OFFER_FIELDS.some(f => belongsTo(e.path, f)))
  const assign = h('form', {
    class: 'inline',
    id: 'assign-packages',
    onsubmit: async (event) => {
      event.preventDefault()
      const data = new FormData(event.target)
      const extras = data.getAll('extra').map(value => ({ id: value }))
      await run(() => allegroApi.assignPackages(id, { basePackage: { id: data.get('base') }, extraPackages: extras }), t('saved'))
    },
  },
  h('label', {}, 'BASE', h('select', { name: 'base' }, available.filter(p => p.type === 'BASE').map(p => h('option', { value: p.id, selected: packages?.basePackage.id === p.id }, p.name)))),
  available.filter(p => p.type === 'EXTRA').map(p => h('label', {}, h('input', { type: 'checkbox', name: 'extra', value: p.id, checked: packages?.extraPackages.some(e => e.id === p.id) }), p.name)),
  h('button', { type: 'submit' }, label('assign')))
  const publish = (action) => h('button', {
    type: 'button', class: action === 'END' ? 'secondary' : undefined,
    onclick: () => run(() => allegroApi.publish(action, [id]), t('sent')),
  }, label(action === 'END' ? 'end' : 'activate'))
  const schedule = h('form', {
    class: 'inline',
    id: 'schedule-publication',
    onsubmit: async (event) => {
      event.preventDefault()
      const at = new FormData(event.target).get('scheduledFor')
      await run(() => allegroApi.publish('ACTIVATE', [id], new Date(at).toISOString()), t('sent'))
    },
  },
  h('label', {}, label('scheduledFor'), h('input', { type: 'datetime-local', name: 'scheduledFor', required: true, value: localDateTime(clockNow() + 3600_000) })),
  h('button', { type: 'submit' }, label('schedule')))
  const editor = h('textarea', { name: 'json', rows: '16', 'data-t-label': 'edit', 'aria-label': t('edit') }, JSON.stringify(offer, null, 2))
  const edit = h('form', {
    onsubmit: async (event) => {
      event.preventDefault()
      await run(() => allegroApi.updateOffer(id, JSON.parse(editor.value)), t('saved'))
    },
  }, editor, h('button', { type: 'submit' }, label('save')))
  return [
    h('h2', {}, offer.name, ' ', badge(offer.publication.status)),
    h('p', { class: 'meta' }, `${id} · ${when(offer.publication.startingAt)} – ${when(offer.publication.endingAt)}${offer.publication.endedBy ? ` · ${offer.publication.endedBy}` : ''}`),
    h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'edit-in-form', onclick: () => openForm(id) }, label('editForm'))),
    h('h3', {}, label('validation')),
    errors.length === 0 ? h('p', { class: 'ok', id: 'no-errors' }, label('noErrors')) : null,
    h('table', { id: 'offer-fields' }, h('thead', {}, h('tr', {}, h('th', {}, label('field')), h('th', {}, label('value')), h('th', {}, label('problems')))), h('tbody', {}, rows)),
    other.map(e => h('p', { class: 'error' }, `${e.path}: ${errorText(e)}`)),
    h('h3', {}, label('packages')),
    h('p', {}, packages ? `BASE ${packages.basePackage.id}${packages.extraPackages.length ? ` + ${packages.extraPackages.map(e => e.id).join(', ')}` : ''}` : label('noPackages')),
    assign,
    h('h3', {}, label('publication')),
    h('p', {}, publish('ACTIVATE'), ' ', publish('END')),
    schedule,
    h('details', {}, h('summary', {}, label('edit')), edit),
  ]
}
