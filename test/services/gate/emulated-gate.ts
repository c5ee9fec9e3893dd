// A gate's side of list delivery for service tests, with the reference
// functions a gate maker ports: it takes its pending list command, decodes the
// full image or applies the delta to the list it holds, and acknowledges it
// (a delta that does not apply is refused, as firmware does), so a test can
// compare what the gate holds with what the store says it holds.
import type { AllowList } from '../../../schemas/gate.ts'
import { gateCommandSchema } from '../../../schemas/gate.ts'
import { ackCommand } from '../../../services/devices/command-delivery.ts'
import { applyAllowListDelta } from '../../../services/gate/allow-list-delta.ts'
import { listAcked, listCommandTypes } from '../../../services/gate/allow-list-delivery.ts'
import { decodeAllowList } from '../../../services/gate/allow-list-image.ts'
import type { Executor } from '../../../services/store/executor.ts'

export interface EmulatedGate {
  deviceId: string
  /** The list the gate holds, undefined before its first full list. */
  held: () => AllowList | undefined
  /** Takes and acknowledges the pending list command: what it was, or 'none'. */
  takeList: (nowMs?: number) => Promise<'allow-list-full' | 'allow-list-delta' | 'refused-delta' | 'none'>
}

export function emulatedGate (db: Executor, deviceId: string): EmulatedGate {
  let held: AllowList | undefined
  return {
    deviceId,
    held: () => held,
    async takeList (nowMs = Date.now()) {
      const row = await db.selectFrom('commands').select(['cmd_id', 'payload']).where('device_id', '=', deviceId)
        .where('status', '=', 'pending').where('type', 'in', listCommandTypes).executeTakeFirst()
      if (row == null) return 'none'
      const command = gateCommandSchema.parse(JSON.parse(row.payload))
      let ok = true
      if (command.type === 'allow-list-full') held = decodeAllowList(Buffer.from(command.image, 'base64url'))
      else if (command.type === 'allow-list-delta') {
        const applied = held == null ? { ok: false as const } : applyAllowListDelta(held, command.delta)
        if (applied.ok) held = applied.list
        else ok = false
      }
      await ackCommand(db, deviceId, { cmdId: row.cmd_id, ok }, nowMs)
      await listAcked(db, deviceId, row.cmd_id, ok)
      return ok ? command.type as 'allow-list-full' | 'allow-list-delta' : 'refused-delta'
    }
  }
}
