// Turns one device publish into stored effects, inside the batch transaction:
// topic → JSON → schema → replay check → domain handler → recorded commands,
// or a dead letter with the reason. Never throws for bad input; throws only
// when the store fails (then nothing is acknowledged).
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { DevicePublish } from '../../broker/mqtt-broker.ts'
import { eventSchemas, statusSchema } from '../../schemas/device-events.ts'
import { parseTopic, topics, type EventType } from '../../schemas/topics.ts'
import { ackCommand, recordCommand, type OutgoingMessage } from '../devices/commands.ts'
import { getSite, type SiteWithRates } from '../devices/registry.ts'
import { handleDeposit, handleDoor, handleSwipe } from '../kiosk/kiosk-events.ts'
import type { Device } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'
import { eventTelemetry, statusTelemetry } from '../telemetry/device-telemetry.ts'
import type { TelemetryPoint } from '../telemetry/points.ts'
import { recordDeadLetter, type DeadLetterInput } from './dead-letters.ts'
import { replayedCommands } from './replayed-commands.ts'
import type { EventContext, HandlerResult } from './event-context.ts'

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

/** Per-batch memo so a batch reads each device and site once. */
export interface BatchCache { devices: Map<string, Device | undefined>, sites: Map<string, SiteWithRates> }
export const newBatchCache = (): BatchCache => ({ devices: new Map(), sites: new Map() })

export async function processDevicePublish (db: Executor, publish: DevicePublish, settings: ProcessorSettings, cache: BatchCache, withTelemetry = false): Promise<ProcessedPublish> {
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
    await db.updateTable('devices')
      .set({ last_status: JSON.stringify(status.data), last_seen_at_ms: publish.receivedAtMs })
      .where('id', '=', publish.deviceId).execute()
    // telemetry: device_status and bin_fill points (docs/telemetry.md)
    const device = withTelemetry ? await deviceOf(db, publish.deviceId, cache) : undefined
    if (device != null) return { outgoing: [], result: 'status', telemetry: statusTelemetry(device, status.data, publish.receivedAtMs, settings.sessionDepositWindowMs) }
    return { outgoing: [], result: 'status' }
  }

  const parsed = eventSchemas[topic.eventType].safeParse(json)
  if (!parsed.success) return deadLetter({ code: 'SCHEMA_VIOLATION', reason: z.prettifyError(parsed.error), eventId })
  const event = parsed.data

  const payloadHash = createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 32)
  const earlier = await db.selectFrom('device_events').select(['payload_hash', 'type'])
    .where('device_id', '=', publish.deviceId).where('event_id', '=', event.eventId).executeTakeFirst()
  if (earlier != null) {
    if (earlier.payload_hash === payloadHash && earlier.type === topic.eventType) return { outgoing: await replayedCommands(db, publish.deviceId, event.eventId, publish.receivedAtMs), result: 'replayed' }
    return deadLetter({ code: 'EVENT_ID_REUSED', reason: `eventId ${event.eventId} was applied before to a different ${earlier.type} event; use a new eventId per event`, eventId: event.eventId })
  }

  const device = await deviceOf(db, publish.deviceId, cache)
  if (device == null) return deadLetter({ code: 'DEVICE_UNKNOWN', reason: `device ${publish.deviceId} is not registered`, eventId })
  const ctx: EventContext = { db, device, site: await siteOf(db, device.site_id, cache), receivedAtMs: publish.receivedAtMs, ...settings }

  const handled = await handle(ctx, topic.eventType, event)
  if (handled.kind === 'rejected') return deadLetter({ code: handled.code, reason: handled.message, eventId: event.eventId })

  await db.insertInto('device_events').values({
    device_id: device.id, event_id: event.eventId, type: topic.eventType, device_ts: event.ts,
    received_at_ms: publish.receivedAtMs, payload_hash: payloadHash, outcome: JSON.stringify(handled.summary)
  }).execute()
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
    ...(topic.eventType === 'command-ack' ? { commandAcked: true } : {}),
    // telemetry: swipe and deposit points (docs/telemetry.md)
    ...(withTelemetry
      ? { telemetry: await eventTelemetry(db, { device, type: topic.eventType, event, summary: handled.summary, receivedAtMs: publish.receivedAtMs, maxAgeMs: settings.sessionDepositWindowMs }) }
      : {})
  }
}

async function handle (ctx: EventContext, type: EventType, event: unknown): Promise<HandlerResult> {
  switch (type) {
    case 'swipe': return handleSwipe(ctx, event as z.infer<typeof eventSchemas.swipe>)
    case 'door': return handleDoor(ctx, event as z.infer<typeof eventSchemas.door>)
    case 'deposit': return handleDeposit(ctx, event as z.infer<typeof eventSchemas.deposit>)
    case 'command-ack': {
      const ack = event as z.infer<typeof eventSchemas['command-ack']>
      const known = await ackCommand(ctx.db, ctx.device.id, ack, ctx.receivedAtMs)
      return known
        ? { kind: 'applied', summary: { cmdId: ack.cmdId, ok: ack.ok }, commands: [] }
        : { kind: 'rejected', code: 'COMMAND_UNKNOWN', message: `no command ${ack.cmdId} for this device` }
    }
  }
}

async function deviceOf (db: Executor, deviceId: string, cache: BatchCache): Promise<Device | undefined> {
  if (!cache.devices.has(deviceId)) cache.devices.set(deviceId, await db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst())
  return cache.devices.get(deviceId)
}

async function siteOf (db: Executor, siteId: string, cache: BatchCache): Promise<SiteWithRates> {
  let site = cache.sites.get(siteId)
  if (site == null) {
    site = await getSite(db, siteId)
    cache.sites.set(siteId, site)
  }
  return site
}
