// Ledger contract, run against both SQLite and PostgreSQL.
import t from 'tap'
import { appendEntry, balanceOf, historyOf, ledgerInvariantViolations, reverseEntry } from '../../../services/ledger/ledger.ts'
import { DomainError } from '../../../services/errors.ts'
import { eachStore } from '../../helpers/stores.ts'
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
  t.rejects(appendEntry(db, { householdId: id, kind: 'earn', points: 1.5, idempotencyKey: 'y', nowMs: at }), DomainError)

  const page1 = await historyOf(db, id, { limit: 2 })
  t.same(page1.entries.map(e => e.kind), ['reverse', 'redeem'])
  const page2 = await historyOf(db, id, { limit: 2, before: page1.nextBefore ?? undefined })
  t.same(page2.entries.map(e => e.kind), ['earn'])
  t.equal(page2.nextBefore, null)

  t.same(await ledgerInvariantViolations(db), [], 'balance = sum of entries')
})

await eachStore(t, 'invariant holds under many concurrent appends', async (t, { db }) => {
  const site = await aSite(db)
  const { household } = await aHouseholdWithCard(db, site.id)
  const ops = Array.from({ length: 60 }, (_, i) => i % 3 === 2
    ? { points: -7, key: `d${i}` }
    : { points: 5, key: `c${i}` })
  const results = await Promise.allSettled(ops.map(op => db.transaction().execute(trx =>
    appendEntry(trx, { householdId: household.id, kind: op.points > 0 ? 'earn' : 'redeem', points: op.points, idempotencyKey: op.key, nowMs: at }))))
  const applied = results.filter(r => r.status === 'fulfilled').length
  t.ok(applied > 0)
  t.same(await ledgerInvariantViolations(db), [])
  t.ok(await balanceOf(db, household.id) >= 0)
})
