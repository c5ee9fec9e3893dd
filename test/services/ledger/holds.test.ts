// Holds on both stores: held points cannot be redeemed, a settlement charges
// and releases once, and a redemption racing a hold or a settlement on separate
// connections never overdraws (exact outcomes asserted).
import t from 'tap'
import { redeem } from '../../../services/counter/redemptions.ts'
import { placeHold, releaseHold, settleHold, walletOf, openHoldsPlacedBefore } from '../../../services/ledger/holds.ts'
import { appendEntry, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { createStaff, toActor } from '../../../services/staff/staff.ts'
import type { Store } from '../../../services/store/open-database.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { eachStore, eachStoreConnections } from '../../helpers/stores.ts'

async function aFundedHousehold (db: Executor, siteId: string, points: number) {
  const hc = await aHouseholdWithCard(db, siteId)
  await appendEntry(db, { householdId: hc.household.id, kind: 'earn', points, idempotencyKey: `seed:${hc.household.id}`, nowMs: 1 })
  return hc.household
}

async function aCounter (db: Executor, siteId: string) {
  return toActor((await createStaff(db, { username: `c${process.pid}${Math.random().toString(36).slice(2)}`, name: 'Counter', role: 'counter', siteId })).staff)
}

const hold = (householdId: string, holdId: string, points: number) => ({ holdId, householdId, points, refType: 'charging_session', refId: holdId, nowMs: 10 })

await eachStore(t, 'a hold reserves points the counter cannot redeem; settlement charges and releases once', async (t, { db }) => {
  const site = await aSite(db)
  const counter = await aCounter(db, site.id)
  const household = await aFundedHousehold(db, site.id, 1000)

  await placeHold(db, hold(household.id, 'h1', 600))
  t.same(await walletOf(db, household.id), { balancePoints: 1000, heldPoints: 600, availablePoints: 400 })
  t.same((await placeHold(db, hold(household.id, 'h1', 600))).points, 600, 'the same hold again is the first one')
  t.same(await walletOf(db, household.id), { balancePoints: 1000, heldPoints: 600, availablePoints: 400 }, 'and holds nothing more')
  await t.rejects(placeHold(db, hold(household.id, 'h2', 401)), { code: 'INSUFFICIENT_POINTS' }, 'a hold beyond the available balance is refused')
  await t.rejects(redeem(db, counter, 'r1', { householdId: household.id, kind: 'cash', points: 401 }), { code: 'INSUFFICIENT_POINTS', message: /available balance is 400 points \(600 of 1000 are held/ })
  await t.rejects(appendEntry(db, { householdId: household.id, kind: 'adjust', points: -401, idempotencyKey: 'adj', nowMs: 2 }), { code: 'INSUFFICIENT_POINTS' }, 'no debit of any kind reaches held points')
  t.same(await walletOf(db, household.id), { balancePoints: 1000, heldPoints: 600, availablePoints: 400 }, 'refusals change nothing')
  t.equal((await redeem(db, counter, 'r2', { householdId: household.id, kind: 'cash', points: 400 })).result.balancePoints, 600, 'the available part can be redeemed')

  const settled = await settleHold(db, { holdId: 'h1', chargePoints: 250, chargeKey: 'charging:h1:charge', reason: 'FULL', nowMs: 20 })
  t.same([settled.replayed, settled.hold.status, settled.hold.charged_points, settled.hold.released_points], [false, 'settled', 250, 350])
  t.same([settled.entry?.kind, settled.entry?.points, settled.entry?.balance_after, settled.entry?.idempotency_key], ['charge', -250, 350, 'charging:h1:charge'])
  t.same(await walletOf(db, household.id), { balancePoints: 350, heldPoints: 0, availablePoints: 350 })

  const again = await settleHold(db, { holdId: 'h1', chargePoints: 600, chargeKey: 'charging:h1:charge', reason: 'FULL', nowMs: 30 })
  t.same([again.replayed, again.hold.charged_points, again.entry?.id], [true, 250, settled.entry?.id], 'a second settlement returns the first')
  t.same((await releaseHold(db, 'h1', 'STALE', 40)).replayed, true, 'a settled hold cannot be released')
  t.same(await walletOf(db, household.id), { balancePoints: 350, heldPoints: 0, availablePoints: 350 }, 'nothing moved twice')

  await placeHold(db, hold(household.id, 'h3', 300))
  t.same((await openHoldsPlacedBefore(db, 11)).map(h => h.id), ['h3'], 'open holds are listed for the stale-hold sweep')
  const released = await releaseHold(db, 'h3', 'START_TIMEOUT', 50)
  t.same([released.hold.status, released.hold.released_points, released.hold.close_reason, released.entry], ['released', 300, 'START_TIMEOUT', null])
  t.same(await openHoldsPlacedBefore(db, 11), [])
  t.same(await walletOf(db, household.id), { balancePoints: 350, heldPoints: 0, availablePoints: 350 })

  await t.rejects(settleHold(db, { holdId: 'h9', chargePoints: 1, chargeKey: 'k', reason: 'x', nowMs: 1 }), { code: 'NOT_FOUND' })
  await placeHold(db, hold(household.id, 'h4', 100))
  await t.rejects(settleHold(db, { holdId: 'h4', chargePoints: 101, chargeKey: 'k4', reason: 'x', nowMs: 1 }), { code: 'VALIDATION_FAILED' }, 'never more than the hold')
  await t.rejects(placeHold(db, hold(household.id, 'h5', 0)), { code: 'VALIDATION_FAILED' })
  t.same(await ledgerInvariantViolations(db), [])
})

// Each household: balance 1000 with a hold of 600 (available 400). A redemption of 400 and the
// settlement of the hold (charge 400, release 200) start at once on separate connections. In
// either order both succeed and the balance ends at exactly 1000 − 400 − 400 = 200, nothing held.
await eachStoreConnections(t, 'a redemption and a settlement on one household at once: both apply, exact balance', 4, async (t, stores) => {
  const { db } = stores[0] as Store
  const site = await aSite(db)
  const counter = await aCounter(db, site.id)
  const households = await Promise.all(Array.from({ length: 12 }, () => aFundedHousehold(db, site.id, 1000)))
  for (const h of households) await placeHold(db, hold(h.id, `hold-${h.id}`, 600))
  const conn = (i: number) => (stores[i % stores.length] as Store).db
  const results = await Promise.allSettled(households.flatMap((h, i) => [
    redeem(conn(2 * i), counter, `r-${h.id}`, { householdId: h.id, kind: 'cash', points: 400 }),
    settleHold(conn(2 * i + 1), { holdId: `hold-${h.id}`, chargePoints: 400, chargeKey: `charging:${h.id}:charge`, reason: 'FULL', nowMs: 20 })
  ]))
  t.same(results.filter(r => r.status === 'rejected').map(r => String(r.reason)), [], 'every redemption and settlement applied')
  for (const h of households) t.same(await walletOf(db, h.id), { balancePoints: 200, heldPoints: 0, availablePoints: 200 })
  t.same(await ledgerInvariantViolations(db), [])
})

// Each household: balance 1000. A hold of 600 and a redemption of 500 start at once: only one
// fits (600 + 500 > 1000). Exactly one applies, the other is refused INSUFFICIENT_POINTS, and the
// wallet is exactly what the one that applied leaves.
await eachStoreConnections(t, 'a redemption and a hold on one household at once: exactly one applies, never an overdraft', 4, async (t, stores) => {
  const { db } = stores[0] as Store
  const site = await aSite(db)
  const counter = await aCounter(db, site.id)
  const households = await Promise.all(Array.from({ length: 12 }, () => aFundedHousehold(db, site.id, 1000)))
  const conn = (i: number) => (stores[i % stores.length] as Store).db
  const pairs = await Promise.all(households.map(async (h, i) => {
    const [redeemed, held] = await Promise.allSettled([
      redeem(conn(2 * i), counter, `r-${h.id}`, { householdId: h.id, kind: 'cash', points: 500 }),
      placeHold(conn(2 * i + 1), hold(h.id, `hold-${h.id}`, 600))
    ])
    return { h, redeemed, held }
  }))
  for (const { h, redeemed, held } of pairs) {
    const applied = [redeemed, held].filter(r => r.status === 'fulfilled').length
    const refused = [redeemed, held].filter(r => r.status === 'rejected').map(r => (r.reason as { code?: string }).code)
    t.same([applied, refused], [1, ['INSUFFICIENT_POINTS']], 'one applies, the other is refused')
    const expected = redeemed.status === 'fulfilled'
      ? { balancePoints: 500, heldPoints: 0, availablePoints: 500 }
      : { balancePoints: 1000, heldPoints: 600, availablePoints: 400 }
    t.same(await walletOf(db, h.id), expected)
  }
  t.same(await ledgerInvariantViolations(db), [])
})
