// Maker–checker contract on SQLite and PostgreSQL.
import t from 'tap'
import { balanceOf, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { approveAdjustment, rejectAdjustment, requestAdjustment } from '../../../services/counter/adjustments.ts'
import { createStaff, toActor } from '../../../services/staff/staff.ts'
import { eachStoreConnections } from '../../helpers/stores.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'

await eachStoreConnections(t, 'request, approve by another manager (two racing on separate connections), reject', 2, async (t, stores) => {
  const [{ db }, { db: other }] = stores as [Store, Store]
  const site = await aSite(db)
  const mk = async (role: 'counter' | 'manager', name: string) => toActor((await createStaff(db, { username: `${name}${process.pid}${Date.now()}`, name, role, siteId: site.id })).staff)
  const counter = await mk('counter', 'c')
  const m1 = await mk('manager', 'ma')
  const m2 = await mk('manager', 'mb')
  const { household } = await aHouseholdWithCard(db, site.id)

  const request = await requestAdjustment(db, counter, { householdId: household.id, points: 300, reason: 'scale fault' })
  await t.rejects(approveAdjustment(db, counter, request.id), { code: 'FORBIDDEN' }, 'a counter may not approve')
  const both = await Promise.allSettled([approveAdjustment(db, m1, request.id), approveAdjustment(other, m2, request.id)])
  t.equal(both.filter(r => r.status === 'fulfilled').length, 1, 'approved once even when two managers race')
  t.same(both.filter(r => r.status === 'rejected').map(r => (r.reason as { code?: string }).code), ['ADJUSTMENT_DECIDED'], 'the other is told it was decided')
  t.equal(await balanceOf(db, household.id), 300)
  const entry = await db.selectFrom('ledger_entries').selectAll().where('idempotency_key', '=', `adjust:${request.id}`).executeTakeFirstOrThrow()
  t.equal(entry.kind, 'adjust')
  t.equal(entry.staff_id, counter.id)
  t.ok(entry.approved_by === m1.id || entry.approved_by === m2.id)

  const own = await requestAdjustment(db, m1, { householdId: household.id, points: -100, reason: 'duplicate' })
  await t.rejects(approveAdjustment(db, m1, own.id), { code: 'SAME_APPROVER' })
  const rejected = await rejectAdjustment(db, m2, own.id)
  t.equal(rejected.adjustment.status, 'rejected')
  await t.rejects(rejectAdjustment(db, m2, own.id), { code: 'ADJUSTMENT_DECIDED' })
  t.equal(await balanceOf(db, household.id), 300)
  t.same(await ledgerInvariantViolations(db), [])
})
