// allegro-mock dashboard: plain browser JavaScript, no build step. It drives the mock through its own API (with a
// scenario seller's token) and through /__mock for what only a tester can do (buyer's side, clock, faults).
'use strict'

const VND = 'application/vnd.allegro.public.v1+json'

const TEXT = {
  pl: {
    seller: 'Sprzedawca', clock: 'Zegar', disputes: 'Dyskusje', offers: 'Ogłoszenia', publication: 'Publikacja', stats: 'Statystyki',
    mock: 'Scenariusz i awarie', docs: 'API (Swagger)', device: 'Powiąż urządzenie', openDispute: 'Otwórz dyskusję jako kupujący',
    order: 'Zamówienie', subject: 'Powód', text: 'Treść', openAsBuyer: 'Otwórz', messages: 'Wiadomości', replyAsSeller: 'Odpowiedz jako sprzedawca',
    actAs: 'Napisz jako', buyer: 'Kupujący', advisor: 'Doradca Allegro', send: 'Wyślij', file: 'Załącznik', close: 'Zamknij',
    escalate: 'Oznacz jako nierozwiązaną', reopen: 'Otwórz ponownie', commands: 'Polecenia publikacji', offer: 'Ogłoszenie',
    event: 'Zdarzenie', record: 'Zapisz zdarzenie', scenario: 'Scenariusz', reset: 'Przywróć', export: 'Pobierz migawkę',
    import: 'Wczytaj migawkę', faults: 'Awarie', nextTasks: 'Najbliższe zadania', message: 'Komunikat', route: 'Operacja',
    statusCode: 'Status', times: 'Razy', rateLimit: 'Limit zapytań', perMinute: 'na minutę', add: 'Dodaj', save: 'Zapisz',
    clear: 'Usuń wszystkie awarie', validation: 'Błędy walidacji', noErrors: 'Brak błędów — gotowe do publikacji',
    packages: 'Pakiety', noPackages: 'Brak przypisanego pakietu', assign: 'Przypisz', activate: 'Opublikuj (ACTIVATE)', end: 'Zakończ (END)',
    edit: 'Edytuj JSON ogłoszenia', field: 'Pole', value: 'Wartość', problems: 'Problemy', tasks: 'Zadania', total: 'Łącznie',
    none: 'Brak', saved: 'Zapisano', sent: 'Wysłano', manualOnly: 'tylko ręczny zegar', day: 'Dzień', count: 'Liczba',
    attachment: 'Załącznik', download: 'pobierz', status: 'Status',
  },
  en: {
    seller: 'Seller', clock: 'Clock', disputes: 'Disputes', offers: 'Offers', publication: 'Publication', stats: 'Statistics',
    mock: 'Scenario and faults', docs: 'API (Swagger)', device: 'Link a device', openDispute: 'Open a dispute as the buyer',
    order: 'Order', subject: 'Reason', text: 'Text', openAsBuyer: 'Open', messages: 'Messages', replyAsSeller: 'Reply as the seller',
    actAs: 'Write as', buyer: 'Buyer', advisor: 'Allegro advisor', send: 'Send', file: 'Attachment', close: 'Close',
    escalate: 'Mark unresolved', reopen: 'Reopen', commands: 'Publication commands', offer: 'Offer',
    event: 'Event', record: 'Record event', scenario: 'Scenario', reset: 'Reset', export: 'Download snapshot',
    import: 'Load snapshot', faults: 'Faults', nextTasks: 'Next tasks', message: 'Message', route: 'Operation',
    statusCode: 'Status', times: 'Times', rateLimit: 'Rate limit', perMinute: 'per minute', add: 'Add', save: 'Save',
    clear: 'Clear all faults', validation: 'Validation errors', noErrors: 'No errors — ready to publish',
    packages: 'Packages', noPackages: 'No package assigned', assign: 'Assign', activate: 'Publish (ACTIVATE)', end: 'End (END)',
    edit: 'Edit the offer JSON', field: 'Field', value: 'Value', problems: 'Problems', tasks: 'Tasks', total: 'Total',
    none: 'None', saved: 'Saved', sent: 'Sent', manualOnly: 'manual clock only', day: 'Day', count: 'Count',
    attachment: 'Attachment', download: 'download', status: 'Status',
  },
}

const state = { language: 'pl', seller: null, token: null, tab: 'disputes', dispute: null, offer: null, clockMode: 'system' }
const $ = (selector) => document.querySelector(selector)
const t = (key) => TEXT[state.language][key] ?? key

/** Builds an element: h('button', { type: 'button', onclick }, 'text', child). */
function h (tag, props = {}, ...children) {
  const element = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value)
    else if (value !== undefined && value !== null && value !== false) element.setAttribute(key, value === true ? '' : value)
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child))
  return element
}

/** Replaces an element's content, leaving out empty parts. */
function fill (element, ...children) {
  element.replaceChildren(...children.flat().filter(child => child !== null && child !== undefined && child !== false))
}

function say (text, isError = false) {
  const status = $('#status')
  status.textContent = text
  status.className = isError ? 'error' : ''
}

async function mock (path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: options.body && !(options.body instanceof Blob) ? { 'content-type': 'application/json', ...options.headers } : options.headers,
  })
  const text = await response.text()
  const body = text ? JSON.parse(text) : undefined
  if (!response.ok) throw new Error(body?.errors?.[0]?.message ?? `${response.status}`)
  return body
}

/** Calls the Allegro API as the chosen seller. */
async function api (method, path, body) {
  const headers = { accept: VND, authorization: `Bearer ${state.token}`, 'accept-language': state.language === 'pl' ? 'pl-PL' : 'en-US' }
  if (body !== undefined) headers['content-type'] = VND
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  if (response.status === 401) {
    await pickSeller(state.seller)
    return api(method, path, body)
  }
  const text = await response.text()
  const parsed = text ? JSON.parse(text) : undefined
  if (!response.ok) {
    const error = new Error(parsed?.errors?.map(e => e.userMessage || e.message).join('; ') ?? `${response.status}`)
    error.status = response.status
    throw error
  }
  return parsed
}

const when = (iso) => iso ? new Date(iso).toLocaleString(state.language === 'pl' ? 'pl-PL' : 'en-GB') : '—'
const badge = (value) => h('span', { class: `badge ${value}` }, value)

function translate () {
  document.documentElement.lang = state.language
  $('#language').textContent = state.language === 'pl' ? 'EN' : 'PL'
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t)
}

async function pickSeller (login) {
  state.seller = login
  state.token = (await (await fetch(`/__mock/sellers/${encodeURIComponent(login)}/token`)).text())
}

// Clock

async function refreshClock () {
  const clock = await mock('/__mock/clock')
  state.clockMode = clock.mode
  $('#clock-now').textContent = when(clock.now)
  $('#clock-now').setAttribute('datetime', clock.now)
  $('#clock-mode').textContent = clock.mode === 'manual' ? '(manual)' : '(system)'
  $('#clock-buttons').hidden = clock.mode !== 'manual'
}

// Disputes

async function showDisputes () {
  const { disputes } = await api('GET', '/sale/disputes?limit=100')
  const list = $('#dispute-list')
  list.replaceChildren(...disputes.map(d => h('li', {}, h('button', {
    type: 'button', 'aria-current': d.id === state.dispute ? 'true' : 'false',
    onclick: () => { state.dispute = d.id; showDisputes() },
  }, h('b', {}, d.subject?.name ?? d.id), ' ', badge(d.status), badge(d.messagesStatus), h('div', { class: 'meta' }, `${d.buyer?.login} · ${when(d.lastMessageCreationDate)}`)))))
  if (state.dispute && disputes.some(d => d.id === state.dispute)) await showDispute(state.dispute)
  else $('#dispute-detail').replaceChildren()
  const orders = await api('GET', '/order/checkout-forms?limit=100')
  const select = $('#open-dispute select[name="checkoutFormId"]')
  const chosen = select.value
  select.replaceChildren(...orders.checkoutForms.map(o => h('option', { value: o.id }, `${o.buyer.login} — ${o.lineItems[0]?.offer.name ?? o.id}`)))
  if (chosen) select.value = chosen
}

async function attachmentLink (url, fileName) {
  const id = url.split('/').pop()
  return h('a', {
    href: '#',
    onclick: async (event) => {
      event.preventDefault()
      const response = await fetch(`/sale/dispute-attachments/${id}`, { headers: { authorization: `Bearer ${state.token}` } })
      const link = h('a', { href: URL.createObjectURL(await response.blob()), download: fileName })
      link.click()
    },
  }, `${fileName} (${t('download')})`)
}

async function showDispute (id) {
  const dispute = await api('GET', `/sale/disputes/${id}`)
  const { messages } = await api('GET', `/sale/disputes/${id}/messages?limit=100`)
  const items = []
  for (const message of [...messages].reverse()) {
    items.push(h('article', { class: `message ${message.author.role}` },
      h('div', { class: 'meta' }, `${message.author.login ?? message.author.role} · ${message.author.role} · ${when(message.createdAt)}`),
      message.text ? h('p', {}, message.text) : null,
      message.attachment ? h('p', {}, `${t('attachment')}: `, await attachmentLink(message.attachment.url, message.attachment.fileName)) : null))
  }
  const act = h('form', {
    onsubmit: async (event) => {
      event.preventDefault()
      const data = new FormData(event.target)
      const file = data.get('file')
      const body = { role: data.get('role'), text: data.get('text') || undefined }
      if (file && file.size > 0) {
        const bytes = new Uint8Array(await file.arrayBuffer())
        body.file = { fileName: file.name, contentType: file.type, base64: btoa(String.fromCharCode(...bytes)) }
      }
      await run(() => mock(`/__mock/disputes/${id}/messages`, { method: 'POST', body: JSON.stringify(body) }), t('sent'))
    },
  },
  h('label', {}, t('actAs'), h('select', { name: 'role' }, h('option', { value: 'BUYER' }, t('buyer')), h('option', { value: 'ADMIN' }, t('advisor')))),
  h('label', {}, t('text'), h('textarea', { name: 'text' })),
  h('label', {}, t('file'), h('input', { type: 'file', name: 'file', accept: 'image/png,image/gif,image/bmp,image/tiff,image/jpeg,application/pdf' })),
  h('button', { type: 'submit' }, t('send')))
  const reply = h('form', {
    onsubmit: async (event) => {
      event.preventDefault()
      const text = new FormData(event.target).get('text')
      await run(() => api('POST', `/sale/disputes/${id}/messages`, { type: 'REGULAR', text }), t('sent'))
    },
  }, h('label', {}, t('replyAsSeller'), h('textarea', { name: 'text', required: true })), h('button', { type: 'submit' }, t('send')))
  const status = (value, label) => h('button', { type: 'button', class: 'secondary', onclick: () => run(() => mock(`/__mock/disputes/${id}/status`, { method: 'POST', body: JSON.stringify({ status: value }) }), t('saved')) }, label)
  fill($('#dispute-detail'),
    h('h2', {}, dispute.subject?.name ?? id, ' ', badge(dispute.status), badge(dispute.messagesStatus)),
    h('p', { class: 'meta' }, `${dispute.buyer?.login} · ${dispute.checkoutForm.id} · ${t('messages')}: ${dispute.messagesCount}`),
    h('div', { id: 'thread' }, items),
    h('p', {}, status('CLOSED', t('close')), ' ', status('UNRESOLVED', t('escalate')), ' ', status('ONGOING', t('reopen'))),
    reply, act)
}

// Offers

const OFFER_FIELDS = ['name', 'category', 'parameters', 'description', 'images', 'sellingMode', 'location', 'payments', 'contact', 'afterSalesServices', 'publication']

function summary (value) {
  if (value === null || value === undefined) return '—'
  const text = JSON.stringify(value)
  return text.length > 90 ? `${text.slice(0, 87)}…` : text
}

async function showOffers () {
  const { offers } = await mock(`/__mock/sellers/${encodeURIComponent(state.seller)}/offers`)
  $('#offer-list').replaceChildren(...offers.map(o => h('li', {}, h('button', {
    type: 'button', 'aria-current': o.id === state.offer ? 'true' : 'false',
    onclick: () => { state.offer = o.id; showOffers() },
  }, h('b', {}, o.name), ' ', badge(o.status), o.errors ? h('span', { class: 'badge FAIL' }, `${o.errors} ⚠`) : null, h('div', { class: 'meta' }, o.id)))))
  if (state.offer && offers.some(o => o.id === state.offer)) await showOffer(state.offer)
  else $('#offer-detail').replaceChildren()
}

async function showOffer (id) {
  const offer = await api('GET', `/sale/offers/${id}`)
  const errors = offer.validation?.errors ?? []
  const rows = OFFER_FIELDS.map(field => {
    const problems = errors.filter(e => e.path === field || e.path.startsWith(`${field}.`) || e.path.startsWith(`${field}[`))
    return h('tr', { 'data-field': field },
      h('th', { scope: 'row' }, field),
      h('td', {}, summary(offer[field])),
      h('td', { class: 'error' }, problems.map(p => h('div', {}, p.userMessage || p.message))))
  })
  const other = errors.filter(e => !OFFER_FIELDS.some(f => e.path === f || e.path.startsWith(`${f}.`) || e.path.startsWith(`${f}[`)))
  let packages = null
  try { packages = await api('GET', `/sale/offer-classifieds-packages/${id}`) } catch (error) { if (error.status !== 404) throw error }
  let available = []
  try { available = (await api('GET', `/sale/classifieds-packages?category.id=${offer.category.id}`)).packages } catch { available = [] }
  const assign = h('form', {
    class: 'inline',
    onsubmit: async (event) => {
      event.preventDefault()
      const data = new FormData(event.target)
      const extras = data.getAll('extra').map(value => ({ id: value }))
      await run(() => api('PUT', `/sale/offer-classifieds-packages/${id}`, { basePackage: { id: data.get('base') }, extraPackages: extras }), t('saved'))
    },
  },
  h('label', {}, 'BASE', h('select', { name: 'base' }, available.filter(p => p.type === 'BASE').map(p => h('option', { value: p.id, selected: packages?.basePackage.id === p.id }, p.name)))),
  available.filter(p => p.type === 'EXTRA').map(p => h('label', {}, h('input', { type: 'checkbox', name: 'extra', value: p.id, checked: packages?.extraPackages.some(e => e.id === p.id) }), p.name)),
  h('button', { type: 'submit' }, t('assign')))
  const publish = (action) => h('button', {
    type: 'button', class: action === 'END' ? 'secondary' : undefined,
    onclick: () => run(() => api('PUT', `/sale/offer-publication-commands/${crypto.randomUUID()}`, {
      publication: { action }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id }] }],
    }), t('sent')),
  }, t(action === 'END' ? 'end' : 'activate'))
  const editor = h('textarea', { name: 'json', rows: '16', 'aria-label': t('edit') }, JSON.stringify(offer, null, 2))
  const edit = h('form', {
    onsubmit: async (event) => {
      event.preventDefault()
      await run(() => api('PUT', `/sale/offers/${id}`, JSON.parse(editor.value)), t('saved'))
    },
  }, editor, h('button', { type: 'submit' }, t('save')))
  fill($('#offer-detail'),
    h('h2', {}, offer.name, ' ', badge(offer.publication.status)),
    h('p', { class: 'meta' }, `${id} · ${when(offer.publication.startingAt)} – ${when(offer.publication.endingAt)}${offer.publication.endedBy ? ` · ${offer.publication.endedBy}` : ''}`),
    h('h3', {}, t('validation')),
    errors.length === 0 ? h('p', { class: 'ok', id: 'no-errors' }, t('noErrors')) : null,
    h('table', { id: 'offer-fields' }, h('thead', {}, h('tr', {}, h('th', {}, t('field')), h('th', {}, t('value')), h('th', {}, t('problems')))), h('tbody', {}, rows)),
    other.map(e => h('p', { class: 'error' }, `${e.path}: ${e.userMessage || e.message}`)),
    h('h3', {}, t('packages')),
    h('p', {}, packages ? `BASE ${packages.basePackage.id}${packages.extraPackages.length ? ` + ${packages.extraPackages.map(e => e.id).join(', ')}` : ''}` : t('noPackages')),
    assign,
    h('p', {}, publish('ACTIVATE'), ' ', publish('END')),
    h('details', {}, h('summary', {}, t('edit')), edit))
}

// Publication

async function showCommands () {
  const { commands } = await mock(`/__mock/sellers/${encodeURIComponent(state.seller)}/publication-commands`)
  const blocks = []
  for (const command of commands.slice(0, 20)) {
    const { tasks } = await api('GET', `/sale/offer-publication-commands/${command.id}/tasks?limit=100`)
    blocks.push(h('article', { class: 'message', 'data-command': command.id },
      h('div', {}, h('b', {}, command.action), ' ', command.id, ' ', command.completedAt ? badge('SUCCESS') : badge('NEW')),
      h('div', { class: 'meta' }, `${when(command.createdAt)} · ${t('total')} ${command.taskCount.total} · ✓ ${command.taskCount.success} · ✗ ${command.taskCount.failed}`),
      h('table', {}, h('tbody', {}, tasks.map(task => h('tr', { 'data-offer': task.offer.id },
        h('td', {}, task.offer.id), h('td', { class: 'task-status' }, badge(task.status)), h('td', {}, task.message || ''), h('td', { class: 'meta' }, when(task.finishedAt))))))))
  }
  $('#command-list').replaceChildren(...(blocks.length ? blocks : [h('p', {}, t('none'))]))
}

// Statistics

async function showStats () {
  const stats = await api('GET', '/sale/classified-seller-stats')
  fill($('#stats'),
    h('table', {}, h('tbody', {}, stats.eventStatsTotal.map(s => h('tr', {}, h('th', { scope: 'row' }, s.eventType), h('td', {}, s.count))))),
    h('h3', {}, t('day')),
    h('table', {}, h('tbody', {}, stats.eventsPerDay.map(d => h('tr', {}, h('th', { scope: 'row' }, d.date), h('td', {}, d.eventStats.map(s => `${s.eventType}: ${s.count}`).join(', ')))))))
}

// Scenario and faults

async function showMock () {
  const { scenarios } = await mock('/__mock/scenarios')
  const select = $('#reset select')
  if (select.options.length === 0) select.replaceChildren(...scenarios.map(name => h('option', {}, name)))
  $('#faults').textContent = JSON.stringify(await mock('/__mock/faults'), null, 2)
}

const views = { disputes: showDisputes, offers: showOffers, publication: showCommands, stats: showStats, mock: showMock }

async function refresh () {
  await refreshClock()
  await views[state.tab]()
}

async function run (action, done) {
  try {
    await action()
    say(done)
  } catch (error) {
    say(error.message, true)
  }
  await refresh().catch(error => say(error.message, true))
}

function showTab (tab) {
  state.tab = tab
  for (const button of document.querySelectorAll('nav button')) button.setAttribute('aria-current', button.dataset.tab === tab ? 'page' : 'false')
  for (const section of document.querySelectorAll('main section')) section.hidden = section.id !== `tab-${tab}`
  history.replaceState(null, '', `#${tab}`)
  refresh().catch(error => say(error.message, true))
}

function formJson (form, numbers = []) {
  const data = Object.fromEntries(new FormData(form))
  for (const key of numbers) if (data[key] !== undefined) data[key] = Number(data[key])
  return data
}

async function start () {
  translate()
  const { sellers } = await mock('/__mock/sellers')
  $('#seller').replaceChildren(...sellers.map(s => h('option', { value: s.login }, `${s.login} (${s.id})`)))
  await pickSeller(sellers[0].login)
  $('#seller').addEventListener('change', async (event) => { await pickSeller(event.target.value); state.dispute = null; state.offer = null; refresh() })
  $('#language').addEventListener('click', () => { state.language = state.language === 'pl' ? 'en' : 'pl'; translate(); refresh() })
  for (const button of document.querySelectorAll('nav button')) button.addEventListener('click', () => showTab(button.dataset.tab))
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () => run(() => mock('/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ by: button.dataset.advance }) }), t('saved')))
  }
  $('#open-dispute').addEventListener('submit', (event) => {
    event.preventDefault()
    run(() => mock('/__mock/disputes', { method: 'POST', body: JSON.stringify(formJson(event.target)) }), t('sent'))
  })
  $('#record-event').addEventListener('submit', (event) => {
    event.preventDefault()
    const { offerId, eventType } = formJson(event.target)
    run(() => mock(`/__mock/offers/${offerId}/events`, { method: 'POST', body: JSON.stringify({ eventType }) }), t('saved'))
  })
  $('#reset').addEventListener('submit', (event) => {
    event.preventDefault()
    run(() => mock('/__mock/reset', { method: 'POST', body: JSON.stringify(formJson(event.target)) }), t('saved'))
  })
  $('#import').addEventListener('change', async (event) => {
    const file = event.target.files[0]
    if (file) run(() => mock('/__mock/snapshot', { method: 'PUT', body: file, headers: { 'content-type': 'application/json' } }), t('saved'))
  })
  $('#fail-tasks').addEventListener('submit', (event) => { event.preventDefault(); run(() => mock('/__mock/faults/tasks', { method: 'POST', body: JSON.stringify(formJson(event.target, ['count'])) }), t('saved')) })
  $('#fail-responses').addEventListener('submit', (event) => { event.preventDefault(); run(() => mock('/__mock/faults/responses', { method: 'POST', body: JSON.stringify(formJson(event.target, ['status', 'times'])) }), t('saved')) })
  $('#latency').addEventListener('submit', (event) => { event.preventDefault(); run(() => mock('/__mock/faults/latency', { method: 'POST', body: JSON.stringify(formJson(event.target, ['ms'])) }), t('saved')) })
  $('#rate-limit').addEventListener('submit', (event) => {
    event.preventDefault()
    const form = event.target
    run(() => mock('/__mock/faults/rate-limit', { method: 'POST', body: JSON.stringify({ enabled: form.enabled.checked, perMinute: Number(form.perMinute.value) }) }), t('saved'))
  })
  $('#clear-faults').addEventListener('click', () => run(() => mock('/__mock/faults', { method: 'DELETE' }), t('saved')))
  showTab(location.hash.slice(1) in views ? location.hash.slice(1) : 'disputes')
  // Publication tasks settle as time passes: the open view follows them.
  setInterval(() => {
    if (document.activeElement?.tagName !== 'TEXTAREA' && document.activeElement?.tagName !== 'INPUT') refresh().catch(() => {})
  }, 1000)
}

start().catch(error => say(error.message, true))
