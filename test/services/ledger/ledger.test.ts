// Ledger contract, run against both SQLite and PostgreSQL.
import t from 'tap'
import { appendEntry, balanceOf, historyOf, ledgerInvariantViolations, MAX_BALANCE_POINTS, reverseEntry } from '../../../services/ledger/ledger.ts'
import { DomainError } from '../../../services/errors.ts'
import { eachStore, eachStoreConnections } from '../../helpers/stores.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'

const at = 1_700_000_000_000

await eachStore(t, 'appends, replays, refuses overdraw, reverses once', async (t, { db }) => {
  const site = await aSite(db)
  const { household } = await aHouseholdWithCard(db, site.id)
  const id = household.id

  const earn = await appendEntry(db, { householdId: id, kind: 'earn', points: 120, idempotencyKey: 'dep:k1:e1', nowMs: at })
  t.equal(earn.replayed, false)
  t.equal(earn.entry.balance_after, 120)

  const again = await appendEntry(db, { householdId: id, kind: 'earn', points: 120, idempotencyKey: 'dep:k1:e1', nowMs: at + 5 })
  t.equal(again.replayed, true, 'same key is applied once')
  t.equal(again.entry.id, earn.entry.id)
  t.equal(await balanceOf(db, id), 120)

  await t.rejects(appendEntry(db, { householdId: id, kind: 'redeem', points: -121, idempotencyKey: 'r1', nowMs: at }), { code: 'INSUFFICIENT_POINTS' })
  t.equal(await balanceOf(db, id), 120, 'failed debit changes nothing')

  const redeem = await appendEntry(db, { householdId: id, kind: 'redeem', points: -100, idempotencyKey: 'r2', staffId: 'stf1', nowMs: at + 10 })
  t.equal(redeem.entry.balance_after, 20)

  await t.rejects(reverseEntry(db, earn.entry.id, { staffId: 'm1', reason: 'wrong', nowMs: at + 20 }), { code: 'INSUFFICIENT_POINTS' }, 'reversal may not push the balance below zero')
  const rev = await reverseEntry(db, redeem.entry.id, { staffId: 'm1', reason: 'customer changed mind', nowMs: at + 30 })
  t.equal(rev.entry.points, 100)
  t.equal(rev.entry.balance_after, 120)
  await t.rejects(reverseEntry(db, redeem.entry.id, { staffId: 'm1', reason: 'twice', nowMs: at + 40 }), { code: 'ALREADY_REVERSED' })
  await t.rejects(reverseEntry(db, rev.entry.id, { staffId: 'm1', reason: 'undo undo', nowMs: at + 50 }), { code: 'NOT_REVERSIBLE' })
  await t.rejects(appendEntry(db, { householdId: 'hh_nope', kind: 'earn', points: 1, idempotencyKey: 'x', nowMs: at }), { code: 'HOUSEHOLD_UNKNOWN' })
  await t.rejects(appendEntry(db, { householdId: id, kind: 'earn', points: 1.5, idempotencyKey: 'y', nowMs: at }), DomainError)

  const page1 = await historyOf(db, id, { limit: 2 })
  t.same(page1.entries.map(e => e.kind), ['reverse', 'redeem'])
  const page2 = await historyOf(db, id, { limit: 2, before: page1.nextBefore ?? undefined })
  t.same(page2.entries.map(e => e.kind), ['earn'])
  t.equal(page2.nextBefore, null)

  t.same(await ledgerInvariantViolations(db), [], 'balance = sum of entries')
})

await eachStoreConnections(t, 'concurrent appends on separate connections: exact balance, exact refusals, keys applied once', 6, async (t, stores) => {
  const [first] = stores as [Store]
  const site = await aSite(first.db)
  const { household } = await aHouseholdWithCard(first.db, site.id)
  await appendEntry(first.db, { householdId: household.id, kind: 'earn', points: 100, idempotencyKey: 'seed', nowMs: at })
  const on = (i: number) => (stores[i % stores.length] as Store).db

  // 30 debits of 7 at once, each reading the balance first: exactly floor(100 / 7) = 14 apply
  const debits = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => on(i).transaction().execute(async trx => {
    await balanceOf(trx, household.id)
    return appendEntry(trx, { householdId: household.id, kind: 'redeem', points: -7, idempotencyKey: `d${i}`, nowMs: at })
  })))
  const refused = debits.filter(r => r.status === 'rejected').map(r => (r.reason as { code?: string }).code)
  t.equal(debits.length - refused.length, 14)
  t.same(refused, Array.from({ length: 16 }, () => 'INSUFFICIENT_POINTS'), 'every refusal is INSUFFICIENT_POINTS')
  t.equal(await balanceOf(first.db, household.id), 2)

  // 10 credits, each key sent three times on different connections: each applied once, the others replayed
  const credits = await Promise.all(Array.from({ length: 30 }, (_, i) => on(i).transaction().execute(trx =>
    appendEntry(trx, { householdId: household.id, kind: 'earn', points: 5, idempotencyKey: `c${i % 10}`, nowMs: at }))))
  t.equal(credits.filter(c => !c.replayed).length, 10)
  t.equal(new Set(credits.map(c => c.entry.id)).size, 10, 'replays return the first entry')
  t.equal(await balanceOf(first.db, household.id), 52)
  t.same(await ledgerInvariantViolations(first.db), [])
})

await eachStore(t, 'points beyond a 32-bit balance are refused with the same code on both stores, and change nothing', async (t, { db }) => {
  const site = await aSite(db)
  const { household } = await aHouseholdWithCard(db, site.id)
  const id = household.id
  await appendEntry(db, { householdId: id, kind: 'earn', points: MAX_BALANCE_POINTS - 5, idempotencyKey: 'near-max', nowMs: at })
  const cases: Array<[number, string]> = [[6, 'BALANCE_LIMIT'], [3_000_000_000, 'BALANCE_LIMIT'], [-3_000_000_000, 'INSUFFICIENT_POINTS'], [-MAX_BALANCE_POINTS, 'INSUFFICIENT_POINTS']]
  for (const [points, code] of cases) {
    await t.rejects(appendEntry(db, { householdId: id, kind: points > 0 ? 'adjust' : 'redeem', points, idempotencyKey: `k${points}`, nowMs: at }), { code }, `${points}: ${code}`)
  }
  t.equal(await balanceOf(db, id), MAX_BALANCE_POINTS - 5, 'the balance did not move')
  t.equal((await appendEntry(db, { householdId: id, kind: 'adjust', points: 5, idempotencyKey: 'to-max', nowMs: at })).entry.balance_after, MAX_BALANCE_POINTS, 'up to the largest balance')
  t.equal((await appendEntry(db, { householdId: id, kind: 'redeem', points: -MAX_BALANCE_POINTS, idempotencyKey: 'all', nowMs: at })).entry.balance_after, 0, 'and all of it back out')
  t.same(await ledgerInvariantViolations(db), [])
})
