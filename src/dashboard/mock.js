// Scenario, snapshots, sellers and faults: what only a tester can do, through /__mock.
import { mock } from './api.js'
import { $, formJson, h, renderIf, run } from './dom.js'
import { t } from './i18n.js'
import { loadSellers } from './sellers.js'

const onSubmit = (selector, action) => $(selector).addEventListener('submit', (event) => {
  event.preventDefault()
  run(() => action(event.target), t('saved'))
})

export function init () {
  onSubmit('#reset', async (form) => {
    await mock.reset(formJson(form).scenario)
    await loadSellers(undefined, true)
  })
  $('#export').addEventListener('click', () => run(async () => {
    const blob = await mock.snapshot()
    h('a', { href: URL.createObjectURL(blob), download: 'allegro-mock-snapshot.json' }).click()
  }, t('saved')))
  $('#import').addEventListener('change', (event) => {
    const file = event.target.files[0]
    if (file) {
      run(async () => {
        await mock.importSnapshot(file)
        await loadSellers(undefined, true)
      }, t('saved')).then(() => { event.target.value = '' })
    }
  })
  onSubmit('#add-seller', async (form) => {
    const created = await mock.addSeller({ login: form.login.value, company: form.company.checked })
    form.reset()
    await loadSellers(created.login)
  })
  onSubmit('#fail-tasks', (form) => mock.failTasks(formJson(form, ['count'])))
  onSubmit('#fail-responses', (form) => mock.failResponses(formJson(form, ['status', 'times'])))
  onSubmit('#latency', (form) => mock.slowDown(formJson(form, ['ms'])))
  onSubmit('#rate-limit', (form) => mock.rateLimit({ enabled: form.enabled.checked, perMinute: Number(form.perMinute.value) }))
  $('#clear-faults').addEventListener('click', () => run(() => mock.clearFaults(), t('saved')))
}

export function reset () {}

export async function refresh () {
  const select = $('#reset select')
  if (select.options.length === 0) {
    const { scenarios } = await mock.scenarios()
    select.replaceChildren(...scenarios.map(name => h('option', {}, name)))
  }
  const faults = await mock.faults()
  await renderIf($('#faults'), faults, () => { $('#faults').textContent = JSON.stringify(faults, null, 2) })
}
