/**
 * Where the mock's state lives. Every change goes through `update`, which works on a copy, persists it and only
 * then makes it visible: a change that throws leaves nothing behind, and an acknowledged change is on disk.
 */
export interface Store<S> {
  /** A deep copy of what `select` picks from the current state; `select` returns JSON data (no Sets, Maps or Buffers). */
  read<T> (select: (state: Readonly<S>) => T): T
  /** Applies `change` to a copy of the state, persists it, then publishes it. Changes run one at a time. */
  update<T> (change: (draft: S) => T): Promise<T>
  /** Swaps the whole state (reset, snapshot import). */
  replace (next: S): Promise<void>
  /** Resolves once every queued change is persisted. */
  flush (): Promise<void>
  /** The data file, or null for an in-memory store. */
  readonly location: string | null
}

/** How a store loads and saves its state. Only `lowdb-store.ts` touches the disk. */
export interface Persistence<S> {
  readonly location: string | null
  load (): Promise<unknown>
  save (state: S): Promise<void>
}

export function memoryPersistence<S> (): Persistence<S> {
  return { location: null, load: async () => undefined, save: async () => {} }
}

export interface OpenStoreOptions<S> {
  /** The state to start from when nothing is stored yet. */
  initial: () => S | Promise<S>
  /** Checks loaded data; throws a `DataFileError` when it is not a state this version can use. */
  check: (raw: unknown) => S
}

export class DataFileError extends Error {
  constructor (readonly file: string, reason: string) {
    super(`The data file ${file} cannot be used: ${reason}. It was left untouched; fix or move it, or start with --memory.`)
    this.name = 'DataFileError'
  }
}

/** A deep copy of JSON data. Faster than structuredClone for the small plain objects the store hands out. */
function copy<T> (value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value)) as T
}

export async function openStore<S> (persistence: Persistence<S>, options: OpenStoreOptions<S>): Promise<Store<S>> {
  const loaded = await persistence.load()
  let state: S
  if (loaded === undefined || loaded === null) {
    state = await options.initial()
    await persistence.save(state)
  } else {
    state = options.check(loaded)
  }
  let queue: Promise<unknown> = Promise.resolve()

  function enqueue<T> (work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  return {
    location: persistence.location,
    read: (select) => copy(select(state)),
    update: (change) => enqueue(async () => {
      const draft = copy(state)
      const result = change(draft)
      await persistence.save(draft)
      state = draft
      return copy(result)
    }),
    replace: (next) => enqueue(async () => {
      const replacement = copy(next)
      await persistence.save(replacement)
      state = replacement
    }),
    flush: () => enqueue(async () => {}),
  }
}
