// Charging sessions and meter values in the store. The session row keeps the
// pure core's state (session-events.ts) as JSON next to the columns that are
// queried: status, port, household, times.
import { sql } from 'kysely'
import type { ChargingSession } from './session-events.ts'
import type { ChargingMeterValue, ChargingSessionRow, ChargingSessionStatus } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export const portKey = (deviceId: string, port: number) => `${deviceId}:${port}`
export const liveStatuses: readonly ChargingSessionStatus[] = ['starting', 'open']

export const sessionState = (row: Pick<ChargingSessionRow, 'state'>): ChargingSession => JSON.parse(row.state) as ChargingSession

/** Inserts a session; false (nothing written) when its port already has a live session. */
export async function insertSession (db: Executor, row: ChargingSessionRow): Promise<boolean> {
  const result = await db.insertInto('charging_sessions').values(row)
    .onConflict(oc => oc.column('active_port_key').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1
}

export async function findSession (db: Executor, id: string): Promise<ChargingSessionRow | undefined> {
  return db.selectFrom('charging_sessions').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The session if it runs on this pile (another pile's session id is unknown here). */
export async function findSessionOnDevice (db: Executor, id: string, deviceId: string): Promise<ChargingSessionRow | undefined> {
  return db.selectFrom('charging_sessions').selectAll().where('id', '=', id).where('device_id', '=', deviceId).executeTakeFirst()
}

export async function findSessionByStartCommand (db: Executor, deviceId: string, cmdId: string): Promise<ChargingSessionRow | undefined> {
  return db.selectFrom('charging_sessions').selectAll().where('start_cmd_id', '=', cmdId).where('device_id', '=', deviceId).executeTakeFirst()
}

export async function liveSessionOnPort (db: Executor, deviceId: string, port: number): Promise<ChargingSessionRow | undefined> {
  return db.selectFrom('charging_sessions').selectAll().where('active_port_key', '=', portKey(deviceId, port)).executeTakeFirst()
}

export type SessionPatch = Partial<Pick<ChargingSessionRow, 'status' | 'active_port_key' | 'cost_points' | 'charged_points' | 'last_power_w' | 'end_reason' | 'last_heard_at_ms' | 'ended_at_ms' | 'energy_wh'>> & { state?: ChargingSession }

export async function updateSession (db: Executor, id: string, patch: SessionPatch): Promise<void> {
  const { state, ...columns } = patch
  await db.updateTable('charging_sessions').set({ ...columns, ...(state != null ? { state: JSON.stringify(state) } : {}) }).where('id', '=', id).execute()
}

/** Records a meter value once per (session, seq). */
export async function insertMeterValue (db: Executor, value: ChargingMeterValue): Promise<void> {
  await db.insertInto('charging_meter_values').values(value).onConflict(oc => oc.columns(['session_id', 'seq']).doNothing()).execute()
}

export async function meterCurve (db: Executor, sessionId: string): Promise<ChargingMeterValue[]> {
  return db.selectFrom('charging_meter_values').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute()
}

/** The open sessions of a pile with their latest power: the pile's total load. */
export async function pileLoads (db: Executor, deviceId: string): Promise<Array<Pick<ChargingSessionRow, 'id' | 'last_power_w' | 'created_at_ms'>>> {
  return db.selectFrom('charging_sessions').select(['id', 'last_power_w', 'created_at_ms']).where('device_id', '=', deviceId).where('status', '=', 'open').execute()
}

export async function sessionsInStatus (db: Executor, status: ChargingSessionStatus, opts: { createdBeforeMs?: number, limit?: number }): Promise<ChargingSessionRow[]> {
  let q = db.selectFrom('charging_sessions').selectAll().where('status', '=', status)
  if (opts.createdBeforeMs != null) q = q.where('created_at_ms', '<', opts.createdBeforeMs)
  return q.orderBy('created_at_ms').limit(opts.limit ?? 500).execute()
}

/** The shortest silence timeout a session may have (chargingLimitsSchema): it bounds the index range read. */
const MIN_SILENCE_TIMEOUT_MS = 60_000

/**
 * Ids of open sessions not heard from for their own silence timeout at `nowMs`, longest
 * silent first. Only those: a busy session is neither read nor locked by the sweep.
 */
export async function silentSessionIds (db: Executor, nowMs: number, limit: number): Promise<string[]> {
  const silentAt = sql<number>`last_heard_at_ms + silence_timeout_ms`
  const rows = await db.selectFrom('charging_sessions').select('id')
    .where('status', '=', 'open')
    .where('last_heard_at_ms', '<=', nowMs - MIN_SILENCE_TIMEOUT_MS)
    .where(silentAt, '<=', nowMs)
    .orderBy(silentAt).orderBy('id').limit(limit).execute()
  return rows.map(r => r.id)
}

/**
 * Locks the session's row for this transaction before it is read (a no-op update, as the
 * ledger locks a household): a pile's event and the sweep then never both read the same state
 * and write over each other on PostgreSQL; SQLite's one writer already serialises them.
 */
export async function lockSession (db: Executor, id: string): Promise<void> {
  await db.updateTable('charging_sessions').set(eb => ({ status: eb.ref('status') })).where('id', '=', id).execute()
}
