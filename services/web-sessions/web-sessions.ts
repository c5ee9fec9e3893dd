// Browser sessions of staff signed in with a password. The cookie carries a
// random id (256 bits); the store keeps only its SHA-256, so a copy of the
// table opens nothing. A session ends on sign-out, after `idleMs` without a
// request, after `maxMs` in all, when the staff member is deactivated or gets
// a new password. The CSRF token is derived from the id (double submit: the
// page reads it from the sign-in answer, never from the httpOnly cookie, and
// sends it in a header that another site's form cannot set).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { toActor } from '../staff/staff.ts'
import type { Actor } from '../staff/roles.ts'
import type { Executor } from '../store/executor.ts'

export interface SessionPolicy {
  /** A session unused this long is over. */
  idleMs: number
  /** A session this old is over, however busy. */
  maxMs: number
}

export interface ResolvedSession { actor: Actor, csrfToken: string }

/** last_seen_at_ms is written at most this often per session: a page's burst of requests costs one write. */
export function touchIntervalMs (policy: SessionPolicy): number {
  return Math.min(60_000, Math.floor(policy.idleMs / 10))
}

const sha256 = (text: string) => createHash('sha256').update(text).digest()

export function hashSessionId (sessionId: string): string {
  return sha256(sessionId).toString('hex')
}

export function csrfTokenFor (sessionId: string): string {
  return sha256(`csrf\0${sessionId}`).toString('base64url')
}

/** Constant-time comparison of the header the page sent with the session's token. */
export function csrfTokenMatches (sessionId: string, header: string | undefined): boolean {
  if (header == null) return false
  const expected = Buffer.from(csrfTokenFor(sessionId))
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Pure: is a session with these times still open at `nowMs`? */
export function sessionOpen (row: { created_at_ms: number, last_seen_at_ms: number }, nowMs: number, policy: SessionPolicy): boolean {
  return nowMs - row.last_seen_at_ms < policy.idleMs && nowMs - row.created_at_ms < policy.maxMs
}

/**
 * Opens a session. The staff member's sessions that are over are deleted on
 * the way (a session never presented again would otherwise stay forever).
 */
export async function openWebSession (db: Executor, staffId: string, policy: SessionPolicy, nowMs = Date.now()): Promise<{ sessionId: string, csrfToken: string }> {
  const sessionId = randomBytes(32).toString('base64url')
  await db.deleteFrom('staff_web_sessions').where('staff_id', '=', staffId)
    .where(eb => eb.or([eb('last_seen_at_ms', '<=', nowMs - policy.idleMs), eb('created_at_ms', '<=', nowMs - policy.maxMs)]))
    .execute()
  await db.insertInto('staff_web_sessions').values({ id_hash: hashSessionId(sessionId), staff_id: staffId, created_at_ms: nowMs, last_seen_at_ms: nowMs }).execute()
  return { sessionId, csrfToken: csrfTokenFor(sessionId) }
}

/** The staff member of an open session (touching it), or undefined; an expired session's row is deleted. */
export async function resolveWebSession (db: Executor, sessionId: string, policy: SessionPolicy, nowMs = Date.now()): Promise<ResolvedSession | undefined> {
  if (sessionId.length === 0 || sessionId.length > 200) return undefined
  const idHash = hashSessionId(sessionId)
  const row = await db.selectFrom('staff_web_sessions')
    .innerJoin('staff', 'staff.id', 'staff_web_sessions.staff_id')
    .select(['staff.id', 'staff.username', 'staff.name', 'staff.role', 'staff.site_id', 'staff.active', 'staff.created_at_ms as staff_created_at_ms',
      'staff_web_sessions.created_at_ms', 'staff_web_sessions.last_seen_at_ms'])
    .where('staff_web_sessions.id_hash', '=', idHash)
    .executeTakeFirst()
  if (row == null) return undefined
  if (row.active !== 1 || !sessionOpen(row, nowMs, policy)) {
    await closeWebSession(db, sessionId)
    return undefined
  }
  if (nowMs - row.last_seen_at_ms >= touchIntervalMs(policy)) {
    await db.updateTable('staff_web_sessions').set({ last_seen_at_ms: nowMs }).where('id_hash', '=', idHash).execute()
  }
  return { actor: toActor({ ...row, created_at_ms: row.staff_created_at_ms }), csrfToken: csrfTokenFor(sessionId) }
}

/** Whether a session is still open, without counting this as use (a page left open must still go idle). */
export async function webSessionStillOpen (db: Executor, sessionId: string, policy: SessionPolicy, nowMs = Date.now()): Promise<boolean> {
  const row = await db.selectFrom('staff_web_sessions')
    .innerJoin('staff', 'staff.id', 'staff_web_sessions.staff_id')
    .select(['staff.active', 'staff_web_sessions.created_at_ms', 'staff_web_sessions.last_seen_at_ms'])
    .where('staff_web_sessions.id_hash', '=', hashSessionId(sessionId))
    .executeTakeFirst()
  return row != null && row.active === 1 && sessionOpen(row, nowMs, policy)
}

export async function closeWebSession (db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('staff_web_sessions').where('id_hash', '=', hashSessionId(sessionId)).execute()
}
