import type { Config } from './config.js'
import { manualClock, systemClock, type Clock } from './core/clock.js'
import { randomIds } from './core/ids.js'
import { lowdbPersistence } from './core/lowdb-store.js'
import { memoryPersistence, openStore } from './core/store.js'
import { buildApp } from './app.js'
import { fileBlobStore, memoryBlobStore } from './core/blob-store.js'
import { newSecret, seedDump } from './seed.js'
import { instanceSettings, SCHEMA, type AppStore } from './state.js'
import { stateFormat } from './state-format.js'

export interface RunningServer {
  url: string
  close (): Promise<void>
}

/** Opens the store, builds the app and listens. Used by the CLI, the programmatic API, benchmarks and end-to-end tests. */
export async function startServer (config: Config): Promise<RunningServer> {
  const ids = randomIds()
  const startedAt = systemClock().now()
  const persistence = config.dataFile === null ? memoryPersistence() : lowdbPersistence(config.dataFile, { durability: config.durability })
  const clockStart = config.clockStart ?? startedAt.toISOString()
  const blobs = config.dataFile === null ? memoryBlobStore() : fileBlobStore(blobDirFor(config.dataFile))
  const store: AppStore = await openStore(SCHEMA, persistence, {
    initial: async () => {
      const { dump, files } = await seedDump(config.scenario, { secret: newSecret(), scenario: config.scenario, clockNow: config.clock === 'manual' ? clockStart : null })
      for (const [key, bytes] of Object.entries(files)) await blobs.put(key, bytes)
      return dump
    },
    format: stateFormat(persistence.location ?? 'memory'),
  })
  const clock: Clock = config.clock === 'manual'
    ? manualClock(instanceSettings(store).clockNow ?? clockStart)
    : systemClock()
  const app = await buildApp({ store, blobs, clock, ids, config })
  await app.listen({ host: config.host, port: config.port })
  return {
    url: app.publicUrl(),
    async close () {
      await app.close()
      await store.close()
    },
  }
}

/** Uploaded files sit beside the data file: `data/allegro-mock.json` keeps them in `data/allegro-mock.files/`. */
export function blobDirFor (dataFile: string): string {
  return `${dataFile.replace(/\.json$/i, '')}.files`
}
