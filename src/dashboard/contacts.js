// The seller's offer contacts (GET/POST /sale/offer-contacts, PUT /sale/offer-contacts/{id}): listed, created and
// edited, with the API's errors next to the fields they name.
import { allegroApi } from './api.js'
import { $, fill, h, label, renderIf, run } from './dom.js'
import { t } from './i18n.js'
import { errorBox, placeErrors } from './validation.js'

const state = { selected: null }

export function reset () {
  state.selected = null
  const detail = $('#contact-detail')
  detail.replaceChildren()
  delete detail.dataset.contact
}

/** Shows the form for `contact` (null: a new one) at once, so that what is typed next goes into it. */
function open (contact) {
  state.selected = contact?.id ?? 'new'
  const detail = $('#contact-detail')
  fill(detail, contactForm(contact))
  detail.dataset.contact = state.selected
  refresh()
}

export function init () {
  $('#new-contact').addEventListener('click', () => open(null))
}

const field = (path, key, input) => h('div', { class: 'field', 'data-errors-for': path }, h('label', {}, label(key), input), errorBox())

function contactForm (contact) {
  const form = h('form', {
    id: 'contact-form',
    novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault()
      const data = new FormData(form)
      const email = String(data.get('email')).trim()
      const phones = ['phone1', 'phone2'].map(name => String(data.get(name)).trim()).filter(Boolean)
      const body = { name: String(data.get('name')), emails: email ? [{ address: email }] : [], phones: phones.map(number => ({ number })) }
      const outcome = await run(async () => {
        const saved = contact ? await allegroApi.updateContact(contact.id, body) : await allegroApi.createContact(body)
        // Shown again as the API answered it (phones normalised) by the refresh that follows.
        state.selected = saved.id
        delete $('#contact-detail').dataset.contact
        return saved
      }, t('saved'))
      if (!outcome.ok) placeErrors(form, outcome.error.errors ?? [])
    },
  },
  h('h2', {}, label(contact ? 'editContact' : 'newContact'), contact ? h('span', { class: 'meta' }, ` ${contact.id}`) : null),
  h('div', { 'data-errors-for': '' }, errorBox()),
  field('name', 'name', h('input', { name: 'name', value: contact?.name ?? '', size: '40' })),
  h('div', { 'data-errors-for': 'emails' }, errorBox(), field('emails[0].address', 'email', h('input', { name: 'email', type: 'email', value: contact?.emails?.[0]?.address ?? '' }))),
  h('div', { 'data-errors-for': 'phones' }, errorBox(),
    field('phones[0].number', 'phone', h('input', { name: 'phone1', type: 'tel', value: contact?.phones?.[0]?.number ?? '' })),
    field('phones[1].number', 'phone', h('input', { name: 'phone2', type: 'tel', value: contact?.phones?.[1]?.number ?? '' }))),
  h('button', { type: 'submit' }, label('save')))
  return form
}

export async function refresh () {
  const { contacts } = await allegroApi.contacts()
  const list = $('#contact-list')
  await renderIf(list, [contacts, state.selected], () => list.replaceChildren(...contacts.map(c => h('li', { 'data-contact': c.id }, h('button', {
    type: 'button',
    'aria-current': c.id === state.selected ? 'true' : 'false',
    onclick: () => open(c),
  }, h('b', {}, c.name), h('div', { class: 'meta' }, [...(c.emails ?? []).map(e => e.address), ...(c.phones ?? []).map(p => p.number)].join(' · ') || '—'))))))
  // The form is built when a contact is chosen or saved, never by polling, so that typing is never lost.
  const detail = $('#contact-detail')
  if (detail.dataset.contact === String(state.selected)) return
  const contact = contacts.find(c => c.id === state.selected)
  if (state.selected === 'new' || contact) fill(detail, contactForm(contact ?? null))
  else detail.replaceChildren()
  detail.dataset.contact = String(state.selected)
}
