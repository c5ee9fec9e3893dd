// What the staff HTTP API does with charging, with the caller's site checked:
// scan-to-charge (a staff member acting for a household; residents start from
// their phone through services/residents/resident-charging.ts), tariff
// versions per site and pile, history per household and per pile, and the
// dispute view of one session.
import type { ScanToChargeBody, SetTariffBody } from '../../schemas/http-charging.ts'
import { DomainError } from '../errors.ts'
import { spendingHousehold } from '../counter/households.ts'
import { commandMessage, type OutgoingMessage } from '../devices/command-delivery.ts'
import { recordRelayedCommand, relayedMessage } from '../devices/command-relay.ts'
import { getDevice } from '../devices/device-registry.ts'
import { findHold } from '../ledger/holds.ts'
import { getHousehold } from '../households/household-registry.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { ChargingMeterValue, ChargingSessionRow, Device, Household, LedgerEntry, PointHold } from '../store/database.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { findSession, lockSession, meterCurve, sessionState, updateSession } from './session-repository.ts'
import { stopCommand } from './session-effects.ts'
import { START_COMMAND_TTL_MS, startChargingSession } from './start-session.ts'
import { addTariffVersion, tariffById, tariffVersions, type TariffInForce } from './tariff-repository.ts'

export async function chargerFor (db: Executor, actor: Pick<Actor, 'siteId'>, deviceId: string): Promise<Device> {
  const device = await getDevice(db, deviceId)
  assertSite(actor, device.site_id)
  if (device.kind !== 'charger') throw new DomainError('DEVICE_NOT_CHARGER', `device ${deviceId} is a ${device.kind}`)
  return device
}

export interface ScanStarted { session: ChargingSessionRow, cmdId: string, message: OutgoingMessage }

/** Starts a session as a swipe at the pile would; a refusal is a DomainError with the deny reason (nothing held). */
export async function scanToCharge (db: Executor, actor: Actor, body: ScanToChargeBody, nowMs = Date.now()): Promise<ScanStarted> {
  return inTransaction(db, async trx => {
    const device = await chargerFor(trx, actor, body.deviceId)
    const household = await spendingHousehold(trx, actor, { householdId: body.householdId, cardUid: body.cardUid })
    return startScan(trx, { device, household, port: body.port, cardUid: body.cardUid ?? null, staffId: actor.id, holdPoints: body.holdPoints, nowMs })
  })
}

export interface ScanStart { device: Device, household: Household, port: number, cardUid: string | null, staffId: string | null, holdPoints: number | undefined, nowMs: number }

/** The start itself, for staff (above) and residents (services/residents/resident-charging.ts), in the caller's transaction. */
export async function startScan (trx: Executor, s: ScanStart): Promise<ScanStarted> {
  if (s.household.site_id !== s.device.site_id) throw new DomainError('CARD_WRONG_SITE', `household ${s.household.id} belongs to another site than pile ${s.device.id}`)
  if (s.device.status !== 'active') throw new DomainError('DEVICE_DISABLED')
  const started = await startChargingSession(trx, {
    device: s.device, port: s.port, household: s.household, cardUid: s.cardUid, startedBy: 'scan', staffId: s.staffId, holdPoints: s.holdPoints, nowMs: s.nowMs
  })
  if (started.kind === 'denied') throw new DomainError(started.reason, started.message)
  await recordRelayedCommand(trx, s.device.id, started.command, s.nowMs + START_COMMAND_TTL_MS)
  return { session: started.session, cmdId: started.command.cmdId, message: relayedMessage(s.device.id, started.command) }
}

/**
 * Sends a scan's recorded start to the pile, for the first answer and for an
 * idempotent replay alike: while the command is pending it is sent (again:
 * piles de-duplicate by cmdId). True: sent now, or the pile acked it already.
 */
export async function deliverStart (db: Executor, sender: { send: (m: OutgoingMessage) => boolean }, deviceId: string, cmdId: string, nowMs = Date.now()): Promise<boolean> {
  const row = await db.selectFrom('commands').select(['payload', 'status', 'expires_at_ms']).where('cmd_id', '=', cmdId).where('device_id', '=', deviceId).executeTakeFirst()
  if (row == null) return false
  if (row.status === 'acked') return true
  return row.status === 'pending' && row.expires_at_ms > nowMs && sender.send({ ...commandMessage(deviceId, row), cmdId })
}

/** A new tariff version for a site (deviceId null) or one pile; the store numbers it. */
export async function setTariff (db: Executor, actor: Actor, target: { siteId: string, deviceId: string | null }, body: SetTariffBody, nowMs = Date.now()): Promise<TariffInForce> {
  assertSite(actor, target.siteId)
  if (target.deviceId != null) {
    const device = await chargerFor(db, actor, target.deviceId)
    if (device.site_id !== target.siteId) throw new DomainError('DEVICE_UNKNOWN', `pile ${target.deviceId} is not at site ${target.siteId}`)
  }
  if (body.holdDefaultPoints > body.holdMaxPoints) throw new DomainError('VALIDATION_FAILED', 'holdDefaultPoints must not exceed holdMaxPoints')
  return addTariffVersion(db, {
    siteId: target.siteId, deviceId: target.deviceId, tariff: body.tariff, limits: body.limits,
    holdDefaultPoints: body.holdDefaultPoints, holdMaxPoints: body.holdMaxPoints, createdBy: actor.id, nowMs
  })
}

export async function tariffHistory (db: Executor, actor: Actor, siteId: string, deviceId: string | null): Promise<TariffInForce[]> {
  assertSite(actor, siteId)
  return tariffVersions(db, siteId, deviceId)
}

export async function householdSessions (db: Executor, actor: Pick<Actor, 'siteId'>, householdId: string, limit: number): Promise<ChargingSessionRow[]> {
  assertSite(actor, (await getHousehold(db, householdId)).site_id)
  return db.selectFrom('charging_sessions').selectAll().where('household_id', '=', householdId).orderBy('created_at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

export async function pileSessions (db: Executor, actor: Actor, deviceId: string, limit: number): Promise<ChargingSessionRow[]> {
  await chargerFor(db, actor, deviceId)
  return db.selectFrom('charging_sessions').selectAll().where('device_id', '=', deviceId).orderBy('created_at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

export interface SessionDispute {
  session: ChargingSessionRow
  tariff: TariffInForce
  meterCurve: ChargingMeterValue[]
  hold: PointHold
  ledgerEntries: LedgerEntry[]
  stop: unknown
}

/** Everything needed to answer "why was I charged this": meter curve, tariff version, hold and ledger entries. */
export async function sessionDispute (db: Executor, actor: Actor, sessionId: string): Promise<SessionDispute> {
  const session = await db.selectFrom('charging_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst()
  if (session == null) throw new DomainError('CHARGING_SESSION_UNKNOWN')
  assertSite(actor, session.site_id)
  const [tariff, curve, hold, ledgerEntries] = await Promise.all([
    tariffById(db, session.tariff_id), meterCurve(db, session.id), findHold(db, session.hold_id),
    db.selectFrom('ledger_entries').selectAll().where('ref_type', '=', 'charging_session').where('ref_id', '=', session.id).orderBy('id').execute()
  ])
  if (tariff == null || hold == null) throw new Error(`session ${session.id} names a tariff or hold that is not stored`)
  return { session, tariff, meterCurve: curve, hold, ledgerEntries, stop: sessionState(session).stop }
}

export interface StopRequested { session: ChargingSessionRow, message: OutgoingMessage | null }

/**
 * Asks the pile to stop a live session (the resident, or staff for them). The session settles
 * when the pile reports its stop; asking again sends nothing new (the stop is asked once).
 */
export async function requestUserStop (db: Executor, actor: Pick<Actor, 'siteId'>, sessionId: string, nowMs = Date.now()): Promise<StopRequested> {
  return inTransaction(db, async trx => {
    await lockSession(trx, sessionId)
    const session = await findSession(trx, sessionId)
    if (session == null) throw new DomainError('CHARGING_SESSION_UNKNOWN')
    assertSite(actor, session.site_id)
    if (session.status !== 'starting' && session.status !== 'open') throw new DomainError('CONFLICT', `session ${sessionId} is ${session.status}: nothing to stop`)
    const state = sessionState(session)
    if (state.stopRequested != null) return { session, message: null }
    await updateSession(trx, session.id, { state: { ...state, stopRequested: 'USER' } })
    const { command, expiresAtMs } = stopCommand(session.id, session.port, 'USER', nowMs)
    await recordRelayedCommand(trx, session.device_id, command, expiresAtMs)
    return { session, message: relayedMessage(session.device_id, command) }
  })
}
