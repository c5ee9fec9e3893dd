// The backend owns command delivery: a command is recorded (in the same
// transaction as the decision that caused it), sent to the device's
// connection, and sent again whenever the device (re)subscribes until it is
// acked or expires. Devices de-duplicate by cmdId.
import type { Command } from '../../schemas/device-commands.ts'
import type { CommandRow } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export interface OutgoingMessage { deviceId: string, topic: string, payload: string }

export async function recordCommand (db: Executor, deviceId: string, command: Command, expiresAtMs: number): Promise<void> {
  await db.insertInto('commands').values({
    cmd_id: command.cmdId, device_id: deviceId, type: command.type, payload: JSON.stringify(command), status: 'pending',
    created_at_ms: command.ts, expires_at_ms: expiresAtMs, sent_count: 0, last_sent_at_ms: null, acked_at_ms: null, ack_error: null
  }).execute()
}

/** Commands still to deliver to a device, oldest first. */
export async function pendingCommands (db: Executor, deviceId: string, nowMs: number): Promise<CommandRow[]> {
  return db.selectFrom('commands').selectAll()
    .where('device_id', '=', deviceId).where('status', '=', 'pending').where('expires_at_ms', '>', nowMs)
    .orderBy('created_at_ms').orderBy('cmd_id').limit(100).execute()
}

/** Marks a command acked (ok) or failed; false when the device has no such command. */
export async function ackCommand (db: Executor, deviceId: string, ack: { cmdId: string, ok: boolean, error?: string | undefined }, nowMs: number): Promise<boolean> {
  const result = await db.updateTable('commands')
    .set({ status: ack.ok ? 'acked' : 'failed', acked_at_ms: nowMs, ack_error: ack.error ?? null })
    .where('cmd_id', '=', ack.cmdId).where('device_id', '=', deviceId)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
