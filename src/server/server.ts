import type { Config } from './config.js'
import { manualClock, systemClock, type Clock } from './core/clock.js'
import { randomIds } from './core/ids.js'
import { jsonFilePersistence } from './core/lowdb-store.js'
import { memoryPersistence, openStore, type Store } from './core/store.js'
import { buildApp } from './app.js'
import { fileBlobStore, memoryBlobStore } from './core/blob-store.js'
import { newSecret, seedWithFiles } from './seed.js'
import { checkState, type State } from './state.js'

export interface RunningServer {
  url: string
  close (): Promise<void>
}

/** Opens the store, builds the app and listens. Used by the CLI, the benchmarks and end-to-end tests. */
export async function startServer (config: Config): Promise<RunningServer> {
  const ids = randomIds()
  const startedAt = systemClock().now()
  const persistence = config.dataFile === null ? memoryPersistence<State>() : jsonFilePersistence<State>(config.dataFile)
  const clockStart = config.clockStart ?? startedAt.toISOString()
  const blobs = config.dataFile === null ? memoryBlobStore() : fileBlobStore(blobDirFor(config.dataFile))
  const store: Store<State> = await openStore(persistence, {
    initial: () => seedWithFiles(blobs, config.scenario, {
      now: config.clock === 'manual' ? new Date(clockStart) : startedAt,
      ids,
      secret: newSecret(),
      clockNow: config.clock === 'manual' ? clockStart : null,
    }),
    check: (raw) => checkState(raw, persistence.location ?? 'memory'),
  })
  const clock: Clock = config.clock === 'manual'
    ? manualClock(store.read(s => s.clockNow) ?? clockStart)
    : systemClock()
  const app = await buildApp({ store, blobs, clock, ids, config })
  await app.listen({ host: config.host, port: config.port })
  return {
    url: app.publicUrl(),
    async close () {
      await app.close()
      await store.flush()
    },
  }
}

/** Uploaded files sit beside the data file: `data/allegro-mock.json` keeps them in `data/allegro-mock.files/`. */
export function blobDirFor (dataFile: string): string {
  return `${dataFile.replace(/\.json$/i, '')}.files`
}
