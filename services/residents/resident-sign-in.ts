// Resident sign-in: phone + password → a bearer token, unless the phone is
// locked out (services/residents/sign-in-lockout.ts).
import { DomainError } from '../errors.ts'
import { scryptHash, scryptVerify } from '../devices/scrypt-hash.ts'
import type { Executor } from '../store/executor.ts'
import { PASSWORD_MAX_LENGTH } from '../../schemas/web-session.ts'
import { issueResidentToken } from './resident-tokens.ts'
import { clearFailures, countAttempt, type LockoutPolicy } from './sign-in-lockout.ts'
import type { Resident } from './tables.ts'

export interface SignInPolicy extends LockoutPolicy { tokenTtlMs: number }

export interface SignedIn { resident: Resident, token: string, expiresAtMs: number }

/** Spent on unknown phones too, so timing does not tell which phones have accounts. */
let dummyHash: Promise<string> | undefined

export async function signInResident (db: Executor, phone: string, password: string, policy: SignInPolicy, nowMs = Date.now()): Promise<SignedIn> {
  // counted as wrong before the check, so attempts at once cannot all pass the limit; the right password clears it
  const waitMs = await countAttempt(db, phone, policy, nowMs)
  if (waitMs > 0) throw new DomainError('SIGN_IN_LOCKED', undefined, { retryAfterSeconds: Math.ceil(waitMs / 1000) })
  const resident = await db.selectFrom('residents').selectAll().where('active_phone', '=', phone).executeTakeFirst()
  dummyHash ??= scryptHash('no such resident')
  const ok = password.length <= PASSWORD_MAX_LENGTH && await scryptVerify(password, resident?.password_hash ?? await dummyHash)
  if (resident == null || !ok) throw new DomainError('SIGN_IN_FAILED', 'wrong phone or password')
  await clearFailures(db, phone)
  return { resident, ...await issueResidentToken(db, resident.id, policy.tokenTtlMs, nowMs) }
}
