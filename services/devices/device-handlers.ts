// Events every device kind sends, whatever its domain: the ack of a command, alarms.
import type { CommandAckEvent } from '../../schemas/device-events.ts'
import type { EventContext, HandlerResult } from '../ingest/event-context.ts'
import type { KindHandlers } from '../ingest/handler-table.ts'
import { alarmHandlers } from '../alarms/alarm-handlers.ts'
import { ackCommand } from './command-delivery.ts'

async function handleCommandAck (ctx: EventContext, ack: CommandAckEvent): Promise<HandlerResult> {
  const known = await ackCommand(ctx.db, ctx.device.id, ack, ctx.receivedAtMs)
  return known
    ? { kind: 'applied', summary: { cmdId: ack.cmdId, ok: ack.ok }, commands: [], commandAcked: true }
    : { kind: 'rejected', code: 'COMMAND_UNKNOWN', message: `no command ${ack.cmdId} for this device` }
}

export const deviceHandlers: KindHandlers = { 'command-ack': handleCommandAck, ...alarmHandlers }
