// The backend owns command delivery: a command is recorded (in the same
// transaction as the decision that caused it), sent to the device's
// connection, and sent again whenever the device (re)subscribes, or replays
// the event that caused it, until it is acked or expires. Devices
// de-duplicate by cmdId.
import type { DeviceCommand } from '../../schemas/device-commands.ts'
import { topics } from '../../schemas/topics.ts'
import type { CommandRow } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'
import { ackErrorReply } from '../ingest/dead-letter-store.ts'

/** `cmdId`: set when the command may carry a relay marker (command-relay.ts) that a send here makes needless. */
export interface OutgoingMessage { deviceId: string, topic: string, payload: string, cmdId?: string }

// the device path records and acks commands for nearly every event: compiled once (services/store/prepared.ts)
const insertOne = prepare<{ cmdId: string, deviceId: string, type: string, payload: string, createdAtMs: number, expiresAtMs: number, eventId: string | null }>((db, p) => db.insertInto('commands').values({
  cmd_id: p.cmdId, device_id: p.deviceId, type: p.type, payload: p.payload, status: 'pending', created_at_ms: p.createdAtMs, expires_at_ms: p.expiresAtMs,
  sent_count: 0, last_sent_at_ms: null, acked_at_ms: null, ack_error: null, event_id: p.eventId
}))
const markAcked = prepare<{ cmdId: string, deviceId: string, status: 'acked' | 'failed', ackedAtMs: number, error: string | null }>((db, p) => db.updateTable('commands')
  .set({ status: p.status, acked_at_ms: p.ackedAtMs, ack_error: p.error }).where('cmd_id', '=', p.cmdId).where('device_id', '=', p.deviceId))

/** `eventId`: the device event whose handling made the command (a replay of it re-sends the command). */
export async function recordCommand (db: Executor, deviceId: string, command: DeviceCommand, expiresAtMs: number, eventId: string | null = null): Promise<void> {
  await insertOne.run(db, { cmdId: command.cmdId, deviceId, type: command.type, payload: JSON.stringify(command), createdAtMs: command.ts, expiresAtMs, eventId })
}

/** recordCommand for many commands, 500 rows per statement (a list change for every gate of a site). */
export async function recordCommands (db: Executor, commands: Array<{ deviceId: string, command: DeviceCommand, expiresAtMs: number, eventId?: string | null }>): Promise<void> {
  for (let at = 0; at < commands.length; at += 500) {
    await db.insertInto('commands').values(commands.slice(at, at + 500).map(({ deviceId, command, expiresAtMs, eventId }) => ({
      cmd_id: command.cmdId, device_id: deviceId, type: command.type, payload: JSON.stringify(command), status: 'pending' as const,
      created_at_ms: command.ts, expires_at_ms: expiresAtMs, sent_count: 0, last_sent_at_ms: null, acked_at_ms: null, ack_error: null,
      event_id: eventId ?? null
    }))).execute()
  }
}

/** Commands still to deliver to a device (only those caused by `eventId`, when given), oldest first. */
export async function pendingCommands (db: Executor, deviceId: string, nowMs: number, eventId?: string): Promise<CommandRow[]> {
  let query = db.selectFrom('commands').selectAll()
    .where('device_id', '=', deviceId).where('status', '=', 'pending').where('expires_at_ms', '>', nowMs)
  if (eventId != null) query = query.where('event_id', '=', eventId)
  return query.orderBy('created_at_ms').orderBy('cmd_id').limit(100).execute()
}

/** Which of these commands are still to deliver: not acked, failed, expired or superseded since. */
export async function stillPending (db: Executor, cmdIds: string[], nowMs: number): Promise<Set<string>> {
  if (cmdIds.length === 0) return new Set()
  const rows = await db.selectFrom('commands').select('cmd_id').where('cmd_id', 'in', cmdIds)
    .where('status', '=', 'pending').where('expires_at_ms', '>', nowMs).execute()
  return new Set(rows.map(r => r.cmd_id))
}

/** The message that carries a stored command to its device. */
export function commandMessage (deviceId: string, command: Pick<CommandRow, 'payload'>): OutgoingMessage {
  return { deviceId, topic: topics.commands(deviceId), payload: command.payload }
}

/**
 * Marks a command acked (ok) or failed; false when the device has no such command.
 * A device may ack an error reply the same way, with its `errorId` as `cmdId`: that
 * ends its re-delivery (docs/protocol.md §7).
 */
export async function ackCommand (db: Executor, deviceId: string, ack: { cmdId: string, ok: boolean, error?: string | undefined }, nowMs: number): Promise<boolean> {
  const updated = await markAcked.affected(db, { cmdId: ack.cmdId, deviceId, status: ack.ok ? 'acked' : 'failed', ackedAtMs: nowMs, error: ack.error ?? null })
  return updated > 0 || await ackErrorReply(db, deviceId, ack.cmdId, nowMs)
}
