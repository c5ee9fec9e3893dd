// Repository of daily_earnings: the points a household earned on one
// site-local day, the figure the daily cap is checked against.
import type { Executor } from '../store/executor.ts'

/**
 * Locks (creating if needed) the household's row for the day and returns the
 * points already earned. On PostgreSQL the upsert holds the row lock until
 * commit, so a second credit for the same household and day waits here and
 * then reads the first one's total; SQLite has one writer at a time anyway.
 */
export async function lockEarnedOnDay (db: Executor, householdId: string, localDay: string): Promise<number> {
  const row = await db.insertInto('daily_earnings').values({ household_id: householdId, local_day: localDay, points: 0 })
    .onConflict(oc => oc.columns(['household_id', 'local_day']).doUpdateSet(eb => ({ points: eb.ref('daily_earnings.points') })))
    .returning('points')
    .executeTakeFirstOrThrow()
  return Number(row.points)
}

/** Adds (or, negative, takes back) points on a day row that exists and is locked. */
export async function addEarnedOnDay (db: Executor, householdId: string, localDay: string, points: number): Promise<void> {
  await db.updateTable('daily_earnings').set(eb => ({ points: eb('points', '+', points) }))
    .where('household_id', '=', householdId).where('local_day', '=', localDay).execute()
}
