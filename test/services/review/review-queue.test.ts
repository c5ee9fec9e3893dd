// Review queue contract on SQLite and PostgreSQL: approval credits under the
// daily cap for the deposit's local day; rejection credits nothing.
import t from 'tap'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import { appendEntry, balanceOf, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { approveReviewItem, listReviewItems, rejectReviewItem } from '../../../services/review/review-queue.ts'
import { createStaff, toActor } from '../../../services/staff/staff.ts'
import { eachStore } from '../../helpers/stores.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aPendingReview, earnedOn } from './review-fixture.ts'

await eachStore(t, 'approve under the cap, reject, decide once', async (t, store) => {
  const { db } = store
  const site = await aSite(db, { rateTable: { ...defaultRateTable, dailyCapPoints: 1000 } })
  const manager = toActor((await createStaff(db, { username: `m${process.pid}${Date.now()}`, name: 'M', role: 'manager', siteId: site.id })).staff)
  const counter = toActor((await createStaff(db, { username: `c${process.pid}${Date.now()}`, name: 'C', role: 'counter', siteId: site.id })).staff)
  const { household } = await aHouseholdWithCard(db, site.id)
  const day = '2024-06-01'
  // the kiosk already credited 700 today
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 700, idempotencyKey: 'kiosk-ev-1', nowMs: 1 })
  await db.insertInto('daily_earnings').values({ household_id: household.id, local_day: day, points: 700 }).execute()

  const a = await aPendingReview(db, { siteId: site.id, householdId: household.id, pointsComputed: 500, localDay: day })
  const b = await aPendingReview(db, { siteId: site.id, householdId: household.id, pointsComputed: 400, localDay: day })
  const c = await aPendingReview(db, { siteId: site.id, householdId: household.id, pointsComputed: 400, localDay: '2024-06-02' })
  const d = await aPendingReview(db, { siteId: site.id, householdId: household.id, pointsComputed: 90, localDay: day })
  t.equal((await listReviewItems(db, counter, { status: 'pending', limit: 10 })).length, 4)
  await t.rejects(approveReviewItem(db, counter, a.id), { code: 'FORBIDDEN' })

  const first = await approveReviewItem(db, manager, a.id)
  t.equal(first.pointsCredited, 300, 'capped at what is left of the day')
  t.equal(first.entry?.idempotency_key, `review:${a.id}`)
  t.equal(first.entry?.ref_id, a.depositId)
  const deposit = await db.selectFrom('deposits').select(['points_credited', 'entry_id']).where('id', '=', a.depositId).executeTakeFirstOrThrow()
  t.same(deposit, { points_credited: 300, entry_id: first.entry?.id }, 'the deposit records what was credited')
  const second = await approveReviewItem(db, manager, b.id)
  t.equal(second.pointsCredited, 0, 'nothing left under the cap')
  t.equal(second.entry, null)
  t.equal(second.reviewItem.status, 'approved')
  const otherDay = await approveReviewItem(db, manager, c.id)
  t.equal(otherDay.pointsCredited, 400, 'another local day has its own cap')
  t.equal(await earnedOn(db, household.id, day), 1000)
  t.equal(await earnedOn(db, household.id, '2024-06-02'), 400)

  const rejected = await rejectReviewItem(db, manager, d.id)
  t.equal(rejected.reviewItem.status, 'rejected')
  t.equal(rejected.reviewItem.decided_by, manager.id)
  await t.rejects(approveReviewItem(db, manager, d.id), { code: 'REVIEW_DECIDED' })
  await t.rejects(approveReviewItem(db, manager, a.id), { code: 'REVIEW_DECIDED' })
  t.equal(await balanceOf(db, household.id), 700 + 300 + 400)
  t.same(await listReviewItems(db, counter, { status: 'pending', limit: 10 }), [])
  t.same(await ledgerInvariantViolations(db), [])
})
