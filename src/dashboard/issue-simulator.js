// The buyer's and Allegro's side of issues, through the mock's simulator (/__mock/claims, /__mock/disputes,
// /__mock/issues/{id}/...): open a claim or a dispute, write as the buyer or the advisor, decide, close or reopen.
import { allegroApi, fileForSimulator, mock } from './api.js'
import { $, formJson, h, label, renderIf, run } from './dom.js'
import { t } from './i18n.js'
import { ATTACHMENT_TYPES, CLAIM_DECISIONS, CLAIM_REASONS, EXPECTATIONS } from './issue-codes.js'
import { writeAsForm } from './simulator-forms.js'

const ORDER_SELECTS = ['#open-claim', '#open-issue-dispute'].map(form => `${form} select[name="checkoutFormId"]`)
const openers = () => ['#open-claim', '#open-issue-dispute'].map(form => $(form).closest('details'))

async function fillOrders () {
  const { checkoutForms } = await allegroApi.checkoutForms()
  for (const select of ORDER_SELECTS.map(selector => $(selector))) {
    await renderIf(select, checkoutForms.map(o => o.id), () => {
      const chosen = select.value
      select.replaceChildren(...checkoutForms.map(o => h('option', { value: o.id, 'data-currency': o.summary?.totalToPay?.currency },
        `${o.buyer.login} — ${o.lineItems[0]?.offer.name ?? o.id}`)))
      if (chosen && checkoutForms.some(o => o.id === chosen)) select.value = chosen
    })
  }
}

async function claimBody (form) {
  const data = new FormData(form)
  const file = data.get('file')
  const currency = form.elements.checkoutFormId.selectedOptions[0]?.dataset.currency ?? 'PLN'
  const amount = data.get('amount')
  return {
    checkoutFormId: data.get('checkoutFormId'),
    reason: { type: data.get('reason') },
    expectations: [{ name: data.get('expectation'), ...(amount ? { refund: { amount, currency } } : {}) }],
    right: data.get('right'),
    text: data.get('text') || undefined,
    file: file && file.size > 0 ? await fileForSimulator(file) : undefined,
  }
}

export function init () {
  $('#open-claim select[name="reason"]').replaceChildren(...CLAIM_REASONS.map(reason => h('option', {}, reason)))
  $('#open-claim select[name="expectation"]').replaceChildren(...EXPECTATIONS.map(name => h('option', {}, name)))
  $('#open-claim input[name="file"]').setAttribute('accept', ATTACHMENT_TYPES)
  for (const details of openers()) details.addEventListener('toggle', () => { if (details.open) fillOrders().catch(() => {}) })
  $('#open-claim').addEventListener('submit', async (event) => {
    event.preventDefault()
    const form = event.target
    const { ok } = await run(async () => mock.openClaim(await claimBody(form)), t('sent'))
    if (ok) form.reset()
  })
  $('#open-issue-dispute').addEventListener('submit', async (event) => {
    event.preventDefault()
    const { ok } = await run(() => mock.openDispute(formJson(event.target)), t('sent'))
    if (ok) event.target.reset()
  })
}

export async function refresh () {
  if (openers().some(details => details.open)) await fillOrders()
}

const writeAs = (issueId) => writeAsForm('issue-write-as', message => mock.writeInIssue(issueId, message))

/** Allegro's advisor settles the claim with a decision of its own (the seller's deadline does not matter then). */
function advisorDecision (issueId) {
  return h('form', {
    id: 'advisor-decision',
    class: 'inline',
    onsubmit: (event) => {
      event.preventDefault()
      const decision = new FormData(event.target).get('decision')
      run(() => mock.setIssueState(issueId, { status: decision.startsWith('ACCEPTED_') ? 'CLAIM_ACCEPTED' : 'CLAIM_REJECTED', decision }), t('saved'))
    },
  },
  h('label', {}, label('decision'), h('select', { name: 'decision' }, CLAIM_DECISIONS.map(decision => h('option', {}, decision)))),
  h('button', { type: 'submit', class: 'secondary' }, label('decideAsAllegro')))
}

/** The simulator's part of one issue's view: Allegro's state changes and the buyer's or the advisor's messages. */
export function actions (issue) {
  const setState = (body, key) => h('button', {
    type: 'button', class: 'secondary', onclick: () => run(() => mock.setIssueState(issue.id, body), t('saved')),
  }, label(key))
  const buttons = issue.type === 'DISPUTE'
    ? [setState({ status: 'DISPUTE_CLOSED' }, 'close'), setState({ status: 'DISPUTE_UNRESOLVED' }, 'escalate'), setState({ status: 'DISPUTE_ONGOING' }, 'reopen')]
    : [setState({ status: 'CLAIM_SUBMITTED' }, 'reopen'), setState({ chatActive: false }, 'closeChat'), setState({ chatActive: true }, 'openChat')]
  return [
    h('h3', {}, label('otherSide')),
    h('p', { id: 'issue-state-buttons' }, buttons.flatMap(button => [button, ' '])),
    issue.type === 'CLAIM' ? advisorDecision(issue.id) : null,
    writeAs(issue.id),
  ]
}
