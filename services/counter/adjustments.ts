// Manual adjustments with maker–checker: one staff member asks (points and a
// reason), another with the manager role approves or rejects. Only an
// approval touches the ledger: kind 'adjust', staff_id = requester,
// approved_by = approver, idempotency key `adjust:<requestId>`.
import type { Kysely } from 'kysely'
import { transaction } from '../audit/audited-transaction.ts'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { appendEntry, balanceOf } from '../ledger/ledger.ts'
import { assertRole, assertSite, type Actor } from '../staff/roles.ts'
import type { AdjustmentRequest, Database, LedgerEntry } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { householdFor } from './households.ts'

export async function requestAdjustment (db: Executor, actor: Actor, input: { householdId: string, points: number, reason: string }, nowMs = Date.now()): Promise<AdjustmentRequest> {
  if (!Number.isSafeInteger(input.points) || input.points === 0) throw new DomainError('VALIDATION_FAILED', 'points must be a non-zero integer')
  if (input.reason.trim().length === 0) throw new DomainError('VALIDATION_FAILED', 'a reason is required')
  const household = await householdFor(db, actor, input.householdId)
  const request: AdjustmentRequest = {
    id: newId('adj', nowMs), household_id: household.id, site_id: household.site_id, points: input.points, reason: input.reason,
    requested_by: actor.id, status: 'pending', decided_by: null, decided_at_ms: null, entry_id: null, created_at_ms: nowMs
  }
  await db.insertInto('adjustment_requests').values(request).execute()
  return request
}

export async function listAdjustments (db: Executor, actor: Actor, q: { status: AdjustmentRequest['status'], siteId?: string | undefined, limit: number }): Promise<AdjustmentRequest[]> {
  const siteId = q.siteId ?? actor.siteId ?? undefined
  if (siteId != null) assertSite(actor, siteId)
  let query = db.selectFrom('adjustment_requests').selectAll().where('status', '=', q.status)
  if (siteId != null) query = query.where('site_id', '=', siteId)
  return query.orderBy('created_at_ms').orderBy('id').limit(q.limit).execute()
}

export interface AdjustmentDecision { adjustment: AdjustmentRequest, entry: LedgerEntry | null, balancePoints: number }

async function pendingForDecision (db: Executor, actor: Actor, requestId: string): Promise<AdjustmentRequest> {
  assertRole(actor, 'manager')
  const request = await db.selectFrom('adjustment_requests').selectAll().where('id', '=', requestId).executeTakeFirst()
  if (request == null) throw new DomainError('ADJUSTMENT_UNKNOWN')
  assertSite(actor, request.site_id)
  if (request.status !== 'pending') throw new DomainError('ADJUSTMENT_DECIDED', `adjustment was already ${request.status}`)
  if (request.requested_by === actor.id) throw new DomainError('SAME_APPROVER')
  return request
}

/** Marks the request decided unless someone else decided it first. */
async function decide (db: Executor, request: AdjustmentRequest, change: Pick<AdjustmentRequest, 'status' | 'decided_by' | 'decided_at_ms' | 'entry_id'>): Promise<AdjustmentRequest> {
  const result = await db.updateTable('adjustment_requests').set(change).where('id', '=', request.id).where('status', '=', 'pending').executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('ADJUSTMENT_DECIDED')
  return { ...request, ...change }
}

export async function approveAdjustment (db: Kysely<Database>, actor: Actor, requestId: string, nowMs = Date.now()): Promise<AdjustmentDecision> {
  return transaction(db, async trx => {
    const request = await pendingForDecision(trx, actor, requestId)
    const { entry } = await appendEntry(trx, {
      householdId: request.household_id, kind: 'adjust', points: request.points, idempotencyKey: `adjust:${request.id}`,
      refType: 'adjustment', refId: request.id, reason: request.reason, staffId: request.requested_by, approvedBy: actor.id, nowMs
    })
    const adjustment = await decide(trx, request, { status: 'approved', decided_by: actor.id, decided_at_ms: nowMs, entry_id: entry.id })
    return { adjustment, entry, balancePoints: entry.balance_after }
  })
}

export async function rejectAdjustment (db: Kysely<Database>, actor: Actor, requestId: string, nowMs = Date.now()): Promise<AdjustmentDecision> {
  return transaction(db, async trx => {
    const request = await pendingForDecision(trx, actor, requestId)
    const adjustment = await decide(trx, request, { status: 'rejected', decided_by: actor.id, decided_at_ms: nowMs, entry_id: null })
    return { adjustment, entry: null, balancePoints: await balanceOf(trx, request.household_id) }
  })
}
