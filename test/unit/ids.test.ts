import { expect, test } from 'vitest'
import { randomIds, timeUuidAt } from '../../src/server/core/ids.js'

test('time UUIDs are version 1 and carry their instant', () => {
  const at = new Date('2018-08-13T05:46:56.000Z')
  const id = timeUuidAt(at)
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  const [low, mid, high] = id.split('-')
  const ticks = BigInt(`0x${high!.slice(1)}${mid}${low}`)
  const ms = Number((ticks - 122192928000000000n) / 10000n)
  expect(ms).toBe(at.getTime())
})

test('numeric ids have the asked length and no leading zero', () => {
  const ids = randomIds()
  for (let i = 0; i < 50; i++) expect(ids.numeric(10)).toMatch(/^[1-9]\d{9}$/)
})

test('trace ids are 16 hex characters', () => {
  expect(randomIds().traceId()).toMatch(/^[0-9a-f]{16}$/)
})
