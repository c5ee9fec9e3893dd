// Staff accounts. A token is generated once, shown once, and stored only as
// its SHA-256 (256 random bits need no slow hash); authentication finds the
// staff member by that hash.
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { generateStaffToken, hashStaffToken } from '../devices/secrets.ts'
import { getSite } from '../sites/site-registry.ts'
import type { Staff, StaffRole } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import type { Actor } from './roles.ts'

export type StaffAccount = Omit<Staff, 'token_hash'>

export interface NewStaff { username: string, name: string, role: StaffRole, siteId?: string | null | undefined }

const visible = ['id', 'username', 'name', 'role', 'site_id', 'active', 'created_at_ms'] as const

export async function createStaff (db: Executor, input: NewStaff, nowMs = Date.now()): Promise<{ staff: StaffAccount, token: string }> {
  const siteId = input.siteId ?? null
  if (siteId != null) await getSite(db, siteId)
  if (await db.selectFrom('staff').select('id').where('username', '=', input.username).executeTakeFirst() != null) {
    throw new DomainError('CONFLICT', `username ${input.username} is taken`)
  }
  const token = generateStaffToken()
  const row: Staff = {
    id: newId('stf', nowMs), username: input.username, name: input.name, role: input.role, site_id: siteId,
    token_hash: hashStaffToken(token), active: 1, created_at_ms: nowMs
  }
  await db.insertInto('staff').values(row).execute()
  const { token_hash: _hidden, ...staff } = row
  return { staff, token }
}

/** The active staff member holding `token`, or undefined. */
export async function authenticateStaff (db: Executor, token: string): Promise<Actor | undefined> {
  if (token.length === 0 || token.length > 200) return undefined
  const row = await db.selectFrom('staff').select(visible).where('token_hash', '=', hashStaffToken(token)).where('active', '=', 1).executeTakeFirst()
  return row == null ? undefined : toActor(row)
}

export function toActor (row: StaffAccount): Actor {
  return { id: row.id, username: row.username, name: row.name, role: row.role, siteId: row.site_id }
}

export async function getStaff (db: Executor, staffId: string): Promise<StaffAccount> {
  const row = await db.selectFrom('staff').select(visible).where('id', '=', staffId).executeTakeFirst()
  if (row == null) throw new DomainError('NOT_FOUND', `no staff ${staffId}`)
  return row
}

export async function listStaff (db: Executor, siteId?: string): Promise<StaffAccount[]> {
  let q = db.selectFrom('staff').select(visible)
  if (siteId != null) q = q.where('site_id', '=', siteId)
  return q.orderBy('username').execute()
}

/** Revokes the token for good; the account stays for attribution of past entries. */
export async function deactivateStaff (db: Executor, staffId: string): Promise<StaffAccount> {
  const result = await db.updateTable('staff').set({ active: 0 }).where('id', '=', staffId).executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('NOT_FOUND', `no staff ${staffId}`)
  return getStaff(db, staffId)
}
