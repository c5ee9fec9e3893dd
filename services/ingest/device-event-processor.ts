// Turns one device publish into stored effects, inside the batch transaction:
// topic → JSON → schema → device → handler for (device kind, event type) →
// once-only record (replay check) → handler → recorded commands, or a dead
// letter with the reason. Knows no domain: handlers come from the handler
// table. Never throws for bad input; throws only when the store fails (then
// nothing is acknowledged).
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import { eventSchemas, statusSchema } from '../../schemas/device-events.ts'
import { parseTopic, topics } from '../../schemas/topics.ts'
import { recordCommand, type OutgoingMessage } from '../devices/command-delivery.ts'
import type { RegistryView } from '../devices/registry-cache.ts'
import { DomainError } from '../errors.ts'
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'
import { eventTelemetry, statusTelemetry } from '../telemetry/device-telemetry.ts'
import type { TelemetryPoint } from '../telemetry/points.ts'
import { recordDeadLetter, type DeadLetterInput } from './dead-letter-store.ts'
import type { EventContext } from './event-context.ts'
import { forgetEvent, recordEvent, recordOutcome } from './event-log.ts'
import { handlerFor } from './handler-table.ts'
import { replayedCommands } from './replayed-commands.ts'

export const MAX_EVENT_PAYLOAD_BYTES = 16 * 1024

export interface ProcessedPublish {
  outgoing: OutgoingMessage[]
  result: 'applied' | 'replayed' | 'dead-lettered' | 'status'
  deadLetterCode?: string
  pointsCredited?: number
  toReview?: boolean
  commandAcked?: boolean
  /** Telemetry points (only when asked for), appended to the outbox in the same transaction. */
  telemetry?: TelemetryPoint[]
}

export interface ProcessorSettings { sessionOpenWindowMs: number, sessionDepositWindowMs: number }

const storeStatus = prepare<{ id: string, status: string, seenAtMs: number }>((db, p) => db.updateTable('devices')
  .set({ last_status: p.status, last_seen_at_ms: p.seenAtMs }).where('id', '=', p.id))

export async function processDevicePublish (db: Executor, publish: DevicePublish, settings: ProcessorSettings, registry: RegistryView, withTelemetry = false): Promise<ProcessedPublish> {
  const deadLetter = async (fields: Pick<DeadLetterInput, 'code' | 'reason'> & { eventId?: string | undefined }): Promise<ProcessedPublish> => ({
    outgoing: [await recordDeadLetter(db, { deviceId: publish.deviceId, topic: publish.topic, payload: publish.payload, receivedAtMs: publish.receivedAtMs, ...fields })],
    result: 'dead-lettered',
    deadLetterCode: fields.code
  })

  const topic = parseTopic(publish.topic)
  if (topic.deviceId !== publish.deviceId) return deadLetter({ code: 'FORBIDDEN_TOPIC', reason: `device ${publish.deviceId} may not publish on ${publish.topic}` })
  if (topic.kind === 'unknown') return deadLetter({ code: 'UNKNOWN_TOPIC', reason: `no such topic: ${publish.topic}; see docs/protocol.md` })
  if (publish.payload.length > MAX_EVENT_PAYLOAD_BYTES) return deadLetter({ code: 'PAYLOAD_TOO_LARGE', reason: `payload is ${publish.payload.length} bytes; the limit is ${MAX_EVENT_PAYLOAD_BYTES}` })

  let json: unknown
  try {
    json = JSON.parse(publish.payload.toString('utf8'))
  } catch (err) {
    return deadLetter({ code: 'MALFORMED_JSON', reason: `payload is not JSON: ${(err as Error).message}` })
  }
  const eventId = typeof (json as { eventId?: unknown })?.eventId === 'string' ? (json as { eventId: string }).eventId : undefined

  if (topic.kind === 'status') {
    const status = statusSchema.safeParse(json)
    if (!status.success) return deadLetter({ code: 'SCHEMA_VIOLATION', reason: z.prettifyError(status.error) })
    // `online` is not taken from the payload: presence owns it, from the live connections (a will
    // or a retained status can arrive after the device reconnected; services/devices/presence.ts)
    await storeStatus.run(db, { id: publish.deviceId, status: JSON.stringify(status.data), seenAtMs: publish.receivedAtMs })
    // telemetry: device_status and bin_fill points (docs/telemetry.md)
    const device = withTelemetry ? await registry.device(publish.deviceId) : undefined
    if (device != null) return { outgoing: [], result: 'status', telemetry: statusTelemetry(device, status.data, publish.receivedAtMs, settings.sessionDepositWindowMs) }
    return { outgoing: [], result: 'status' }
  }

  const type = topic.eventType
  const parsed = eventSchemas[type].safeParse(json)
  if (!parsed.success) return deadLetter({ code: 'SCHEMA_VIOLATION', reason: z.prettifyError(parsed.error), eventId })
  const event = parsed.data

  const device = await registry.device(publish.deviceId)
  if (device == null) return deadLetter({ code: 'DEVICE_UNKNOWN', reason: `device ${publish.deviceId} is not registered`, eventId })
  const handler = handlerFor(device.kind, type)
  if (handler == null) return deadLetter({ code: 'UNKNOWN_TOPIC', reason: `a ${device.kind} sends no ${type} events: nothing handles ${publish.topic}; see docs/protocol.md`, eventId })

  // the insert is the replay check: it does nothing for an eventId this device used before
  const payloadHash = createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 32)
  const earlier = await recordEvent(db, { deviceId: device.id, eventId: event.eventId, type, deviceTs: event.ts, receivedAtMs: publish.receivedAtMs, payloadHash })
  if (earlier != null) {
    if (earlier.payload_hash === payloadHash && earlier.type === type) return { outgoing: await replayedCommands(db, device.id, event.eventId, publish.receivedAtMs), result: 'replayed' }
    return deadLetter({ code: 'EVENT_ID_REUSED', reason: `eventId ${event.eventId} was applied before to a different ${earlier.type} event; use a new eventId per event`, eventId: event.eventId })
  }

  const site = await registry.site(device.site_id)
  if (site == null) throw new DomainError('SITE_UNKNOWN', `device ${device.id} names site ${device.site_id}, which is not stored`)
  const ctx: EventContext = { db, device, site, registry, receivedAtMs: publish.receivedAtMs, ...settings }
  const handled = await handler(ctx, event)
  if (handled.kind === 'rejected') {
    await forgetEvent(db, device.id, event.eventId)
    return deadLetter({ code: handled.code, reason: handled.message, eventId: event.eventId })
  }

  await recordOutcome(db, device.id, event.eventId, handled.summary)
  const outgoing: OutgoingMessage[] = []
  for (const { command, expiresAtMs } of handled.commands) {
    await recordCommand(db, device.id, command, expiresAtMs, event.eventId)
    outgoing.push({ deviceId: device.id, topic: topics.commands(device.id), payload: JSON.stringify(command) })
  }
  return {
    outgoing,
    result: 'applied',
    ...(handled.pointsCredited != null ? { pointsCredited: handled.pointsCredited } : {}),
    ...(handled.toReview != null ? { toReview: handled.toReview } : {}),
    ...(handled.commandAcked === true ? { commandAcked: true } : {}),
    // telemetry: swipe and deposit points (docs/telemetry.md)
    ...(withTelemetry
      ? { telemetry: await eventTelemetry(db, { device, type, event, summary: handled.summary, receivedAtMs: publish.receivedAtMs, maxAgeMs: settings.sessionDepositWindowMs }) }
      : {})
  }
}

