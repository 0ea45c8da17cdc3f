import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** Pact locations from the command line: URLs stay as they are, a folder gives its `*.json` files. */
export function expandPactLocations (locations: readonly string[]): string[] {
  return locations.flatMap(location => {
    if (/^https?:\/\//.test(location)) return [location]
    const path = resolve(location)
    if (statSync(path).isDirectory()) {
      return readdirSync(path).filter(name => name.endsWith('.json')).sort().map(name => join(path, name))
    }
    return [path]
  })
}
