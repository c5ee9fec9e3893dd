// Credits a kiosk deposit under the site's daily cap: the rule of
// services/points/daily-cap.ts in precompiled statements, without the ledger's
// idempotency lookup (the deposit's device event is recorded once). Lock order
// as everywhere: the household's day row, then its balance.
import { appendDeviceEntry } from '../ledger/ledger.ts'
import type { DepositCredit, CreditResult } from '../points/daily-cap.ts'
import { applyDailyCap } from '../points/deposit-points.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'

type Day = { householdId: string, localDay: string }

/** Adds to the day row, creating it: also the lock (the row stays locked until commit on PostgreSQL). */
const addToDay = prepare<Day & { points: number }, { points: number | string }>((db, p) => db.insertInto('daily_earnings')
  .values({ household_id: p.householdId, local_day: p.localDay, points: p.points })
  .onConflict(oc => oc.columns(['household_id', 'local_day']).doUpdateSet(eb => ({ points: eb(eb.ref('daily_earnings.points'), '+', eb.ref('excluded.points')) })))
  .returning('points'))

export async function creditDeposit (db: Executor, c: Omit<DepositCredit, 'reason' | 'staffId'>): Promise<CreditResult> {
  let credited = c.pointsComputed
  if (c.dailyCapPoints === 0) {
    // no cap: one upsert adds what is credited (a refused credit rolls the batch back with it)
    if (credited > 0) await addToDay.run(db, { householdId: c.householdId, localDay: c.localDay, points: credited })
  } else {
    const earned = Number((await addToDay.first(db, { householdId: c.householdId, localDay: c.localDay, points: 0 }))?.points ?? 0)
    credited = applyDailyCap(c.pointsComputed, earned, c.dailyCapPoints)
    if (credited > 0) await addToDay.run(db, { householdId: c.householdId, localDay: c.localDay, points: credited })
  }
  if (credited === 0) return { credited, entry: null }
  const entry = await appendDeviceEntry(db, {
    householdId: c.householdId, kind: 'earn', points: credited, idempotencyKey: c.idempotencyKey, refType: 'deposit', refId: c.depositId, nowMs: c.nowMs
  })
  return { credited, entry }
}
