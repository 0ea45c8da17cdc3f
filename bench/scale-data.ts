/**
 * The data file "at scale": a version-1 allegro-mock state (today's format, which later engines migrate) holding
 * the default scenario plus `sellers` more sellers with `disputes` disputes between them, each with its order
 * (checkout form) and `messagesPerDispute` messages. The default scenario's own records are left as they are, so
 * its first seller's requests touch the same data as at the default scenario.
 *
 * Records are cloned from the scenario's own (a dispute of the first seller, its order), so they have every field
 * the engine expects; only ids, owners, buyers and dates change. Ids are deterministic. The file is written in
 * pieces, never held whole in memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs'

export const STATE_VERSION = 1
/** The collections a version-1 state must hold as lists (src/server/state.ts, checkState). */
const V1_LISTS = ['clients', 'sellers', 'disputes', 'disputeMessages', 'disputeAttachments', 'checkoutForms', 'contacts', 'images', 'offers', 'classifiedEvents', 'publicationCommands'] as const

type Json = Record<string, unknown>
interface V1Seller { id: string, login: string, company: boolean }
interface V1Dispute extends Json { id: string, checkoutForm: { id: string, createdAt: string }, meta: { sellerId: string } }
interface V1CheckoutForm extends Json { id: string, meta: { sellerId: string } }

/** Why `raw` is not a version-1 state, or null when it is one. */
export function notVersion1 (raw: unknown): string | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'not a JSON object'
  const state = raw as Json
  if (state.version !== STATE_VERSION) return `version is ${JSON.stringify(state.version)}, not ${STATE_VERSION}`
  for (const name of V1_LISTS) if (!Array.isArray(state[name])) return `"${name}" is not a list`
  if ((state.sellers as unknown[]).length === 0) return 'it has no sellers'
  return null
}

export interface ScaleSpec { sellers: number, disputes: number, messagesPerDispute: number }
export interface ScaleFile { bytes: number, sellers: number, disputes: number, messages: number, checkoutForms: number }

/** A v4-shaped UUID that encodes a kind and a number, so the same record gets the same id in every pass. */
function idOf (kind: number, n: number): string {
  return `b${kind.toString(16).padStart(7, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

const BASE_TIME = Date.UTC(2020, 0, 1)
const iso = (ms: number) => new Date(ms).toISOString()

/** Buffered writes to a file descriptor. */
function writer (fd: number) {
  let pending: string[] = []
  let size = 0
  let bytes = 0
  const flush = () => {
    if (pending.length === 0) return
    const chunk = pending.join('')
    bytes += writeSync(fd, chunk)
    pending = []
    size = 0
  }
  return {
    write (text: string) {
      pending.push(text)
      size += text.length
      if (size > 1 << 20) flush()
    },
    end (): number { flush(); return bytes },
  }
}

/**
 * Writes `base` plus the generated records to `file`.
 * @example writeScaleFile(JSON.parse(readFileSync('default.json', 'utf8')), 'scale.json', { sellers: 100, disputes: 50_000, messagesPerDispute: 5 })
 */
export function writeScaleFile (base: Json, file: string, spec: ScaleSpec): ScaleFile {
  const problem = notVersion1(base)
  if (problem) throw new Error(`the starting state is not a version-1 allegro-mock state: ${problem}`)
  const sellers = base.sellers as V1Seller[]
  const first = sellers[0]!
  const disputes = base.disputes as V1Dispute[]
  const forms = base.checkoutForms as V1CheckoutForm[]
  const templateDispute = disputes.find(d => d.meta.sellerId === first.id && forms.some(f => f.id === d.checkoutForm.id))
  if (!templateDispute) throw new Error(`the default scenario has no dispute of ${first.login} with its order to copy`)
  const templateForm = forms.find(f => f.id === templateDispute.checkoutForm.id)!
  const disputeText = JSON.stringify(templateDispute)
  const formText = JSON.stringify(templateForm)

  const taken = new Set(sellers.map(s => s.id))
  const extraSellers: V1Seller[] = []
  for (let n = 0; extraSellers.length < spec.sellers; n++) {
    const id = String(80_000_000 + n)
    if (!taken.has(id)) extraSellers.push({ id, login: `Bench_seller_${extraSellers.length + 1}`, company: n % 2 === 0 })
  }

  const buyerOf = (i: number) => ({ id: String(7_000_000 + i), login: `Bench_buyer_${i + 1}` })
  const openedAt = (i: number) => BASE_TIME + i * 60_000
  const boughtAt = (i: number) => openedAt(i) - 3 * 24 * 3600 * 1000
  const sellerOf = (i: number) => extraSellers[i % extraSellers.length]!

  function dispute (i: number): V1Dispute {
    const d = JSON.parse(disputeText) as V1Dispute
    const opened = openedAt(i)
    const m = spec.messagesPerDispute
    return {
      ...d,
      id: idOf(1, i),
      subject: { name: 'przedmiot nie dotarł' },
      status: 'ONGOING',
      messagesStatus: m % 2 === 1 ? 'BUYER_REPLIED' : 'SELLER_REPLIED',
      buyer: buyerOf(i),
      checkoutForm: { id: idOf(2, i), createdAt: iso(boughtAt(i)) },
      messagesCount: m,
      openedDate: iso(opened),
      lastMessageCreationDate: iso(opened + (m - 1) * 3600_000),
      meta: { sellerId: sellerOf(i).id },
    }
  }

  function form (i: number): V1CheckoutForm {
    const f = JSON.parse(formText) as V1CheckoutForm & { buyer?: Json, payment?: Json, lineItems?: Json[] }
    const bought = iso(boughtAt(i))
    const buyer = buyerOf(i)
    return {
      ...f,
      id: idOf(2, i),
      ...(f.buyer ? { buyer: { ...f.buyer, ...buyer, email: `bench_buyer_${i + 1}@allegromail.pl` } } : {}),
      ...(f.payment ? { payment: { ...f.payment, id: idOf(3, i), finishedAt: bought } } : {}),
      ...(Array.isArray(f.lineItems) ? { lineItems: f.lineItems.map((item, n) => ({ ...item, id: idOf(4, i * 10 + n), boughtAt: bought })) } : {}),
      updatedAt: bought,
      meta: { ...f.meta, sellerId: sellerOf(i).id },
    }
  }

  function messages (i: number): Json[] {
    const opened = openedAt(i)
    const seller = sellerOf(i)
    const buyer = buyerOf(i)
    return Array.from({ length: spec.messagesPerDispute }, (_, n) => ({
      id: idOf(5, i * spec.messagesPerDispute + n),
      text: n === 0 ? `Zamówienie nr ${i + 1} nie dotarło.` : n % 2 === 1 ? 'Sprawdzamy przesyłkę.' : 'Dziękuję, czekam.',
      author: n % 2 === 0 ? { login: buyer.login, role: 'BUYER' } : { login: seller.login, role: 'SELLER' },
      createdAt: iso(opened + n * 3600_000),
      meta: { disputeId: idOf(1, i), type: 'REGULAR' },
    }))
  }

  const generated: Record<string, (emit: (item: unknown) => void) => void> = {
    sellers: emit => extraSellers.forEach(emit),
    disputes: emit => { for (let i = 0; i < spec.disputes; i++) emit(dispute(i)) },
    disputeMessages: emit => { for (let i = 0; i < spec.disputes; i++) messages(i).forEach(emit) },
    checkoutForms: emit => { for (let i = 0; i < spec.disputes; i++) emit(form(i)) },
  }

  const fd = openSync(file, 'w')
  try {
    const out = writer(fd)
    out.write('{')
    Object.entries(base).forEach(([key, value], k) => {
      out.write(`${k > 0 ? ',' : ''}${JSON.stringify(key)}:`)
      const more = generated[key]
      if (!more || !Array.isArray(value)) {
        out.write(JSON.stringify(value))
        return
      }
      out.write('[')
      let count = 0
      const emit = (item: unknown) => { out.write(`${count++ > 0 ? ',' : ''}${JSON.stringify(item)}`) }
      value.forEach(emit)
      more(emit)
      out.write(']')
    })
    out.write('}\n')
    const bytes = out.end()
    return {
      bytes,
      sellers: sellers.length + extraSellers.length,
      disputes: disputes.length + spec.disputes,
      messages: (base.disputeMessages as unknown[]).length + spec.disputes * spec.messagesPerDispute,
      checkoutForms: forms.length + spec.disputes,
    }
  } finally {
    closeSync(fd)
  }
}
