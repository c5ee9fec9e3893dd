// A gate's command-ack: acknowledged like any device's (command delivery), and
// if it answers the gate's list command, the list state moves: ok → that
// version is what the gate holds, and if the site's list moved on while the
// command was on its way (the sync waits for this ack rather than sending a
// delta from a base the gate is leaving), the delta to the newest version at
// once; a refused delta (the gate's list is not at its base, or it could not
// apply it) → the full list at once. A refused full list is not re-sent in a
// loop: it stays refused (the gate's fault, logged in the ack's outcome) until
// the next version or reconnect.
import type { CommandAckEvent } from '../../schemas/device-events.ts'
import { ackCommand } from '../devices/command-delivery.ts'
import type { CommandToSend, EventContext, HandlerResult } from '../ingest/event-context.ts'
import { listAcked, listCommandFor } from './allow-list-delivery.ts'
import { latestAllowList, lockListVersion, siteListVersion } from './allow-list-store.ts'
import { prepare } from '../store/prepared.ts'

const commandType = prepare<{ cmdId: string, deviceId: string }, { type: string }>((db, p) => db.selectFrom('commands').select('type')
  .where('cmd_id', '=', p.cmdId).where('device_id', '=', p.deviceId))

export async function handleGateCommandAck (ctx: EventContext, ack: CommandAckEvent): Promise<HandlerResult> {
  const { db, device, receivedAtMs: now } = ctx
  const type = (await commandType.first(db, { cmdId: ack.cmdId, deviceId: device.id }))?.type
  const isList = type === 'allow-list-full' || type === 'allow-list-delta'
  // Before anything else, as the sync round does (site, then commands, then gates: no deadlock):
  // a version made while this ack was on its way is then seen here or the round sees this ack.
  if (isList) await lockListVersion(db, device.site_id)
  if (!await ackCommand(db, device.id, ack, now)) return { kind: 'rejected', code: 'COMMAND_UNKNOWN', message: `no command ${ack.cmdId} for this device` }
  // only a list command can be the gate's list command (most acks answer a gate-open)
  const list = isList ? await listAcked(db, device.id, ack.cmdId, ack.ok) : null
  const commands: CommandToSend[] = []
  const refusedDelta = list != null && !ack.ok && type === 'allow-list-delta'
  const movedOn = list != null && ack.ok && await siteListVersion(db, device.site_id) > list.version
  if (refusedDelta || movedOn) {
    const next = await listCommandFor(db, device.id, await latestAllowList(db, device.site_id, now), now)
    if (next != null) commands.push(next)
  }
  return {
    kind: 'applied',
    summary: { cmdId: ack.cmdId, ok: ack.ok, ...(list != null ? { listVersion: list.version, fullResend: commands.length > 0 } : {}) },
    commands,
    commandAcked: true
  }
}
