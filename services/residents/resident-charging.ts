// Scan-to-charge from a resident's phone: the pile and port from its QR code,
// paid from the resident's household's points, exactly once per
// Idempotency-Key (services/counter/idempotency.ts). The resident stops and
// lists only their household's sessions; another household's session is not found.
import type { Kysely } from 'kysely'
import type { ResidentScanToChargeBody } from '../../schemas/http-residents.ts'
import { chargerFor, householdSessions, requestUserStop, startScan, type StopRequested } from '../charging/charging-api.ts'
import { findSession } from '../charging/session-repository.ts'
import { idempotent } from '../counter/idempotency.ts'
import { DomainError } from '../errors.ts'
import { getHousehold } from '../households/household-registry.ts'
import type { ChargingSessionRow, Database } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { callerOf } from './resident-accounts.ts'
import type { Resident } from './tables.ts'

export interface ResidentScanAnswer { session: ChargingSessionRow, cmdId: string }

export async function residentScanToCharge (db: Kysely<Database>, resident: Resident, idempotencyKey: string, body: ResidentScanToChargeBody, nowMs = Date.now()) {
  return idempotent<ResidentScanAnswer>(db, { scope: `resident-charging:${resident.id}`, key: idempotencyKey, request: body }, async trx => {
    const device = await chargerFor(trx, callerOf(resident), body.deviceId)
    const household = await getHousehold(trx, resident.household_id)
    if (household.status !== 'active') throw new DomainError('HOUSEHOLD_INACTIVE')
    const started = await startScan(trx, { device, household, port: body.port, cardUid: null, staffId: null, holdPoints: body.holdPoints, nowMs })
    await trx.insertInto('resident_charging_sessions').values({ session_id: started.session.id, resident_id: resident.id }).execute()
    return { statusCode: 201, response: { session: started.session, cmdId: started.cmdId } }
  }, nowMs)
}

export async function stopResidentSession (db: Executor, resident: Resident, sessionId: string, nowMs = Date.now()): Promise<StopRequested> {
  const session = await findSession(db, sessionId)
  if (session == null || session.household_id !== resident.household_id) throw new DomainError('CHARGING_SESSION_UNKNOWN')
  return requestUserStop(db, callerOf(resident), sessionId, nowMs)
}

export async function residentSessions (db: Executor, resident: Resident, limit: number): Promise<ChargingSessionRow[]> {
  return householdSessions(db, callerOf(resident), resident.household_id, limit)
}
