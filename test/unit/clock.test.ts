import { expect, test } from 'vitest'
import { manualClock, systemClock } from '../../src/server/core/clock.js'

test('a manual clock stands still until advanced', () => {
  const clock = manualClock('2026-01-05T10:00:00Z')
  expect(clock.now().toISOString()).toBe('2026-01-05T10:00:00.000Z')
  expect(clock.now().toISOString()).toBe('2026-01-05T10:00:00.000Z')
  clock.advance(90_000)
  expect(clock.now().toISOString()).toBe('2026-01-05T10:01:30.000Z')
})

test('a manual clock refuses to move backwards', () => {
  const clock = manualClock('2026-01-05T10:00:00Z')
  expect(() => clock.advance(-1)).toThrow(RangeError)
  expect(() => clock.set(new Date('2026-01-05T09:59:59Z'))).toThrow(RangeError)
  expect(clock.now().toISOString()).toBe('2026-01-05T10:00:00.000Z')
})

test('a manual clock rejects a start that is not a date', () => {
  expect(() => manualClock('yesterday')).toThrow(RangeError)
})

test('the system clock reports itself as such', () => {
  expect(systemClock().mode).toBe('system')
})
