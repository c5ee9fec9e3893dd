// Resident accounts: one per activated invitation, bound to a household.
// Several residents per household; staff deactivate one (its tokens end at
// once). A resident acts on the HTTP API as a site-bound caller: the domain
// functions it reuses (passes, charging) check the site like a staff member's.
import { DomainError } from '../errors.ts'
import { getHousehold } from '../households/household-registry.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { Executor } from '../store/executor.ts'
import type { Resident } from './tables.ts'

/** What a resident is to the domain functions that check callers: an id and a site. */
export type ResidentCaller = Pick<Actor, 'id' | 'siteId'>

export const callerOf = (resident: Resident): ResidentCaller => ({ id: resident.id, siteId: resident.site_id })

export async function getResident (db: Executor, residentId: string): Promise<Resident> {
  const resident = await db.selectFrom('residents').selectAll().where('id', '=', residentId).executeTakeFirst()
  if (resident == null) throw new DomainError('RESIDENT_UNKNOWN', `no resident ${residentId}`)
  return resident
}

/** A household's residents, active first, as staff of its site see them. */
export async function residentsOf (db: Executor, actor: Actor, householdId: string): Promise<Resident[]> {
  assertSite(actor, (await getHousehold(db, householdId)).site_id)
  return db.selectFrom('residents').selectAll().where('household_id', '=', householdId)
    .orderBy('active', 'desc').orderBy('created_at_ms').orderBy('id').execute()
}

/** Ends the account and every token it holds; its phone may be invited again. Deactivating twice is harmless. */
export async function deactivateResident (db: Executor, actor: Actor, residentId: string, nowMs = Date.now()): Promise<Resident> {
  const resident = await getResident(db, residentId)
  assertSite(actor, resident.site_id)
  if (resident.active !== 1) return resident
  const changes = { active: 0, active_phone: null, deactivated_at_ms: nowMs, deactivated_by: actor.id }
  await db.updateTable('residents').set(changes).where('id', '=', residentId).execute()
  await db.deleteFrom('resident_tokens').where('resident_id', '=', residentId).execute()
  return { ...resident, ...changes }
}
