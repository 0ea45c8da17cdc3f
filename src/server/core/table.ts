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

/**
 * Rows of one table in one partition, frozen, in insertion order, with their indexes kept up to date. Every key has a
 * place in that order (kept when its row is replaced); the rows and each index's keys are kept in it, so `where`
 * answers in the table's order and an undone change can put a row back where it was.
 */
export class TableData<R> {
  readonly rows = new Map<string, R>()
  private readonly indexes = new Map<string, Map<string, Set<string>>>()
  /** [due time, key] pairs sorted by time, then key. */
  private readonly dueList: Array<[number, string]> = []
  private readonly dueOf = new Map<string, number>()
  private readonly placeOf = new Map<string, number>()
  private nextPlace = 0
  /** `rows` is out of order after `restore` until `reorder`. */
  private unordered = false

  constructor (readonly spec: TableSpec<R>) {
    for (const name of Object.keys(spec.indexes ?? {})) this.indexes.set(name, new Map())
  }

  /** Stores `row` under its key (replacing any row there, which keeps its place) and refiles it. Returns the row it replaced. */
  set (row: R): R | undefined {
    const key = this.spec.key(row)
    const previous = this.rows.get(key)
    this.rows.set(key, row)
    if (previous === undefined) {
      this.placeOf.set(key, this.nextPlace++)
      this.file(key, row, true)
    } else {
      this.refile(key, previous, row)
    }
    return previous
  }

  remove (key: string): R | undefined {
    const previous = this.rows.get(key)
    if (previous === undefined) return undefined
    this.unfile(key, previous)
    this.rows.delete(key)
    this.placeOf.delete(key)
    return previous
  }

  /** Where `key` stands in insertion order (for `restore`). */
  place (key: string): number | undefined {
    return this.placeOf.get(key)
  }

  /** Puts a removed row back at its old `place` (undoing a change); `reorder` once every row is back. */
  restore (row: R, place: number): void {
    const key = this.spec.key(row)
    if (this.rows.has(key)) throw new Error(`Cannot restore ${key} over a stored row`)
    this.rows.set(key, row)
    this.placeOf.set(key, place)
    this.unordered = true
    this.file(key, row, false)
  }

  /** Brings the rows back into insertion order after `restore`. */
  reorder (): void {
    if (!this.unordered) return
    const entries = [...this.rows].sort(([a], [b]) => this.placeOf.get(a)! - this.placeOf.get(b)!)
    this.rows.clear()
    for (const [key, row] of entries) this.rows.set(key, row)
    this.unordered = false
  }

  /** Rows filed under `value` in `index`, in the table's order. */
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
    if (Number.isNaN(at)) return out
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

  /** Files `key` everywhere `row` belongs; a `newest` key goes last, any other into its place. */
  private file (key: string, row: R, newest: boolean): void {
    for (const [name, keysOf] of Object.entries(this.spec.indexes ?? {})) {
      const index = this.indexes.get(name)!
      for (const value of asList(keysOf(row))) this.fileUnder(index, value, key, newest)
    }
    this.fileDue(key, row)
  }

  /** A replaced row stays where it was under the values it keeps, and takes its place under new ones. */
  private refile (key: string, previous: R, row: R): void {
    for (const [name, keysOf] of Object.entries(this.spec.indexes ?? {})) {
      const index = this.indexes.get(name)!
      const before = asList(keysOf(previous))
      const after = asList(keysOf(row))
      for (const value of before) if (!after.includes(value)) this.unfileUnder(index, value, key)
      for (const value of after) if (!before.includes(value)) this.fileUnder(index, value, key, false)
    }
    this.unfileDue(key)
    this.fileDue(key, row)
  }

  private unfile (key: string, row: R): void {
    for (const [name, keysOf] of Object.entries(this.spec.indexes ?? {})) {
      const index = this.indexes.get(name)!
      for (const value of asList(keysOf(row))) this.unfileUnder(index, value, key)
    }
    this.unfileDue(key)
  }

  private fileUnder (index: Map<string, Set<string>>, value: string, key: string, newest: boolean): void {
    const keys = index.get(value)
    if (!keys) {
      index.set(value, new Set([key]))
      return
    }
    if (keys.has(key)) return
    if (newest) {
      keys.add(key)
      return
    }
    const place = this.placeOf.get(key)!
    const ordered = new Set<string>()
    for (const other of keys) {
      if (!ordered.has(key) && this.placeOf.get(other)! > place) ordered.add(key)
      ordered.add(other)
    }
    ordered.add(key)
    index.set(value, ordered)
  }

  private unfileUnder (index: Map<string, Set<string>>, value: string, key: string): void {
    const keys = index.get(value)
    keys?.delete(key)
    if (keys?.size === 0) index.delete(value)
  }

  private fileDue (key: string, row: R): void {
    const due = this.spec.due?.(row) ?? null
    if (due !== null && Number.isFinite(due)) {
      this.dueOf.set(key, due)
      this.dueList.splice(this.duePosition(due, key), 0, [due, key])
    }
  }

  private unfileDue (key: string): void {
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
