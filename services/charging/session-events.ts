// The pure charging session state machine: (session, pile event) → (session,
// outcome, effects). No I/O: the repository stores the session (a plain,
// JSON-serialisable object) and carries out the effects. Rules, also in
// docs/charging.md:
//
// Ordering. Sessions are ordered by the pile's `seq`, never by arrival. A seq
//   seen before is a duplicate and changes nothing. Meter values are
//   cumulative snapshots, so an out-of-order one is applied at once, in its
//   place by seq, not buffered: a gap that never fills cannot stall a session.
//   Only a reading newer than every other one is checked for stop conditions,
//   so a replayed old reading never stops a port.
// Stop. The stop closes the session at its seq: readings numbered after it
//   are dropped even if they arrived first, and anything arriving after a
//   stop-settled session is ignored ('after_stop'). The session then settles
//   once: cost from the readings, the stop's device time and the highest
//   cumulative energy (energy and time never go backwards).
// Unknown session. Any event for a session the backend does not know,
//   including a stop, is 'unknown_session': recorded and acknowledged by the
//   caller, never refused.
// Silence. No event for silenceTimeoutMinutes (server clock: it decides only
//   WHEN, never what is billed) settles the session from its last meter value
//   with reason PILE_SILENT and tells the pile to stop. With no meter value at
//   all, nothing was metered and nothing is charged.
// Late stop. After a PILE_SILENT settlement, late events are still merged in
//   seq order (they are the true record); the first stop reconciles once
//   (settlement.ts: refund or write-off, never a second charge).
import type { ChargingLimits, ChargingMeterEvent, ChargingStartedEvent, ChargingStoppedEvent, StopCommandReason, StopReason, Tariff } from '../../schemas/charging.ts'
import { reconcileLateStop, settle, type Reconciliation, type Settlement } from './settlement.ts'
import { stopConditionFor } from './stop-conditions.ts'
import { chargingCost, costTowardsHold, type MeterReading, type SessionUsage, type TariffCost } from './tariff.ts'

export type ChargingSessionEvent =
  | { type: 'started', body: ChargingStartedEvent }
  | { type: 'meter', body: ChargingMeterEvent }
  | { type: 'stopped', body: ChargingStoppedEvent }

/** open → stopped (the pile's stop) | silent (PILE_SILENT) → reconciled (a late stop). */
export type SessionStatus = 'open' | 'stopped' | 'silent' | 'reconciled'

export interface ChargingSession {
  sessionId: string
  port: number
  holdPoints: number
  /** The tariff version in force at the start: it applies to the whole session. */
  tariff: Tariff
  limits: ChargingLimits
  status: SessionStatus
  started: { seq: number, atMs: number } | null
  readings: MeterReading[]
  stop: { seq: number, atMs: number, reason: StopReason, energyWh: number } | null
  /** The stop the backend asked for, asked once. */
  stopRequested: StopCommandReason | null
  /** Server clock of the last event heard: for silence detection only. */
  lastHeardAtMs: number
  settlement: Settlement | null
}

export type SessionOutcome =
  | 'applied' | 'duplicate' | 'after_stop' | 'unknown_session' | 'wrong_port'
  | 'stopped' | 'silent' | 'applied_after_settlement' | 'late_stop'

export type SessionEffect =
  | { kind: 'stop-command', sessionId: string, port: number, reason: StopCommandReason }
  | { kind: 'alarm', sessionId: string, port: number, code: 'OVER_POWER' | 'OVER_TEMPERATURE' }
  | { kind: 'settle', endedBy: 'stop' | 'silent', reason: StopReason | 'PILE_SILENT', usage: SessionUsage | null, cost: TariffCost | null, settlement: Settlement }
  | { kind: 'reconcile', usage: SessionUsage, cost: TariffCost, reconciliation: Reconciliation }

export interface SessionStep { session: ChargingSession | null, outcome: SessionOutcome, effects: SessionEffect[] }

export interface OpenSession { sessionId: string, port: number, holdPoints: number, tariff: Tariff, limits: ChargingLimits, nowMs: number }

/** A session as the backend starts it (hold placed, start command sent). */
export function openSession (o: OpenSession): ChargingSession {
  return {
    sessionId: o.sessionId, port: o.port, holdPoints: o.holdPoints, tariff: o.tariff, limits: o.limits,
    status: 'open', started: null, readings: [], stop: null, stopRequested: null, lastHeardAtMs: o.nowMs, settlement: null
  }
}

const seen = (s: ChargingSession, seq: number) => s.started?.seq === seq || s.stop?.seq === seq || s.readings.some(r => r.seq === seq)
const newestSeq = (s: ChargingSession) => Math.max(s.started?.seq ?? -1, ...s.readings.map(r => r.seq))

/** What was used up to `end` (the stop), or up to the last reading when end is null. */
export function usageOf (s: ChargingSession, end: { seq: number, atMs: number, energyWh: number } | null): SessionUsage | null {
  const readings = end == null ? s.readings : s.readings.filter(r => r.seq < end.seq)
  const last = readings.at(-1)
  if (end == null && last == null) return null
  const startedAtMs = s.started?.atMs ?? readings[0]?.atMs ?? end?.atMs ?? 0
  return {
    startedAtMs,
    endedAtMs: Math.max(startedAtMs, end?.atMs ?? 0, last?.atMs ?? 0),
    energyWh: Math.max(end?.energyWh ?? 0, ...readings.map(r => r.energyWh)),
    readings
  }
}

function withReading (s: ChargingSession, body: ChargingMeterEvent): ChargingSession {
  const reading = { seq: body.seq, atMs: body.ts, energyWh: body.energyWh, powerW: body.powerW }
  return { ...s, readings: [...s.readings, reading].sort((a, b) => a.seq - b.seq) }
}

/** A stop requested by the backend; asked once per session. */
function requestStop (s: ChargingSession, reason: StopCommandReason, alarm: boolean): SessionStep {
  if (s.stopRequested != null) return { session: s, outcome: 'applied', effects: [] }
  const effects: SessionEffect[] = [{ kind: 'stop-command', sessionId: s.sessionId, port: s.port, reason }]
  if (alarm && (reason === 'OVER_POWER' || reason === 'OVER_TEMPERATURE')) effects.push({ kind: 'alarm', sessionId: s.sessionId, port: s.port, code: reason })
  return { session: { ...s, stopRequested: reason }, outcome: 'applied', effects }
}

function applyMeter (before: ChargingSession, body: ChargingMeterEvent): SessionStep {
  const s = withReading(before, body)
  if (s.status === 'silent') return { ...requestStop(s, 'PILE_SILENT', false), outcome: 'applied_after_settlement' }
  if (body.seq < newestSeq(before)) return { session: s, outcome: 'applied', effects: [] }
  const usage = usageOf(s, null) as SessionUsage
  const decision = stopConditionFor({
    readings: s.readings, temperatureC: body.temperatureC, startedAtMs: usage.startedAtMs,
    costSoFarPoints: costTowardsHold(s.tariff, usage), holdPoints: s.holdPoints, costCapPoints: s.tariff.maxCostPoints ?? null, limits: s.limits
  })
  return decision == null ? { session: s, outcome: 'applied', effects: [] } : requestStop(s, decision.reason, decision.alarm)
}

function applyStop (before: ChargingSession, body: ChargingStoppedEvent): SessionStep {
  const stop = { seq: body.seq, atMs: body.ts, reason: body.reason, energyWh: body.energyWh }
  const s: ChargingSession = { ...before, stop, readings: before.readings.filter(r => r.seq < stop.seq) }
  const usage = usageOf(s, stop) as SessionUsage
  const cost = chargingCost(s.tariff, usage)
  if (before.status === 'silent' && before.settlement != null) {
    const reconciliation = reconcileLateStop(before.settlement, cost.costPoints)
    return { session: { ...s, status: 'reconciled' }, outcome: 'late_stop', effects: [{ kind: 'reconcile', usage, cost, reconciliation }] }
  }
  const settlement = settle(s.sessionId, s.holdPoints, cost.costPoints)
  return {
    session: { ...s, status: 'stopped', settlement },
    outcome: 'stopped',
    effects: [{ kind: 'settle', endedBy: 'stop', reason: body.reason, usage, cost, settlement }]
  }
}

/** Applies one pile event received at `receivedAtMs` (server clock, for silence detection only). */
export function applySessionEvent (session: ChargingSession | null, event: ChargingSessionEvent, receivedAtMs: number): SessionStep {
  if (session == null) return { session: null, outcome: 'unknown_session', effects: [] }
  if (event.body.sessionId !== session.sessionId) throw new Error(`event for session ${event.body.sessionId} applied to session ${session.sessionId}`)
  if (event.body.port !== session.port) return { session, outcome: 'wrong_port', effects: [] }
  const s = { ...session, lastHeardAtMs: Math.max(session.lastHeardAtMs, receivedAtMs) }
  const ignored = (outcome: SessionOutcome): SessionStep => ({ session: s, outcome, effects: [] })
  if (seen(s, event.body.seq) || (event.type === 'started' && s.started != null)) return ignored('duplicate')
  if (s.status === 'stopped' || s.status === 'reconciled') return ignored('after_stop')
  switch (event.type) {
    case 'started': {
      const started = { ...s, started: { seq: event.body.seq, atMs: event.body.ts } }
      return { session: started, outcome: s.status === 'silent' ? 'applied_after_settlement' : 'applied', effects: [] }
    }
    case 'meter': return applyMeter(s, event.body)
    case 'stopped': return applyStop(s, event.body)
  }
}

/** Settles an open session whose pile has been silent for silenceTimeoutMinutes (reason PILE_SILENT); null while it is not. */
export function checkSilence (session: ChargingSession, nowMs: number): SessionStep | null {
  const silentForMs = nowMs - session.lastHeardAtMs
  if (session.status !== 'open' || silentForMs < session.limits.silenceTimeoutMinutes * 60_000) return null
  const usage = usageOf(session, null)
  const cost = usage == null ? null : chargingCost(session.tariff, usage)
  const settlement = settle(session.sessionId, session.holdPoints, cost?.costPoints ?? 0)
  const stopped = requestStop({ ...session, status: 'silent', settlement }, 'PILE_SILENT', false)
  return {
    session: stopped.session,
    outcome: 'silent',
    effects: [{ kind: 'settle', endedBy: 'silent', reason: 'PILE_SILENT', usage, cost, settlement }, ...stopped.effects]
  }
}
