import { createHash } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { open, readFile, stat, truncate, type FileHandle } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { DataFile } from 'lowdb/node'
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
 *
 * The journal's first line names the document it continues (a hash of its text). A crash after a compaction has
 * renamed the new document into place but before it has emptied the journal leaves a journal of the older document:
 * the new one already holds all of it, and more (changes acknowledged with it), so that journal is not replayed.
 */
export function lowdbPersistence (file: string, options: LowdbOptions = {}): Persistence {
  const location = resolve(file)
  const journalFile = `${location}.journal`
  const durable = (options.durability ?? 'fsync') === 'fsync'
  const compactAfter = options.compactAfterBytes ?? 8 * 1024 * 1024
  /** The document's text as last read or written, which names it in the journal. */
  let documentText = ''
  const db = new Low<unknown>(new DataFile<unknown>(location, {
    parse: (text) => { documentText = text; return JSON.parse(text) },
    stringify: (data) => (documentText = JSON.stringify(data, null, 2)),
  }), null)
  let documentId = ''
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
      if (db.data === undefined || (db.data === null && !existsSync(location))) return undefined
      if (db.data === null) throw new DataFileError(location, 'it holds null, not an allegro-mock state')
      documentBytes = (await stat(location)).size
      documentId = idOf(documentText)
      const { batches, torn, stale } = await readJournal(journalFile, documentId)
      if (stale) {
        await truncate(journalFile, 0)
        if (durable) await sync(journalFile)
        return { document: db.data, batches: [] }
      }
      if (torn) {
        // The next append must start on a line of its own, or it would be glued to the torn one and lost with it.
        await truncate(journalFile, torn.keep)
        if (durable) await sync(journalFile)
      }
      return { document: db.data, batches }
    },

    async append (batches) {
      const handle = await openJournal()
      const text = (journalBytes === 0 ? `${JSON.stringify({ document: documentId })}\n` : '') + batches.map(ops => `${JSON.stringify(ops)}\n`).join('')
      await handle.write(text)
      journalBytes += Buffer.byteLength(text)
      if (durable) await handle.datasync()
    },

    async write (document) {
      mkdirSync(dirname(location), { recursive: true })
      db.data = document
      await db.write()
      const id = idOf(documentText)
      if (durable) {
        await sync(location)
        await sync(dirname(location))
      }
      documentBytes = (await stat(location)).size
      // Only once the document holds everything may the journal go; a crash before this leaves a journal that
      // names the older document, and is skipped. The next append names this one.
      const handle = await openJournal()
      await handle.truncate(0)
      journalBytes = 0
      documentId = id
      if (durable) await handle.sync()
    },

    wantsCompaction: () => journalBytes > compactAfter && journalBytes > documentBytes,

    async close () {
      await journal?.close()
      journal = null
    },
  }
}

const idOf = (text: string) => `sha256:${createHash('sha256').update(text).digest('base64url')}`

/**
 * The journal's batches, one JSON line each, after the line naming the document it continues. A journal naming
 * another document is `stale`. A last line without its newline is torn (a crash mid-append, never acknowledged): it
 * is left out, and `torn.keep` says how many bytes come before it. Any other bad line is damage. A journal without
 * the naming line (written before it existed) is replayed whole.
 */
async function readJournal (file: string, documentId: string): Promise<{ batches: Op[][], torn: { keep: number } | null, stale: boolean }> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { batches: [], torn: null, stale: false }
    throw error
  }
  const keep = bytes.lastIndexOf(0x0a) + 1
  const batches: Op[][] = []
  for (const [i, line] of bytes.subarray(0, keep).toString('utf8').split('\n').entries()) {
    if (line === '') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      throw new DataFileError(file, `line ${i + 1} of the journal ${basename(file)} is not valid JSON`)
    }
    if (i === 0 && !Array.isArray(parsed)) {
      if ((parsed as { document?: unknown } | null)?.document !== documentId) return { batches: [], torn: null, stale: true }
      continue
    }
    if (!Array.isArray(parsed)) throw new DataFileError(file, `line ${i + 1} of the journal ${basename(file)} is not a list of changes`)
    batches.push(parsed as Op[])
  }
  return { batches, torn: keep < bytes.length ? { keep } : null, stale: false }
}

/** fsync of a file or a folder (a folder's sync makes a rename or a new name in it durable). */
async function sync (path: string): Promise<void> {
  const handle = await open(path, 'r')
  try { await handle.sync() } finally { await handle.close() }
}
