import { mkdirSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, expect, onTestFailed, test } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { CLAIMS } from '../../src/fixtures/claims.js'
import { screenshotPng } from '../../src/fixtures/files.js'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { defaultConfig } from '../../src/server/config.js'
import { dashboardFiles } from '../../src/server/modules/dashboard/dashboard.routes.js'
import { startServer, type RunningServer } from '../../src/server/server.js'
import { guidePutBody } from '../support/offers.js'
import { launchChromium } from './chromium.js'

// Chromium from CHROMIUM_PATH, the system, or the npm package @sparticuz/chromium (see chromium.ts), driven by
// playwright-core. The page runs in UTC so that dates typed into the page are the mock clock's.
const SHOTS = 'reports/screenshots'
const VND = 'application/vnd.allegro.public.v1+json'
const BETA = 'application/vnd.allegro.beta.v1+json'
const START = '2026-01-05T10:00:00.000Z'

let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
/** Every request the page sent to the mock in the current test, with its X-Allegro-Mock-Client header. */
let sent: Array<Promise<{ method: string, path: string, type: string, client: string | undefined }>>

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  const [started, launched] = await Promise.all([
    startServer({ ...defaultConfig, port: 0, dataFile: null, clock: 'manual', clockStart: START, taskDelayMs: 3000, logLevel: 'silent' }),
    launchChromium(),
  ])
  server = started
  browser = launched.browser
  console.info(`Chromium ${browser.version()} from ${launched.choice.source} (${launched.executablePath}), launched in ${launched.launchMs} ms`)
}, 60_000)
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})
beforeEach(async () => {
  // The previous test's page stays open until here, so that a failed test's screenshot shows where it stopped.
  await context?.close()
  await fetch(`${server.url}/__mock/reset`, { method: 'POST' })
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'pl-PL', acceptDownloads: true })
  context.setDefaultTimeout(15_000)
  page = await context.newPage()
  onTestFailed(async ({ task }) => {
    await page.screenshot({ path: `${SHOTS}/failed-${task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true }).catch(() => {})
  })
  sent = []
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) return
    sent.push(request.allHeaders().catch(() => request.headers()).then(headers => ({
      method: request.method(), path: new URL(request.url()).pathname, type: request.resourceType(), client: headers['x-allegro-mock-client'],
    })))
  })
})
afterEach(async () => {
  // The dashboard's own requests never count as client traffic: every one it makes says so. What the browser loads
  // by itself (the page, its modules and style sheets) cannot carry a header and is no API traffic anyway.
  const requests = await Promise.all(sent)
  const unmarked = requests.filter(r => r.client !== 'dashboard' && !(['document', 'script', 'stylesheet', 'image'].includes(r.type) && /^\/(docs(\/assets\/.*)?|__mock\/dashboard\/[a-z0-9-]+\.(js|css))?$/.test(r.path)))
  expect(unmarked, 'requests without X-Allegro-Mock-Client: dashboard').toEqual([])
})

/** Polls `read` until the assertion that follows holds (15 s at most, as for the page's own waits). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 })

/** Waits until `locator` matches `n` elements. */
const count = (locator: Locator, n: number) => eventually(() => locator.count()).toBe(n)

async function seller (login = 'Seller_login1'): Promise<string> {
  return (await fetch(`${server.url}/__mock/sellers/${login}/token`)).text()
}

async function asSeller (method: string, path: string, body?: unknown, media = VND): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { accept: media, authorization: `Bearer ${await seller()}`, ...(body ? { 'content-type': media } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
}

async function control (method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
}

async function shot (name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

const tab = (name: string) => page.locator(`nav button[data-tab="${name}"]`).click()

test('the dashboard is native ES modules served as JavaScript; nothing outside its folder is served', async () => {
  const html = await (await fetch(`${server.url}/`)).text()
  expect(html).toContain('<script type="module" src="/__mock/dashboard/main.js"></script>')
  // Every module main.js imports, followed through their own imports.
  const seen = new Set<string>()
  const queue = ['main.js']
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    seen.add(file)
    const res = await fetch(`${server.url}/__mock/dashboard/${file}`)
    expect(res.status, file).toBe(200)
    expect(res.headers.get('content-type'), file).toBe('text/javascript; charset=utf-8')
    for (const [, imported] of (await res.text()).matchAll(/^import .* from '\.\/([a-z0-9-]+\.js)'$/gm)) queue.push(imported!)
  }
  expect([...seen]).toEqual(expect.arrayContaining(['api.js', 'i18n.js', 'disputes.js', 'offers.js', 'draft-form.js', 'publication.js', 'contacts.js', 'stats.js', 'mock.js', 'sellers.js', 'clock.js', 'issues.js', 'issue-simulator.js', 'issue-codes.js', 'simulator-forms.js']))
  expect((await fetch(`${server.url}/__mock/dashboard/dashboard.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8')
  for (const path of ['..%2F..%2Fserver%2Fconfig.ts', '..%2Fdashboard%2Fapi.js', '%2E%2E%2F%2E%2E%2F%2E%2E%2Fpackage.json', 'index.html', 'dashboard.js', 'API.js', '.api.js', 'api.js%00.css']) {
    expect((await fetch(`${server.url}/__mock/dashboard/${path}`)).status, path).toBe(404)
  }
  expect([...dashboardFiles(['api.js', 'dashboard.css', 'index.html', '../x.js', 'a/b.js', 'X.js', '.hidden.js', 'draft-form.js', 'notes.ts', 'a.js.map']).keys()])
    .toEqual(['api.js', 'dashboard.css', 'draft-form.js'])
})

test('a buyer opens a dispute on the page, the seller replies through the API, the reply shows in the thread', async () => {
  const orders = await (await asSeller('GET', '/order/checkout-forms?limit=100')).json() as { checkoutForms: Array<{ id: string, buyer: { login: string } }> }
  const quiet = orders.checkoutForms.find(o => o.buyer.login.startsWith('Klient_'))!
  await page.goto(`${server.url}/#disputes`)
  await page.locator('#dispute-list li').first().waitFor()
  await page.locator('#tab-disputes').getByText('Otwórz dyskusję jako kupujący').click()
  await page.locator('#open-dispute select[name="checkoutFormId"]').selectOption(quiet.id)
  await page.locator('#open-dispute textarea[name="text"]').fill('Paczka nie dotarła, proszę o pomoc.')
  await page.locator('#open-dispute button[type="submit"]').click()
  await page.locator('#dispute-list li').first().getByText(quiet.buyer.login).waitFor()
  await page.locator('#dispute-list li button').first().click()
  await page.locator('#thread').getByText('Paczka nie dotarła, proszę o pomoc.').waitFor()
  await shot('1-buyer-opened-dispute')

  const { disputes } = await (await asSeller('GET', '/sale/disputes?limit=1')).json() as { disputes: Array<{ id: string }> }
  const reply = await asSeller('POST', `/sale/disputes/${disputes[0]!.id}/messages`, { type: 'REGULAR', text: 'Sprawdzamy u przewoźnika.' })
  expect(reply.status).toBe(201)
  await page.locator('#thread .message.SELLER').getByText('Sprawdzamy u przewoźnika.').waitFor()
  await eventually(() => page.locator('#dispute-detail h2 .badge').nth(1).textContent()).toBe('SELLER_REPLIED')
  await shot('2-seller-reply-in-thread')
  // The README's picture (docs/dashboard.png is copied from it when the look changes).
  await page.screenshot({ path: `${SHOTS}/dashboard.png` })
})

test('publishing a draft: its task goes NEW, then SUCCESS once the clock is advanced', async () => {
  await page.goto(`${server.url}/#offers`)
  await page.locator('#offer-list li').getByText(ADS_GUIDE.readyOfferId).click()
  await page.locator('#no-errors').waitFor()
  await page.getByRole('button', { name: 'Opublikuj (ACTIVATE)' }).click()
  await tab('publication')
  const task = page.locator(`#command-list tr[data-offer="${ADS_GUIDE.readyOfferId}"] .task-status`)
  await eventually(() => task.textContent()).toBe('NEW')
  await eventually(() => page.locator('#command-list .command-status').textContent()).toBe('NEW')
  await shot('3-task-new')
  await page.getByRole('button', { name: '+5 s' }).click()
  await page.locator(`#command-list tr[data-offer="${ADS_GUIDE.readyOfferId}"] .badge.SUCCESS`).waitFor()
  await eventually(() => page.locator('#command-list .command-status').textContent()).toBe('SUCCESS')
  await shot('4-task-success')
  await tab('offers')
  await page.locator('#offer-detail h2 .badge.ACTIVE').waitFor()
})

test('a command whose tasks failed shows as failed, with each task\'s message and errors', async () => {
  expect((await control('POST', '/__mock/faults/tasks', { offerIds: [ADS_GUIDE.readyOfferId], message: 'Allegro could not publish the offer.' })).status).toBe(201)
  await page.goto(`${server.url}/#offers`)
  await page.locator('#offer-list li').getByText(ADS_GUIDE.readyOfferId).click()
  await page.locator('#no-errors').waitFor()
  await page.getByRole('button', { name: 'Opublikuj (ACTIVATE)' }).click()
  await page.locator('#offer-detail h2 .badge.ACTIVATING').waitFor()
  await page.locator('#offer-list li').getByText(ADS_GUIDE.draftOfferId).click()
  await page.locator('#offer-detail .meta', { hasText: ADS_GUIDE.draftOfferId }).waitFor()
  await page.getByRole('button', { name: 'Opublikuj (ACTIVATE)' }).click()
  await page.locator('#offer-detail h2 .badge.ACTIVATING').waitFor()
  await tab('publication')
  await count(page.locator('#command-list article'), 2)
  await page.getByRole('button', { name: '+5 s' }).click()

  const failed = page.locator('#command-list article[data-status="FAIL"]')
  await count(failed, 2)
  await count(page.locator('#command-list .badge.SUCCESS'), 0)
  const forced = page.locator(`#command-list tr[data-offer="${ADS_GUIDE.readyOfferId}"]`)
  await eventually(() => forced.locator('.task-status').textContent()).toBe('FAIL')
  await eventually(() => forced.locator('.task-message').textContent()).toContain('Allegro could not publish the offer.')
  for (const meta of await failed.locator(':scope > .meta').allTextContents()) expect(meta).toContain('✓ 0 · ✗ 1')
  const invalid = page.locator(`#command-list tr[data-offer="${ADS_GUIDE.draftOfferId}"]`)
  await eventually(() => invalid.locator('.task-message').textContent()).toContain('The offer has validation errors.')
  const errors = await invalid.locator('.task-errors li').allTextContents()
  expect(errors).toContain('location: Podaj lokalizację.')
  expect(errors.length).toBeGreaterThanOrEqual(5)
  await shot('9-failed-command')
})

test('uploads over 200 KB: a buyer\'s 300 KB attachment and a 300 KB offer image', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300 * 1024, 0x41)])
  const png = screenshotPng({ exactSize: 300 * 1024 })
  const { disputes } = await (await asSeller('GET', '/sale/disputes?limit=1')).json() as { disputes: Array<{ id: string }> }
  await page.goto(`${server.url}/#disputes`)
  await page.locator('#dispute-list li button').first().click()
  await page.locator('#write-as input[type="file"]').setInputFiles({ name: 'protokol.pdf', mimeType: 'application/pdf', buffer: pdf })
  await page.locator('#write-as textarea[name="text"]').fill('Protokół szkody w załączniku.')
  await page.locator('#write-as button[type="submit"]').click()
  await page.locator('#thread .message.BUYER', { hasText: 'Protokół szkody w załączniku.' }).getByText('protokol.pdf').waitFor()
  const { messages } = await (await asSeller('GET', `/sale/disputes/${disputes[0]!.id}/messages?limit=1`)).json() as { messages: Array<{ attachment: { url: string } }> }
  const stored = await fetch(messages[0]!.attachment.url, { headers: { authorization: `Bearer ${await seller()}` } })
  expect(Buffer.from(await stored.arrayBuffer()).equals(pdf)).toBe(true)
  // The page downloads it back through the API.
  const download = page.waitForEvent('download')
  await page.locator('#thread a', { hasText: 'protokol.pdf' }).click()
  expect((await download).suggestedFilename()).toBe('protokol.pdf')

  await tab('offers')
  await page.locator('#new-draft').click()
  await page.locator('#draft-image-file').setInputFiles({ name: 'x5.png', mimeType: 'image/png', buffer: png })
  const image = page.locator('#draft-images li code')
  await image.waitFor()
  const location = await image.textContent()
  const served = await fetch(location!)
  expect(served.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
  await eventually(() => page.locator('#draft-images img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
})

interface Issue { id: string, type: string, currentState: { status: string, chatActive: boolean, returnRequired: boolean | null } }
interface ChatEntry { text?: string, author: { role: string, login?: string }, attachments: Array<{ fileName: string, url: string }> }

const issueItem = (id: string) => page.locator(`#issue-list button[data-issue="${id}"]`)

test('issues: a claim and a dispute in one list; the seller answers a claim with a file and accepts it with a partial refund', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300 * 1024, 0x42)])
  await page.goto(`${server.url}/#issues`)
  await issueItem(CLAIMS.awaitingId).waitFor()
  await eventually(() => page.locator('#issue-list .badge.CLAIM').count()).toBeGreaterThan(0)
  await eventually(() => page.locator('#issue-list .badge.DISPUTE').count()).toBeGreaterThan(0)
  await eventually(() => issueItem(CLAIMS.awaitingId).locator('.meta').textContent()).toBe(
    '1/2026 · Klient_s1_1 · Termin decyzji: 16.01.2026, 09:15:00 · Zwrot produktu: — · Czat: otwarty')
  await issueItem(CLAIMS.awaitingId).click()
  await page.locator('#issue-chat .message.BUYER').getByText('Urządzenie przestało działać po tygodniu. Proszę o naprawę.').waitFor()
  await page.locator('#issue-detail h2 .badge.CLAIM_SUBMITTED').waitFor()
  await eventually(() => page.locator('#claim-decision select[name="status"]').inputValue()).toBe('ACCEPTED_REPAIR')

  // A message with a 300 KB file: declared, uploaded, then sent with it
  await page.locator('#issue-reply textarea[name="text"]').fill('Prosimy o odesłanie urządzenia, protokół w załączniku.')
  await page.locator('#issue-reply select[name="type"]').selectOption('RETURN_REQUIRED_CUSTOM')
  await page.locator('#issue-reply input[type="file"]').setInputFiles({ name: 'protokol.pdf', mimeType: 'application/pdf', buffer: pdf })
  await page.locator('#issue-reply button[type="submit"]').click()
  await page.locator('#issue-chat .message.SELLER', { hasText: 'Prosimy o odesłanie urządzenia' }).getByText('protokol.pdf').waitFor()
  await eventually(() => page.locator('#issue-detail .meta').first().textContent()).toContain('Zwrot produktu: tak')
  const download = page.waitForEvent('download')
  await page.locator('#issue-chat a', { hasText: 'protokol.pdf' }).click()
  expect((await download).suggestedFilename()).toBe('protokol.pdf')

  // Allegro's refusal is shown as it worded it; the form keeps what was typed
  await page.locator('#claim-decision select[name="status"]').selectOption('ACCEPTED_PARTIAL_REFUND')
  await page.locator('#claim-decision input[name="amount"]').fill('100000')
  await page.locator('#claim-decision textarea[name="message"]').fill('Zwracamy część ceny.')
  await page.locator('#claim-decision button[type="submit"]').click()
  await page.locator('#status.error', { hasText: 'Kwota zwrotu przekracza wartość zamówienia.' }).waitFor()
  await eventually(() => page.locator('#claim-decision textarea[name="message"]').inputValue()).toBe('Zwracamy część ceny.')
  await page.locator('#claim-decision input[name="amount"]').fill('25.50')
  await page.locator('#claim-decision button[type="submit"]').click()
  await page.locator('#issue-detail h2 .badge.CLAIM_ACCEPTED').waitFor()
  await page.locator('#issue-chat .message.SYSTEM', { hasText: 'Sprzedający uznał reklamację: częściowy zwrot pieniędzy (25.50 PLN).' }).waitFor()
  await eventually(() => page.locator('#claim-decision').isHidden()).toBe(true)
  await shot('15-claim-accepted')

  const issue = await (await asSeller('GET', `/sale/issues/${CLAIMS.awaitingId}`, undefined, BETA)).json() as Issue
  expect(issue.currentState).toMatchObject({ status: 'CLAIM_ACCEPTED', returnRequired: true })
  const { chat } = await (await asSeller('GET', `/sale/issues/${CLAIMS.awaitingId}/chat?limit=3`, undefined, BETA)).json() as { chat: ChatEntry[] }
  expect(chat.map(m => [m.author.role, m.text])).toEqual([
    ['SYSTEM', 'The seller accepted the claim: partial refund (25.50 PLN).'],
    ['SELLER', 'Zwracamy część ceny.'],
    ['SELLER', 'Prosimy o odesłanie urządzenia, protokół w załączniku.'],
  ])
  const stored = await fetch(chat[2]!.attachments[0]!.url, { headers: { authorization: `Bearer ${await seller()}` } })
  expect(Buffer.from(await stored.arrayBuffer()).equals(pdf)).toBe(true)
})

test('issues, the other side: a buyer opens a claim and a dispute on the page and writes; the seller rejects the claim; Allegro reopens it and closes its chat', async () => {
  const orders = await (await asSeller('GET', '/order/checkout-forms?limit=100')).json() as { checkoutForms: Array<{ id: string, buyer: { login: string } }> }
  const quiet = orders.checkoutForms.find(o => o.buyer.login.startsWith('Klient_'))!
  const issuesOfOrder = async () => (await (await asSeller('GET', `/sale/issues?checkoutForm.id=${quiet.id}`, undefined, BETA)).json() as { issues: Issue[] }).issues
  const before = new Set((await issuesOfOrder()).map(i => i.id))
  await page.goto(`${server.url}/#issues`)
  await issueItem(CLAIMS.awaitingId).waitFor()
  await page.getByText('Otwórz reklamację jako kupujący').click()
  await page.locator('#open-claim select[name="checkoutFormId"]').selectOption(quiet.id)
  await page.locator('#open-claim select[name="reason"]').selectOption('NOT_AS_DESCRIBED')
  await page.locator('#open-claim textarea[name="text"]').fill('Kolor jest inny niż na zdjęciu.')
  await page.locator('#open-claim button[type="submit"]').click()
  const claimItem = page.locator('#issue-list li button', { hasText: 'produkt niezgodny z opisem' }).filter({ hasText: quiet.buyer.login })
  await claimItem.locator('.badge.CLAIM_SUBMITTED').waitFor()
  await page.locator('#tab-issues').getByText('Otwórz dyskusję jako kupujący').click()
  await page.locator('#open-issue-dispute select[name="checkoutFormId"]').selectOption(quiet.id)
  await page.locator('#open-issue-dispute textarea[name="text"]').fill('Przesyłka jest uszkodzona.')
  await page.locator('#open-issue-dispute button[type="submit"]').click()
  await page.locator('#issue-list li button', { hasText: quiet.buyer.login }).locator('.badge.DISPUTE_ONGOING').first().waitFor()

  await claimItem.click()
  await page.locator('#issue-chat .message.BUYER').getByText('Kolor jest inny niż na zdjęciu.').waitFor()
  await page.locator('#issue-write-as textarea[name="text"]').fill('Czekam na odpowiedź.')
  await page.locator('#issue-write-as button[type="submit"]').click()
  await page.locator('#issue-chat .message.BUYER').getByText('Czekam na odpowiedź.').waitFor()
  await page.locator('#claim-decision select[name="status"]').selectOption('REJECTED_PRODUCT_CONFORMS_TO_CONTRACT')
  await expect.poll(() => page.locator('#claim-decision input[name="amount"]').isDisabled()).toBe(true)
  await page.locator('#claim-decision textarea[name="message"]').fill('Kolor odpowiada opisowi oferty.')
  await page.locator('#claim-decision button[type="submit"]').click()
  await page.locator('#issue-detail h2 .badge.CLAIM_REJECTED').waitFor()
  await page.locator('#issue-state-buttons button', { hasText: 'Otwórz ponownie' }).click()
  await page.locator('#issue-detail h2 .badge.CLAIM_SUBMITTED').waitFor()
  await page.locator('#issue-chat .message.SYSTEM', { hasText: 'Reklamacja została ponownie otwarta.' }).waitFor()
  await page.locator('#issue-state-buttons button', { hasText: 'Zamknij czat' }).click()
  await eventually(() => page.locator('#issue-detail .meta').first().textContent()).toContain('Czat: zamknięty')
  await shot('16-claim-reopened-chat-closed')

  const opened = (await issuesOfOrder()).filter(i => !before.has(i.id))
  expect(opened.map(i => [i.type, i.currentState.status, i.currentState.chatActive]).sort()).toEqual([
    ['CLAIM', 'CLAIM_SUBMITTED', false], ['DISPUTE', 'DISPUTE_ONGOING', true],
  ])
})

test('a draft from the form: created, its category\'s parameters filled, completed until its errors are gone, publication scheduled', async () => {
  // The manual clock only moves forward, and earlier tests moved it: this one starts from a known moment.
  expect((await control('POST', '/__mock/clock/advance', { to: '2026-01-06T10:00:00.000Z' })).status).toBe(200)
  await page.goto(`${server.url}/#offers`)
  await page.locator('#new-draft').click()
  await page.locator('#draft-form input[name="name"]').fill('BMW X5 e70 4.8i')
  for (const [level, id] of [['1', '3'], ['2', '4029'], ['3', '4030'], ['4', '4032'], ['5', '57968']] as const) {
    await page.locator(`#draft-category select[data-level="${level}"]`).selectOption(id)
  }
  await eventually(() => page.locator('#category-path').textContent()).toBe('Motoryzacja › Samochody › Osobowe › BMW › X5')
  // The category's parameters, each as an input of its type
  const parameter = (id: string) => page.locator(`#draft-parameters [data-parameter="${id}"]`)
  await parameter('11323').locator('select').selectOption({ label: 'Używany' })
  await eventually(() => parameter('1').locator('input').getAttribute('type')).toBe('number')
  await eventually(() => parameter('1').locator('input').getAttribute('min')).toBe('1900')
  await eventually(() => parameter('239900').locator('input').getAttribute('step')).toBe('0.1')
  await count(parameter('209878').locator('input[type="checkbox"]'), 4)
  await eventually(() => parameter('215898').locator('input').getAttribute('maxlength')).toBe('17')
  await page.locator('#draft-submit').click()

  // The draft exists, and its answer's errors are shown next to their fields
  const heading = page.locator('#draft-heading')
  await heading.getByText(/Szkic ogłoszenia \d{10}/).waitFor()
  const offerId = (await heading.textContent())!.match(/\d{10}/)![0]
  const errorsAt = (path: string) => page.locator(`#draft-form [data-errors-for="${path}"] > .field-errors`)
  await eventually(() => errorsAt('location').textContent()).toBe('Podaj lokalizację.')
  await eventually(() => errorsAt('description').textContent()).toBe('Dodaj opis ogłoszenia.')
  await eventually(() => errorsAt('parameters').textContent()).toContain('Brakuje wymaganych parametrów: Rok produkcji, Przebieg [km]')
  await eventually(() => errorsAt('contact').textContent()).toBe('Wybierz dane kontaktowe ogłoszenia.')
  await eventually(() => errorsAt('sellingMode').textContent()).toBe('Wybierz format sprzedaży i podaj cenę.')
  await eventually(() => page.locator('#draft-errors-left').textContent()).toMatch(/Do poprawienia: [5-9]/)
  await shot('10-draft-created')

  // Completed, with one value out of its range
  await parameter('1').locator('input').fill('2008')
  await parameter('4').locator('input').fill('210000')
  await parameter('5').locator('input').fill('4799')
  await parameter('128789').locator('input').fill('9')
  await parameter('12').locator('select').selectOption({ label: 'Czarny' })
  await parameter('178').locator('select').selectOption({ label: 'Nie' })
  await parameter('209878').getByLabel('Klimatyzacja').check()
  await page.locator('#draft-image-url').fill('https://imgur.com/1aOIvg3E.jpg')
  await page.locator('#draft-image-add-url').click()
  await page.locator('#draft-images li code').waitFor()
  await page.locator('#draft-sections .item-text').first().fill('<p>Zadbany, <b>bezwypadkowy</b>.</p>')
  await page.getByRole('button', { name: 'Dodaj sekcję ze zdjęciem' }).click()
  await page.locator('#draft-sections .section').nth(1).locator('select.item-image').selectOption({ index: 1 })
  await page.locator('#draft-form input[name="amount"]').fill('45000')
  await page.locator('#draft-form select[name="province"]').selectOption('WIELKOPOLSKIE')
  await page.locator('#draft-form input[name="city"]').fill('Poznań')
  await page.locator('#draft-form input[name="postCode"]').fill('60-166')
  await page.locator('#draft-form select[name="invoice"]').selectOption('NO_INVOICE')
  await page.locator('#draft-form select[name="contact"]').selectOption(ADS_GUIDE.contactId)
  await page.locator('#draft-submit').click()
  await eventually(() => page.locator('#draft-errors-left').textContent()).toBe('Do poprawienia: 1')
  const doors = page.locator('#draft-parameters [data-parameter="128789"] > .field-errors div')
  await eventually(() => doors.textContent()).toBe('Nieprawidłowa wartość parametru.')
  await eventually(() => doors.getAttribute('title')).toBe('Liczba drzwi must be between 2 and 6, got 9.')
  await eventually(() => errorsAt('location').textContent()).toBe('')

  // Fixed: no error is left anywhere
  await parameter('128789').locator('input').fill('5')
  await page.locator('#draft-submit').click()
  await page.locator('#draft-no-errors').waitFor()
  await count(page.locator('#draft-form .field-errors:not(:empty)'), 0)
  await count(page.locator('#draft-form [aria-invalid="true"]'), 0)
  await shot('11-draft-complete')
  const offer = await (await asSeller('GET', `/sale/offers/${offerId}`)).json() as Record<string, any>
  expect(offer.validation.errors).toEqual([])
  expect(offer).toMatchObject({
    name: 'BMW X5 e70 4.8i', category: { id: '57968' },
    sellingMode: { format: 'ADVERTISEMENT', price: { amount: '45000', currency: 'PLN' } },
    location: { countryCode: 'PL', province: 'WIELKOPOLSKIE', city: 'Poznań', postCode: '60-166' },
    payments: { invoice: 'NO_INVOICE' }, contact: { id: ADS_GUIDE.contactId },
  })
  expect(offer.parameters).toEqual(expect.arrayContaining([
    { id: '11323', valuesIds: ['11323_2'], values: [] },
    { id: '128789', valuesIds: [], values: ['5'] },
    { id: '209878', valuesIds: ['209878_2'], values: [] },
  ]))
  expect(offer.description.sections).toEqual([
    { items: [{ type: 'TEXT', content: '<p>Zadbany, <b>bezwypadkowy</b>.</p>' }] },
    { items: [{ type: 'IMAGE', url: offer.images[0].url }] },
  ])

  // The form reopens filled from the offer
  await page.locator('#draft-close').click()
  await page.locator('#no-errors').waitFor()
  await page.locator('#edit-in-form').click()
  await eventually(() => page.locator('#draft-category select[data-level="5"]').inputValue()).toBe('57968')
  await eventually(() => parameter('1').locator('input').inputValue()).toBe('2008')
  await page.locator('#draft-no-errors').waitFor()
  await page.locator('#draft-close').click()

  // Packages, then publication scheduled for noon: NEW until then, ACTIVE after
  await page.locator('#assign-packages button[type="submit"]').click()
  await page.locator('#offer-detail', { hasText: `BASE ${ADS_GUIDE.basePackageId}` }).waitFor()
  await eventually(() => page.locator('#schedule-publication input[name="scheduledFor"]').inputValue()).toBe('2026-01-06T11:00')
  await page.locator('#schedule-publication input[name="scheduledFor"]').fill('2026-01-06T12:00')
  await page.getByRole('button', { name: 'Zaplanuj publikację' }).click()
  await page.locator('#status', { hasText: 'Wysłano' }).waitFor()
  await tab('publication')
  const command = page.locator('#command-list article').first()
  await command.locator(':scope > .meta', { hasText: 'zaplanowano na 6.01.2026, 12:00:00' }).waitFor()
  await eventually(() => command.locator('.task-status').textContent()).toBe('NEW')
  const { commands } = await (await control('GET', '/__mock/sellers/Seller_login1/publication-commands')).json() as { commands: Array<{ id: string, scheduledFor: string }> }
  expect(commands[0]!.scheduledFor).toBe('2026-01-06T12:00:00.000Z')
  await shot('12-publication-scheduled')
  await page.getByRole('button', { name: '+1 h' }).click()
  await page.locator('#clock-now', { hasText: '11:00:00' }).waitFor()
  await eventually(() => command.locator('.task-status').textContent()).toBe('NEW')
  await page.getByRole('button', { name: '+1 h' }).click()
  await page.locator('#clock-now', { hasText: '12:00:00' }).waitFor()
  await page.getByRole('button', { name: '+5 s' }).click()
  await command.locator('.command-status .badge.SUCCESS').waitFor()
  const published = await (await asSeller('GET', `/sale/offers/${offerId}`)).json() as { publication: { status: string, startingAt: string } }
  expect(published.publication).toMatchObject({ status: 'ACTIVE', startingAt: '2026-01-06T12:00:03.000Z' })
}, 60_000)

test('contacts are listed, edited and created, with the API\'s errors next to their fields', async () => {
  await page.goto(`${server.url}/#contacts`)
  await count(page.locator('#contact-list li'), 3)
  await eventually(() => page.locator('#contact-list li b').allTextContents()).toEqual(['Auta terenowe', 'Auta osobowe', 'Ciężarówki'])
  await page.locator('#contact-list li button', { hasText: 'Auta osobowe' }).click()
  const form = page.locator('#contact-form')
  await eventually(() => form.locator('input[name="phone1"]').inputValue()).toBe('+48 55 555 57 77')

  await form.locator('input[name="phone2"]').fill('12-34')
  await form.locator('button[type="submit"]').click()
  await eventually(() => form.locator('[data-errors-for="phones[1].number"] > .field-errors').textContent()).not.toBe('')
  await shot('13-contact-error')

  await form.locator('input[name="name"]').fill('Auta osobowe i dostawcze')
  await form.locator('input[name="phone2"]').fill('555-555-778')
  await form.locator('button[type="submit"]').click()
  await page.locator('#contact-list li', { hasText: 'Auta osobowe i dostawcze' }).getByText('+48 55 555 57 78').waitFor()
  await count(form.locator('.field-errors:not(:empty)'), 0)
  await eventually(() => page.locator('#contact-form input[name="phone2"]').inputValue()).toBe('+48 55 555 57 78')

  await page.locator('#new-contact').click()
  await page.locator('#contact-form input[name="name"]').fill('Maszyny rolnicze')
  await page.locator('#contact-form input[name="email"]').fill('rolnik@example.pl')
  await page.locator('#contact-form button[type="submit"]').click()
  await count(page.locator('#contact-list li'), 4)
  await shot('14-contacts')

  const { contacts } = await (await asSeller('GET', '/sale/offer-contacts')).json() as { contacts: Array<Record<string, unknown>> }
  expect(contacts).toEqual(expect.arrayContaining([
    { id: 'af1ccfd7-2753-4ed3-bdda-c78eb14442ab', name: 'Auta osobowe i dostawcze', emails: [{ address: 'test@test.pl/' }], phones: [{ number: '+48 55 555 57 77' }, { number: '+48 55 555 57 78' }] },
    expect.objectContaining({ name: 'Maszyny rolnicze', emails: [{ address: 'rolnik@example.pl' }], phones: [] }),
  ]))
})

test('every request the dashboard makes, in every view, says X-Allegro-Mock-Client: dashboard', async () => {
  await page.goto(`${server.url}/#disputes`)
  await page.locator('#dispute-list li button').first().click()
  await page.locator('#thread .message').first().waitFor()
  await page.locator('#thread a').first().click()
  for (const name of ['issues', 'offers', 'publication', 'stats', 'contacts', 'mock']) {
    await tab(name)
    await page.waitForTimeout(300)
  }
  const download = page.waitForEvent('download')
  await page.locator('#export').click()
  await download
  await tab('offers')
  await page.locator('#new-draft').click()
  await page.locator('#draft-category select[data-level="1"]').selectOption('20782')
  await page.locator('#draft-category select[data-level="2"]').selectOption('112745')
  await page.locator('#draft-parameters [data-parameter="212570"]').waitFor()
  await page.waitForTimeout(1200)

  const requests = await Promise.all(sent)
  const fetched = new Set(requests.filter(r => r.type === 'fetch').map(r => `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}$|\/\d{4,}$/, '/{id}')}`))
  expect([...fetched]).toEqual(expect.arrayContaining([
    'GET /__mock/sellers', 'GET /__mock/sellers/Seller_login1/token', 'GET /__mock/clock', 'GET /sale/disputes', 'GET /sale/disputes/{id}',
    'GET /sale/dispute-attachments/{id}', 'GET /__mock/sellers/Seller_login1/offers', 'GET /__mock/sellers/Seller_login1/publication-commands',
    'GET /sale/issues', 'GET /sale/classified-seller-stats', 'GET /sale/offer-contacts', 'GET /__mock/faults', 'GET /__mock/scenarios', 'GET /__mock/snapshot',
    'GET /sale/categories', 'GET /sale/categories/112745/parameters',
  ]))
  expect(requests.filter(r => r.type === 'fetch').every(r => r.client === 'dashboard')).toBe(true)
})

test('the dashboard\'s own reads are no client traffic: a planned 503 waits for the client; the rate limit and the journal ignore the page', async () => {
  try {
    expect((await control('DELETE', '/__mock/requests')).status).toBe(204)
    expect((await control('POST', '/__mock/faults/responses', { route: 'GET /sale/disputes', status: 503, times: 1 })).status).toBe(201)
    expect((await control('POST', '/__mock/faults/rate-limit', { enabled: true, perMinute: 5 })).status).toBe(200)
    await page.goto(`${server.url}/#disputes`)
    await page.locator('#dispute-list li button').first().click()
    await page.locator('#thread .message').first().waitFor()
    await eventually(async () => (await Promise.all(sent)).filter(r => r.path.startsWith('/sale/')).length).toBeGreaterThan(10)
    await eventually(() => page.locator('#status').getAttribute('class')).not.toBe('error')

    expect((await asSeller('GET', '/sale/disputes')).status).toBe(503)
    expect((await asSeller('GET', '/sale/disputes')).status).toBe(200)
    const { requests } = await (await control('GET', '/__mock/requests')).json() as { requests: Array<{ method: string, path: string, status: number }> }
    expect(requests.map(r => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /sale/disputes 200', 'GET /sale/disputes 503'])
  } finally {
    await control('POST', '/__mock/faults/rate-limit', { enabled: false })
    await control('DELETE', '/__mock/faults')
  }
})

test('a validation error shows next to its field and disappears once fixed', async () => {
  await page.goto(`${server.url}/#offers`)
  await page.locator('#offer-list li').getByText(ADS_GUIDE.draftOfferId).click()
  const location = page.locator('#offer-fields tr[data-field="location"] td.error')
  await location.getByText('Podaj lokalizację.').waitFor()
  await eventually(() => page.locator('#offer-fields tr[data-field="parameters"] td.error').textContent()).toContain('Stan, Rok produkcji')
  await shot('5-validation-errors')
  const fixed = await asSeller('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, guidePutBody())
  expect(fixed.status).toBe(200)
  await page.locator('#no-errors').waitFor()
  await eventually(() => location.textContent()).toBe('')
  await shot('6-validation-fixed')
})

test('the labels switch to English, and the API explorer authorizes as a scenario seller in one click', async () => {
  await page.goto(`${server.url}/#disputes`)
  await page.getByRole('button', { name: 'Language / Język' }).click()
  await page.locator('nav button[data-tab="offers"]', { hasText: 'Offers' }).waitFor()
  await page.locator('nav button[data-tab="contacts"]', { hasText: 'Contacts' }).waitFor()
  await shot('7-english')
  await page.goto(`${server.url}/docs`)
  await page.getByRole('button', { name: 'Seller_login1' }).click()
  await page.getByRole('button', { name: 'Seller_login1 ✓' }).waitFor()
  await page.locator('.opblock-summary-path', { hasText: '/sale/offer-contacts' }).first().waitFor()
  await shot('8-api-explorer')
})
