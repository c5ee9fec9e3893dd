// The pile's events, inside the batch transaction: a swipe starts a session
// (or is denied), the ack of a start command opens it (or releases its hold),
// session events go through the pure core (session-events.ts) and its effects
// are carried out (session-effects.ts). Every event ends applied: an event for
// a session the backend does not know, a stop included, is recorded with the
// outcome `unknown_session` and acknowledged, never refused.
import type { ChargingMeterEvent, ChargingStartedEvent, ChargingStoppedEvent, ChargingSwipeEvent } from '../../schemas/charging.ts'
import type { CommandAckEvent } from '../../schemas/device-events.ts'
import { errorCodes } from '../../schemas/error-codes.ts'
import { ackCommand } from '../devices/command-delivery.ts'
import { newId } from '../ids.ts'
import type { CommandToSend, EventContext, HandlerResult } from '../ingest/event-context.ts'
import { findHousehold } from '../kiosk/kiosk-repository.ts'
import { decideSwipe } from '../kiosk/swipe-decision.ts'
import { releaseHold } from '../ledger/holds.ts'
import type { ChargingSessionRow } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { pileOverPowerStops } from './stop-conditions.ts'
import { applySessionEvent, type ChargingSessionEvent } from './session-events.ts'
import { raiseChargerAlarm, stopCommand, storeStep } from './session-effects.ts'
import { findSession, findSessionByStartCommand, findSessionOnDevice, insertMeterValue, lockSession, pileLoads, sessionState, updateSession } from './session-repository.ts'
import { START_COMMAND_TTL_MS, startChargingSession } from './start-session.ts'

const DENY_COMMAND_TTL_MS = 60_000

type Applied = Extract<HandlerResult, { kind: 'applied' }>
const applied = (summary: Record<string, unknown>, commands: CommandToSend[] = []): Applied => ({ kind: 'applied', summary, commands })

export async function handleChargingSwipe (ctx: EventContext, event: ChargingSwipeEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  const card = await ctx.registry.card(event.card)
  const household = card?.household_id != null ? await findHousehold(db, card.household_id) : undefined
  const decision = decideSwipe(device, card, household)
  const outcome = decision.kind === 'deny'
    ? { kind: 'denied' as const, reason: decision.reason, message: errorCodes[decision.reason] }
    : await startChargingSession(db, { device, port: event.port, household: decision.household, cardUid: event.card, startedBy: 'card', staffId: null, nowMs: now })
  if (outcome.kind === 'denied') {
    const cmdId = newId('cmd', now)
    const deny: CommandToSend = {
      command: { type: 'deny-charging', cmdId, ts: now, swipeEventId: event.eventId, port: event.port, reason: outcome.reason, message: outcome.message },
      expiresAtMs: now + DENY_COMMAND_TTL_MS
    }
    return applied({ decision: 'deny', reason: outcome.reason, port: event.port, cmdId }, [deny])
  }
  const { session, command } = outcome
  return applied({ decision: 'start', sessionId: session.id, householdId: session.household_id, holdPoints: session.hold_points, cmdId: command.cmdId },
    [{ command, expiresAtMs: now + START_COMMAND_TTL_MS }])
}

/** A pile's command ack: every device's ack, plus the start of a session when it acks a start command. */
export async function handleChargerAck (ctx: EventContext, ack: CommandAckEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  if (!await ackCommand(db, device.id, ack, now)) return { kind: 'rejected', code: 'COMMAND_UNKNOWN', message: `no command ${ack.cmdId} for this device` }
  const found = await findSessionByStartCommand(db, device.id, ack.cmdId)
  if (found != null) await lockSession(db, found.id)
  const session = found == null ? undefined : await findSession(db, found.id)
  const summary = { cmdId: ack.cmdId, ok: ack.ok }
  if (session == null || session.status !== 'starting') return { ...applied(summary), commandAcked: true }
  if (ack.ok) {
    await updateSession(db, session.id, { status: 'open', last_heard_at_ms: Math.max(session.last_heard_at_ms, now) })
    return { ...applied({ ...summary, sessionId: session.id, session: 'open' }), commandAcked: true }
  }
  await releaseHold(db, session.hold_id, 'START_REFUSED', now)
  await updateSession(db, session.id, { status: 'refused', active_port_key: null, end_reason: 'START_REFUSED', ended_at_ms: now, charged_points: 0, cost_points: 0 })
  return { ...applied({ ...summary, sessionId: session.id, session: 'refused' }), commandAcked: true }
}

/**
 * The pile started after its hold was released (start refused or timed out): record what it
 * reports, ask it once to stop, charge nothing (the energy is written off; docs/charging.md).
 */
async function afterRelease (db: Executor, row: ChargingSessionRow, event: ChargingSessionEvent, now: number): Promise<HandlerResult> {
  const state = sessionState(row)
  if (event.type === 'stopped' || state.stopRequested != null) return applied({ sessionId: row.id, outcome: 'after_release' })
  await updateSession(db, row.id, { state: { ...state, stopRequested: 'START_TIMEOUT' } })
  return applied({ sessionId: row.id, outcome: 'after_release' }, [stopCommand(row.id, row.port, 'START_TIMEOUT', now)])
}

/** Pile total over-power: stop the newest sessions until the rest fit (stop-conditions.ts). */
async function pileOverPower (db: Executor, row: ChargingSessionRow, now: number): Promise<CommandToSend[]> {
  const limits = sessionState(row).limits
  const loads = (await pileLoads(db, row.device_id)).map(l => ({ sessionId: l.id, powerW: l.last_power_w ?? 0, startedAtMs: l.created_at_ms }))
  const toStop = pileOverPowerStops(loads, limits.maxPilePowerW)
  const commands: CommandToSend[] = []
  for (const sessionId of toStop) {
    // locked before it is read, like the event's own session: the sweep may be settling it, and
    // writing back what was read before its commit would undo the settlement (PostgreSQL)
    await lockSession(db, sessionId)
    const other = await findSession(db, sessionId)
    if (other?.status !== 'open') continue
    const state = sessionState(other)
    if (state.stopRequested != null) continue
    await updateSession(db, other.id, { state: { ...state, stopRequested: 'PILE_OVER_POWER' } })
    commands.push(stopCommand(other.id, other.port, 'PILE_OVER_POWER', now))
  }
  if (commands.length > 0) await raiseChargerAlarm(db, row, 'PILE_OVER_POWER', '', now)
  return commands
}

async function handleSessionEvent (ctx: EventContext, event: ChargingSessionEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  const { sessionId, seq } = event.body
  await lockSession(db, sessionId)
  const row = await findSessionOnDevice(db, sessionId, device.id)
  if (row == null) return applied({ sessionId, seq, outcome: 'unknown_session' })
  if (row.status === 'refused' || row.status === 'start_timeout') return afterRelease(db, row, event, now)
  const step = applySessionEvent(sessionState(row), event, now)
  const recorded = step.outcome !== 'duplicate' && step.outcome !== 'after_stop' && step.outcome !== 'wrong_port'
  if (event.type === 'meter' && recorded) {
    const m = event.body
    await insertMeterValue(db, { session_id: row.id, seq: m.seq, device_ts: m.ts, energy_wh: m.energyWh, power_w: m.powerW, voltage_v: m.voltageV, temperature_c: m.temperatureC ?? null, received_at_ms: now })
  }
  // the pile reporting anything about the session means it started, even if its ack was lost
  const newest = event.type === 'meter' && recorded && step.session?.readings.at(-1)?.seq === seq
  const commands = await storeStep(db, row, step, now, {
    ...(row.status === 'starting' && recorded ? { status: 'open' as const } : {}),
    ...(newest ? { last_power_w: event.body.powerW } : {})
  })
  if (newest && step.session?.status === 'open') commands.push(...await pileOverPower(db, row, now))
  return applied({ sessionId, seq, outcome: step.outcome }, commands)
}

export const handleChargingStarted = (ctx: EventContext, body: ChargingStartedEvent) => handleSessionEvent(ctx, { type: 'started', body })
export const handleChargingMeter = (ctx: EventContext, body: ChargingMeterEvent) => handleSessionEvent(ctx, { type: 'meter', body })
export const handleChargingStopped = (ctx: EventContext, body: ChargingStoppedEvent) => handleSessionEvent(ctx, { type: 'stopped', body })
