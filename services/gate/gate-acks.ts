// A gate's command-ack: acknowledged like any device's (command delivery), and
// if it answers the gate's list command, the list state moves: ok → that
// version is what the gate holds; a refused delta (the gate's list is not at
// its base, or it could not apply it) → the full list at once. A refused full
// list is not re-sent in a loop: it stays refused (the gate's fault, logged in
// the ack's outcome) until the next version or reconnect.
import type { CommandAckEvent } from '../../schemas/device-events.ts'
import { ackCommand } from '../devices/command-delivery.ts'
import type { CommandToSend, EventContext, HandlerResult } from '../ingest/event-context.ts'
import { listAcked, listCommandFor } from './allow-list-delivery.ts'
import { latestAllowList } from './allow-list-store.ts'

export async function handleGateCommandAck (ctx: EventContext, ack: CommandAckEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  const type = (await db.selectFrom('commands').select('type').where('cmd_id', '=', ack.cmdId).where('device_id', '=', device.id).executeTakeFirst())?.type
  if (!await ackCommand(db, device.id, ack, now)) return { kind: 'rejected', code: 'COMMAND_UNKNOWN', message: `no command ${ack.cmdId} for this device` }
  const list = await listAcked(db, device.id, ack.cmdId, ack.ok)
  const commands: CommandToSend[] = []
  if (list != null && !ack.ok && type === 'allow-list-delta') {
    const full = await listCommandFor(db, device.id, await latestAllowList(db, device.site_id, now), now)
    if (full != null) commands.push(full)
  }
  return {
    kind: 'applied',
    summary: { cmdId: ack.cmdId, ok: ack.ok, ...(list != null ? { listVersion: list.version, fullResend: commands.length > 0 } : {}) },
    commands,
    commandAcked: true
  }
}
