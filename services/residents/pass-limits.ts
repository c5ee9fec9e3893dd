// Per-site limits on the visitor passes residents issue from their phone
// (staff passes are not limited: the counter vouches for them). A manager sets
// them over HTTP (audited); a site that never did uses the defaults. The check
// is a pure function of (limits, request, household's active passes, site gates).
import { DomainError } from '../errors.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { Executor } from '../store/executor.ts'
import type { PassRequest } from '../gate/pass-issuing.ts'

export interface PassLimits {
  maxActivePasses: number
  maxWindowMs: number
  maxUses: number
  /** Gates residents may include; null: every gate of the site. */
  gates: string[] | null
}

export interface StoredPassLimits extends PassLimits { siteId: string, updatedBy: string | null, updatedAtMs: number | null }

/** A few guests at once, for a day, a few passages each, at any gate of the site. */
export const defaultPassLimits: PassLimits = { maxActivePasses: 3, maxWindowMs: 86_400_000, maxUses: 4, gates: null }

export async function passLimitsOf (db: Executor, siteId: string): Promise<StoredPassLimits> {
  const row = await db.selectFrom('resident_pass_limits').selectAll().where('site_id', '=', siteId).executeTakeFirst()
  if (row == null) return { siteId, ...defaultPassLimits, updatedBy: null, updatedAtMs: null }
  return {
    siteId, maxActivePasses: row.max_active_passes, maxWindowMs: row.max_window_ms, maxUses: row.max_uses,
    gates: row.gates == null ? null : JSON.parse(row.gates) as string[], updatedBy: row.updated_by, updatedAtMs: row.updated_at_ms
  }
}

export async function siteGateIds (db: Executor, siteId: string): Promise<string[]> {
  return (await db.selectFrom('devices').select('id').where('site_id', '=', siteId).where('kind', '=', 'gate').execute()).map(r => r.id)
}

export async function setPassLimits (db: Executor, actor: Actor, siteId: string, limits: PassLimits, nowMs = Date.now()): Promise<StoredPassLimits> {
  assertSite(actor, siteId)
  if (limits.gates != null) {
    const siteGates = new Set(await siteGateIds(db, siteId))
    const foreign = limits.gates.filter(g => !siteGates.has(g))
    if (foreign.length > 0) throw new DomainError('VALIDATION_FAILED', `not gates of site ${siteId}: ${foreign.join(', ')}`)
  }
  const row = {
    max_active_passes: limits.maxActivePasses, max_window_ms: limits.maxWindowMs, max_uses: limits.maxUses,
    gates: limits.gates == null ? null : JSON.stringify([...new Set(limits.gates)]), updated_by: actor.id, updated_at_ms: nowMs
  }
  await db.insertInto('resident_pass_limits').values({ site_id: siteId, ...row }).onConflict(oc => oc.column('site_id').doUpdateSet(row)).execute()
  return passLimitsOf(db, siteId)
}

export type PassLimitReason = 'GATE_NOT_ALLOWED' | 'WINDOW_TOO_LONG' | 'TOO_MANY_USES' | 'TOO_MANY_ACTIVE'

export interface PassLimitRefusal { reason: PassLimitReason, message: string }

/** Pure: why a resident's pass request is beyond the limits, or null. `siteGates`: the gates of the resident's own site. */
export function passLimitRefusal (limits: PassLimits, request: PassRequest, context: { activePasses: number, siteGates: string[] }): PassLimitRefusal | null {
  const allowed = new Set((limits.gates ?? context.siteGates).filter(g => context.siteGates.includes(g)))
  const refused = request.gates.filter(g => !allowed.has(g))
  if (refused.length > 0) return { reason: 'GATE_NOT_ALLOWED', message: `residents' passes may not include ${refused.join(', ')}` }
  // the window as asked: the QR's whole seconds may widen it by under 2 s, which no limit is fine-grained enough to mind
  if (request.validUntilMs - request.validFromMs > limits.maxWindowMs) return { reason: 'WINDOW_TOO_LONG', message: `a pass may last at most ${limits.maxWindowMs} ms` }
  if (request.maxUses > limits.maxUses) return { reason: 'TOO_MANY_USES', message: `a pass may have at most ${limits.maxUses} uses` }
  if (context.activePasses >= limits.maxActivePasses) return { reason: 'TOO_MANY_ACTIVE', message: `a household may hold at most ${limits.maxActivePasses} usable passes at once: revoke one first` }
  return null
}
