// The seller's classified-ad statistics, and visitor events recorded on the mock.
import { allegroApi, mock } from './api.js'
import { $, fill, formJson, h, label, renderIf, run } from './dom.js'
import { t } from './i18n.js'

export function init () {
  $('#record-event').addEventListener('submit', (event) => {
    event.preventDefault()
    const { offerId, eventType } = formJson(event.target)
    run(() => mock.recordEvent(offerId, eventType), t('saved'))
  })
}

export function reset () {}

export async function refresh () {
  const stats = await allegroApi.sellerStats()
  const box = $('#stats')
  await renderIf(box, stats, () => fill(box,
    h('table', {}, h('tbody', {}, stats.eventStatsTotal.map(s => h('tr', {}, h('th', { scope: 'row' }, s.eventType), h('td', {}, s.count))))),
    h('h3', {}, label('day')),
    h('table', {}, h('tbody', {}, stats.eventsPerDay.map(d => h('tr', {}, h('th', { scope: 'row' }, d.date), h('td', {}, d.eventStats.map(s => `${s.eventType}: ${s.count}`).join(', '))))))))
}
