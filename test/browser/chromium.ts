import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { chromium as playwright, type Browser } from 'playwright-core'

/** Where the browser tests' Chromium comes from. */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | 'sparticuz'

export interface ChromiumChoice {
  source: ChromiumSource
  /** The binary to launch; null for @sparticuz/chromium, whose binary is unpacked at launch. */
  executablePath: string | null
}

/** The first executable `name` on `PATH`, like `command -v`. */
export function onPath (name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {}
  }
  return null
}

/**
 * `CHROMIUM_PATH` if set, else a system `chromium` (Debian's), else the binary inside the npm package
 * @sparticuz/chromium, so the tests need nothing from apt. `ALLEGRO_MOCK_BROWSER=sparticuz` (or `system`) forces one.
 */
export function chooseChromium (env: Record<string, string | undefined>, find: (name: string) => string | null = (name) => onPath(name, env.PATH)): ChromiumChoice {
  const forced = env.ALLEGRO_MOCK_BROWSER
  if (forced === 'sparticuz') return { source: 'sparticuz', executablePath: null }
  if (forced === 'system') {
    const system = find('chromium')
    if (!system) throw new Error('ALLEGRO_MOCK_BROWSER=system, but there is no chromium on PATH (apt-get install chromium)')
    return { source: 'system', executablePath: system }
  }
  if (forced) throw new Error(`ALLEGRO_MOCK_BROWSER must be sparticuz or system, not ${forced}`)
  if (env.CHROMIUM_PATH) return { source: 'CHROMIUM_PATH', executablePath: env.CHROMIUM_PATH }
  const system = find('chromium')
  return system ? { source: 'system', executablePath: system } : { source: 'sparticuz', executablePath: null }
}

// Nothing in the tests needs the network beyond the mock: keep Chromium from calling home.
const QUIET = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

/**
 * The launch arguments: the source's own, the quiet flags, and --no-sandbox when running as root. @sparticuz/chromium's
 * --single-process (meant for AWS Lambda) is left out: with it, closing one browser context closes the whole browser.
 */
export function chromiumArgs (own: readonly string[], root = process.getuid?.() === 0): string[] {
  return [...new Set([...own.filter(arg => arg !== '--single-process'), ...QUIET, ...(root ? ['--no-sandbox'] : [])])]
}

export interface LaunchedChromium {
  browser: Browser
  choice: ChromiumChoice
  executablePath: string
  /** From the call to a browser ready for pages. */
  launchMs: number
}

export async function launchChromium (env: Record<string, string | undefined> = process.env): Promise<LaunchedChromium> {
  const started = performance.now()
  const choice = chooseChromium(env)
  let executablePath = choice.executablePath
  let own: string[] = []
  if (choice.source === 'sparticuz') {
    const sparticuz = (await import('@sparticuz/chromium')).default
    executablePath = await sparticuz.executablePath()
    own = sparticuz.args
  } else {
    try { accessSync(executablePath!, constants.X_OK) } catch {
      throw new Error(`No Chromium at ${executablePath} (${choice.source}): fix CHROMIUM_PATH, or unset it to use @sparticuz/chromium`)
    }
  }
  const browser = await playwright.launch({ executablePath: executablePath!, args: chromiumArgs(own), headless: true })
  return { browser, choice, executablePath: executablePath!, launchMs: Math.round(performance.now() - started) }
}
