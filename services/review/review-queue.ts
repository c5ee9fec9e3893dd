// The review queue: kiosk deposits with implausible weights wait here instead
// of reaching the balance. A manager approves (credit, under the site's daily
// cap for the deposit's local day) or rejects (nothing credited).
import type { Kysely } from 'kysely'
import { transaction } from '../audit/audited-transaction.ts'
import { DomainError } from '../errors.ts'
import { balanceOf } from '../ledger/ledger.ts'
import { getSite } from '../sites/site-registry.ts'
import { creditUnderDailyCap } from '../points/daily-cap.ts'
import { assertRole, assertSite, type Actor } from '../staff/roles.ts'
import type { Database, LedgerEntry, ReviewItem } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export async function listReviewItems (db: Executor, actor: Actor, q: { status: ReviewItem['status'], siteId?: string | undefined, limit: number }): Promise<ReviewItem[]> {
  const siteId = q.siteId ?? actor.siteId ?? undefined
  if (siteId != null) assertSite(actor, siteId)
  let query = db.selectFrom('review_items').selectAll().where('status', '=', q.status)
  if (siteId != null) query = query.where('site_id', '=', siteId)
  return query.orderBy('created_at_ms').orderBy('id').limit(q.limit).execute()
}

export interface ReviewDecision { reviewItem: ReviewItem, entry: LedgerEntry | null, pointsCredited: number, balancePoints: number }

async function pendingItem (db: Executor, actor: Actor, itemId: string): Promise<ReviewItem> {
  assertRole(actor, 'manager')
  const item = await db.selectFrom('review_items').selectAll().where('id', '=', itemId).executeTakeFirst()
  if (item == null) throw new DomainError('REVIEW_UNKNOWN')
  assertSite(actor, item.site_id)
  if (item.status !== 'pending') throw new DomainError('REVIEW_DECIDED', `review item was already ${item.status}`)
  return item
}

async function decide (db: Executor, item: ReviewItem, change: Pick<ReviewItem, 'status' | 'decided_by' | 'decided_at_ms' | 'entry_id'>): Promise<ReviewItem> {
  const result = await db.updateTable('review_items').set(change).where('id', '=', item.id).where('status', '=', 'pending').executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw new DomainError('REVIEW_DECIDED')
  return { ...item, ...change }
}

export async function approveReviewItem (db: Kysely<Database>, actor: Actor, itemId: string, nowMs = Date.now()): Promise<ReviewDecision> {
  return transaction(db, async trx => {
    const item = await pendingItem(trx, actor, itemId)
    const deposit = await trx.selectFrom('deposits').select(['id', 'local_day']).where('id', '=', item.deposit_id).executeTakeFirst()
    if (deposit == null) throw new DomainError('REVIEW_UNKNOWN', `deposit ${item.deposit_id} of review item ${item.id} is missing`)
    const site = await getSite(trx, item.site_id)
    const { credited, entry } = await creditUnderDailyCap(trx, {
      householdId: item.household_id, depositId: deposit.id, localDay: deposit.local_day, pointsComputed: item.points_computed,
      dailyCapPoints: site.rateTable.dailyCapPoints, idempotencyKey: `review:${item.id}`, reason: 'deposit approved after review', staffId: actor.id, nowMs
    })
    if (entry != null) await trx.updateTable('deposits').set({ points_credited: credited, entry_id: entry.id }).where('id', '=', deposit.id).execute()
    const reviewItem = await decide(trx, item, { status: 'approved', decided_by: actor.id, decided_at_ms: nowMs, entry_id: entry?.id ?? null })
    return { reviewItem, entry, pointsCredited: credited, balancePoints: entry?.balance_after ?? await balanceOf(trx, item.household_id) }
  })
}

export async function rejectReviewItem (db: Kysely<Database>, actor: Actor, itemId: string, nowMs = Date.now()): Promise<ReviewDecision> {
  return transaction(db, async trx => {
    const item = await pendingItem(trx, actor, itemId)
    const reviewItem = await decide(trx, item, { status: 'rejected', decided_by: actor.id, decided_at_ms: nowMs, entry_id: null })
    return { reviewItem, entry: null, pointsCredited: 0, balancePoints: await balanceOf(trx, item.household_id) }
  })
}
