// Issues: disputes and claims through Allegro's successor API (/sale/issues): the list, one issue with its chat, the
// seller's messages (with an attachment) and decisions on claims; the buyer's and Allegro's side is issue-simulator.js.
import { allegroApi } from './api.js'
import { $, badge, fill, h, label, renderIf, run, when } from './dom.js'
import { t } from './i18n.js'
import { ATTACHMENT_TYPES, CLAIM_DECISIONS, MESSAGE_TYPES } from './issue-codes.js'
import * as simulator from './issue-simulator.js'
import { attachmentLink } from './simulator-forms.js'

const state = { selected: null }

export function reset () {
  state.selected = null
}

export function init () {
  simulator.init()
}

const yesNo = (value) => value === null || value === undefined ? '—' : t(value ? 'yes' : 'no')
const chatState = (issue) => t(issue.currentState.chatActive ? 'chatOpen' : 'chatClosed')

/** What the list and the head say of an issue besides its subject and badges. */
function facts (issue) {
  return [
    issue.referenceNumber, issue.buyer?.login,
    // A dispute has neither a deadline nor a return decision: both are always null.
    issue.type === 'CLAIM' ? `${t('decisionDue')}: ${when(issue.decisionDueDate)}` : null,
    issue.type === 'CLAIM' ? `${t('returnRequired')}: ${yesNo(issue.currentState.returnRequired)}` : null,
    `${t('chat')}: ${chatState(issue)}`,
  ].filter(Boolean).join(' · ')
}

export async function refresh () {
  const { issues } = await allegroApi.issues()
  const list = $('#issue-list')
  await renderIf(list, [issues, state.selected], () => list.replaceChildren(...issues.map(issue => h('li', {}, h('button', {
    type: 'button',
    'data-issue': issue.id,
    'aria-current': issue.id === state.selected ? 'true' : 'false',
    onclick: () => { state.selected = issue.id; refresh() },
  }, h('b', {}, issue.subject ?? issue.id), ' ', badge(issue.type), badge(issue.currentState.status),
  h('div', { class: 'meta' }, facts(issue)))))))
  const selected = issues.find(issue => issue.id === state.selected)
  const detail = $('#issue-detail')
  if (selected) await showIssue(selected)
  else {
    detail.replaceChildren()
    delete detail.dataset.issue
  }
  await simulator.refresh()
}

/** A chat entry; the system's state changes of a claim read as notes, not as somebody's message. */
function chatEntry (message) {
  const { role, login } = message.author
  const who = role === 'SYSTEM' ? t('system') : `${login ?? role} · ${role}`
  return h('article', { class: `message ${role}` },
    h('div', { class: 'meta' }, `${who} · ${when(message.createdAt)}`),
    message.text ? h('p', {}, message.text) : null,
    message.attachments?.length ? h('p', {}, label('attachment'), ': ', message.attachments.map(({ url, fileName }) => attachmentLink(url, fileName, allegroApi.issueAttachment))) : null)
}

/** The seller's message: a declared and uploaded attachment first, when a file was chosen. */
async function sendMessage (issueId, data) {
  const file = data.get('file')
  let attachments
  if (file && file.size > 0) {
    const { id } = await allegroApi.declareIssueAttachment(file.name, file.size)
    await allegroApi.uploadIssueAttachment(id, file)
    attachments = [{ id }]
  }
  return allegroApi.postIssueMessage(issueId, { type: data.get('type'), text: data.get('text') || undefined, attachments })
}

function replyForm (issue) {
  return h('form', {
    id: 'issue-reply',
    onsubmit: async (event) => {
      event.preventDefault()
      const form = event.target
      const { ok } = await run(() => sendMessage(issue.id, new FormData(form)), t('sent'))
      if (ok) form.reset()
    },
  },
  h('label', {}, label('replyAsSeller'), h('textarea', { name: 'text' })),
  h('label', {}, label('messageType'), h('select', { name: 'type' }, MESSAGE_TYPES[issue.type].map(type => h('option', {}, type)))),
  h('label', {}, label('file'), h('input', { type: 'file', name: 'file', accept: ATTACHMENT_TYPES })),
  h('button', { type: 'submit' }, label('send')))
}

/** Accept or reject a claim; the amount goes only with a partial refund, preset to what the buyer asked for. */
function decisionForm (issue) {
  const first = issue.expectations?.[0]
  const asked = issue.expectations?.find(e => e.refund)?.refund
  const amount = h('input', { name: 'amount', type: 'number', min: '0.01', step: '0.01', value: asked?.amount })
  const currency = h('input', { name: 'currency', required: true, maxlength: 3, size: 3, value: asked?.currency ?? 'PLN' })
  const status = h('select', { name: 'status', onchange: () => toggleRefund() },
    CLAIM_DECISIONS.map(decision => h('option', { selected: first?.name && decision === `ACCEPTED_${first.name}` }, decision)))
  const toggleRefund = () => { amount.disabled = currency.disabled = status.value !== 'ACCEPTED_PARTIAL_REFUND' }
  toggleRefund()
  return h('form', {
    id: 'claim-decision',
    onsubmit: async (event) => {
      event.preventDefault()
      const data = new FormData(event.target)
      const refund = data.get('amount') ? { partialRefund: { amount: data.get('amount'), currency: data.get('currency') } } : {}
      const { ok } = await run(() => allegroApi.decideClaim(issue.id, { status: data.get('status'), message: data.get('message'), ...refund }), t('saved'))
      if (ok) {
        event.target.reset()
        toggleRefund()
      }
    },
  },
  h('h3', {}, label('decideClaim')),
  h('label', {}, label('decision'), status),
  h('div', { class: 'inline' }, h('label', {}, label('refundAmount'), amount), h('label', {}, label('currency'), currency)),
  h('label', {}, label('decisionMessage'), h('textarea', { name: 'message', required: true })),
  h('button', { type: 'submit' }, label('save')))
}

/** The forms of one issue, built once per issue so that polling never empties what is being typed. */
function skeleton (issue) {
  return [
    h('div', { id: 'issue-head' }),
    h('div', { id: 'issue-chat' }),
    issue.type === 'CLAIM' ? decisionForm(issue) : null,
    replyForm(issue),
    simulator.actions(issue),
  ]
}

async function showIssue (summary) {
  const detail = $('#issue-detail')
  if (detail.dataset.issue !== summary.id) {
    fill(detail, skeleton(summary))
    detail.dataset.issue = summary.id
  }
  const [issue, { chat }] = await Promise.all([allegroApi.issue(summary.id), allegroApi.issueChat(summary.id)])
  const decision = $('#claim-decision')
  if (decision) decision.hidden = issue.currentState.status !== 'CLAIM_SUBMITTED'
  const expectations = issue.expectations.map(e => [e.name, e.refund && `${e.refund.amount} ${e.refund.currency}`].filter(Boolean).join(' ')).join(', ')
  await renderIf($('#issue-head'), issue, () => fill($('#issue-head'),
    h('h2', {}, issue.subject ?? issue.id, ' ', badge(issue.type), badge(issue.currentState.status)),
    h('p', { class: 'meta' }, facts(issue)),
    h('p', { class: 'meta' }, `${issue.checkoutForm.id} · ${t('messages')}: ${issue.chat.messagesCount}`,
      expectations ? ` · ${t('expectations')}: ${expectations}` : '')))
  await renderIf($('#issue-chat'), chat, () => fill($('#issue-chat'), [...chat].reverse().map(chatEntry)))
}
