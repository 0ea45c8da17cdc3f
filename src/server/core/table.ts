/** How one kind of record is kept: its key, the indexes it is looked up by, and when it comes due. */
export interface TableSpec<R> {
  key: (row: R) => string
  /** Secondary indexes: name → the key (or keys) a row is filed under; null files it nowhere. */
  indexes?: Record<string, (row: R) => string | readonly string[] | null | undefined>
  /** When the row next needs settling on the clock (ms since the epoch), or null when nothing about it is due. */
  due?: (row: R) => number | null
  /** Keys are unique across partitions, and the database remembers which partition holds each. */
  global?: boolean
}

/** Rows of one table in one partition, frozen, in insertion order, with their indexes kept up to date. */
export class TableData<R> {
  readonly rows = new Map<string, R>()
  private readonly indexes = new Map<string, Map<string, Set<string>>>()
  /** [due time, key] pairs sorted by time, then key. */
  private readonly dueList: Array<[number, string]> = []
  private readonly dueOf = new Map<string, number>()

  constructor (readonly spec: TableSpec<R>) {
    for (const name of Object.keys(spec.indexes ?? {})) this.indexes.set(name, new Map())
  }

  /** Stores `row` under its key (replacing any row there) and refiles it. Returns the row it replaced. */
  set (row: R): R | undefined {
    const key = this.spec.key(row)
    const previous = this.rows.get(key)
    if (previous !== undefined) this.unfile(key, previous)
    this.rows.set(key, row)
    this.file(key, row)
    return previous
  }

  remove (key: string): R | undefined {
    const previous = this.rows.get(key)
    if (previous === undefined) return undefined
    this.unfile(key, previous)
    this.rows.delete(key)
    return previous
  }

  /** Rows filed under `value` in `index`, in insertion order of the filing. */
  where (index: string, value: string): R[] {
    const keys = this.index(index).get(value)
    if (!keys) return []
    const out: R[] = []
    for (const key of keys) out.push(this.rows.get(key)!)
    return out
  }

  countWhere (index: string, value: string): number {
    return this.index(index).get(value)?.size ?? 0
  }

  /** Rows due at or before `at`, earliest first. */
  dueBy (at: number): R[] {
    const out: R[] = []
    for (const [when, key] of this.dueList) {
      if (when > at) break
      out.push(this.rows.get(key)!)
    }
    return out
  }

  nextDue (): number | null {
    return this.dueList[0]?.[0] ?? null
  }

  private index (name: string): Map<string, Set<string>> {
    const found = this.indexes.get(name)
    if (!found) throw new Error(`No index ${name}`)
    return found
  }

  private file (key: string, row: R): void {
    for (const [name, keysOf] of Object.entries(this.spec.indexes ?? {})) {
      for (const value of asList(keysOf(row))) {
        const index = this.indexes.get(name)!
        let keys = index.get(value)
        if (!keys) index.set(value, keys = new Set())
        keys.add(key)
      }
    }
    const due = this.spec.due?.(row) ?? null
    if (due !== null && Number.isFinite(due)) {
      this.dueOf.set(key, due)
      this.dueList.splice(this.duePosition(due, key), 0, [due, key])
    }
  }

  private unfile (key: string, row: R): void {
    for (const [name, keysOf] of Object.entries(this.spec.indexes ?? {})) {
      for (const value of asList(keysOf(row))) {
        const index = this.indexes.get(name)!
        const keys = index.get(value)
        keys?.delete(key)
        if (keys?.size === 0) index.delete(value)
      }
    }
    const due = this.dueOf.get(key)
    if (due !== undefined) {
      this.dueOf.delete(key)
      this.dueList.splice(this.duePosition(due, key), 1)
    }
  }

  /** Binary search: where [at, key] sits (or would sit) in the due list. */
  private duePosition (at: number, key: string): number {
    let low = 0
    let high = this.dueList.length
    while (low < high) {
      const mid = (low + high) >>> 1
      const [t, k] = this.dueList[mid]!
      if (t < at || (t === at && k < key)) low = mid + 1
      else high = mid
    }
    return low
  }
}

function asList (value: string | readonly string[] | null | undefined): readonly string[] {
  if (value === null || value === undefined) return []
  return typeof value === 'string' ? [value] : value
}

/** Freezes a JSON value and everything inside it, so a stored row can be handed out without a copy. */
export function deepFreeze<T> (value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
