import { existsSync, mkdirSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { defaultConfig } from '../../src/server/config.js'
import { startServer, type RunningServer } from '../../src/server/server.js'
import { guidePutBody } from '../support/offers.js'

// Debian's chromium, driven by playwright-core (never a downloaded browser). CI installs it with apt-get.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SHOTS = 'reports/screenshots'
const VND = 'application/vnd.allegro.public.v1+json'

let server: RunningServer
let browser: Browser
let page: Page

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The dashboard tests need Debian's chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`)
  mkdirSync(SHOTS, { recursive: true })
  server = await startServer({ ...defaultConfig, port: 0, dataFile: null, clock: 'manual', clockStart: '2026-01-05T10:00:00.000Z', taskDelayMs: 3000, logLevel: 'silent' })
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})
beforeEach(async () => {
  await fetch(`${server.url}/__mock/reset`, { method: 'POST' })
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
})

async function asSeller (method: string, path: string, body?: unknown): Promise<Response> {
  const token = await (await fetch(`${server.url}/__mock/sellers/Seller_login1/token`)).text()
  return fetch(`${server.url}${path}`, {
    method,
    headers: { accept: VND, authorization: `Bearer ${token}`, ...(body ? { 'content-type': VND } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
}

async function shot (name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

test('a buyer opens a dispute on the page, the seller replies through the API, the reply shows in the thread', async () => {
  const orders = await (await asSeller('GET', '/order/checkout-forms?limit=100')).json() as { checkoutForms: Array<{ id: string, buyer: { login: string } }> }
  const quiet = orders.checkoutForms.find(o => o.buyer.login.startsWith('Klient_'))!
  await page.goto(`${server.url}/#disputes`)
  await page.locator('#dispute-list li').first().waitFor()
  await page.getByText('Otwórz dyskusję jako kupujący').click()
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
  await expect(page.locator('#dispute-detail h2 .badge').nth(1).textContent()).resolves.toBe('SELLER_REPLIED')
  await shot('2-seller-reply-in-thread')
})

test('publishing a draft: its task goes NEW, then SUCCESS once the clock is advanced', async () => {
  await page.goto(`${server.url}/#offers`)
  await page.locator('#offer-list li').getByText(ADS_GUIDE.readyOfferId).click()
  await page.locator('#no-errors').waitFor()
  await page.getByRole('button', { name: 'Opublikuj (ACTIVATE)' }).click()
  await page.locator('nav button[data-tab="publication"]').click()
  const task = page.locator(`#command-list tr[data-offer="${ADS_GUIDE.readyOfferId}"] .task-status`)
  await expect(task.textContent()).resolves.toBe('NEW')
  await shot('3-task-new')
  await page.getByRole('button', { name: '+5 s' }).click()
  await page.locator(`#command-list tr[data-offer="${ADS_GUIDE.readyOfferId}"] .badge.SUCCESS`).waitFor()
  await shot('4-task-success')
  await page.locator('nav button[data-tab="offers"]').click()
  await page.locator('#offer-detail h2 .badge.ACTIVE').waitFor()
})

test('a validation error shows next to its field and disappears once fixed', async () => {
  await page.goto(`${server.url}/#offers`)
  await page.locator('#offer-list li').getByText(ADS_GUIDE.draftOfferId).click()
  const location = page.locator('#offer-fields tr[data-field="location"] td.error')
  await location.getByText('Podaj lokalizację.').waitFor()
  await expect(page.locator('#offer-fields tr[data-field="parameters"] td.error').textContent()).resolves.toContain('Stan, Rok produkcji')
  await shot('5-validation-errors')
  const fixed = await asSeller('PUT', `/sale/offers/${ADS_GUIDE.draftOfferId}`, guidePutBody())
  expect(fixed.status).toBe(200)
  await page.locator('#no-errors').waitFor()
  await expect(location.textContent()).resolves.toBe('')
  await shot('6-validation-fixed')
})

test('the labels switch to English, and the API explorer authorizes as a scenario seller in one click', async () => {
  await page.goto(`${server.url}/#disputes`)
  await page.getByRole('button', { name: 'Language / Język' }).click()
  await page.locator('nav button[data-tab="offers"]', { hasText: 'Offers' }).waitFor()
  await shot('7-english')
  await page.goto(`${server.url}/docs`)
  await page.getByRole('button', { name: 'Seller_login1' }).click()
  await page.getByRole('button', { name: 'Seller_login1 ✓' }).waitFor()
  await page.locator('.opblock-summary-path', { hasText: '/sale/offer-contacts' }).first().waitFor()
  await shot('8-api-explorer')
})
