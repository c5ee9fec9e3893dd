// Redemption contract on SQLite and PostgreSQL: idempotency, atomic stock,
// reversal, with the ledger invariant checked at the end.
import t from 'tap'
import { appendEntry, balanceOf, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { redeem } from '../../../services/counter/redemptions.ts'
import { reverseLedgerEntry } from '../../../services/counter/reversal.ts'
import { createShopItem, getShopItem } from '../../../services/counter/shop-items.ts'
import { createStaff, toActor } from '../../../services/staff/staff.ts'
import { eachStore, eachStoreConnections } from '../../helpers/stores.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'

await eachStoreConnections(t, 'concurrent item redemptions on separate connections never oversell', 5, async (t, stores) => {
  const { db } = stores[0] as Store
  const site = await aSite(db)
  const staff = toActor((await createStaff(db, { username: `c${Date.now()}`, name: 'Counter', role: 'counter', siteId: site.id })).staff)
  const item = await createShopItem(db, { siteId: site.id, name: 'Soap', pricePoints: 200, stock: 5 })
  const households = await Promise.all(Array.from({ length: 20 }, async () => {
    const hc = await aHouseholdWithCard(db, site.id)
    await appendEntry(db, { householdId: hc.household.id, kind: 'earn', points: 500, idempotencyKey: `seed:${hc.household.id}`, nowMs: 1 })
    return hc
  }))
  const results = await Promise.allSettled(households.map((hc, i) =>
    redeem((stores[i % stores.length] as Store).db, staff, `k${i}`, { cardUid: hc.card.uid, kind: 'item', itemId: item.id, quantity: 1 })))
  t.equal(results.filter(r => r.status === 'fulfilled').length, 5)
  t.same(results.filter(r => r.status === 'rejected').map(r => (r.reason as { code?: string }).code), Array.from({ length: 15 }, () => 'OUT_OF_STOCK'), 'the other 15 are OUT_OF_STOCK')
  t.equal((await getShopItem(db, item.id)).stock, 0)
  const balances = await Promise.all(households.map(hc => balanceOf(db, hc.household.id)))
  t.equal(balances.reduce((a, b) => a + b, 0), 20 * 500 - 5 * 200)
  t.same(await ledgerInvariantViolations(db), [])
})

await eachStore(t, 'idempotent cash redemption, refusals and reversal', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const counter = toActor((await createStaff(db, { username: `c${Date.now()}`, name: 'Counter', role: 'counter', siteId: site.id })).staff)
  const manager = toActor((await createStaff(db, { username: `m${Date.now()}`, name: 'Manager', role: 'manager', siteId: null })).staff)
  const { household } = await aHouseholdWithCard(db, site.id)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 1000, idempotencyKey: 'seed', nowMs: 1 })

  const body = { householdId: household.id, kind: 'cash' as const, points: 250 }
  const same = await Promise.all([redeem(db, counter, 'dup', body), redeem(db, counter, 'dup', body), redeem(db, counter, 'dup', body)])
  t.equal(new Set(same.map(s => s.result.redemption.id)).size, 1, 'concurrent uses of one key redeem once')
  t.equal(same.filter(s => !s.replayed).length, 1)
  t.equal(await balanceOf(db, household.id), 750)
  await t.rejects(redeem(db, counter, 'dup', { ...body, points: 251 }), { code: 'IDEMPOTENCY_KEY_REUSED' })
  await t.rejects(redeem(db, counter, 'big', { ...body, points: 751 }), { code: 'INSUFFICIENT_POINTS' })
  t.equal(await balanceOf(db, household.id), 750, 'refusals change nothing')

  const rev = await reverseLedgerEntry(db, manager, same[0]?.result.entry.id ?? '', 'mistake')
  t.equal(rev.entry.points, 250)
  t.equal(rev.restoredStock, 0, 'cash has no stock')
  t.equal(await balanceOf(db, household.id), 1000)
  const redemption = await db.selectFrom('redemptions').select('reversed_entry_id').where('id', '=', same[0]?.result.redemption.id ?? '').executeTakeFirstOrThrow()
  t.equal(redemption.reversed_entry_id, rev.entry.id)
  t.same(await ledgerInvariantViolations(db), [])
})
