import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { DataFileError, type Persistence } from './store.js'

/**
 * A JSON data file written through lowdb/steno: each save goes to a temporary file that is then renamed over the
 * old one, so a crash leaves either the previous or the new state, never a torn file. Keep one per file per process.
 */
export function jsonFilePersistence<S> (file: string): Persistence<S> {
  const location = resolve(file)
  const db = new Low<unknown>(new JSONFile<unknown>(location), null)
  return {
    location,
    async load () {
      try {
        await db.read()
      } catch (error) {
        throw new DataFileError(location, error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : String(error))
      }
      return db.data ?? undefined
    },
    async save (state) {
      mkdirSync(dirname(location), { recursive: true })
      db.data = state
      await db.write()
    },
  }
}
