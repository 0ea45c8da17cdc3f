import { beforeEach, describe, expect, test } from 'vitest'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { allegroHeaders, buildTestApp, expectContract, START, tokenFor, type TestApp, readState } from '../support/app.js'
import { guidePutBody } from '../support/offers.js'
import { command, offerStatus, report, tasks } from '../support/publication.js'

const DELAY = 3000
let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp({ config: { taskDelayMs: DELAY } })
  token = await tokenFor(t.app)
})

const READY = ADS_GUIDE.readyOfferId
const send = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({ method, url, headers: allegroHeaders(token), payload: JSON.stringify(payload) })

describe('ACTIVATE', () => {
  test('201 with an empty report; the offer is ACTIVATING and its task NEW until the delay passes, then ACTIVE and SUCCESS', async () => {
    const { commandId, res, body } = await command(t.app, token, 'ACTIVATE', [READY])
    expect(res.statusCode).toBe(201)
    expect(body).toEqual({ id: commandId, createdAt: START, completedAt: null, taskCount: { total: 0, success: 0, failed: 0 } })
    expect((await offerStatus(t.app, token, READY)).status).toBe('ACTIVATING')
    expect(await tasks(t.app, token, commandId)).toEqual([{ offer: { id: READY }, status: 'NEW', message: '', field: 'publication', scheduledAt: START }])
    expect(await report(t.app, token, commandId)).toMatchObject({ completedAt: null, taskCount: { total: 1, success: 0, failed: 0 } })

    t.clock.advance(DELAY - 1)
    expect((await tasks(t.app, token, commandId))[0].status).toBe('NEW')
    t.clock.advance(1)
    const [task] = await tasks(t.app, token, commandId)
    expect(task).toEqual({ offer: { id: READY }, status: 'SUCCESS', message: '', field: 'publication', scheduledAt: START, finishedAt: '2026-01-05T10:00:03.000Z' })
    expect(await report(t.app, token, commandId)).toEqual({ id: commandId, createdAt: START, completedAt: '2026-01-05T10:00:03.000Z', taskCount: { total: 1, success: 1, failed: 0 } })
    expect(await offerStatus(t.app, token, READY)).toEqual({
      duration: 'PT960H', status: 'ACTIVE', startingAt: '2026-01-05T10:00:03.000Z', endingAt: '2026-02-14T10:00:03.000Z',
    })
  })

  test('each failure cause FAILs its task with Allegro\'s message and leaves the offer as it was', async () => {
    const unpackaged = expectContract(await send('POST', '/sale/offers', { ...guidePutBody(), id: undefined }), 'createOfferUsingPOST')
    expect(unpackaged.validation.errors).toEqual([])
    const other = await tokenFor(t.app, 'Seller_login2')
    const theirs = expectContract(await t.app.inject({ method: 'POST', url: '/sale/offers', headers: allegroHeaders(other), payload: JSON.stringify({ name: 'Cudzy', category: { id: '57968' } }) }), 'createOfferUsingPOST')

    const { commandId } = await command(t.app, token, 'ACTIVATE', [ADS_GUIDE.draftOfferId, unpackaged.id, '1111111111', theirs.id])
    expect((await offerStatus(t.app, token, ADS_GUIDE.draftOfferId)).status).toBe('ACTIVATING')
    t.clock.advance(DELAY * 2)
    const settled = await tasks(t.app, token, commandId)
    expect(settled.map((task: { status: string, message: string }) => [task.status, task.message])).toEqual([
      ['FAIL', 'The offer has validation errors.'],
      ['FAIL', 'The offer has no classifieds package assigned.'],
      ['FAIL', 'The offer does not exist.'],
      ['FAIL', 'The offer does not exist.'],
    ])
    expect(settled[0].errors.map((e: { message: string }) => e.message)).toContain('Location may not be empty.')
    expect(settled[1].errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'classifiedsPackages.basePackage' })
    expect(await report(t.app, token, commandId)).toMatchObject({ taskCount: { total: 4, success: 0, failed: 4 } })
    expect((await offerStatus(t.app, token, ADS_GUIDE.draftOfferId)).status).toBe('INACTIVE')
    expect((await offerStatus(t.app, token, unpackaged.id)).status).toBe('INACTIVE')
  })

  test('the guide\'s whole flow: draft → full PUT → packages → fee preview → ACTIVATE → ACTIVE → END', async () => {
    const draft = expectContract(await send('POST', '/sale/offers', { name: 'BMW X5 e53', category: { id: '257150' } }), 'createOfferUsingPOST')
    const full = expectContract(await send('PUT', `/sale/offers/${draft.id}`, { ...guidePutBody(), id: draft.id, category: { id: '257150' } }), 'updateOfferUsingPUT')
    expect(full.validation.errors).toEqual([])
    expect((await send('PUT', `/sale/offer-classifieds-packages/${draft.id}`, { basePackage: { id: ADS_GUIDE.basePackageId } })).statusCode).toBe(200)
    const fees = expectContract(await send('POST', '/pricing/offer-fee-preview', { offer: { id: draft.id, name: 'BMW X5 e53' } }), 'calculateFeePreviewUsingPOST')
    expect(fees.quotes[0].fee).toEqual({ amount: '19.00', currency: 'PLN' })

    const activation = await command(t.app, token, 'ACTIVATE', [draft.id])
    t.clock.advance(DELAY)
    expect((await tasks(t.app, token, activation.commandId))[0].status).toBe('SUCCESS')
    expect((await offerStatus(t.app, token, draft.id)).status).toBe('ACTIVE')

    t.clock.advance(3_600_000)
    const ending = await command(t.app, token, 'END', [draft.id])
    t.clock.advance(DELAY)
    expect((await tasks(t.app, token, ending.commandId))[0].status).toBe('SUCCESS')
    expect(await offerStatus(t.app, token, draft.id)).toMatchObject({ status: 'ENDED', endedBy: 'USER', endingAt: '2026-01-05T11:00:06.000Z' })
  })
})

describe('scheduling, ending, expiry, re-activation', () => {
  test('scheduledFor: ACTIVATING and NEW until that moment, then settled as usual', async () => {
    const scheduledFor = '2026-01-05T12:00:00.000Z'
    const { commandId } = await command(t.app, token, 'ACTIVATE', [READY], { scheduledFor })
    expect((await tasks(t.app, token, commandId))[0]).toMatchObject({ status: 'NEW', scheduledAt: scheduledFor })
    t.clock.advance(2 * 3600 * 1000)
    expect((await tasks(t.app, token, commandId))[0].status).toBe('NEW')
    expect((await offerStatus(t.app, token, READY)).status).toBe('ACTIVATING')
    t.clock.advance(DELAY)
    expect((await tasks(t.app, token, commandId))[0].status).toBe('SUCCESS')
    expect((await offerStatus(t.app, token, READY)).startingAt).toBe('2026-01-05T12:00:03.000Z')
  })

  test('an active ad expires when its duration passes: ENDED by EXPIRATION at its endingAt', async () => {
    await command(t.app, token, 'ACTIVATE', [READY])
    t.clock.advance(DELAY)
    const { endingAt } = await offerStatus(t.app, token, READY)
    t.clock.advance(960 * 3600 * 1000 + 5000)
    expect(await offerStatus(t.app, await tokenFor(t.app), READY)).toMatchObject({ status: 'ENDED', endedBy: 'EXPIRATION', endingAt })
  })

  test('a clock jump settles everything due in time order: activation, then expiry', async () => {
    await command(t.app, token, 'ACTIVATE', [READY])
    t.clock.advance(1000 * 3600 * 1000)
    expect(await offerStatus(t.app, await tokenFor(t.app), READY)).toMatchObject({ status: 'ENDED', endedBy: 'EXPIRATION', endingAt: '2026-02-14T10:00:03.000Z' })
  })

  test('END on an offer that is not active FAILs', async () => {
    const { commandId } = await command(t.app, token, 'END', [READY])
    t.clock.advance(DELAY)
    expect((await tasks(t.app, token, commandId))[0]).toMatchObject({ status: 'FAIL', message: 'The offer is not active.' })
  })

  test('re-activating an ENDED ad needs its packages assigned again', async () => {
    await command(t.app, token, 'ACTIVATE', [READY])
    t.clock.advance(DELAY)
    await command(t.app, token, 'END', [READY])
    t.clock.advance(DELAY)
    expect((await t.app.inject({ method: 'GET', url: `/sale/offer-classifieds-packages/${READY}`, headers: allegroHeaders(token) })).statusCode).toBe(404)

    const without = await command(t.app, token, 'ACTIVATE', [READY])
    t.clock.advance(DELAY)
    expect((await tasks(t.app, token, without.commandId))[0]).toMatchObject({ status: 'FAIL', message: 'The offer has no classifieds package assigned.' })
    expect((await offerStatus(t.app, token, READY)).status).toBe('ENDED')

    expect((await send('PUT', `/sale/offer-classifieds-packages/${READY}`, { basePackage: { id: ADS_GUIDE.basePackageId } })).statusCode).toBe(200)
    const again = await command(t.app, token, 'ACTIVATE', [READY])
    t.clock.advance(DELAY)
    expect((await tasks(t.app, token, again.commandId))[0].status).toBe('SUCCESS')
    const publication = await offerStatus(t.app, token, READY)
    expect(publication.status).toBe('ACTIVE')
    expect(publication.endedBy).toBeUndefined()
  })
})

describe('command rules', () => {
  test('a command id is used once: 409, whoever reuses it', async () => {
    const { commandId } = await command(t.app, token, 'ACTIVATE', [READY])
    const again = await command(t.app, token, 'END', ['1111111111'], { commandId })
    expect(again.res.statusCode).toBe(409)
    expect(again.body.errors[0].message).toBe('Command id was already used')
    const other = await command(t.app, await tokenFor(t.app, 'Seller_login2'), 'END', ['1111111111'], { commandId })
    expect(other.res.statusCode).toBe(409)
  })

  test('a new command on offers whose tasks are unfinished is refused; once they settle it is accepted', async () => {
    await command(t.app, token, 'ACTIVATE', [READY])
    const refused = await command(t.app, token, 'END', [READY])
    expect(refused.res.statusCode).toBe(422)
    expect(refused.body.errors[0]).toMatchObject({ code: 'InProgressTaskLimitReachedException', message: 'Previous status changes have not been finished yet.' })
    t.clock.advance(DELAY)
    expect((await command(t.app, token, 'END', [READY])).res.statusCode).toBe(201)
  })

  test('tasks of one command settle a little apart', async () => {
    const first = expectContract(await send('POST', '/sale/offers', { name: 'Kopia 1', category: { id: '57968' } }), 'createOfferUsingPOST')
    const { commandId } = await command(t.app, token, 'ACTIVATE', [READY, first.id])
    t.clock.advance(DELAY)
    expect((await tasks(t.app, token, commandId)).map((x: { status: string }) => x.status)).toEqual(['SUCCESS', 'NEW'])
    t.clock.advance(DELAY)
    expect((await report(t.app, token, commandId)).taskCount).toEqual({ total: 2, success: 1, failed: 1 })
  })

  test.each([
    ['a command id that is not a UUID', 'not-a-uuid', { publication: { action: 'ACTIVATE' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: READY }] }] }, 400, 'commandId'],
    ['an unknown action', undefined, { publication: { action: 'PAUSE' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: READY }] }] }, 422, 'publication.action'],
    ['scheduledFor with END', undefined, { publication: { action: 'END', scheduledFor: '2026-02-01T00:00:00Z' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: READY }] }] }, 422, 'publication.scheduledFor'],
    ['scheduledFor in the past', undefined, { publication: { action: 'ACTIVATE', scheduledFor: '2026-01-01T00:00:00Z' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: READY }] }] }, 422, 'publication.scheduledFor'],
    ['no offers', undefined, { publication: { action: 'ACTIVATE' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [] }] }, 422, 'offerCriteria'],
    ['1001 offers', undefined, { publication: { action: 'ACTIVATE' }, offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: Array.from({ length: 1001 }, (_, i) => ({ id: String(8000000000 + i) })) }] }, 422, 'offerCriteria'],
    ['an unknown criterion type', undefined, { publication: { action: 'ACTIVATE' }, offerCriteria: [{ type: 'ALL_OFFERS', offers: [{ id: READY }] }] }, 422, 'offerCriteria[0].type'],
    ['no publication', undefined, { offerCriteria: [{ type: 'CONTAINS_OFFERS', offers: [{ id: READY }] }] }, 422, 'publication.action'],
  ])('%s: %i naming %s, nothing stored', async (_name, id, payload, status, path) => {
    const res = await t.app.inject({ method: 'PUT', url: `/sale/offer-publication-commands/${id ?? '3380d97f-0d32-4747-8a17-1da38f9499de'}`, headers: allegroHeaders(token), payload: JSON.stringify(payload) })
    expect(res.statusCode).toBe(status)
    expect(expectContract(res, 'changePublicationStatusUsingPUT').errors[0].path).toBe(path)
    expect(readState(t.store, s => s.publicationCommands.length)).toBe(0)
    expect((await offerStatus(t.app, token, READY)).status).toBe('INACTIVE')
  })

  test('tasks paging: limit 1..1000, offset 0..999', async () => {
    const { commandId } = await command(t.app, token, 'ACTIVATE', [READY, '1111111111', '2222222222'])
    expect((await tasks(t.app, token, commandId, '?limit=1&offset=1')).map((x: { offer: { id: string } }) => x.offer.id)).toEqual(['1111111111'])
    for (const query of ['?limit=0', '?limit=1001', '?offset=1000']) {
      const res = await t.app.inject({ method: 'GET', url: `/sale/offer-publication-commands/${commandId}/tasks${query}`, headers: allegroHeaders(token) })
      expect(res.statusCode, query).toBe(422)
      expectContract(res, 'getPublicationTasksUsingGET')
    }
  })

  test('another seller\'s command, and an unknown one, are 404 "Command not found"', async () => {
    const { commandId } = await command(t.app, token, 'ACTIVATE', [READY])
    const other = await tokenFor(t.app, 'Seller_login2')
    for (const url of [`/sale/offer-publication-commands/${commandId}`, `/sale/offer-publication-commands/${commandId}/tasks`, '/sale/offer-publication-commands/3380d97f-0d32-4747-8a17-1da38f9499de']) {
      const res = await t.app.inject({ method: 'GET', url, headers: allegroHeaders(url.endsWith('de') ? token : other) })
      expect(res.statusCode, url).toBe(404)
      expect(res.json().errors[0].message).toBe('Command not found')
    }
  })
})
