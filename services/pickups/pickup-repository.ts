// Pickup tasks in the store: one open task per bin (device, category), opened
// by the bin-full rule or by staff; collecting it records the weight and
// reconciles it against the deposits into that bin since its previous
// collection, in one transaction with the row locked.
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { LinePoints } from '../points/deposit-points.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { depositedInto, reconcile, type Reconciliation } from './reconcile.ts'
import type { PickupRow, PickupStatus } from './tables.ts'

export interface Pickup {
  id: string
  siteId: string
  deviceId: string
  category: string
  status: PickupStatus
  alarmId: string | null
  createdBy: string
  createdAtMs: number
  collectedBy: string | null
  collectedAtMs: number | null
  sinceMs: number | null
  reconciliation: Reconciliation | null
}

const num = (v: number | string | null): number | null => v == null ? null : Number(v)

function fromRow (r: PickupRow): Pickup {
  return {
    id: r.id,
    siteId: r.site_id,
    deviceId: r.device_id,
    category: r.category,
    status: r.status,
    alarmId: r.alarm_id,
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at_ms),
    collectedBy: r.collected_by,
    collectedAtMs: num(r.collected_at_ms),
    sinceMs: num(r.since_ms),
    reconciliation: r.collected_grams == null || r.deposited_grams == null ? null : reconcile(Number(r.collected_grams), Number(r.deposited_grams))
  }
}

const openKey = (deviceId: string, category: string) => `${deviceId}|${category}`

/** Opens a pickup for the bin unless one is open already; returns the open one either way. */
export async function openPickup (db: Executor, input: { siteId: string, deviceId: string, category: string, alarmId?: string | null, by: string, nowMs: number }): Promise<{ pickup: Pickup, created: boolean }> {
  const inserted = await db.insertInto('pickups').values({
    id: newId('pku', input.nowMs), site_id: input.siteId, device_id: input.deviceId, category: input.category, status: 'open',
    open_key: openKey(input.deviceId, input.category), alarm_id: input.alarmId ?? null, created_by: input.by, created_at_ms: input.nowMs,
    collected_by: null, collected_at_ms: null, collected_grams: null, deposited_grams: null, since_ms: null
  }).onConflict(oc => oc.column('open_key').doNothing()).returningAll().executeTakeFirst()
  if (inserted != null) return { pickup: fromRow(inserted), created: true }
  const open = await db.selectFrom('pickups').selectAll().where('open_key', '=', openKey(input.deviceId, input.category)).executeTakeFirstOrThrow()
  return { pickup: fromRow(open), created: false }
}

/**
 * Records the collected weight and reconciles it: deposits of the bin's category at this kiosk
 * received after the bin's previous collection and up to now. Collecting twice is a CONFLICT
 * that changes nothing.
 */
export async function collectPickup (db: Executor, pickupId: string, input: { grams: number, by: string, nowMs: number }): Promise<Pickup> {
  return inTransaction(db, async trx => {
    // lock the row first: two collectors at once queue on PostgreSQL, and the second finds it collected
    await trx.updateTable('pickups').set(eb => ({ status: eb.ref('status') })).where('id', '=', pickupId).execute()
    const row = await trx.selectFrom('pickups').selectAll().where('id', '=', pickupId).executeTakeFirst()
    if (row == null) throw new DomainError('NOT_FOUND', `no pickup ${pickupId}`)
    if (row.status !== 'open') throw new DomainError('CONFLICT', `pickup ${pickupId} was collected already`)
    const previous = await trx.selectFrom('pickups').select(eb => eb.fn.max('collected_at_ms').as('at'))
      .where('device_id', '=', row.device_id).where('category', '=', row.category).where('status', '=', 'collected').executeTakeFirst()
    const sinceMs = previous?.at == null ? null : Number(previous.at)
    let deposits = trx.selectFrom('deposits').select('lines').where('device_id', '=', row.device_id).where('received_at_ms', '<=', input.nowMs)
    if (sinceMs != null) deposits = deposits.where('received_at_ms', '>', sinceMs)
    const lines = (await deposits.execute()).map(d => JSON.parse(d.lines) as LinePoints[])
    const deposited = depositedInto(row.category, lines)
    const updated = await trx.updateTable('pickups').set({
      status: 'collected', open_key: null, collected_by: input.by, collected_at_ms: input.nowMs, collected_grams: input.grams, deposited_grams: deposited, since_ms: sinceMs
    }).where('id', '=', pickupId).returningAll().executeTakeFirstOrThrow()
    return fromRow(updated)
  })
}

export async function findPickup (db: Executor, pickupId: string): Promise<Pickup | undefined> {
  const row = await db.selectFrom('pickups').selectAll().where('id', '=', pickupId).executeTakeFirst()
  return row == null ? undefined : fromRow(row)
}

/** A site's pickups, newest first, optionally of one status. */
export async function listPickups (db: Executor, siteId: string, opts: { status?: PickupStatus | undefined, limit?: number } = {}): Promise<Pickup[]> {
  let query = db.selectFrom('pickups').selectAll().where('site_id', '=', siteId)
  if (opts.status != null) query = query.where('status', '=', opts.status)
  return (await query.orderBy('created_at_ms', 'desc').orderBy('id', 'desc').limit(opts.limit ?? 200).execute()).map(fromRow)
}
