// Carries out what the pure session core decided (session-events.ts effects),
// inside the caller's transaction: stop commands to record and send, alarms,
// the settlement of the hold (charge + release, once), the refund of a late
// stop; then stores the session's new state. Used by the pile's event
// handlers and by the periodic sweep alike, so both end a session the same way.
import type { StopCommandReason } from '../../schemas/charging.ts'
import { raiseAlarm } from '../alarms/alarm-repository.ts'
import { newId } from '../ids.ts'
import type { CommandToSend } from '../ingest/event-context.ts'
import { settleHold } from '../ledger/holds.ts'
import { appendEntry } from '../ledger/ledger.ts'
import type { ChargingSessionRow, ChargingSessionStatus } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import type { SessionEffect, SessionStep } from './session-events.ts'
import { updateSession, type SessionPatch } from './session-repository.ts'

/** A stop must reach the pile even after a long outage: it is re-sent on every reconnect for a day. */
export const STOP_COMMAND_TTL_MS = 24 * 3_600_000

export const alarmTypes = { OVER_POWER: 'CHARGER_OVER_POWER', OVER_TEMPERATURE: 'CHARGER_OVER_TEMPERATURE', PILE_OVER_POWER: 'CHARGER_PILE_OVER_POWER' } as const

export function stopCommand (sessionId: string, port: number, reason: StopCommandReason, nowMs: number): CommandToSend {
  return { command: { type: 'stop-charging', cmdId: newId('cmd', nowMs), ts: nowMs, sessionId, port, reason }, expiresAtMs: nowMs + STOP_COMMAND_TTL_MS }
}

export async function raiseChargerAlarm (db: Executor, row: Pick<ChargingSessionRow, 'site_id' | 'device_id' | 'id'>, type: keyof typeof alarmTypes, source: string, nowMs: number): Promise<void> {
  await raiseAlarm(db, {
    key: { siteId: row.site_id, deviceId: row.device_id, type: alarmTypes[type], source },
    severity: 'major',
    message: `${type.replaceAll('_', ' ').toLowerCase()} on ${source === '' ? 'the pile' : source} (session ${row.id})`
  }, { kind: 'device', id: row.device_id }, nowMs)
}

async function carryOut (db: Executor, row: ChargingSessionRow, effect: SessionEffect, nowMs: number, commands: CommandToSend[]): Promise<SessionPatch> {
  switch (effect.kind) {
    case 'stop-command':
      commands.push(stopCommand(effect.sessionId, effect.port, effect.reason, nowMs))
      return {}
    case 'alarm':
      await raiseChargerAlarm(db, row, effect.code, `port ${effect.port}`, nowMs)
      return {}
    case 'settle': {
      const { settlement } = effect
      await settleHold(db, { holdId: row.hold_id, chargePoints: settlement.chargePoints, chargeKey: settlement.chargeKey, reason: effect.reason, nowMs })
      return {
        cost_points: settlement.costPoints, charged_points: settlement.chargePoints, end_reason: effect.reason,
        ended_at_ms: nowMs, active_port_key: null, energy_wh: effect.usage?.energyWh ?? 0
      }
    }
    case 'reconcile': {
      const { reconciliation: r } = effect
      if (r.refundPoints > 0) {
        await appendEntry(db, {
          householdId: row.household_id, kind: 'refund', points: r.refundPoints, idempotencyKey: r.refundKey,
          refType: 'charging_session', refId: row.id, reason: 'late stop: the silent settlement charged more than the session cost', nowMs
        })
      }
      // the late stop is the true record: the reports' energy follows it
      return { cost_points: r.trueCostPoints, charged_points: r.chargedPoints - r.refundPoints, energy_wh: effect.usage.energyWh }
    }
  }
}

/**
 * Applies a step of the core to its stored session. `status` overrides the row's status while
 * the core still calls the session open (starting → open when the pile is heard from).
 */
export async function storeStep (db: Executor, row: ChargingSessionRow, step: SessionStep, nowMs: number, extra: SessionPatch = {}): Promise<CommandToSend[]> {
  const session = step.session
  if (session == null) return []
  const commands: CommandToSend[] = []
  let patch: SessionPatch = { ...extra }
  for (const effect of step.effects) patch = { ...patch, ...await carryOut(db, row, effect, nowMs, commands) }
  const status: ChargingSessionStatus = session.status === 'open' ? (extra.status ?? row.status) : session.status
  await updateSession(db, row.id, { ...patch, status, state: session, last_heard_at_ms: session.lastHeardAtMs })
  return commands
}
