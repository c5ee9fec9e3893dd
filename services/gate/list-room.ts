// Write-time refusals of what would make a site's allow-list unbuildable: the
// limits of the list's contract (allowListLimits in schemas/gate.ts) that no
// single request's schema can check. Refused with 409 CONFLICT, details
// `{ limit, max }`, before anything is written, rather than raised later as
// an unbuildable list (unbuildable-list.ts, which stays the safety net: two
// writes racing at the limit on PostgreSQL can both pass). Each check is one
// count over rows the next list build reads anyway.
import { allowListLimits } from '../../schemas/gate.ts'
import { DomainError } from '../errors.ts'
import type { Executor } from '../store/executor.ts'

const full = (limit: 'schedules' | 'cards' | 'revokedPasses', max: number, message: string) =>
  new DomainError('CONFLICT', message, { limit, max })

async function count (query: { executeTakeFirstOrThrow: () => Promise<{ n: number | string | bigint }> }): Promise<number> {
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/** A new schedule id at a site that has the most a list can carry. */
export async function assertRoomForSchedule (db: Executor, siteId: string, scheduleId: string): Promise<void> {
  const max = allowListLimits.maxSchedules
  const existing = await db.selectFrom('access_schedules').select('id').where('site_id', '=', siteId).where('id', '=', scheduleId).executeTakeFirst()
  if (existing != null) return
  const n = await count(db.selectFrom('access_schedules').select(eb => eb.fn.countAll().as('n')).where('site_id', '=', siteId))
  if (n >= max) throw full('schedules', max, `a site has at most ${max} access schedules (the gates' list carries no more): change or reuse one`)
}

/** One more card admitted to the site's list (linked, or made active again). */
export async function assertRoomForCard (db: Executor, siteId: string): Promise<void> {
  const max = allowListLimits.maxEntries
  const n = await count(db.selectFrom('cards').innerJoin('households', 'households.id', 'cards.household_id').select(eb => eb.fn.countAll().as('n'))
    .where('cards.site_id', '=', siteId).where('cards.status', '=', 'active').where('households.status', '=', 'active'))
  if (n >= max) throw full('cards', max, `a site has at most ${max} cards in use (the gates' list carries no more): unlink returned cards first`)
}

/** One more revoked pass the site's list must carry until the pass's own end. */
export async function assertRoomForRevokedPass (db: Executor, siteId: string, nowMs: number): Promise<void> {
  const max = allowListLimits.maxRevokedPasses
  const n = await count(db.selectFrom('visitor_passes').select(eb => eb.fn.countAll().as('n'))
    .where('site_id', '=', siteId).where('revoked_at_ms', 'is not', null).where('valid_until_ms', '>', nowMs))
  if (n >= max) throw full('revokedPasses', max, `a site has at most ${max} revoked passes still valid (the gates' list carries no more): retire the key that signed them to refuse all its passes at once`)
}
