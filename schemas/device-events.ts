// Up-link payloads (device → backend). Each is JSON, published with QoS 1 on
// `devices/{deviceId}/events/{type}`, and carries a device-unique `eventId`
// and the device time `ts`. Unknown extra fields are ignored (forward
// compatible firmware); missing or wrongly typed fields are dead-lettered.
import { z } from 'zod'
import { cardUidSchema, categorySchema, deviceTextSchema, eventIdSchema, idSchema, tsSchema } from './common.ts'
import type { EventType } from './topics.ts'
import { accessRequestEventSchema, offlineDecisionEventSchema, type AccessRequestEvent, type OfflineDecisionEvent } from './gate.ts'
import { chargingMeterEventSchema, portStatusesSchema, chargingStartedEventSchema, chargingStoppedEventSchema, chargingSwipeEventSchema, type ChargingMeterEvent, type ChargingStartedEvent, type ChargingStoppedEvent, type ChargingSwipeEvent } from './charging.ts'
import { alarmEventSchema, type AlarmEvent } from './alarm.ts'

const eventBase = { eventId: eventIdSchema, ts: tsSchema }

export const swipeEventSchema = z.object({
  ...eventBase,
  card: cardUidSchema,
  method: z.enum(['card', 'qr']).default('card')
}).meta({ id: 'SwipeEvent', description: 'A resident swiped a points card or scanned a QR code.' })

export const doorEventSchema = z.object({
  ...eventBase,
  sessionId: idSchema,
  state: z.enum(['opened', 'closed'])
}).meta({ id: 'DoorEvent', description: 'The deposit window opened or closed during a session.' })

/** Contract bounds of a deposit line (docs/protocol.md §9): with the rate table's bounds they keep
 * every computed figure inside a 32-bit integer column on either store. */
export const depositBounds = { maxAbsGrams: 1_000_000, maxCount: 1_000, maxLines: 16 } as const

/**
 * One weighed line of a deposit. `grams` is what the load cell measured and
 * may be zero or negative on a faulty scale: such deposits go to review.
 * `count` is the number of pieces for per-item categories (e.g. batteries).
 */
export const depositLineSchema = z.object({
  category: categorySchema,
  grams: z.number().int().min(-depositBounds.maxAbsGrams).max(depositBounds.maxAbsGrams),
  count: z.number().int().min(0).max(depositBounds.maxCount).optional()
})

export const depositEventSchema = z.object({
  ...eventBase,
  sessionId: idSchema,
  lines: z.array(depositLineSchema).min(1).max(depositBounds.maxLines)
}).meta({ id: 'DepositEvent', description: 'What the resident dropped in one session, weighed per category.' })

export const commandAckEventSchema = z.object({
  ...eventBase,
  cmdId: idSchema,
  ok: z.boolean(),
  error: deviceTextSchema(200).optional()
}).meta({ id: 'CommandAckEvent', description: 'The device carried out (ok) or refused a command.' })

export const eventSchemas = {
  swipe: swipeEventSchema,
  door: doorEventSchema,
  deposit: depositEventSchema,
  'command-ack': commandAckEventSchema,
  'access-request': accessRequestEventSchema,
  'offline-decision': offlineDecisionEventSchema,
  // charging piles
  'charging-swipe': chargingSwipeEventSchema,
  'charging-started': chargingStartedEventSchema,
  'charging-meter': chargingMeterEventSchema,
  'charging-stopped': chargingStoppedEventSchema,
  alarm: alarmEventSchema
} satisfies Record<EventType, z.ZodType>

export type SwipeEvent = z.infer<typeof swipeEventSchema>
export type DoorEvent = z.infer<typeof doorEventSchema>
export type DepositLine = z.infer<typeof depositLineSchema>
export type DepositEvent = z.infer<typeof depositEventSchema>
export type CommandAckEvent = z.infer<typeof commandAckEventSchema>

export type DeviceEvent =
  | { type: 'swipe', body: SwipeEvent }
  | { type: 'door', body: DoorEvent }
  | { type: 'deposit', body: DepositEvent }
  | { type: 'command-ack', body: CommandAckEvent }
  | { type: 'access-request', body: AccessRequestEvent }
  | { type: 'offline-decision', body: OfflineDecisionEvent }
  | { type: 'charging-swipe', body: ChargingSwipeEvent }
  | { type: 'charging-started', body: ChargingStartedEvent }
  | { type: 'charging-meter', body: ChargingMeterEvent }
  | { type: 'charging-stopped', body: ChargingStoppedEvent }
  | { type: 'alarm', body: AlarmEvent }

/** Retained presence and health, QoS 0, on `devices/{id}/status`; also the last will. */
export const statusSchema = z.object({
  ts: tsSchema.optional(),
  online: z.boolean(),
  firmware: deviceTextSchema(64).optional(),
  uptimeS: z.number().int().min(0).optional(),
  rssiDbm: z.number().int().min(-150).max(0).optional(),
  temperatureC: z.number().min(-60).max(120).optional(),
  bins: z.array(z.object({ category: categorySchema, fillPct: z.number().min(0).max(100) })).max(16).optional(),
  ports: portStatusesSchema.optional()
}).meta({ id: 'DeviceStatus', description: 'Heartbeat and presence; retained; also the last-will payload with online=false.' })
export type DeviceStatus = z.infer<typeof statusSchema>
