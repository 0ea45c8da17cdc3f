/**
 * Hostile input: wrong types, numbers JSON can write but JavaScript cannot hold, prototype keys, deep nesting,
 * oversize strings, broken JSON text and bytes, odd path segments and query strings.
 */
import fc from 'fast-check'

/** JSON text put into a document as is (`1e400`, a lone surrogate escape, a duplicate key). */
export class Raw {
  constructor (readonly text: string) {}
  toJSON (): string { return this.text }
}

/** JSON.stringify that writes Raw pieces verbatim and keeps own `__proto__` keys. */
export function serialize (value: unknown): string {
  if (value instanceof Raw) return value.text
  if (Array.isArray(value)) return `[${value.map(v => v === undefined ? 'null' : serialize(v)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** An object with exactly these own keys, `__proto__` included (an object literal would set the prototype instead). */
export function own (entries: Array<[string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries)
}

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toJSON', 'then', 'length']

const nested = (depth: number, leaf: string, open = '[', close = ']') => open.repeat(depth) + leaf + close.repeat(depth)
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

/** Values in the wrong place: any of them where the schema wants something else. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0.0, '', ' ', 'x', [], {}, [null], [[]], [{}], '0', 'null', 'true', 'NaN', 'Infinity', '-1'),
  fc.constantFrom(...PROTO_KEYS),
  fc.constantFrom(
    new Raw('1e400'), new Raw('-1e400'), new Raw('1e-400'), new Raw('9007199254740993'), new Raw('-9223372036854775809'),
    new Raw('123456789012345678901234567890'), new Raw('1.7976931348623157e308'), new Raw('0.1e1'), new Raw('-0'), new Raw('1E+2'),
    new Raw('"\\ud800"'), new Raw('"\\udfff\\ud800"'), new Raw('"\\u0000"'), new Raw('"a\\u0000b"'), new Raw('"\\u202e\\u200b"'),
  ),
  fc.constantFrom(
    own([['__proto__', { polluted: 1 }]]), own([['__proto__', null]]), own([['constructor', { prototype: { polluted: 1 } }]]),
    own([['toString', 'x'], ['valueOf', 1]]), own([['hasOwnProperty', 1]]), own([['__proto__', []]]),
  ),
  fc.constantFrom(new Raw(nested(70, '1')), new Raw(nested(63, '1')), new Raw(nestedObject(70)), new Raw(nestedObject(40))),
  fc.constantFrom('a'.repeat(70_000), 'ż'.repeat(25_000), '😀'.repeat(10_000), '\u0000'.repeat(100), '%00%ff', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --"),
  fc.constantFrom(Array.from({ length: 5000 }, () => 1), Array.from({ length: 200 }, (_, i) => ({ id: String(i) }))),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
)

/** Keys that do not belong: prototype names, empty, long, odd characters. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS),
  fc.constantFrom('', ' ', 'a'.repeat(5000), '$where', 'a.b', '0', 'id ', 'ID', '\u0000', 'constructor.prototype'),
  fc.string({ maxLength: 12 }),
)

type Path = Array<string | number>

function pathsOf (value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out))
  else if (value !== null && typeof value === 'object' && !(value instanceof Raw)) for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out)
  return out
}

/** A deep copy that keeps own `__proto__` keys and Raw pieces. */
function copy (value: unknown): unknown {
  if (value instanceof Raw) return value
  if (Array.isArray(value)) return value.map(copy)
  if (value !== null && typeof value === 'object') return own(Object.entries(value).map(([k, v]) => [k, copy(v)]))
  return value
}

export type Mutation =
  | { kind: 'replace', at: number, value: unknown }
  | { kind: 'delete', at: number }
  | { kind: 'add', at: number, key: string, value: unknown }

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: hostileKey, value: fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 2 })) }), weight: 2 },
)

/** Applies mutations to a copy of a JSON value; each one picks its place among the value's nodes. */
export function mutate (value: unknown, mutations: readonly Mutation[]): unknown {
  let root = copy(value)
  for (const original of mutations) {
    // Values are copied in: a shared constant changed in place would grow (or contain itself) over the runs.
    const m = 'value' in original ? { ...original, value: copy(original.value) } : original
    const paths = pathsOf(root)
    const path = paths[m.at % paths.length]!
    if (path.length === 0) {
      if (m.kind === 'replace') root = m.value
      else if (m.kind === 'add' && root !== null && typeof root === 'object' && !Array.isArray(root) && !(root instanceof Raw)) {
        Object.defineProperty(root, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
      }
      continue
    }
    let parent = root as Record<string | number, unknown>
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
    const last = path[path.length - 1]!
    if (m.kind === 'replace') Object.defineProperty(parent, last, { value: m.value, enumerable: true, writable: true, configurable: true })
    else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last]
    else {
      const target = parent[last]
      if (target !== null && typeof target === 'object' && !Array.isArray(target) && !(target instanceof Raw)) {
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true })
      } else if (Array.isArray(target)) target.push(m.value)
    }
  }
  return root
}

/** What can go wrong with the text of a JSON body, after its value was made. */
export type TextDamage = 'none' | 'truncate' | 'duplicate-key' | 'bom' | 'trailing' | 'invalid-utf8' | 'empty' | 'spaces' | 'comment'
  | 'single-quotes' | 'nul-byte' | 'latin1'

export const textDamage: fc.Arbitrary<TextDamage> = fc.constantFrom('truncate', 'duplicate-key', 'bom', 'trailing', 'invalid-utf8', 'empty',
  'spaces', 'comment', 'single-quotes', 'nul-byte', 'latin1')

/** The body's bytes with the damage done. */
export function damage (text: string, how: TextDamage, at: number): string | Buffer {
  switch (how) {
    case 'none': return text
    case 'truncate': return text.slice(0, at % Math.max(1, text.length))
    case 'duplicate-key': return text.startsWith('{') && text.length > 2 ? `{"__proto__":{"x":1},"a":1,"a":2,${text.slice(1)}` : `{"a":1,"a":${text}}`
    case 'bom': return `\uFEFF${text}`
    case 'trailing': return `${text} garbage}`
    case 'invalid-utf8': return Buffer.concat([Buffer.from(text.slice(0, at % Math.max(1, text.length))), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff]), Buffer.from(text.slice(at % Math.max(1, text.length)))])
    case 'empty': return ''
    case 'spaces': return ' \n\t '
    case 'comment': return `/* c */${text}`
    case 'single-quotes': return text.replaceAll('"', "'")
    case 'nul-byte': return `${text}\u0000`
    case 'latin1': return Buffer.from(text.replaceAll('"', '"ż'), 'latin1')
  }
}

/** Whole bodies that are not what any route takes. */
export const hostileBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom('null', '[]', '{}', '""', '"x"', '0', 'true', '1e400', '[1e400]', '{"a":1e400}', 'undefined', 'NaN', '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}', nested(70, '1'), nestedObject(70), nested(64, '1'), `{"x":${nested(62, '1')}}`, `[${'1,'.repeat(20000)}1]`,
    `{"a":"${'a'.repeat(200_000)}"}`, '{', '}', '[', '{"a":', 'x=1&y=2', '<xml/>'),
  fc.uint8Array({ maxLength: 64 }).map(bytes => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 64 }),
)

/** One path segment that is not an id, percent-encoded where a client would encode it (and not where it would not). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'undefined', 'null', 'NaN', '0', '-1', '1e400',
    '9007199254740993', '%20', '%2e%2e', '..', '.', '%2F', '..%2F..%2Fpackage.json', '%00', '%C3%B3', '%F0%9F%98%80', '%E2%80%AE', 'a%0Ab', '%2525',
    ' ', '~', '*', '%3Cscript%3E', '%22', "'", ';', ',', '%3F', '%23', 'a'.repeat(100), 'x'.repeat(90), '00000000-0000-0000-0000-000000000000',
    'A38812FA-6FEF-4C9C-AC06-A0952B67BA78', 'a38812fa-6fef-4c9c-ac06-a0952b67ba78 ', '{disputeId}', ':disputeId'),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map(encodeURIComponent),
  fc.uuid(),
)

/** Percent sequences no decoder accepts: Fastify's router refuses them before any route runs. */
export const badPercent = fc.constantFrom('%ZZ', '%', '%E0%A4%A', '%C0%AF', '%FF', '%ED%A0%80', '%C3')

/** A query string's pieces a well-behaved client never sends. */
export const hostileQueryPair: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS).chain(k => fc.constantFrom(`${k}=1`, `${k}=`, k, `${k}[x]=1`, `x=${k}`, `${k}=${k}`)),
  fc.constantFrom('limit=1e400', 'limit=-1', 'limit=0', 'limit=101', 'limit=99999999999999999999', 'limit=1.5', 'limit=NaN', 'limit=', 'limit',
    'offset=-1', 'offset=1e400', 'offset=9007199254740993', 'offset=%ZZ', 'limit=%E0%A4%A', 'status=%C0%AF', 'status=', 'status[]=ONGOING',
    'status[0]=ONGOING', 'a[b][c]=1', '=', '&', '==', 'x=%00', `x=${'a'.repeat(20000)}`, 'expired=true', 'code=%FF', 'scope=%ZZ',
    'date.gte=1e400', 'date.gte=+275761-01-01T00:00:00Z', 'date.lte=-271821-04-20T00:00:00Z', 'offer.id=', 'offer.id=,,,', 'category.id=__proto__'),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
)

/** Content types beside the ones an operation takes. */
export const hostileContentType = fc.constantFrom(
  'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png', 'application/pdf',
  'application/vnd.allegro.public.v1+json', 'application/vnd.allegro.beta.v1+json', 'application/vnd.allegro.public.v1+json; charset=latin1',
  'APPLICATION/VND.ALLEGRO.PUBLIC.V1+JSON', 'application/vnd.allegro.public.v2+json', 'application/*', '*/*', '', ';', 'application/json; charset=utf-16',
  'application/json;;;', 'text/html', 'application/xml', 'image/svg+xml', 'application/octet-stream', 'x'.repeat(300),
)

export const hostileAccept = fc.constantFrom(
  '*/*', 'application/json', 'text/html', '', 'application/vnd.allegro.public.v1+json', 'application/vnd.allegro.beta.v1+json',
  'application/vnd.allegro.public.v1+json;q=0', 'application/*', 'image/png', 'garbage', ',,,', 'application/vnd.allegro.public.v2+json',
)

export const acceptLanguage = fc.constantFrom('pl-PL', 'en-US', 'en', 'de', '*', '', 'xx-YY;q=0.1, en;q=0.5', 'uk-UA', 'a'.repeat(500), 'en-US,pl;q=NaN')
