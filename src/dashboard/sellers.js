// The seller picker in the header: every Allegro call is made as the seller chosen here.
import { currentSeller, mock, useSeller } from './api.js'
import { $, h } from './dom.js'

let changed = async () => {}

/**
 * Fills the picker from /__mock/sellers and keeps `login` (or the current seller, or the first one) chosen.
 * `renewed`: the mock's data was replaced (a reset, an imported snapshot), so the views start over even for the same seller.
 */
export async function loadSellers (login = currentSeller(), renewed = false) {
  const { sellers } = await mock.sellers()
  const select = $('#seller')
  select.replaceChildren(...sellers.map(s => h('option', { value: s.login }, `${s.login} (${s.id})`)))
  const chosen = sellers.find(s => s.login === login) ?? sellers[0]
  if (!chosen) return
  select.value = chosen.login
  if (renewed || chosen.login !== currentSeller()) {
    await useSeller(chosen.login)
    await changed()
  }
}

/** `onChange` runs after the seller changed (views drop what they had selected). */
export async function initSellers (onChange) {
  await loadSellers()
  changed = onChange
  $('#seller').addEventListener('change', async (event) => {
    await useSeller(event.target.value)
    await changed()
  })
}
