// Wrong passwords are counted per phone, whatever address they come from (a
// phone number is easy to learn; the per-address limit alone would let a
// botnet guess). `maxFailures` wrong passwords within `lockoutMs` of the first
// lock the phone for `lockoutMs` from the last one; the right password then
// gets 429 too. A successful sign-in clears the count. Unknown phones are
// counted the same way, so the answer does not tell which phones have accounts.
//
// Every attempt is counted as a failure *before* its password is checked, in
// one statement, and the right password clears the count afterwards. Checking
// a count read first and counting after the (slow) password check let a burst
// of attempts at once all pass the check before any of them was counted.
import type { Executor } from '../store/executor.ts'

export interface LockoutPolicy { maxFailures: number, lockoutMs: number }

export interface FailureCount { failures: number, window_started_at_ms: number }

/**
 * Pure: from the phone's count with this attempt in it, ms until the phone may
 * try again (0: this attempt is within the limit and its password is checked).
 */
export function lockedForMs (row: FailureCount, policy: LockoutPolicy, nowMs: number): number {
  if (row.failures <= policy.maxFailures) return 0
  return Math.max(1, row.window_started_at_ms + policy.lockoutMs - nowMs)
}

/**
 * Counts this attempt as a wrong password, in one statement (attempts at once
 * each count, in the order the store takes them), and says whether it may be
 * checked. Past the limit the count stays at maxFailures + 1 and the lockout
 * is not extended: attempts while locked neither count nor prolong it.
 */
export async function countAttempt (db: Executor, phone: string, policy: LockoutPolicy, nowMs: number): Promise<number> {
  const table = 'resident_sign_in_failures'
  const row = await db.insertInto(table).values({ phone, failures: 1, window_started_at_ms: nowMs })
    .onConflict(oc => oc.column('phone').doUpdateSet(eb => {
      const over = eb(`${table}.window_started_at_ms`, '<=', nowMs - policy.lockoutMs)
      const locked = eb(`${table}.failures`, '>=', policy.maxFailures)
      const locks = eb(`${table}.failures`, '=', policy.maxFailures - 1)
      return {
        failures: eb.case().when(over).then(1).when(locked).then(policy.maxFailures + 1).else(eb(`${table}.failures`, '+', 1)).end(),
        // the attempt that reaches the limit starts the lockout
        window_started_at_ms: eb.case().when(over).then(nowMs).when(locks).then(nowMs).else(eb.ref(`${table}.window_started_at_ms`)).end()
      }
    }))
    .returning(['failures', 'window_started_at_ms'])
    .executeTakeFirstOrThrow()
  return lockedForMs(row, policy, nowMs)
}

export async function clearFailures (db: Executor, phone: string): Promise<void> {
  await db.deleteFrom('resident_sign_in_failures').where('phone', '=', phone).execute()
}
