import { readFileSync } from 'node:fs'

/**
 * The version in package.json, which sits two folders up from both `src/server/` and `dist/server/`.
 * @example packageVersion() // '0.1.0'
 */
export function packageVersion (): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
}
