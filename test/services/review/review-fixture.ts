// What the kiosk flow leaves for review: a deposit with outcome 'review' and a
// pending review item, written directly (the kiosk flow is tested elsewhere).
import { newId } from '../../../services/ids.ts'
import type { Executor } from '../../../services/store/executor.ts'

export async function aPendingReview (db: Executor, input: { siteId: string, householdId: string, pointsComputed: number, localDay: string }) {
  const nowMs = Date.now()
  const depositId = newId('dep', nowMs)
  await db.insertInto('deposits').values({
    id: depositId, device_id: 'kiosk-test', site_id: input.siteId, session_id: newId('ses', nowMs), household_id: input.householdId,
    event_id: newId('ev', nowMs), lines: JSON.stringify([{ category: 'metal', grams: 90_000 }]), total_grams: 90_000,
    points_computed: input.pointsComputed, points_credited: 0, outcome: 'review', entry_id: null, local_day: input.localDay,
    device_ts: nowMs, received_at_ms: nowMs
  }).execute()
  const id = newId('rev', nowMs)
  await db.insertInto('review_items').values({
    id, deposit_id: depositId, household_id: input.householdId, site_id: input.siteId,
    reasons: JSON.stringify([{ code: 'ABOVE_CAPACITY', category: 'metal', grams: 90_000, maxGrams: 50_000 }]),
    points_computed: input.pointsComputed, status: 'pending', decided_by: null, decided_at_ms: null, entry_id: null, created_at_ms: nowMs
  }).execute()
  return { id, depositId }
}

/** Points a household already earned on a local day (daily_earnings). */
export async function earnedOn (db: Executor, householdId: string, localDay: string): Promise<number> {
  const row = await db.selectFrom('daily_earnings').select('points').where('household_id', '=', householdId).where('local_day', '=', localDay).executeTakeFirst()
  return row == null ? 0 : Number(row.points)
}
