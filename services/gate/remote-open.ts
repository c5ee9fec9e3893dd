// Remote open by staff: a gate-open recorded with who and why (access log,
// mode remote; the HTTP audit log holds the request), delivered through the
// backend's command delivery, and awaited: the caller learns whether the gate
// acked, refused, or did not answer in time. A command not acked in time is
// expired, so it is never re-sent later to open an empty doorway.
import type { GateCommand } from '../../schemas/gate.ts'
import { recordRelayedCommand } from '../devices/command-relay.ts'
import { getDevice } from '../devices/device-registry.ts'
import { DomainError } from '../errors.ts'
import { newId } from '../ids.ts'
import { assertSite, type Actor } from '../staff/roles.ts'
import type { Executor } from '../store/executor.ts'
import { recordAccess } from './access-log.ts'
import { ensureGate } from './gate-repository.ts'

export interface RemoteOpenInput { deviceId: string, reason: string, reader?: number | undefined, timeoutMs: number }

export async function recordRemoteOpen (db: Executor, actor: Actor, input: RemoteOpenInput, nowMs = Date.now()): Promise<GateCommand> {
  const device = await getDevice(db, input.deviceId)
  assertSite(actor, device.site_id)
  if (device.kind !== 'gate') throw new DomainError('VALIDATION_FAILED', `device ${device.id} is a ${device.kind}, not a gate`)
  const gate = await ensureGate(db, device.id)
  const expiresAtMs = nowMs + input.timeoutMs
  const command: GateCommand = {
    type: 'gate-open', cmdId: newId('cmd', nowMs), ts: nowMs, releaseMs: gate.release_ms, expiresAtMs, ...(input.reader != null ? { reader: input.reader } : {})
  }
  await recordRelayedCommand(db, device.id, command, expiresAtMs)
  await recordAccess(db, {
    site_id: device.site_id, gate_id: device.id, event_id: command.cmdId, at_ms: nowMs, received_at_ms: nowMs, mode: 'remote',
    credential_kind: 'staff', staff_id: actor.id, note: input.reason, reader: input.reader ?? null, decision: 'allow'
  })
  return command
}

export type RemoteOpenOutcome = { outcome: 'opened' | 'refused' | 'timeout', error: string | null }

/** Waits (polling the store: the ack may be committed by the ingest worker or another node) until the gate answers or the deadline passes. */
export async function awaitGateAck (db: Executor, deviceId: string, cmdId: string, deadlineMs: number, everyMs = 50): Promise<RemoteOpenOutcome> {
  for (;;) {
    const row = await db.selectFrom('commands').select(['status', 'ack_error']).where('cmd_id', '=', cmdId).where('device_id', '=', deviceId).executeTakeFirstOrThrow()
    if (row.status === 'acked') return { outcome: 'opened', error: null }
    if (row.status === 'failed') return await markOutcome(db, deviceId, cmdId, 'REFUSED', { outcome: 'refused', error: row.ack_error })
    if (Date.now() >= deadlineMs) {
      const expired = await db.updateTable('commands').set({ status: 'expired' }).where('cmd_id', '=', cmdId).where('status', '=', 'pending').executeTakeFirst()
      // the ack may have landed between the read and the update: read again
      if (expired.numUpdatedRows === 0n) continue
      return await markOutcome(db, deviceId, cmdId, 'TIMEOUT', { outcome: 'timeout', error: null })
    }
    await new Promise(resolve => setTimeout(resolve, everyMs))
  }
}

async function markOutcome (db: Executor, deviceId: string, cmdId: string, flag: string, outcome: RemoteOpenOutcome): Promise<RemoteOpenOutcome> {
  await db.updateTable('access_log').set({ flags: JSON.stringify([flag]) }).where('gate_id', '=', deviceId).where('event_id', '=', cmdId).execute()
  return outcome
}
