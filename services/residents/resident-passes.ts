// Visitor passes a resident issues from their phone: the gate domain signs
// them (services/gate/pass-issuing.ts) after the site's limits for residents
// allow it. A pass belongs to the household: any of its residents lists and
// revokes it (one may cancel the guest another invited, and the limit counts
// the household's passes). Another household's pass is not found.
import { DomainError } from '../errors.ts'
import { getHousehold } from '../households/household-registry.ts'
import { issueVisitorPass, revokeVisitorPass, type PassRequest } from '../gate/pass-issuing.ts'
import type { VisitorPass } from '../gate/tables.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { callerOf } from './resident-accounts.ts'
import { passLimitRefusal, passLimitsOf, siteGateIds } from './pass-limits.ts'
import type { Resident } from './tables.ts'

/** Passes of the household still usable now: not revoked, not ended, uses left. */
async function activePassCount (db: Executor, householdId: string, nowMs: number): Promise<number> {
  const row = await db.selectFrom('resident_passes').innerJoin('visitor_passes', 'visitor_passes.id', 'resident_passes.pass_id')
    .select(eb => eb.fn.countAll<string | number>().as('n'))
    .where('resident_passes.household_id', '=', householdId).where('visitor_passes.revoked_at_ms', 'is', null)
    .where('visitor_passes.valid_until_ms', '>', nowMs).whereRef('visitor_passes.uses', '<', 'visitor_passes.max_uses')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Issues within the limits, or throws PASS_LIMIT_EXCEEDED with the reason and
 * stores nothing. The household row is locked first, so two requests of one
 * household at once count each other's pass: at the limit, exactly one wins.
 */
export async function issueResidentPass (db: Executor, resident: Resident, request: PassRequest, nowMs = Date.now()): Promise<{ pass: VisitorPass, qr: string }> {
  return inTransaction(db, async trx => {
    await trx.updateTable('households').set(eb => ({ status: eb.ref('status') })).where('id', '=', resident.household_id).execute()
    if ((await getHousehold(trx, resident.household_id)).status !== 'active') throw new DomainError('HOUSEHOLD_INACTIVE')
    const limits = await passLimitsOf(trx, resident.site_id)
    const refusal = passLimitRefusal(limits, request, { activePasses: await activePassCount(trx, resident.household_id, nowMs), siteGates: await siteGateIds(trx, resident.site_id) })
    if (refusal != null) throw new DomainError('PASS_LIMIT_EXCEEDED', refusal.message, { reason: refusal.reason })
    const issued = await issueVisitorPass(trx, callerOf(resident), resident.site_id, request, nowMs)
    await trx.insertInto('resident_passes').values({ pass_id: issued.pass.id, household_id: resident.household_id, resident_id: resident.id }).execute()
    return issued
  })
}

/** The household's passes issued by its residents, newest first; by default only those not revoked and not ended. */
export async function householdPasses (db: Executor, resident: Resident, opts: { all: boolean, limit: number }, nowMs = Date.now()): Promise<VisitorPass[]> {
  let query = db.selectFrom('visitor_passes').innerJoin('resident_passes', 'resident_passes.pass_id', 'visitor_passes.id')
    .selectAll('visitor_passes').where('resident_passes.household_id', '=', resident.household_id)
  if (!opts.all) query = query.where('visitor_passes.revoked_at_ms', 'is', null).where('visitor_passes.valid_until_ms', '>', nowMs)
  return query.orderBy('visitor_passes.issued_at_ms', 'desc').orderBy('visitor_passes.id', 'desc').limit(opts.limit).execute()
}

export async function revokeResidentPass (db: Executor, resident: Resident, passId: string, nowMs = Date.now()): Promise<VisitorPass> {
  return inTransaction(db, async trx => {
    const mine = await trx.selectFrom('resident_passes').select('pass_id').where('pass_id', '=', passId).where('household_id', '=', resident.household_id).executeTakeFirst()
    if (mine == null) throw new DomainError('NOT_FOUND', `no visitor pass ${passId} of your household`)
    return revokeVisitorPass(trx, callerOf(resident), passId, nowMs)
  })
}
