import { expect, test } from 'vitest'
import { chooseChromium, chromiumArgs, onPath } from './chromium.js'

const system = (name: string) => name === 'chromium' ? '/usr/bin/chromium' : null
const none = () => null

test('CHROMIUM_PATH wins over a system chromium', () => {
  expect(chooseChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, system)).toEqual({ source: 'CHROMIUM_PATH', executablePath: '/opt/chrome/chrome' })
})

test('without CHROMIUM_PATH, Debian\'s chromium on PATH is used', () => {
  expect(chooseChromium({}, system)).toEqual({ source: 'system', executablePath: '/usr/bin/chromium' })
  expect(chooseChromium({ CHROMIUM_PATH: '' }, system)).toEqual({ source: 'system', executablePath: '/usr/bin/chromium' })
})

test('with neither, the binary inside @sparticuz/chromium is used', () => {
  expect(chooseChromium({}, none)).toEqual({ source: 'sparticuz', executablePath: null })
})

test('ALLEGRO_MOCK_BROWSER forces a source, whatever else is there', () => {
  expect(chooseChromium({ ALLEGRO_MOCK_BROWSER: 'sparticuz', CHROMIUM_PATH: '/opt/chrome/chrome' }, system).source).toBe('sparticuz')
  expect(chooseChromium({ ALLEGRO_MOCK_BROWSER: 'system', CHROMIUM_PATH: '/opt/chrome/chrome' }, system)).toEqual({ source: 'system', executablePath: '/usr/bin/chromium' })
  expect(() => chooseChromium({ ALLEGRO_MOCK_BROWSER: 'system' }, none)).toThrow(/no chromium on PATH/)
  expect(() => chooseChromium({ ALLEGRO_MOCK_BROWSER: 'firefox' }, system)).toThrow(/sparticuz or system/)
})

test('PATH lookup finds an executable and skips what is missing', () => {
  expect(onPath('node', `/nonexistent:${process.env.PATH}`)).toMatch(/\/node$/)
  expect(onPath('surely-no-such-binary', process.env.PATH)).toBeNull()
})

test('the launch flags keep Chromium off the network, drop --single-process, and add --no-sandbox only as root', () => {
  const args = chromiumArgs(['--single-process', '--no-sandbox', '--use-angle=swiftshader'], true)
  expect(args).toEqual(expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader']))
  expect(args).not.toContain('--single-process')
  expect(args.filter(a => a === '--no-sandbox')).toHaveLength(1)
  expect(chromiumArgs([], false)).not.toContain('--no-sandbox')
})
