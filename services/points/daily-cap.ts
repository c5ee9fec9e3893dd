// The daily cap, in one place for every path that credits a deposit (the
// kiosk's deposit event, a manager's approval after review) and for the
// reversal that takes a deposit's points back. Each first locks the
// household's day row, so overlapping credits on PostgreSQL queue there
// instead of both passing the cap. Lock order everywhere: day row, then the
// household's balance (appendEntry).
import { appendEntry } from '../ledger/ledger.ts'
import type { LedgerEntry } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { addEarnedOnDay, lockEarnedOnDay } from './daily-earnings.ts'
import { applyDailyCap } from './deposit-points.ts'

export interface DepositCredit {
  householdId: string
  depositId: string
  /** The deposit's site-local day (the day of the swipe that opened its session). */
  localDay: string
  pointsComputed: number
  dailyCapPoints: number
  idempotencyKey: string
  reason?: string
  staffId?: string
  nowMs: number
}

export interface CreditResult { credited: number, entry: LedgerEntry | null }

/** Credits what the cap still allows of a deposit's points, in the caller's transaction. */
export async function creditUnderDailyCap (db: Executor, c: DepositCredit): Promise<CreditResult> {
  const earned = await lockEarnedOnDay(db, c.householdId, c.localDay)
  const credited = applyDailyCap(c.pointsComputed, earned, c.dailyCapPoints)
  if (credited === 0) return { credited, entry: null }
  const { entry, replayed } = await appendEntry(db, {
    householdId: c.householdId, kind: 'earn', points: credited, idempotencyKey: c.idempotencyKey,
    refType: 'deposit', refId: c.depositId, reason: c.reason ?? null, staffId: c.staffId ?? null, nowMs: c.nowMs
  })
  // a replayed key was counted on its day when it was first credited
  if (replayed) return { credited: entry.points, entry }
  await addEarnedOnDay(db, c.householdId, c.localDay, credited)
  return { credited, entry }
}

/**
 * Before an earn entry that came from a deposit is reversed: its day gets the
 * points back (so the household may earn them again that day) and the
 * deposit's points_credited drops by them, to 0 for the one earn entry a
 * deposit has. The caller reverses the entry in the same transaction.
 * Returns the deposit id, or null for entries that are not deposit earnings.
 */
export async function releaseDepositEarning (db: Executor, earn: LedgerEntry): Promise<string | null> {
  if (earn.kind !== 'earn' || earn.ref_type !== 'deposit' || earn.ref_id == null) return null
  const deposit = await db.selectFrom('deposits').select(['id', 'local_day']).where('id', '=', earn.ref_id).executeTakeFirst()
  if (deposit == null) return null
  // the UPDATE locks the day row: the same first lock as the credit paths
  await addEarnedOnDay(db, earn.household_id, deposit.local_day, -earn.points)
  await db.updateTable('deposits').set(eb => ({ points_credited: eb('points_credited', '-', earn.points) })).where('id', '=', deposit.id).execute()
  return deposit.id
}
