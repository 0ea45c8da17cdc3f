import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { lowdbPersistence } from '../../src/server/core/lowdb-store.js'
import { DataFileError, openStore } from '../../src/server/core/store.js'
import { NO_FAULTS } from '../../src/server/modules/faults/faults.types.js'
import { fromV1, instanceSettings, SCHEMA, toV1, type StateV1 } from '../../src/server/state.js'
import { stateFormat } from '../../src/server/state-format.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor } from '../support/app.js'

/**
 * test/fixtures/state-v1.json is a data file written by allegro-mock before partitions (commit 809410e, version 1)
 * from the default scenario, after a new seller (V1_added), a seller's message on the guide's dispute, a publication
 * command, a device-flow token and a minute on the manual clock. test/fixtures/snapshot-v1.json is that version's
 * GET /__mock/snapshot body at the same moment (the same state, plus the files' bytes).
 */
const FIXTURE = 'test/fixtures/state-v1.json'
const v1 = (): StateV1 => JSON.parse(readFileSync(FIXTURE, 'utf8')) as StateV1
const GUIDE_DISPUTE = 'a38812fa-6fef-4c9c-ac06-a0952b67ba78'
const OWNED = ['disputes', 'disputeAttachments', 'checkoutForms', 'contacts', 'images', 'offers', 'publicationCommands'] as const

const dirs: string[] = []
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }) })

function copyOfFixture (): string {
  const dir = mkdtempSync(join(tmpdir(), 'allegro-mock-v1-'))
  dirs.push(dir)
  const file = join(dir, 'allegro-mock.json')
  copyFileSync(FIXTURE, file)
  return file
}

const openFile = (file: string) => {
  const persistence = lowdbPersistence(file)
  return openStore(SCHEMA, persistence, {
    initial: () => { throw new Error('the data file exists: nothing may be seeded') },
    format: stateFormat(file),
  }).then(store => ({ store, persistence }))
}

/**
 * What toV1(fromV1(x)) gives back for a version-1 state x, and why it is not x itself:
 * - a classified event gets an id (version 1 had none; `event-<its position in the list>`);
 * - `sandboxes` holds each seller's own settings (clock offset 0, the file's scenario, not a sandbox), which every
 *   seller of a migrated file now has; files written before sandboxes had no such entry;
 * - version 2 keeps each seller's records in that seller's partition, so a list where sellers' records alternate
 *   (this file's checkout forms, and the message written last) comes back grouped by seller, each seller's own
 *   records in their order. The partitions are an object keyed by seller id, and JavaScript lists integer-like keys
 *   in ascending order: numeric seller ids come in that order, not the order of `sellers`;
 * - lists version 1 gained after this file was written (claims and their messages) come back empty.
 */
function migrated (x: StateV1, back: StateV1): StateV1 {
  const order = partitionOrder(x)
  const grouped = <T>(rows: T[], sellerOf: (row: T) => string) => order.flatMap(id => rows.filter(row => sellerOf(row) === id))
  const disputeOwner = new Map(x.disputes.map(d => [d.id, d.meta.sellerId]))
  const owned = Object.fromEntries(OWNED.map(name => [name, grouped(x[name] as Array<{ meta: { sellerId: string } }>, r => r.meta.sellerId)]))
  return {
    ...x,
    ...owned,
    disputeMessages: grouped(x.disputeMessages, m => disputeOwner.get(m.meta.disputeId)!),
    classifiedEvents: grouped(x.classifiedEvents.map((e, i) => ({ ...e, id: `event-${i + 1}` })), e => e.sellerId),
    sandboxes: Object.fromEntries(order.map(id => [id, { settings: { clockOffsetMs: 0, scenario: x.scenario, sandbox: false }, faults: NO_FAULTS }])),
    ...Object.fromEntries(Object.keys(back).filter(key => !(key in x) && key !== 'sandboxes').map(key => [key, []])),
  }
}

/** Seller ids in the order of an object keyed by them (see above). */
const partitionOrder = (x: StateV1) => Object.keys(Object.fromEntries(x.sellers.map(s => [s.id, true])))

test('a version-1 data file opens unchanged: every seller, record, message order, token and setting as it was', async () => {
  const file = copyOfFixture()
  const x = v1()
  const { store, persistence } = await openFile(file)
  // opening alone writes nothing
  expect(readFileSync(file, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'))
  expect(existsSync(`${file}.journal`)).toBe(false)

  expect(instanceSettings(store)).toEqual({ secret: x.secret, scenario: 'default', clockNow: '2026-01-05T10:01:00.000Z' })
  expect(store.instance.sellers.all()).toEqual(x.sellers)
  expect(store.instance.sellers.all().map(s => s.login)).toEqual(['Seller_login1', 'Seller_login2', 'V1_added'])
  expect(store.instance.clients.all()).toEqual(x.clients)
  expect(store.instance.refreshTokens.all()).toEqual(x.oauth.refreshTokens)
  expect(store.instance.refreshTokens.size).toBe(1)
  expect(store.instance.authCodes.all()).toEqual(x.oauth.codes)
  expect(store.instance.devices.all()).toEqual(x.oauth.devices)
  expect(store.instance.faults.get('single')).toEqual(x.faults)
  expect(store.partitionIds()).toEqual(partitionOrder(x))
  expect(store.partitionIds()).toHaveLength(3)

  for (const seller of x.sellers) {
    const tables = store.seller(seller.id)
    expect(tables.settings.all()).toEqual([{ clockOffsetMs: 0, scenario: 'default', sandbox: false }])
    expect(tables.faults.all()).toEqual([])
    for (const name of OWNED) {
      const rows = (x[name] as Array<{ id: string, meta: { sellerId: string } }>).filter(r => r.meta.sellerId === seller.id)
      expect(tables[name].all(), `${seller.login} ${name}`).toEqual(rows)
      for (const row of rows) expect(store.ownerOf(name, row.id)).toBe(seller.id)
    }
    for (const dispute of tables.disputes.all()) {
      expect(tables.disputeMessages.where('byDispute', dispute.id), `messages of ${dispute.id}`).toEqual(x.disputeMessages.filter(m => m.meta.disputeId === dispute.id))
    }
    const events = x.classifiedEvents.map((e, i) => ({ ...e, id: `event-${i + 1}` })).filter(e => e.sellerId === seller.id)
    expect(tables.classifiedEvents.all()).toEqual(events)
  }
  const first = store.seller(x.sellers[0]!.id)
  expect(first.disputes.size).toBe(12)
  expect(first.disputeMessages.where('byDispute', GUIDE_DISPUTE).map(m => m.text).at(-1)).toBe('Written by version 1')
  expect(first.publicationCommands.all().map(c => c.id)).toEqual(['3380d97f-0d32-4747-8a17-1da38f9499de'])
  expect(first.offers.size + first.disputeAttachments.size + first.contacts.size + first.images.size).toBe(4 + 3 + 3 + 2)
  expect(store.seller(x.sellers[1]!.id).disputes.size).toBe(3)
  await persistence.close()
})

test('a version-1 data file is rewritten as version 2 by the first write, and opens again with that write', async () => {
  const file = copyOfFixture()
  const { store, persistence } = await openFile(file)
  await store.update(tx => { tx.instance.settings.put({ ...instanceSettings(store), clockNow: '2026-01-05T11:00:00.000Z' }) })
  const document = JSON.parse(readFileSync(file, 'utf8')) as { version: number, sellers: Record<string, unknown> }
  expect(document.version).toBe(2)
  expect(Object.keys(document.sellers)).toEqual(partitionOrder(v1()))
  await persistence.close()

  const { store: again, persistence: second } = await openFile(file)
  expect(instanceSettings(again).clockNow).toBe('2026-01-05T11:00:00.000Z')
  expect(toV1(again.dump())).toEqual(toV1(store.dump()))
  const back = toV1(again.dump())
  expect(back).toEqual({ ...migrated(v1(), back), clockNow: '2026-01-05T11:00:00.000Z' })
  await second.close()
})

test('toV1(fromV1(x)) is x for the version-1 file, but for event ids, sellers\' settings and records grouped by seller', () => {
  const x = v1()
  const back = toV1(fromV1(x))
  expect(back).toEqual(migrated(x, back))
  // the grouping is real in this file: its checkout forms alternate between the two sellers
  expect(back.checkoutForms).not.toEqual(x.checkoutForms)
  expect(back.checkoutForms).toEqual(expect.arrayContaining(x.checkoutForms))
  // and a second round changes nothing more
  expect(toV1(fromV1(back))).toEqual(back)
})

test('a document of an unknown version is refused with DataFileError', async () => {
  const format = stateFormat('elsewhere.json')
  expect(() => format.decode({ ...v1(), version: 3 })).toThrow(DataFileError)
  expect(() => format.decode({ ...v1(), disputes: 'none' })).toThrow('"disputes" is not a list')
  expect(() => format.decode({ version: 2, instance: {}, sellers: {} })).toThrow('"instance.settings" is not a list')
})

test('a version-1 snapshot imports through PUT /__mock/snapshot and the guide\'s dispute reads back', async () => {
  const { app } = await buildTestApp()
  const snapshot = JSON.parse(readFileSync('test/fixtures/snapshot-v1.json', 'utf8')) as { state: StateV1, files: Record<string, string> }
  const imported = await app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: snapshot })
  expect(imported.statusCode, imported.body).toBe(204)

  const token = await tokenFor(app, 'Seller_login1')
  const dispute = expectContract(await app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE_DISPUTE}`, headers: allegroHeaders(token) }), 'getDisputeUsingGET')
  expect(dispute).toMatchObject({ id: GUIDE_DISPUTE, status: 'ONGOING', subject: { name: 'przedmiot jest uszkodzony' }, buyer: { login: 'Buyer_login1' } })
  const thread = expectContract(await app.inject({ method: 'GET', url: `/sale/disputes/${GUIDE_DISPUTE}/messages?limit=100`, headers: allegroHeaders(token) }), 'getMessagesFromDisputeUsingGET')
  const stored = snapshot.state.disputeMessages.filter(m => m.meta.disputeId === GUIDE_DISPUTE)
  expect(thread.messages.map((m: { id: string }) => m.id)).toEqual(stored.map(m => m.id).reverse())
  expect(thread.messages[0]).toMatchObject({ text: 'Written by version 1', author: { role: 'SELLER' } })

  // the attachment's bytes came with it
  const attachment = snapshot.state.disputeAttachments.find(a => a.id === stored[0]!.meta.attachmentId)!
  const download = await app.inject({ method: 'GET', url: `/sale/dispute-attachments/${attachment.id}`, headers: { authorization: `Bearer ${token}` } })
  expect(download.statusCode).toBe(200)
  expect(download.rawPayload.equals(Buffer.from(snapshot.files[attachment.meta.blobKey as string]!, 'base64'))).toBe(true)

  // the manual clock moved on to the snapshot's time, and the export is the snapshot as migrated
  expect((await app.inject({ method: 'GET', url: '/__mock/clock' })).json()).toEqual({ mode: 'manual', now: '2026-01-05T10:01:00.000Z' })
  const exported = (await app.inject({ method: 'GET', url: '/__mock/snapshot' })).json()
  expect(exported.state).toEqual(migrated(snapshot.state, exported.state))
  expect(exported.files).toEqual(snapshot.files)
})
