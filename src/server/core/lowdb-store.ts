import { mkdirSync } from 'node:fs'
import { open, readFile, stat, truncate, type FileHandle } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { DataFileError, type Op, type Persistence } from './store.js'

export type Durability = 'fsync' | 'none'

export interface LowdbOptions {
  /** `fsync`: a save is on disk (file and folder synced) before it is acknowledged; `none` leaves that to the OS. */
  durability?: Durability
  /** The journal is folded into the data file once it is this many bytes and larger than the file itself. */
  compactAfterBytes?: number
}

/**
 * The data file is lowdb's JSON document, written through steno (temporary file, then rename), so a crash leaves
 * the previous or the next document, never a torn one. Changes in between go to an append-only journal beside it
 * (`<file>.journal`, one JSON line per save), so a save costs the size of the change, not of the state. The journal
 * is folded into the document when it grows and when the server stops. Keep one per file per process.
 */
export function lowdbPersistence (file: string, options: LowdbOptions = {}): Persistence {
  const location = resolve(file)
  const journalFile = `${location}.journal`
  const durable = (options.durability ?? 'fsync') === 'fsync'
  const compactAfter = options.compactAfterBytes ?? 8 * 1024 * 1024
  const db = new Low<unknown>(new JSONFile<unknown>(location), null)
  let journal: FileHandle | null = null
  let journalBytes = 0
  let documentBytes = 0

  async function openJournal (): Promise<FileHandle> {
    if (!journal) {
      mkdirSync(dirname(location), { recursive: true })
      journal = await open(journalFile, 'a')
      journalBytes = (await journal.stat()).size
      if (durable) await sync(dirname(location))
    }
    return journal
  }

  return {
    location,

    async load () {
      try {
        await db.read()
      } catch (error) {
        throw new DataFileError(location, error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : String(error))
      }
      if (db.data === null || db.data === undefined) return undefined
      documentBytes = (await stat(location)).size
      const { batches, torn } = await readJournal(journalFile)
      if (torn) {
        // The next append must start on a line of its own, or it would be glued to the torn one and lost with it.
        await truncate(journalFile, torn.keep)
        if (durable) await sync(journalFile)
      }
      return { document: db.data, batches }
    },

    async append (batches) {
      const handle = await openJournal()
      const text = batches.map(ops => `${JSON.stringify(ops)}\n`).join('')
      await handle.write(text)
      journalBytes += Buffer.byteLength(text)
      if (durable) await handle.datasync()
    },

    async write (document) {
      mkdirSync(dirname(location), { recursive: true })
      db.data = document
      await db.write()
      if (durable) {
        await sync(location)
        await sync(dirname(location))
      }
      documentBytes = (await stat(location)).size
      // Only once the document holds everything may the journal go; a crash before this replays it harmlessly.
      const handle = await openJournal()
      await handle.truncate(0)
      journalBytes = 0
      if (durable) await handle.sync()
    },

    wantsCompaction: () => journalBytes > compactAfter && journalBytes > documentBytes,

    async close () {
      await journal?.close()
      journal = null
    },
  }
}

/**
 * The journal's batches, one JSON line each. A last line without its newline is torn (a crash mid-append, never
 * acknowledged): it is left out, and `torn.keep` says how many bytes come before it. Any other bad line is damage.
 */
async function readJournal (file: string): Promise<{ batches: Op[][], torn: { keep: number } | null }> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { batches: [], torn: null }
    throw error
  }
  const keep = bytes.lastIndexOf(0x0a) + 1
  const batches: Op[][] = []
  for (const [i, line] of bytes.subarray(0, keep).toString('utf8').split('\n').entries()) {
    if (line === '') continue
    try {
      batches.push(JSON.parse(line) as Op[])
    } catch {
      throw new DataFileError(file, `line ${i + 1} of the journal ${basename(file)} is not valid JSON`)
    }
  }
  return { batches, torn: keep < bytes.length ? { keep } : null }
}

/** fsync of a file or a folder (a folder's sync makes a rename or a new name in it durable). */
async function sync (path: string): Promise<void> {
  const handle = await open(path, 'r')
  try { await handle.sync() } finally { await handle.close() }
}
