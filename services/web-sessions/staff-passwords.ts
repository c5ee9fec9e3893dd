// Staff passwords for the web app's sign-in. A person chooses them, so they
// get the slow KDF (scrypt); an admin sets them (HTTP or CLI), and setting one
// ends every browser session the staff member had. Tokens (Bearer) are a
// separate credential and keep working.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../schemas/web-session.ts'
import { DomainError } from '../errors.ts'
import { scryptHash, scryptVerify } from '../devices/scrypt-hash.ts'
import { toActor, getStaff } from '../staff/staff.ts'
import type { Actor } from '../staff/roles.ts'
import { inTransaction, type Executor } from '../store/executor.ts'


/** Spent on unknown usernames too, so the answer's timing does not tell which usernames exist. */
let dummyHash: Promise<string> | undefined

/** Checks the length and hashes; slow (scrypt), so callers do it before opening a transaction. */
export async function hashStaffPassword (password: string): Promise<string> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new DomainError('VALIDATION_FAILED', `a password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`)
  }
  return scryptHash(password)
}

/** Stores a hash from hashStaffPassword and ends the staff member's web sessions, in one transaction. */
export async function storeStaffPasswordHash (db: Executor, staffId: string, hash: string, nowMs = Date.now()): Promise<void> {
  await inTransaction(db, async trx => {
    await getStaff(trx, staffId)
    await trx.insertInto('staff_passwords').values({ staff_id: staffId, password_hash: hash, updated_at_ms: nowMs })
      .onConflict(oc => oc.column('staff_id').doUpdateSet({ password_hash: hash, updated_at_ms: nowMs }))
      .execute()
    await trx.deleteFrom('staff_web_sessions').where('staff_id', '=', staffId).execute()
  })
}

export async function setStaffPassword (db: Executor, staffId: string, password: string, nowMs = Date.now()): Promise<void> {
  // hashed before the transaction: the write lock is not held through ~50 ms of scrypt
  await storeStaffPasswordHash(db, staffId, await hashStaffPassword(password), nowMs)
}

/** The active staff member with this username and password, or undefined (unknown, wrong, no password, deactivated). */
export async function verifyStaffPassword (db: Executor, username: string, password: string): Promise<Actor | undefined> {
  if (password.length > PASSWORD_MAX_LENGTH) return undefined
  const row = await db.selectFrom('staff')
    .innerJoin('staff_passwords', 'staff_passwords.staff_id', 'staff.id')
    .select(['staff.id', 'staff.username', 'staff.name', 'staff.role', 'staff.site_id', 'staff.active', 'staff.created_at_ms', 'staff_passwords.password_hash'])
    .where('staff.username', '=', username)
    .executeTakeFirst()
  if (row == null) {
    dummyHash ??= scryptHash('no such staff member')
    await scryptVerify(password, await dummyHash)
    return undefined
  }
  const ok = await scryptVerify(password, row.password_hash)
  return ok && row.active === 1 ? toActor(row) : undefined
}
