import { mkdir, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Uploaded bytes (attachments, images), kept out of the JSON data file. Keys are ids the mock generated, never
 * client text, so they are safe file names.
 */
export interface BlobStore {
  put (key: string, bytes: Buffer): Promise<void>
  get (key: string): Promise<Buffer | null>
  delete (key: string): Promise<void>
  keys (): Promise<string[]>
}

const SAFE_KEY = /^[A-Za-z0-9._-]+$/

function checkKey (key: string): string {
  if (!SAFE_KEY.test(key) || key.startsWith('.')) throw new Error(`Unsafe blob key: ${key}`)
  return key
}

export function memoryBlobStore (): BlobStore {
  const blobs = new Map<string, Buffer>()
  return {
    put: async (key, bytes) => { blobs.set(checkKey(key), Buffer.from(bytes)) },
    get: async (key) => { const b = blobs.get(key); return b ? Buffer.from(b) : null },
    delete: async (key) => { blobs.delete(key) },
    keys: async () => [...blobs.keys()],
  }
}

/** Files in `dir`, each written to a temporary name and renamed, so a crash never leaves half a file under a key. */
export function fileBlobStore (dir: string): BlobStore {
  return {
    async put (key, bytes) {
      await mkdir(dir, { recursive: true })
      const target = join(dir, checkKey(key))
      const temporary = `${join(dir, `.${key}`)}.${process.pid}.tmp`
      await writeFile(temporary, bytes)
      await rename(temporary, target)
    },
    async get (key) {
      try {
        return await readFile(join(dir, checkKey(key)))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    delete: (key) => rm(join(dir, checkKey(key)), { force: true }),
    async keys () {
      try {
        return (await readdir(dir)).filter(name => !name.startsWith('.'))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw error
      }
    },
  }
}
