// The kiosk flow's reads and writes, as precompiled statements (each built
// and compiled once per dialect, services/store/prepared.ts): they run for
// every swipe and deposit.
import type { Deposit, Household, KioskSession } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { prepare, rowOf } from '../store/prepared.ts'

const sessionColumns = ['id', 'device_id', 'site_id', 'household_id', 'swipe_event_id', 'opened_at_ms', 'open_expires_at_ms', 'deposit_expires_at_ms', 'local_day', 'status', 'door_state', 'deposit_event_id'] as const
const depositColumns = ['id', 'device_id', 'site_id', 'session_id', 'household_id', 'event_id', 'lines', 'total_grams', 'points_computed', 'points_credited', 'outcome', 'entry_id', 'local_day', 'device_ts', 'received_at_ms'] as const

const householdById = prepare<{ id: string }, Household>((db, p) => db.selectFrom('households').selectAll().where('id', '=', p.id))
const insertSession = prepare<KioskSession>((db, p) => db.insertInto('kiosk_sessions').values(rowOf(p, sessionColumns)))
const sessionOnDevice = prepare<{ id: string, deviceId: string }, KioskSession>((db, p) => db.selectFrom('kiosk_sessions').selectAll()
  .where('id', '=', p.id).where('device_id', '=', p.deviceId))
const doorOnDevice = prepare<{ id: string, deviceId: string, state: 'opened' | 'closed' }>((db, p) => db.updateTable('kiosk_sessions')
  .set({ door_state: p.state }).where('id', '=', p.id).where('device_id', '=', p.deviceId))
const markDeposited = prepare<{ id: string, eventId: string }>((db, p) => db.updateTable('kiosk_sessions')
  .set({ status: 'deposited', deposit_event_id: p.eventId }).where('id', '=', p.id))
const insertDeposit = prepare<Deposit>((db, p) => db.insertInto('deposits').values(rowOf(p, depositColumns)))
const balanceById = prepare<{ id: string }, { balance_points: number }>((db, p) => db.selectFrom('households').select('balance_points').where('id', '=', p.id))

export const findHousehold = (db: Executor, id: string) => householdById.first(db, { id })
export const openSession = (db: Executor, session: KioskSession) => insertSession.run(db, session)
/** The session, if it was opened on this kiosk (another kiosk's session id is unknown here). */
export const findSession = (db: Executor, id: string, deviceId: string) => sessionOnDevice.first(db, { id, deviceId })
/** One conditional update: false when this kiosk has no such session. */
export const setDoorState = async (db: Executor, id: string, deviceId: string, state: 'opened' | 'closed') => await doorOnDevice.affected(db, { id, deviceId, state }) === 1
export async function recordDeposit (db: Executor, deposit: Deposit): Promise<void> {
  await insertDeposit.run(db, deposit)
  await markDeposited.run(db, { id: deposit.session_id, eventId: deposit.event_id })
}
export async function balanceOf (db: Executor, householdId: string): Promise<number> {
  return (await balanceById.first(db, { id: householdId }))?.balance_points ?? 0
}
