// Settlement math, table-driven: charge never above the hold, the rest
// released, shortfall recorded; a late stop refunds or writes off, never
// charges again; bad amounts refused.
import t from 'tap'
import { DomainError } from '../../../services/errors.ts'
import { reconcileLateStop, settle } from '../../../services/charging/settlement.ts'

t.test('charge ≤ hold, the rest released, cost above the hold is a shortfall', async t => {
  const cases: Array<[string, hold: number, cost: number, charge: number, release: number, shortfall: number]> = [
    ['cost below the hold', 500, 180, 180, 320, 0],
    ['cost exactly the hold', 500, 500, 500, 0, 0],
    ['cost above the hold', 500, 530, 500, 0, 30],
    ['free session', 500, 0, 0, 500, 0]
  ]
  for (const [name, hold, cost, charge, release, shortfall] of cases) {
    const s = settle('cs-1', hold, cost)
    t.same([s.chargePoints, s.releasePoints, s.shortfallPoints], [charge, release, shortfall], name)
    t.equal(s.chargePoints + s.releasePoints, hold, `${name}: the hold is fully accounted for`)
  }
})

t.test('keyed by session for exactly-once', async t => {
  const s = settle('cs-42', 500, 100)
  t.same([s.chargeKey, s.releaseKey], ['charging:cs-42:charge', 'charging:cs-42:release'])
  t.same(settle('cs-42', 500, 100), s, 'the same session settles to the same entries')
})

t.test('a late stop after a silent settlement never charges twice', async t => {
  const cases: Array<[string, hold: number, silentCost: number, trueCost: number, refund: number, writtenOff: number]> = [
    ['the stop shows more was used: written off', 500, 200, 260, 0, 60],
    ['the stop agrees', 500, 200, 200, 0, 0],
    ['the silent charge was too high: refunded', 500, 200, 150, 50, 0],
    ['silent charge capped at the hold, true cost higher still', 500, 700, 900, 0, 400],
    ['silent charge capped at the hold, true cost below the hold', 500, 700, 450, 50, 0]
  ]
  for (const [name, hold, silentCost, trueCost, refund, writtenOff] of cases) {
    const r = reconcileLateStop(settle('cs-7', hold, silentCost), trueCost)
    t.same([r.refundPoints, r.writtenOffPoints, r.refundKey], [refund, writtenOff, 'charging:cs-7:refund'], name)
    t.ok(r.chargedPoints - r.refundPoints <= hold, `${name}: the net charge stays within the hold`)
  }
})

t.test('bad amounts are refused with a coded error', async t => {
  for (const [hold, cost] of [[-1, 0], [500, -1], [500, 1.5], [Number.NaN, 0]] as const) {
    t.throws(() => settle('cs-1', hold, cost), { name: 'DomainError', code: 'VALIDATION_FAILED' }, `hold ${hold}, cost ${cost}`)
  }
  t.throws(() => reconcileLateStop(settle('cs-1', 500, 100), -5), DomainError)
})
