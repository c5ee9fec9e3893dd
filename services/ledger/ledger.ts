// The points ledger: append-only entries, each with a unique idempotency key,
// and a balance column that always equals the sum of the household's entries.
// Corrections are new entries; nothing is updated or deleted. A balance never
// goes below zero (checked here and by a CHECK constraint).
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { EntryKind, LedgerEntry } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { prepare, rowOf } from '../store/prepared.ts'

export interface AppendEntry {
  householdId: string
  kind: EntryKind
  /** Signed integer points: positive credits, negative debits. */
  points: number
  /** Unique per effect: a device event id, an HTTP Idempotency-Key, `reverse:<entry>`. */
  idempotencyKey: string
  refType?: string | null
  refId?: string | null
  reason?: string | null
  staffId?: string | null
  approvedBy?: string | null
  nowMs: number
}

export interface AppendResult { entry: LedgerEntry, replayed: boolean }

/** The largest balance a household may hold: PostgreSQL's integer column (2^31 − 1 points). */
export const MAX_BALANCE_POINTS = 2_147_483_647

/**
 * Appends one entry and moves the balance, in the caller's transaction.
 * An idempotency key seen before returns the earlier entry unchanged.
 */
export async function appendEntry (db: Executor, e: AppendEntry): Promise<AppendResult> {
  if (!Number.isSafeInteger(e.points)) throw new DomainError('VALIDATION_FAILED', 'points must be an integer')
  // Lock the household's row before looking for the key: two transactions with the same key on
  // separate PostgreSQL connections then queue here, and the second sees the first one's entry
  // (replayed) instead of failing on the unique key. SQLite's one writer already serialises them.
  await db.updateTable('households').set(eb => ({ balance_points: eb.ref('balance_points') })).where('id', '=', e.householdId).execute()
  const earlier = await findByIdempotencyKey(db, e.idempotencyKey)
  if (earlier != null) return { entry: earlier, replayed: true }
  return { entry: await moveAndRecord(db, e), replayed: false }
}

const moveBalance = prepare<{ id: string, points: number, highest: number }, { balance_points: number, site_id: string }>((db, p) => db.updateTable('households')
  .set(eb => ({ balance_points: eb('balance_points', '+', p.points) }))
  .where('id', '=', p.id)
  // points held for a charging session are not spendable: a debit may use only balance − held
  .where(eb => eb(eb('balance_points', '+', p.points), '>=', eb.ref('held_points')))
  .where('balance_points', '<=', p.highest)
  .returning(['balance_points', 'site_id']))
const entryColumns = ['id', 'household_id', 'site_id', 'kind', 'points', 'balance_after', 'idempotency_key', 'ref_type', 'ref_id', 'reason', 'staff_id', 'approved_by', 'created_at_ms'] as const
const insertEntry = prepare<LedgerEntry>((db, p) => db.insertInto('ledger_entries').values(rowOf(p, entryColumns)))

async function moveAndRecord (db: Executor, e: AppendEntry): Promise<LedgerEntry> {
  // More than MAX_BALANCE_POINTS either way can never fit a balance (a shop item's price × its
  // quantity can reach 10^12): refused here, because as a statement parameter PostgreSQL would
  // fail on it as out of range for its integer column, where SQLite just finds no row.
  if (Math.abs(e.points) > MAX_BALANCE_POINTS) return refuseMove(db, e)
  // One statement moves the balance only if it stays within 0 … MAX_BALANCE_POINTS: safe under
  // concurrent writers on PostgreSQL as well as SQLite, and the same answer on both (PostgreSQL's
  // integer column would overflow above it, SQLite's would not).
  const moved = await moveBalance.first(db, { id: e.householdId, points: e.points, highest: MAX_BALANCE_POINTS - Math.max(0, e.points) })
  if (moved == null) return refuseMove(db, e)
  const entry = newEntry(e, moved)
  await insertEntry.run(db, entry)
  return entry
}

/** Why the balance did not move: no such household, or it would leave 0 … MAX_BALANCE_POINTS. */
async function refuseMove (db: Executor, e: AppendEntry): Promise<never> {
  const household = await db.selectFrom('households').select(['balance_points', 'held_points']).where('id', '=', e.householdId).executeTakeFirst()
  if (household == null) throw new DomainError('HOUSEHOLD_UNKNOWN')
  if (e.points > 0) throw new DomainError('BALANCE_LIMIT', `balance is ${household.balance_points} points; ${e.points} more would pass ${MAX_BALANCE_POINTS}`)
  const available = household.balance_points - household.held_points
  const held = household.held_points > 0 ? ` (${household.held_points} of ${household.balance_points} are held for charging)` : ''
  throw new DomainError('INSUFFICIENT_POINTS', `available balance is ${available} points${held}, ${-e.points} asked`,
    { balancePoints: household.balance_points, heldPoints: household.held_points, availablePoints: available })
}

function newEntry (e: AppendEntry, moved: { balance_points: number, site_id: string }): LedgerEntry {
  return {
    id: newId('le', e.nowMs),
    household_id: e.householdId,
    site_id: moved.site_id,
    kind: e.kind,
    points: e.points,
    balance_after: moved.balance_points,
    idempotency_key: e.idempotencyKey,
    ref_type: e.refType ?? null,
    ref_id: e.refId ?? null,
    reason: e.reason ?? null,
    staff_id: e.staffId ?? null,
    approved_by: e.approvedBy ?? null,
    created_at_ms: e.nowMs
  }
}

/**
 * appendEntry for a device event (the kiosk's deposit), without the idempotency lookup: the
 * event was just recorded once in device_events (its key refuses a second time), and the
 * entry's unique key would still refuse a duplicate.
 */
export async function appendDeviceEntry (db: Executor, e: AppendEntry): Promise<LedgerEntry> {
  if (!Number.isSafeInteger(e.points)) throw new DomainError('VALIDATION_FAILED', 'points must be an integer')
  return moveAndRecord(db, e)
}

export async function findByIdempotencyKey (db: Executor, key: string): Promise<LedgerEntry | undefined> {
  return db.selectFrom('ledger_entries').selectAll().where('idempotency_key', '=', key).executeTakeFirst()
}

export async function getEntry (db: Executor, entryId: string): Promise<LedgerEntry> {
  const entry = await db.selectFrom('ledger_entries').selectAll().where('id', '=', entryId).executeTakeFirst()
  if (entry == null) throw new DomainError('ENTRY_UNKNOWN')
  return entry
}

export async function balanceOf (db: Executor, householdId: string): Promise<number> {
  const row = await db.selectFrom('households').select('balance_points').where('id', '=', householdId).executeTakeFirst()
  if (row == null) throw new DomainError('HOUSEHOLD_UNKNOWN')
  return row.balance_points
}

export interface HistoryPage { entries: LedgerEntry[], nextBefore: string | null }

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function historyOf (db: Executor, householdId: string, opts: { limit: number, before?: string | undefined }): Promise<HistoryPage> {
  let q = db.selectFrom('ledger_entries').selectAll().where('household_id', '=', householdId)
  if (opts.before != null) q = q.where('id', '<', opts.before)
  const entries = await q.orderBy('id', 'desc').limit(opts.limit + 1).execute()
  const more = entries.length > opts.limit
  const page = entries.slice(0, opts.limit)
  return { entries: page, nextBefore: more ? (page.at(-1)?.id ?? null) : null }
}

/**
 * Undoes an entry with an opposite one. Each entry can be reversed once;
 * reversals themselves are not reversible (post a new entry instead).
 */
export async function reverseEntry (db: Executor, entryId: string, by: { staffId: string, reason: string, nowMs: number }): Promise<AppendResult> {
  const original = await getEntry(db, entryId)
  if (original.kind === 'reverse') throw new DomainError('NOT_REVERSIBLE', 'a reversal cannot be reversed')
  const key = `reverse:${original.id}`
  if (await findByIdempotencyKey(db, key) != null) throw new DomainError('ALREADY_REVERSED')
  return appendEntry(db, {
    householdId: original.household_id,
    kind: 'reverse',
    points: -original.points,
    idempotencyKey: key,
    refType: 'ledger_entry',
    refId: original.id,
    reason: by.reason,
    staffId: by.staffId,
    nowMs: by.nowMs
  })
}

export interface InvariantViolation { householdId: string, balancePoints: number, sumOfEntries: number }

/** Households whose balance differs from the sum of their entries (should be none). */
export async function ledgerInvariantViolations (db: Executor): Promise<InvariantViolation[]> {
  const rows = await db.selectFrom('households as h')
    .leftJoin('ledger_entries as e', 'e.household_id', 'h.id')
    .select(eb => ['h.id as householdId', 'h.balance_points as balancePoints', eb.fn.coalesce(eb.fn.sum<number>('e.points'), eb.lit(0)).as('sumOfEntries')])
    .groupBy(['h.id', 'h.balance_points'])
    .execute()
  return rows
    .map(r => ({ householdId: r.householdId, balancePoints: Number(r.balancePoints), sumOfEntries: Number(r.sumOfEntries) }))
    .filter(r => r.balancePoints !== r.sumOfEntries)
}
