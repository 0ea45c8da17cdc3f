import { describe, expect, test } from 'vitest'
import {
  acceptOnDueDate, checkClaimDecision, checkClaimMessage, claimDueAt, decisionDueDateFor, disputeSubject, lastMessageStatus,
  nextReferenceNumber, returnRequiredBy, stateChangeText,
} from '../../src/server/modules/issues/issue.rules.js'
import type { StoredClaim } from '../../src/server/modules/issues/issues.types.js'

const claim = (overrides: Partial<StoredClaim> = {}): StoredClaim => ({
  id: 'b58f4856-23ad-4c14-a0f2-c5ff469c7674', referenceNumber: '1/2026', decisionDueDate: '2026-01-16T09:15:00.000Z', openedDate: '2026-01-02T09:15:00.000Z',
  buyer: { id: '6200000', login: 'Klient_s1_1' }, checkoutForm: { id: '6d942161-cf76-11f0-8c6d-8c6dcee42efa', createdAt: '2025-12-01T12:00:00.000Z' },
  status: 'CLAIM_SUBMITTED', returnRequired: null, chatActive: true, expectations: [{ name: 'REPAIR' }], description: null,
  offer: { id: '7783912345', quantity: 1 }, product: null, reason: { type: 'DEFECT_FOUND_DURING_USE', description: null }, right: 'COMPLAINT',
  meta: { sellerId: '44667781', decision: null },
  ...overrides,
})

const TOTAL = { amount: '59.00', currency: 'PLN' }

describe('checkClaimDecision', () => {
  test.each([
    [{ status: 'ACCEPTED_REPAIR', message: 'Naprawimy.' }, []],
    [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '59.00', currency: 'PLN' } }, []],
    [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '59.01', currency: 'PLN' } }, ['partialRefund.amount']],
    [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '1.005', currency: 'PLN' } }, ['partialRefund.amount']],
    [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '5', currency: 'EUR' } }, ['partialRefund.currency']],
    [{ status: 'ACCEPTED_PARTIAL_REFUND', message: 'x' }, ['partialRefund']],
    [{ status: 'REJECTED_OTHER', message: 'x', partialRefund: { amount: '5', currency: 'PLN' } }, ['partialRefund']],
    [{ status: 'REJECTED_OTHER', message: ' ' }, ['message']],
  ] as const)('%j → %j', (request, paths) => {
    expect(checkClaimDecision(claim(), request as never, TOTAL).map(v => v.path)).toEqual(paths)
  })

  test('a decided claim takes no decision; without the order the refund is only checked for its form', () => {
    expect(checkClaimDecision(claim({ status: 'CLAIM_REJECTED' }), { status: 'ACCEPTED_REFUND', message: 'x' }, TOTAL)[0]!.message).toBe('The claim was already rejected')
    expect(checkClaimDecision(claim(), { status: 'ACCEPTED_PARTIAL_REFUND', message: 'x', partialRefund: { amount: '999.00', currency: 'EUR' } }, null)).toEqual([])
  })
})

test('a claim is due while it waits, at its decision due date; 14 days after opening by default', () => {
  expect(claimDueAt(claim())).toBe(Date.parse('2026-01-16T09:15:00.000Z'))
  expect(claimDueAt(claim({ status: 'CLAIM_ACCEPTED' }))).toBeNull()
  expect(decisionDueDateFor('2026-01-02T09:15:00.000Z')).toBe('2026-01-16T09:15:00.000Z')
})

test('accepted on its due date with the buyer\'s first expectation, the refund amount kept', () => {
  expect(acceptOnDueDate(claim()).claim.meta.decision).toEqual({ status: 'ACCEPTED_REPAIR', by: 'DUE_DATE', at: '2026-01-16T09:15:00.000Z' })
  const partial = acceptOnDueDate(claim({ expectations: [{ name: 'PARTIAL_REFUND', refund: { amount: '15.00', currency: 'PLN' } }] }))
  expect(partial.claim.status).toBe('CLAIM_ACCEPTED')
  expect(partial.change).toEqual({ status: 'CLAIM_ACCEPTED', by: 'DUE_DATE', decision: 'ACCEPTED_PARTIAL_REFUND', partialRefund: { amount: '15.00', currency: 'PLN' } })
  expect(acceptOnDueDate(claim({ expectations: [] })).claim.meta.decision?.status).toBe('ACCEPTED_REFUND')
})

test('lastMessage.status: NEW until the seller writes, then who wrote last, system entries left out', () => {
  const by = (...roles: string[]) => roles.map(role => ({ author: { role } })) as never
  expect(lastMessageStatus(by('BUYER', 'BUYER', 'ADMIN'))).toBe('NEW')
  expect(lastMessageStatus(by('BUYER', 'SELLER'))).toBe('SELLER_REPLIED')
  expect(lastMessageStatus(by('BUYER', 'SELLER', 'BUYER'))).toBe('BUYER_REPLIED')
  expect(lastMessageStatus(by('BUYER', 'SELLER', 'ADMIN', 'SYSTEM'))).toBe('ALLEGRO_ADVISOR_REPLIED')
})

test('reference numbers count on per year', () => {
  expect(nextReferenceNumber([], 2026)).toBe('1/2026')
  expect(nextReferenceNumber(['1/2025', '4/2025', '1/2026'], 2026)).toBe('2/2026')
  expect(nextReferenceNumber(['1/2025', '4/2025'], 2025)).toBe('5/2025')
})

test('message types: END_REQUEST not for claims, a closed chat conflicts, return types carry the return decision', () => {
  expect(checkClaimMessage(claim(), 'END_REQUEST').violations[0]!.path).toBe('type')
  expect(checkClaimMessage(claim({ chatActive: false }), 'REGULAR').conflict).toBe('Dispute is in a state that forbids adding new messages')
  expect(checkClaimMessage(claim(), 'RETURN_NOT_REQUIRED')).toEqual({ violations: [], conflict: null })
  expect([returnRequiredBy('RETURN_REQUIRED_SELLER_LABEL'), returnRequiredBy('RETURN_REQUIRED_CUSTOM'), returnRequiredBy('RETURN_NOT_REQUIRED'), returnRequiredBy('REGULAR')])
    .toEqual([true, true, false, undefined])
})

test('subjects and state changes in both languages', () => {
  expect(disputeSubject('przedmiot nie dotarł', 'en')).toBe('the item has not arrived')
  expect(disputeSubject('the item has not arrived', 'pl')).toBe('przedmiot nie dotarł')
  expect(disputeSubject('coś innego', 'en')).toBe('coś innego')
  expect(disputeSubject(undefined, 'pl')).toBeNull()
  expect(stateChangeText({ status: 'CLAIM_REJECTED', by: 'ADMIN', decision: 'REJECTED_MINOR_DEFECT' }, 'en')).toBe('Allegro rejected the claim: the defect is minor.')
  expect(stateChangeText({ status: 'CLAIM_SUBMITTED', by: 'ADMIN', decision: null }, 'pl')).toBe('Reklamacja została ponownie otwarta.')
})
