// Holds: points reserved for a purpose (a charging session) that the counter
// cannot redeem meanwhile. A hold does not move the balance; it raises the
// household's `held_points`, and every debit of the ledger may use only
// balance − held (ledger.ts). A hold is closed exactly once: settled (part of
// it charged as a ledger entry, the rest released) or released whole.
//
// Safe on both stores with writers on separate connections: placing locks the
// household row first (as appendEntry does) and then raises held_points with
// one conditional UPDATE; settling closes the hold row with a conditional
// UPDATE (status 'held' → closed) before touching the household, so a second
// settlement of the same hold finds it closed and changes nothing.
import { DomainError } from '../errors.ts'
import type { LedgerEntry, PointHold } from '../store/database.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { newId } from '../ids.ts'

export interface PlaceHold {
  holdId: string
  householdId: string
  points: number
  refType: string
  refId: string
  nowMs: number
}

export interface Wallet { balancePoints: number, heldPoints: number, availablePoints: number }

function requirePositive (name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new DomainError('VALIDATION_FAILED', `${name} must be a positive integer number of points`, { [name]: value })
}

export async function walletOf (db: Executor, householdId: string): Promise<Wallet> {
  const row = await db.selectFrom('households').select(['balance_points', 'held_points']).where('id', '=', householdId).executeTakeFirst()
  if (row == null) throw new DomainError('HOUSEHOLD_UNKNOWN')
  return { balancePoints: row.balance_points, heldPoints: row.held_points, availablePoints: row.balance_points - row.held_points }
}

/** Locks the household's row for this transaction (a no-op update), so what is read next stays true until commit. */
async function lockHousehold (db: Executor, householdId: string): Promise<void> {
  await db.updateTable('households').set(eb => ({ held_points: eb.ref('held_points') })).where('id', '=', householdId).execute()
}

/**
 * Reserves exactly `points`, or refuses with INSUFFICIENT_POINTS (nothing held).
 * The same holdId placed again returns the first hold unchanged.
 */
export async function placeHold (db: Executor, h: PlaceHold): Promise<PointHold> {
  requirePositive('points', h.points)
  return inTransaction(db, async trx => {
    await lockHousehold(trx, h.householdId)
    const earlier = await findHold(trx, h.holdId)
    if (earlier != null) return earlier
    const moved = await trx.updateTable('households')
      .set(eb => ({ held_points: eb(eb.ref('held_points'), '+', h.points) }))
      .where('id', '=', h.householdId)
      .where(eb => eb(eb(eb.ref('balance_points'), '-', eb.ref('held_points')), '>=', h.points))
      .returning(['site_id'])
      .executeTakeFirst()
    if (moved == null) {
      const wallet = await walletOf(trx, h.householdId)
      throw new DomainError('INSUFFICIENT_POINTS', `available balance is ${wallet.availablePoints} points, ${h.points} to hold`, { ...wallet })
    }
    const hold: PointHold = {
      id: h.holdId, household_id: h.householdId, site_id: moved.site_id, points: h.points, status: 'held', ref_type: h.refType, ref_id: h.refId,
      placed_at_ms: h.nowMs, closed_at_ms: null, charged_points: null, released_points: null, close_reason: null, charge_entry_id: null
    }
    await trx.insertInto('point_holds').values(hold).execute()
    return hold
  })
}

/**
 * How much of the hold a household can still afford to place: min(wanted, available),
 * read under the household's lock so a placeHold in the same transaction cannot fail.
 */
export async function affordableHold (db: Executor, householdId: string, wantedPoints: number): Promise<number> {
  await lockHousehold(db, householdId)
  const wallet = await walletOf(db, householdId)
  return Math.max(0, Math.min(wantedPoints, wallet.availablePoints))
}

export async function findHold (db: Executor, holdId: string): Promise<PointHold | undefined> {
  return db.selectFrom('point_holds').selectAll().where('id', '=', holdId).executeTakeFirst()
}

export interface SettleHold {
  holdId: string
  /** Taken from the hold as one ledger entry (kind `charge`); 0 releases the hold whole. */
  chargePoints: number
  /** The charge entry's idempotency key (settlement.ts: `charging:{session}:charge`). */
  chargeKey: string
  reason: string
  nowMs: number
}

export interface HoldClosing { hold: PointHold, entry: LedgerEntry | null, replayed: boolean }

/**
 * Closes a hold in one transaction: charges `chargePoints` (≤ the hold) and releases the rest.
 * Exactly once: a hold already closed returns how it was closed, whatever is asked now.
 */
export async function settleHold (db: Executor, s: SettleHold): Promise<HoldClosing> {
  if (!Number.isSafeInteger(s.chargePoints) || s.chargePoints < 0) throw new DomainError('VALIDATION_FAILED', 'chargePoints must be a non-negative integer')
  return inTransaction(db, async trx => {
    const hold = await findHold(trx, s.holdId)
    if (hold == null) throw new DomainError('NOT_FOUND', `no hold ${s.holdId}`)
    if (s.chargePoints > hold.points) throw new DomainError('VALIDATION_FAILED', `cannot charge ${s.chargePoints} points from a hold of ${hold.points}`)
    const released = hold.points - s.chargePoints
    // the conditional close is the once-only gate (and locks the hold row on PostgreSQL)
    const closed = await trx.updateTable('point_holds')
      .set({ status: s.chargePoints > 0 ? 'settled' : 'released', closed_at_ms: s.nowMs, charged_points: s.chargePoints, released_points: released, close_reason: s.reason })
      .where('id', '=', s.holdId).where('status', '=', 'held')
      .executeTakeFirst()
    if (closed.numUpdatedRows === 0n) {
      const earlier = await findHold(trx, s.holdId) as PointHold
      return { hold: earlier, entry: await closingEntry(trx, earlier), replayed: true }
    }
    // one statement: the hold leaves held_points and its charge leaves the balance; the
    // held part was reserved, so the balance stays ≥ what is still held by other holds
    const moved = await trx.updateTable('households')
      .set(eb => ({ held_points: eb(eb.ref('held_points'), '-', hold.points), balance_points: eb(eb.ref('balance_points'), '-', s.chargePoints) }))
      .where('id', '=', hold.household_id)
      .where('held_points', '>=', hold.points)
      .returning(['balance_points'])
      .executeTakeFirst()
    if (moved == null) throw new Error(`hold ${hold.id} is not within household ${hold.household_id}'s held points`)
    let entry: LedgerEntry | null = null
    if (s.chargePoints > 0) {
      entry = {
        id: newId('le', s.nowMs), household_id: hold.household_id, site_id: hold.site_id, kind: 'charge', points: -s.chargePoints,
        balance_after: moved.balance_points, idempotency_key: s.chargeKey, ref_type: hold.ref_type, ref_id: hold.ref_id,
        reason: s.reason, staff_id: null, approved_by: null, created_at_ms: s.nowMs
      }
      await trx.insertInto('ledger_entries').values(entry).execute()
      await trx.updateTable('point_holds').set({ charge_entry_id: entry.id }).where('id', '=', hold.id).execute()
    }
    return { hold: await findHold(trx, s.holdId) as PointHold, entry, replayed: false }
  })
}

async function closingEntry (db: Executor, hold: PointHold): Promise<LedgerEntry | null> {
  if (hold.charge_entry_id == null) return null
  return (await db.selectFrom('ledger_entries').selectAll().where('id', '=', hold.charge_entry_id).executeTakeFirst()) ?? null
}

/** Releases a hold whole (start refused or timed out, stale hold): nothing charged. */
export async function releaseHold (db: Executor, holdId: string, reason: string, nowMs: number): Promise<HoldClosing> {
  return settleHold(db, { holdId, chargePoints: 0, chargeKey: `release:${holdId}`, reason, nowMs })
}

/** Holds still open that were placed before `placedBeforeMs`, oldest first. */
/** Oldest first; `after` (the last hold of the previous page) pages on past holds left open. */
export async function openHoldsPlacedBefore (db: Executor, placedBeforeMs: number, limit = 500, after?: Pick<PointHold, 'placed_at_ms' | 'id'>): Promise<PointHold[]> {
  let q = db.selectFrom('point_holds').selectAll().where('status', '=', 'held').where('placed_at_ms', '<', placedBeforeMs)
  if (after != null) {
    q = q.where(eb => eb.or([eb('placed_at_ms', '>', after.placed_at_ms), eb.and([eb('placed_at_ms', '=', after.placed_at_ms), eb('id', '>', after.id)])]))
  }
  return q.orderBy('placed_at_ms').orderBy('id').limit(limit).execute()
}
