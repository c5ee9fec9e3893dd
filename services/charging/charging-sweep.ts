// The periodic work of charging, run once across processes by startPeriodicJob
// (services/jobs/): each session in its own transaction, its row locked first,
// so a pile's event arriving at the same moment either comes first (and the
// sweep sees it) or waits and then finds the session as the sweep left it.
//
// - Start-ack timeout: a session still `starting` after startAckTimeoutMs (no
//   ack, no event from the pile) → `start_timeout`, hold released whole, its
//   start command no longer re-sent. A pile that starts after all is told to
//   stop (START_TIMEOUT) and charged nothing (charging-events.ts).
// - Silence: an open session not heard from for its silenceTimeoutMinutes →
//   settled from its last meter value (PILE_SILENT) and the pile told to stop
//   (the pure core's checkSilence). A stop arriving later reconciles once. The
//   store selects only such sessions (their timeout is a column), longest
//   silent first, so busy sessions are neither read nor locked, however many.
// - Stale holds: a hold open longer than staleHoldMs → its live session settled
//   as PILE_SILENT (starting: as a start timeout), any other hold released (STALE_HOLD).
//   An open session whose tariff allows it longer keeps its hold until its own
//   time limit and silence timeout have passed.
import type { OutgoingMessage } from '../devices/command-delivery.ts'
import { recordRelayedCommand, relayedMessage } from '../devices/command-relay.ts'
import type { CommandToSend } from '../ingest/event-context.ts'
import { openHoldsPlacedBefore, releaseHold } from '../ledger/holds.ts'
import type { ChargingSessionRow, PointHold } from '../store/database.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { checkSilence } from './session-events.ts'
import { storeStep } from './session-effects.ts'
import { findSession, lockSession, sessionState, sessionsInStatus, silentSessionIds, updateSession } from './session-repository.ts'

export interface ChargingSweepSettings {
  startAckTimeoutMs: number
  staleHoldMs: number
  /** Silent sessions or stale holds read per query (default 500), and the most pages of each in one pass (default 20; the rest wait for the next). */
  pageSize?: number
  maxPages?: number
}

export interface SweepResult {
  startTimeouts: string[]
  silent: string[]
  staleHolds: string[]
  /** Commands recorded by the sweep, to send to the piles' connections after it. */
  outgoing: OutgoingMessage[]
}

async function record (db: Executor, row: ChargingSessionRow, commands: CommandToSend[]): Promise<OutgoingMessage[]> {
  const out: OutgoingMessage[] = []
  for (const { command, expiresAtMs } of commands) {
    // the sweep runs on the node holding its lease, the pile may be connected to another
    await recordRelayedCommand(db, row.device_id, command, expiresAtMs)
    out.push(relayedMessage(row.device_id, command))
  }
  return out
}

/** In one transaction: lock, re-read, and let `fn` act on the session as it is now. */
async function withSession<T> (db: Executor, id: string, fn: (trx: Executor, row: ChargingSessionRow) => Promise<T>): Promise<T | undefined> {
  return inTransaction(db, async trx => {
    await lockSession(trx, id)
    const row = await findSession(trx, id)
    return row == null ? undefined : fn(trx, row)
  })
}

async function timeOutStart (db: Executor, id: string, nowMs: number): Promise<boolean> {
  return await withSession(db, id, async (trx, row) => {
    if (row.status !== 'starting') return false
    await releaseHold(trx, row.hold_id, 'START_TIMEOUT', nowMs)
    await updateSession(trx, row.id, { status: 'start_timeout', active_port_key: null, end_reason: 'START_TIMEOUT', ended_at_ms: nowMs, charged_points: 0, cost_points: 0 })
    // the pile must not carry out the start on its next reconnect
    await trx.updateTable('commands').set({ status: 'expired' }).where('cmd_id', '=', row.start_cmd_id).where('status', '=', 'pending').execute()
    return true
  }) ?? false
}

/** `stale`: settle now whenever the pile was last heard (the hold outlived its limit). */
async function settleSilent (db: Executor, id: string, nowMs: number, stale = false): Promise<OutgoingMessage[] | null> {
  return await withSession(db, id, async (trx, row) => {
    if (row.status !== 'open') return null
    const state = sessionState(row)
    const silentSince = stale ? Math.min(state.lastHeardAtMs, nowMs - state.limits.silenceTimeoutMinutes * 60_000) : state.lastHeardAtMs
    const step = checkSilence({ ...state, lastHeardAtMs: silentSince }, nowMs)
    if (step?.session == null) return null
    const commands = await storeStep(trx, row, { ...step, session: { ...step.session, lastHeardAtMs: state.lastHeardAtMs } }, nowMs)
    return record(trx, row, commands)
  }) ?? null
}

export async function sweepCharging (db: Executor, settings: ChargingSweepSettings, nowMs: number): Promise<SweepResult> {
  const result: SweepResult = { startTimeouts: [], silent: [], staleHolds: [], outgoing: [] }

  for (const row of await sessionsInStatus(db, 'starting', { createdBeforeMs: nowMs - settings.startAckTimeoutMs })) {
    if (await timeOutStart(db, row.id, nowMs)) result.startTimeouts.push(row.id)
  }
  // page after page: a settled session leaves `open`, so the next page holds the ones not yet reached
  const { pageSize = 500, maxPages = 20 } = settings
  for (let page = 0; page < maxPages; page++) {
    const ids = await silentSessionIds(db, nowMs, pageSize)
    let settled = 0
    for (const id of ids) {
      const sent = await settleSilent(db, id, nowMs)
      if (sent != null) { settled++; result.silent.push(id); result.outgoing.push(...sent) }
    }
    // a short page was the last; a page of which nothing settled (each heard from meanwhile) would only come back
    if (ids.length < pageSize || settled === 0) break
  }
  // page after page, past the holds of sessions still within their own time limit (left open)
  let after: PointHold | undefined
  for (let page = 0; page < maxPages; page++) {
    const holds = await openHoldsPlacedBefore(db, nowMs - settings.staleHoldMs, pageSize, after)
    for (const hold of holds) await endStaleHold(db, hold, nowMs, result)
    after = holds.at(-1)
    if (holds.length < pageSize) break
  }
  return result
}

async function endStaleHold (db: Executor, hold: PointHold, nowMs: number, result: SweepResult): Promise<void> {
  const session = hold.ref_type === 'charging_session' ? await findSession(db, hold.ref_id) : undefined
  if (session?.status === 'starting') {
    if (await timeOutStart(db, session.id, nowMs)) result.staleHolds.push(hold.id)
  } else if (session?.status === 'open') {
    // a tariff may allow sessions longer than the stale-hold limit: such a session keeps its hold
    // until its own time limit and silence timeout have passed (the time-limit stop ends it before)
    const { limits } = sessionState(session)
    if (nowMs - hold.placed_at_ms < (limits.maxDurationMinutes + limits.silenceTimeoutMinutes) * 60_000) return
    // long past any silence timeout as far as the hold is concerned: settle from the last meter value
    const sent = await settleSilent(db, session.id, nowMs, true)
    if (sent != null) { result.staleHolds.push(hold.id); result.outgoing.push(...sent) }
  } else if (!(await releaseHold(db, hold.id, 'STALE_HOLD', nowMs)).replayed) {
    result.staleHolds.push(hold.id)
  }
}
