import { randomBytes, randomUUID } from 'node:crypto'

/** Identifier sources, injected so tests can make them predictable. */
export interface Ids {
  /** A random (v4) UUID: disputes, messages, attachments, tokens. */
  uuid (): string
  /** A numeric string, the form of Allegro's offer ids. */
  numeric (digits: number): string
  /** 16 lower-case hex characters, the form of Allegro's Trace-Id header. */
  traceId (): string
  /** Random characters from `alphabet`: OAuth codes and device user codes. */
  code (length: number, alphabet: string): string
}

export const LOWER_LETTERS = 'abcdefghijklmnopqrstuvwxyz'
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

// 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch.
const UUID_EPOCH_OFFSET = 122192928000000000n

/** A time-based (v1) UUID for `at`, the form of Allegro's checkout form ids; random clock sequence and node. */
export function timeUuidAt (at: Date, random: Buffer = randomBytes(8)): string {
  const ticks = BigInt(at.getTime()) * 10000n + UUID_EPOCH_OFFSET + BigInt(random.readUInt16BE(0) % 10000)
  const low = (ticks & 0xffffffffn).toString(16).padStart(8, '0')
  const mid = ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0')
  const high = (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0')
  const clockSeq = ((random.readUInt16BE(2) & 0x3fff) | 0x8000).toString(16).padStart(4, '0')
  const node = random.subarray(2, 8).toString('hex')
  return `${low}-${mid}-${high}-${clockSeq}-${node}`
}

/** Random bytes drawn from a refilled pool: trace ids are made on every request. */
function randomPool (size = 4096): (n: number) => Buffer {
  let pool = randomBytes(size)
  let offset = 0
  return (n) => {
    if (offset + n > pool.length) {
      pool = randomBytes(size)
      offset = 0
    }
    offset += n
    return pool.subarray(offset - n, offset)
  }
}

export function randomIds (): Ids {
  const pooled = randomPool()
  return {
    uuid: () => randomUUID(),
    numeric: (digits) => {
      const bytes = randomBytes(digits)
      let out = String(1 + (bytes[0]! % 9))
      for (let i = 1; i < digits; i++) out += String(bytes[i]! % 10)
      return out
    },
    traceId: () => pooled(8).toString('hex'),
    code: (length, alphabet) => {
      const bytes = randomBytes(length)
      let out = ''
      for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length]
      return out
    },
  }
}
