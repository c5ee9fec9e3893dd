// Households: the points account of one flat at a site.
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { getSite } from '../sites/site-registry.ts'
import type { Executor } from '../store/executor.ts'
import type { Household } from './tables.ts'

export async function createHousehold (db: Executor, input: { siteId: string, label: string, id?: string | undefined }, nowMs = Date.now()): Promise<Household> {
  await getSite(db, input.siteId)
  const clash = await db.selectFrom('households').select('id').where('site_id', '=', input.siteId).where('label', '=', input.label).executeTakeFirst()
  if (clash != null) throw new DomainError('CONFLICT', `household ${input.label} already exists at ${input.siteId} as ${clash.id}`)
  const household: Household = { id: input.id ?? newId('hh', nowMs), site_id: input.siteId, label: input.label, status: 'active', balance_points: 0, held_points: 0, created_at_ms: nowMs }
  await db.insertInto('households').values(household).execute()
  return household
}

export async function getHousehold (db: Executor, householdId: string): Promise<Household> {
  const household = await db.selectFrom('households').selectAll().where('id', '=', householdId).executeTakeFirst()
  if (household == null) throw new DomainError('HOUSEHOLD_UNKNOWN', `no household ${householdId}`)
  return household
}
