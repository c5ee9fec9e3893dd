// A device's recent events and commands, newest first (the device detail page).
import type { Executor } from '../store/executor.ts'

export async function recentEvents (db: Executor, deviceId: string, limit: number) {
  const rows = await db.selectFrom('device_events').select(['event_id', 'type', 'device_ts', 'received_at_ms', 'outcome'])
    .where('device_id', '=', deviceId).orderBy('received_at_ms', 'desc').orderBy('event_id', 'desc').limit(limit).execute()
  return rows.map(r => ({ eventId: r.event_id, type: r.type, deviceTs: Number(r.device_ts), receivedAtMs: Number(r.received_at_ms), outcome: parseOutcome(r.outcome) }))
}

export async function recentCommands (db: Executor, deviceId: string, limit: number) {
  const rows = await db.selectFrom('commands').select(['cmd_id', 'type', 'status', 'created_at_ms', 'expires_at_ms', 'acked_at_ms', 'ack_error'])
    .where('device_id', '=', deviceId).orderBy('created_at_ms', 'desc').orderBy('cmd_id', 'desc').limit(limit).execute()
  return rows.map(r => ({
    cmdId: r.cmd_id, type: r.type, status: r.status, createdAtMs: Number(r.created_at_ms), expiresAtMs: Number(r.expires_at_ms),
    ackedAtMs: r.acked_at_ms == null ? null : Number(r.acked_at_ms), ackError: r.ack_error
  }))
}

/** Outcomes are JSON objects written by the ingest; anything else is shown as it is. */
function parseOutcome (text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return value != null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : { value }
  } catch {
    return { text }
  }
}
