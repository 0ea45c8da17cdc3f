// The mock's clock in the header; a manual clock gets buttons that move it.
import { mock } from './api.js'
import { $, run, when } from './dom.js'
import { t } from './i18n.js'

const clock = { now: null, mode: 'system' }

/** The mock clock's time as last read (ms), or the browser's before the first read. */
export const clockNow = () => clock.now ? Date.parse(clock.now) : Date.now()

export function initClock () {
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () => run(() => mock.advanceClock(button.dataset.advance), t('saved')))
  }
}

export async function refreshClock () {
  Object.assign(clock, await mock.clock())
  $('#clock-now').textContent = when(clock.now)
  $('#clock-now').setAttribute('datetime', clock.now)
  $('#clock-mode').textContent = clock.mode === 'manual' ? '(manual)' : '(system)'
  $('#clock-buttons').hidden = clock.mode !== 'manual'
}
