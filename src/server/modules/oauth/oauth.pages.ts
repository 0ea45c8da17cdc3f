import { escapeHtml, htmlPage } from '../../core/html.js'
import type { Seller } from '../../state.js'
import type { Client, DeviceGrant } from './oauth.types.js'

/** The authorization-code consent page: one link per seller, each carrying `mock_seller`. */
export function consentPage (client: Client, sellers: Seller[], query: Record<string, string | undefined>): string {
  const links = sellers.map(seller => {
    const params = new URLSearchParams(Object.entries({ ...query, mock_seller: seller.login })
      .filter((e): e is [string, string] => e[1] !== undefined))
    return `<li><a class="button" href="/auth/oauth/authorize?${escapeHtml(params.toString())}">Zaloguj jako / Sign in as ${escapeHtml(seller.login)}</a></li>`
  }).join('')
  return htmlPage('allegro-mock: zgoda / consent', `
<h1>Aplikacja „${escapeHtml(client.name)}” prosi o dostęp do konta</h1>
<p>The application <b>${escapeHtml(client.name)}</b> (${escapeHtml(client.clientId)}) asks for access to a seller account. Choose the seller to consent as:</p>
<ul>${links || '<li>This scenario has no sellers.</li>'}</ul>`)
}

export function errorPage (message: string): string {
  return htmlPage('allegro-mock: błąd / error', `<h1>Nie można kontynuować / Cannot continue</h1><p class="error">${escapeHtml(message)}</p>`)
}

/** The device-flow verification page: pending codes with approve and deny buttons. */
export function devicePage (pending: DeviceGrant[], sellers: Seller[], highlight: string | undefined): string {
  const options = sellers.map(s => `<option value="${escapeHtml(s.id)}">${escapeHtml(s.login)}</option>`).join('')
  const rows = pending.map(d => `
<li${d.userCode === highlight ? ' aria-current="true"' : ''}><b>${escapeHtml(d.userCode)}</b> (${escapeHtml(d.clientId)})
<form method="post" action="/__mock/device/${escapeHtml(d.userCode)}/approve"><label>Sprzedawca / Seller <select name="sellerId">${options}</select></label>
<button type="submit">Zezwól / Approve</button></form>
<form method="post" action="/__mock/device/${escapeHtml(d.userCode)}/deny"><button class="secondary" type="submit">Odmów / Deny</button></form></li>`).join('')
  return htmlPage('allegro-mock: powiąż aplikację / link an application', `
<h1>Powiąż aplikację / Link an application</h1>
${rows ? `<ul>${rows}</ul>` : '<p>Brak oczekujących kodów. / No device codes are waiting.</p>'}`)
}
