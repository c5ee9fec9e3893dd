// Down-link payloads (backend → device) on `devices/{id}/commands` (QoS 1)
// and `devices/{id}/errors` (QoS 1). Every command carries a `cmdId`; the
// device answers with a `command-ack` event. Commands and error replies
// (`errorId`, optionally acked the same way) that were not acked are sent
// again when the device reconnects, until they expire (docs/protocol.md §6, §7).
import { z } from 'zod'
import { idSchema, tsSchema } from './common.ts'
import { errorCodes } from './error-codes.ts'
import type { GateCommand } from './gate.ts'
import { denyChargingCommandSchema, startChargingCommandSchema, stopChargingCommandSchema } from './charging.ts'

const commandBase = { cmdId: idSchema, ts: tsSchema }

export const openCommandSchema = z.object({
  ...commandBase,
  type: z.literal('open'),
  sessionId: idSchema,
  /** The swipe this answers, so the kiosk can match reply to request. */
  swipeEventId: z.string(),
  balancePoints: z.number().int(),
  /** Open the window only before this time; the session takes deposits for longer. */
  expiresAtMs: tsSchema
}).meta({ id: 'OpenCommand' })

export const denyCommandSchema = z.object({
  ...commandBase,
  type: z.literal('deny'),
  swipeEventId: z.string(),
  reason: z.enum(['CARD_UNKNOWN', 'CARD_LOST', 'CARD_BLOCKED', 'CARD_WRONG_SITE', 'HOUSEHOLD_INACTIVE', 'DEVICE_DISABLED']),
  message: z.string()
}).meta({ id: 'DenyCommand' })

export const displayCommandSchema = z.object({
  ...commandBase,
  type: z.literal('display'),
  sessionId: idSchema,
  depositEventId: z.string(),
  pointsEarned: z.number().int(),
  balancePoints: z.number().int(),
  /** `credited`: points added; `capped`: daily cap cut the points; `review`: held for staff review. */
  outcome: z.enum(['credited', 'capped', 'review']),
  message: z.string()
}).meta({ id: 'DisplayCommand' })

export const commandSchema = z.discriminatedUnion('type', [openCommandSchema, denyCommandSchema, displayCommandSchema,
  startChargingCommandSchema, stopChargingCommandSchema, denyChargingCommandSchema])
  .meta({ id: 'Command', description: 'A command to a device; acknowledge with a command-ack event.' })
export type Command = z.infer<typeof commandSchema>
export type CommandType = Command['type']
/** Any command the backend records and delivers: the kiosk's, and the gate's (schemas/gate.ts). */
export type DeviceCommand = Command | GateCommand

const errorCodeSchema = z.enum(Object.keys(errorCodes) as [keyof typeof errorCodes, ...(keyof typeof errorCodes)[]])

export const deviceErrorSchema = z.object({
  /** The dead letter's id: de-duplicate by it; ack it (a command-ack with `cmdId` = `errorId`) to stop re-delivery. */
  errorId: idSchema,
  ts: tsSchema,
  /** The event's id when the payload had one. */
  eventId: z.string().optional(),
  topic: z.string(),
  code: errorCodeSchema,
  message: z.string()
}).meta({ id: 'DeviceError', description: 'Why an event was not applied. The event was acknowledged and stored as a dead letter: do not resend it. Re-sent at every subscribe for 24 h until acked with a command-ack whose cmdId is the errorId.' })
export type DeviceError = z.infer<typeof deviceErrorSchema>
