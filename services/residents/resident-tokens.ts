// Residents' bearer tokens: 256 random bits, shown once, stored as SHA-256
// (like staff tokens, no slow hash needed), valid until their expiry, ended by
// sign-out or by the account's deactivation. A resident token opens only the
// /api/resident/… routes (services/http/resident-auth.ts).
import { createHash, randomBytes } from 'node:crypto'
import type { Executor } from '../store/executor.ts'
import type { Resident } from './tables.ts'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function issueResidentToken (db: Executor, residentId: string, ttlMs: number, nowMs = Date.now()): Promise<{ token: string, expiresAtMs: number }> {
  const token = `rst_${randomBytes(32).toString('base64url')}`
  const expiresAtMs = nowMs + ttlMs
  // the resident's expired tokens go on the way: one never presented again would stay forever
  await db.deleteFrom('resident_tokens').where('resident_id', '=', residentId).where('expires_at_ms', '<=', nowMs).execute()
  await db.insertInto('resident_tokens').values({ id_hash: hashToken(token), resident_id: residentId, created_at_ms: nowMs, expires_at_ms: expiresAtMs }).execute()
  return { token, expiresAtMs }
}

/** The active resident holding an unexpired `token`, or undefined. */
export async function residentByToken (db: Executor, token: string, nowMs = Date.now()): Promise<Resident | undefined> {
  if (token.length === 0 || token.length > 200) return undefined
  const row = await db.selectFrom('resident_tokens').innerJoin('residents', 'residents.id', 'resident_tokens.resident_id')
    .selectAll('residents').select('resident_tokens.expires_at_ms as token_expires_at_ms')
    .where('resident_tokens.id_hash', '=', hashToken(token)).executeTakeFirst()
  if (row == null || row.active !== 1 || row.token_expires_at_ms <= nowMs) return undefined
  const { token_expires_at_ms: _expiry, ...resident } = row
  return resident
}

export async function revokeResidentToken (db: Executor, token: string): Promise<void> {
  await db.deleteFrom('resident_tokens').where('id_hash', '=', hashToken(token)).execute()
}
