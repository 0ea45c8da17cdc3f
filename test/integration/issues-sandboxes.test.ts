import { beforeEach, describe, expect, test } from 'vitest'
import { CLAIMS } from '../../src/fixtures/claims.js'
import { GUIDE } from '../../src/fixtures/disputes.js'
import { buildTestApp, expectContract, readState, tokenFor, type TestApp } from '../support/app.js'
import { changeClaimStatus, issueHeaders, postIssueMessage } from '../support/issues.js'
import { control, createSandbox, idIn, type Sandbox } from '../support/sandboxes.js'

const FIRST = { id: '44667781', login: 'Seller_login1' }
const FIRST_CLAIMS = [CLAIMS.awaitingId, CLAIMS.returnRequestedId, CLAIMS.acceptedOnDueDateId, CLAIMS.acceptedId, CLAIMS.rejectedId]

let t: TestApp
let sandbox: Sandbox
let first: string
beforeEach(async () => {
  t = await buildTestApp()
  sandbox = await createSandbox(t.app, { login: 'Sandbox_issues' })
  first = await tokenFor(t.app)
})

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: issueHeaders(token) })

/** A scenario answer as the sandbox must give it: every scenario id swapped for the sandbox's, and the seller's login. */
function asIn (value: unknown): unknown {
  let json = JSON.stringify(value)
  const swaps: Array<[string, string]> = [...Object.entries(sandbox.ids), [FIRST.login, sandbox.seller.login]]
  for (const [from, to] of swaps.sort(([x], [y]) => y.length - x.length)) json = json.split(from).join(to)
  return JSON.parse(json)
}

/** Every issue of a seller, in full: the list, each issue and each chat. */
async function issuesOf (token: string) {
  const list = expectContract(await get('/sale/issues?limit=100', token), 'getListOfIssuesUsingGET').issues as Array<{ id: string }>
  const full = []
  for (const { id } of list) {
    full.push({
      issue: expectContract(await get(`/sale/issues/${id}`, token), 'getIssueUsingGET'),
      chat: expectContract(await get(`/sale/issues/${id}/chat?limit=100`, token), 'getChatFromIssueUsingGET'),
    })
  }
  return { list, full }
}

describe('claims in a sandbox', () => {
  test('a sandbox has the first seller\'s claims and disputes under its own ids, every answer the same but for ids and login', async () => {
    for (const id of FIRST_CLAIMS) expect(idIn(sandbox, id)).not.toBe(id)
    const scenario = await issuesOf(first)
    const own = await issuesOf(sandbox.accessToken)
    expect(own.list).toHaveLength(17)
    expect(own).toEqual(asIn(scenario))
    expect(own.list.map(i => i.id).filter(id => FIRST_CLAIMS.includes(id as never))).toEqual([])
    // The sandbox's claims are its own: the first seller's ids are another seller's to it.
    expect((await get(`/sale/issues/${CLAIMS.awaitingId}`, sandbox.accessToken)).statusCode).toBe(403)
    expect((await get(`/sale/issues/${idIn(sandbox, CLAIMS.awaitingId)}`, first)).statusCode).toBe(403)
  })

  test('a decision in the sandbox stays there', async () => {
    const claimId = idIn(sandbox, CLAIMS.awaitingId)
    const res = await changeClaimStatus(t.app, sandbox.accessToken, claimId, { status: 'ACCEPTED_REPAIR', message: 'Naprawimy.' })
    expect(res.statusCode).toBe(200)
    expect(expectContract(await get(`/sale/issues/${claimId}`, sandbox.accessToken), 'getIssueUsingGET').currentState.status).toBe('CLAIM_ACCEPTED')
    expect(expectContract(await get(`/sale/issues/${CLAIMS.awaitingId}`, first), 'getIssueUsingGET').currentState.status).toBe('CLAIM_SUBMITTED')
  })

  test('the sandbox\'s claims fall due on the sandbox\'s clock only', async () => {
    const moved = await control(t.app, 'POST', `/__mock/sellers/${sandbox.seller.id}/clock/advance`, { by: 'P30D' })
    expect(moved.statusCode).toBe(200)
    const token = (await control(t.app, 'GET', `/__mock/sellers/${sandbox.seller.id}/token`)).body
    const submitted = expectContract(await get('/sale/issues?status=CLAIM_SUBMITTED', token), 'getListOfIssuesUsingGET').issues
    expect(submitted).toEqual([])
    expect(expectContract(await get('/sale/issues?status=CLAIM_SUBMITTED', first), 'getListOfIssuesUsingGET').issues.map((i: { id: string }) => i.id))
      .toEqual([CLAIMS.awaitingId, CLAIMS.returnRequestedId])
  })

  test('resetting the sandbox brings its claims back as they were', async () => {
    const claimId = idIn(sandbox, CLAIMS.awaitingId)
    await postIssueMessage(t.app, sandbox.accessToken, claimId, { text: 'Zaraz sprawdzę.', type: 'REGULAR' })
    await changeClaimStatus(t.app, sandbox.accessToken, claimId, { status: 'REJECTED_OTHER', message: 'Nie.' })
    expect((await control(t.app, 'POST', `/__mock/sellers/${sandbox.seller.id}/reset`)).statusCode).toBe(200)
    const token = (await control(t.app, 'GET', `/__mock/sellers/${sandbox.seller.id}/token`)).body
    const claim = expectContract(await get(`/sale/issues/${claimId}`, token), 'getIssueUsingGET')
    expect(claim).toMatchObject({ currentState: { status: 'CLAIM_SUBMITTED' }, chat: { messagesCount: 1 } })
  })

  test('deleting the sandbox removes its claims and their chats', async () => {
    expect((await control(t.app, 'DELETE', `/__mock/sandboxes/${sandbox.seller.id}`)).statusCode).toBe(204)
    const left = readState(t.store, s => s.claims!.filter(c => c.meta.sellerId === sandbox.seller.id).length)
    expect(left).toBe(0)
    expect(readState(t.store, s => s.claims!.length)).toBe(7)
  })
})

describe('claims in snapshots', () => {
  test('an exported snapshot lists claims and their chats; importing it brings a decision and a message back', async () => {
    await changeClaimStatus(t.app, first, CLAIMS.awaitingId, { status: 'ACCEPTED_EXCHANGE', message: 'Wymieniamy.' })
    const reply = await postIssueMessage(t.app, first, GUIDE.disputeId, { text: 'Przez nowe API.', type: 'REGULAR' })
    const snapshot = (await control(t.app, 'GET', '/__mock/snapshot')).json()
    expect(snapshot.state.claims.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([...FIRST_CLAIMS, CLAIMS.otherSellerAwaitingId]))
    expect(snapshot.state.claimMessages.length).toBeGreaterThan(10)
    await control(t.app, 'POST', '/__mock/reset')
    expect(expectContract(await get(`/sale/issues/${CLAIMS.awaitingId}`, first), 'getIssueUsingGET').currentState.status).toBe('CLAIM_SUBMITTED')
    expect((await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: snapshot })).statusCode).toBe(204)
    expect(expectContract(await get(`/sale/issues/${CLAIMS.awaitingId}`, first), 'getIssueUsingGET').currentState.status).toBe('CLAIM_ACCEPTED')
    const chat = expectContract(await get(`/sale/issues/${GUIDE.disputeId}/chat?limit=1`, first), 'getChatFromIssueUsingGET').chat
    expect(chat[0].id).toBe(reply.json().id)
  })

  test('a snapshot written before claims existed is imported with none', async () => {
    const snapshot = (await control(t.app, 'GET', '/__mock/snapshot')).json()
    delete snapshot.state.claims
    delete snapshot.state.claimMessages
    expect((await t.app.inject({ method: 'PUT', url: '/__mock/snapshot', payload: snapshot })).statusCode).toBe(204)
    const issues = expectContract(await get('/sale/issues?limit=100', first), 'getListOfIssuesUsingGET').issues as Array<{ type: string }>
    expect(issues.every(i => i.type === 'DISPUTE')).toBe(true)
    expect(issues).toHaveLength(12)
  })
})
