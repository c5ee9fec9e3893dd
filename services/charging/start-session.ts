// Starting a charging session, by a card swipe at the pile or by a scan over
// HTTP: port free? tariff set? then hold what the household can spare (the
// tariff's default hold, or what the resident asked up to its maximum), record
// the session with the tariff version in force now, and make the start command.
// Runs inside the caller's transaction; never throws for a refusal (a device
// event must end applied): a refusal is a deny with its reason.
import type { ChargingDenyReason, StartChargingCommand } from '../../schemas/charging.ts'
import { errorCodes } from '../../schemas/error-codes.ts'
import { newId } from '../ids.ts'
import { affordableHold, placeHold } from '../ledger/holds.ts'
import type { ChargingSessionRow, Device, Household } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { openSession } from './session-events.ts'
import { insertSession, liveSessionOnPort, portKey } from './session-repository.ts'
import { tariffInForce } from './tariff-repository.ts'

/** How long the pile has to carry out a start command (re-sent on reconnect meanwhile). */
export const START_COMMAND_TTL_MS = 2 * 60_000

export interface StartRequest {
  device: Device
  port: number
  household: Household
  cardUid: string | null
  startedBy: 'card' | 'scan'
  staffId: string | null
  /** Points the resident wants held; the tariff's default when absent, never above its maximum. */
  holdPoints?: number | undefined
  nowMs: number
}

export type StartOutcome =
  | { kind: 'started', session: ChargingSessionRow, command: StartChargingCommand }
  | { kind: 'denied', reason: ChargingDenyReason, message: string }

const deny = (reason: ChargingDenyReason, message: string = errorCodes[reason]): StartOutcome => ({ kind: 'denied', reason, message })

export async function startChargingSession (db: Executor, r: StartRequest): Promise<StartOutcome> {
  if (await liveSessionOnPort(db, r.device.id, r.port) != null) return deny('PORT_BUSY', `port ${r.port} already has a charging session`)
  const inForce = await tariffInForce(db, r.device.site_id, r.device.id)
  if (inForce == null) return deny('TARIFF_MISSING')
  const wanted = Math.min(r.holdPoints ?? inForce.row.hold_default_points, inForce.row.hold_max_points)
  const holdPoints = await affordableHold(db, r.household.id, wanted)
  // a session must be able to pay something: at least one point, and its start fee and minimum
  const leastPoints = Math.max(1, inForce.tariff.startFeePoints + (inForce.tariff.pricing.kind === 'free' ? 0 : inForce.tariff.minCostPoints))
  if (holdPoints < leastPoints) return deny('INSUFFICIENT_POINTS', `${holdPoints} points available; a session here needs at least ${leastPoints}`)

  const sessionId = newId('chg', r.nowMs)
  const holdId = `charging:${sessionId}`
  const cmdId = newId('cmd', r.nowMs)
  const state = openSession({ sessionId, port: r.port, holdPoints, tariff: inForce.tariff, limits: inForce.limits, nowMs: r.nowMs })
  const session: ChargingSessionRow = {
    id: sessionId, site_id: r.device.site_id, device_id: r.device.id, port: r.port, household_id: r.household.id, card_uid: r.cardUid,
    started_by: r.startedBy, staff_id: r.staffId, status: 'starting', active_port_key: portKey(r.device.id, r.port),
    tariff_id: inForce.row.id, hold_id: holdId, hold_points: holdPoints, start_cmd_id: cmdId, state: JSON.stringify(state),
    cost_points: null, charged_points: null, last_power_w: null, end_reason: null, created_at_ms: r.nowMs, last_heard_at_ms: r.nowMs,
    silence_timeout_ms: state.limits.silenceTimeoutMinutes * 60_000, ended_at_ms: null, energy_wh: null
  }
  // the port's unique key decides a race between a swipe and a scan: the loser holds nothing
  if (!await insertSession(db, session)) return deny('PORT_BUSY', `port ${r.port} already has a charging session`)
  await placeHold(db, { holdId, householdId: r.household.id, points: holdPoints, refType: 'charging_session', refId: sessionId, nowMs: r.nowMs })
  const command: StartChargingCommand = { type: 'start-charging', cmdId, ts: r.nowMs, sessionId, port: r.port, holdPoints }
  return { kind: 'started', session, command }
}
