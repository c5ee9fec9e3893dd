// Wrong passwords are counted per phone, whatever address they come from (a
// phone number is easy to learn; the per-address limit alone would let a
// botnet guess). `maxFailures` wrong passwords within `lockoutMs` of the first
// lock the phone for `lockoutMs` from the last one; the right password then
// gets 429 too. A successful sign-in clears the count. Unknown phones are
// counted the same way, so the answer does not tell which phones have accounts.
import type { Executor } from '../store/executor.ts'

export interface LockoutPolicy { maxFailures: number, lockoutMs: number }

export interface FailureCount { failures: number, window_started_at_ms: number }

/** Pure: ms until the phone may try again (0: it may now). */
export function lockedForMs (row: FailureCount | undefined, policy: LockoutPolicy, nowMs: number): number {
  if (row == null || row.failures < policy.maxFailures) return 0
  return Math.max(0, row.window_started_at_ms + policy.lockoutMs - nowMs)
}

export async function failuresOf (db: Executor, phone: string): Promise<FailureCount | undefined> {
  return db.selectFrom('resident_sign_in_failures').select(['failures', 'window_started_at_ms']).where('phone', '=', phone).executeTakeFirst()
}

/** Counts one wrong password in one statement (concurrent wrong tries each count). */
export async function recordFailure (db: Executor, phone: string, policy: LockoutPolicy, nowMs: number): Promise<void> {
  const table = 'resident_sign_in_failures'
  await db.insertInto(table).values({ phone, failures: 1, window_started_at_ms: nowMs })
    .onConflict(oc => oc.column('phone').doUpdateSet(eb => {
      const over = eb(`${table}.window_started_at_ms`, '<=', nowMs - policy.lockoutMs)
      const reachesMax = eb(eb(`${table}.failures`, '+', 1), '>=', policy.maxFailures)
      return {
        failures: eb.case().when(over).then(1).else(eb(`${table}.failures`, '+', 1)).end(),
        // the failure that locks the phone starts the lockout
        window_started_at_ms: eb.case().when(over).then(nowMs).when(reachesMax).then(nowMs).else(eb.ref(`${table}.window_started_at_ms`)).end()
      }
    }))
    .execute()
}

export async function clearFailures (db: Executor, phone: string): Promise<void> {
  await db.deleteFrom('resident_sign_in_failures').where('phone', '=', phone).execute()
}
