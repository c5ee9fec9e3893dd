// The backend owns command delivery: a command is recorded (in the same
// transaction as the decision that caused it), sent to the device's
// connection, and sent again whenever the device (re)subscribes until it is
// acked or expires. Devices de-duplicate by cmdId.
import type { Command } from '../../schemas/device-commands.ts'
import type { CommandRow } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'

export interface OutgoingMessage { deviceId: string, topic: string, payload: string }

const insertCommand = prepare<{ cmdId: string, deviceId: string, type: Command['type'], payload: string, createdAtMs: number, expiresAtMs: number }>((db, p) => db.insertInto('commands').values({
  cmd_id: p.cmdId, device_id: p.deviceId, type: p.type, payload: p.payload, status: 'pending',
  created_at_ms: p.createdAtMs, expires_at_ms: p.expiresAtMs, sent_count: 0, last_sent_at_ms: null, acked_at_ms: null, ack_error: null
}))

export async function recordCommand (db: Executor, deviceId: string, command: Command, expiresAtMs: number): Promise<void> {
  await insertCommand.run(db, { cmdId: command.cmdId, deviceId, type: command.type, payload: JSON.stringify(command), createdAtMs: command.ts, expiresAtMs })
}

/** Commands still to deliver to a device, oldest first. */
export async function pendingCommands (db: Executor, deviceId: string, nowMs: number): Promise<CommandRow[]> {
  return db.selectFrom('commands').selectAll()
    .where('device_id', '=', deviceId).where('status', '=', 'pending').where('expires_at_ms', '>', nowMs)
    .orderBy('created_at_ms').orderBy('cmd_id').limit(100).execute()
}

/** Marks a command acked (ok) or failed; false when the device has no such command. */
const markAcked = prepare<{ cmdId: string, deviceId: string, status: 'acked' | 'failed', ackedAtMs: number, error: string | null }>((db, p) => db.updateTable('commands')
  .set({ status: p.status, acked_at_ms: p.ackedAtMs, ack_error: p.error })
  .where('cmd_id', '=', p.cmdId).where('device_id', '=', p.deviceId))

export async function ackCommand (db: Executor, deviceId: string, ack: { cmdId: string, ok: boolean, error?: string | undefined }, nowMs: number): Promise<boolean> {
  return await markAcked.affected(db, { cmdId: ack.cmdId, deviceId, status: ack.ok ? 'acked' : 'failed', ackedAtMs: nowMs, error: ack.error ?? null }) > 0
}
