// Disputes: the seller's list, one thread, the seller's reply, and the buyer's and Allegro advisor's side.
import { allegroApi, mock } from './api.js'
import { $, badge, fill, formJson, h, label, renderIf, run, when } from './dom.js'
import { t } from './i18n.js'
import { attachmentLink, writeAsForm } from './simulator-forms.js'

const state = { selected: null }

export function reset () {
  state.selected = null
}

async function fillOrders () {
  const { checkoutForms } = await allegroApi.checkoutForms()
  const select = $('#open-dispute select[name="checkoutFormId"]')
  await renderIf(select, checkoutForms.map(o => o.id), () => {
    const chosen = select.value
    select.replaceChildren(...checkoutForms.map(o => h('option', { value: o.id }, `${o.buyer.login} — ${o.lineItems[0]?.offer.name ?? o.id}`)))
    if (chosen && checkoutForms.some(o => o.id === chosen)) select.value = chosen
  })
}

export function init () {
  const details = $('#open-dispute').closest('details')
  details.addEventListener('toggle', () => { if (details.open) fillOrders().catch(() => {}) })
  $('#open-dispute').addEventListener('submit', (event) => {
    event.preventDefault()
    run(() => mock.openDispute(formJson(event.target)), t('sent'))
  })
}

export async function refresh () {
  const { disputes } = await allegroApi.disputes()
  const list = $('#dispute-list')
  await renderIf(list, [disputes, state.selected], () => list.replaceChildren(...disputes.map(d => h('li', {}, h('button', {
    type: 'button',
    'aria-current': d.id === state.selected ? 'true' : 'false',
    onclick: () => { state.selected = d.id; refresh() },
  }, h('b', {}, d.subject?.name ?? d.id), ' ', badge(d.status), badge(d.messagesStatus),
  h('div', { class: 'meta' }, `${d.buyer?.login} · ${when(d.lastMessageCreationDate)}`))))))
  if (state.selected && disputes.some(d => d.id === state.selected)) await showDispute(state.selected)
  else {
    $('#dispute-detail').replaceChildren()
    delete $('#dispute-detail').dataset.dispute
  }
  if ($('#open-dispute').closest('details').open) await fillOrders()
}

/** The forms of one dispute, built once per dispute so that polling never empties what is being typed. */
function skeleton (id) {
  const setStatus = (value, key) => h('button', {
    type: 'button', class: 'secondary', onclick: () => run(() => mock.setDisputeStatus(id, value), t('saved')),
  }, label(key))
  const reply = h('form', {
    id: 'seller-reply',
    onsubmit: async (event) => {
      event.preventDefault()
      const form = event.target
      const { ok } = await run(() => allegroApi.reply(id, new FormData(form).get('text')), t('sent'))
      if (ok) form.reset()
    },
  }, h('label', {}, label('replyAsSeller'), h('textarea', { name: 'text', required: true })), h('button', { type: 'submit' }, label('send')))
  const act = writeAsForm('write-as', message => mock.writeAs(id, message))
  return [
    h('div', { id: 'dispute-head' }),
    h('div', { id: 'thread' }),
    h('p', {}, setStatus('CLOSED', 'close'), ' ', setStatus('UNRESOLVED', 'escalate'), ' ', setStatus('ONGOING', 'reopen')),
    reply, act,
  ]
}

async function showDispute (id) {
  const detail = $('#dispute-detail')
  if (detail.dataset.dispute !== id) {
    fill(detail, skeleton(id))
    detail.dataset.dispute = id
  }
  const [dispute, { messages }] = await Promise.all([allegroApi.dispute(id), allegroApi.messages(id)])
  await renderIf($('#dispute-head'), dispute, () => fill($('#dispute-head'),
    h('h2', {}, dispute.subject?.name ?? id, ' ', badge(dispute.status), badge(dispute.messagesStatus)),
    h('p', { class: 'meta' }, `${dispute.buyer?.login} · ${dispute.checkoutForm.id} · ${t('messages')}: ${dispute.messagesCount}`)))
  await renderIf($('#thread'), messages, () => fill($('#thread'), [...messages].reverse().map(message =>
    h('article', { class: `message ${message.author.role}` },
      h('div', { class: 'meta' }, `${message.author.login ?? message.author.role} · ${message.author.role} · ${when(message.createdAt)}`),
      message.text ? h('p', {}, message.text) : null,
      message.attachment ? h('p', {}, label('attachment'), ': ', attachmentLink(message.attachment.url, message.attachment.fileName, allegroApi.attachment)) : null))))
}
