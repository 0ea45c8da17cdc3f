/** One request as the journal keeps it: what was asked, who asked, and what was answered. */
export interface JournalEntry {
  time: string
  method: string
  path: string
  query: Record<string, string | string[]>
  operationId: string | null
  status: number
  /** The seller the bearer token spoke for; null for application tokens, OAuth and anonymous requests. */
  seller: string | null
  /** For a 4xx, the errors sent (Allegro's `errors`, or OAuth's error and description). */
  errors?: unknown[]
  traceId: string
}

export interface JournalQuery { seller?: string, operationId?: string, status?: number, since?: string }

/**
 * The last requests clients made, newest first: a fixed-size ring, so memory stays bounded however long the
 * server runs. Kept in memory only; a restart starts an empty journal.
 */
export function createJournal (size: number) {
  const ring: Array<JournalEntry | undefined> = new Array(size)
  let next = 0
  let count = 0

  return {
    size,

    record (entry: JournalEntry): void {
      if (size === 0) return
      ring[next] = entry
      next = (next + 1) % size
      count = Math.min(count + 1, size)
    },

    /** Matching entries, newest first. `seller` is a seller id; `since` an ISO instant (inclusive). */
    list (query: JournalQuery = {}): JournalEntry[] {
      const since = query.since === undefined ? -Infinity : Date.parse(query.since)
      const out: JournalEntry[] = []
      for (let i = 1; i <= count; i++) {
        const entry = ring[(next - i + size) % size]!
        if (Date.parse(entry.time) < since) continue
        if (query.seller !== undefined && entry.seller !== query.seller) continue
        if (query.operationId !== undefined && entry.operationId !== query.operationId) continue
        if (query.status !== undefined && entry.status !== query.status) continue
        out.push(entry)
      }
      return out
    },

    clear (): void {
      ring.fill(undefined)
      next = 0
      count = 0
    },
  }
}

export type Journal = ReturnType<typeof createJournal>
