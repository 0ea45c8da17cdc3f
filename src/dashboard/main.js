// allegro-mock dashboard: native ES modules, no build step. This module wires the views to the tabs, the
// language switch and the seller picker, and follows the mock as it changes (tasks settle as time passes).
import * as clock from './clock.js'
import * as contacts from './contacts.js'
import * as disputes from './disputes.js'
import { $, invalidate, onRefresh, say } from './dom.js'
import { language, setLanguage } from './i18n.js'
import * as issues from './issues.js'
import * as mockView from './mock.js'
import * as offers from './offers.js'
import * as publication from './publication.js'
import { initSellers } from './sellers.js'
import * as stats from './stats.js'

const views = { disputes, issues, offers, publication, stats, contacts, mock: mockView }
let tab = 'disputes'
let running = null
let queued = null

/** One refresh at a time: calls made while one runs share a single next one, which sees their changes. */
function refresh () {
  if (running) {
    queued ??= running.catch(() => {}).then(() => { queued = null; return refresh() })
    return queued
  }
  running = (async () => {
    try {
      await clock.refreshClock()
      await views[tab].refresh()
    } finally {
      running = null
    }
  })()
  return running
}

function showTab (next) {
  tab = next
  for (const button of document.querySelectorAll('nav button[data-tab]')) button.setAttribute('aria-current', button.dataset.tab === tab ? 'page' : 'false')
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== `tab-${tab}`
  history.replaceState(null, '', `#${tab}`)
  refresh().catch(error => say(error.message, true))
}

async function start () {
  setLanguage('pl')
  onRefresh(refresh)
  clock.initClock()
  for (const view of Object.values(views)) view.init()
  await initSellers(async () => {
    for (const view of Object.values(views)) view.reset()
    await refresh()
  })
  $('#language').addEventListener('click', () => {
    setLanguage(language() === 'pl' ? 'en' : 'pl')
    $('#language').textContent = language() === 'pl' ? 'EN' : 'PL'
    invalidate()
    refresh().catch(error => say(error.message, true))
  })
  for (const button of document.querySelectorAll('nav button[data-tab]')) button.addEventListener('click', () => showTab(button.dataset.tab))
  const fromHash = () => location.hash.slice(1) in views ? location.hash.slice(1) : 'disputes'
  window.addEventListener('hashchange', () => { if (fromHash() !== tab) showTab(fromHash()) })
  showTab(fromHash())
  // Publication tasks settle and buyers write as time passes: the open view follows, rebuilding only what changed.
  setInterval(() => { if (!running) refresh().catch(() => {}) }, 1000)
}

start().catch(error => say(error.message, true))
