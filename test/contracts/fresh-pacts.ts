import { rm } from 'node:fs/promises'
import { PACT_DIR } from './pact-setup.js'

/** Pact merges into an existing file, so every run starts without one. */
export default async function freshPacts (): Promise<void> {
  await rm(PACT_DIR, { recursive: true, force: true })
}
