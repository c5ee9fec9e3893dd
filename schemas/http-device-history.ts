// A device's recent history over HTTP, for the device detail page and support:
// the events it sent (what each did, never its payload: swipes carry card
// numbers) and the commands the backend sent it, with their acks.
import { z } from 'zod'

const ms = z.number().int()

export const deviceHistoryQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })

export const deviceEventSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  deviceTs: ms.meta({ description: 'the device\'s own time of the event' }),
  receivedAtMs: ms,
  outcome: z.record(z.string(), z.unknown()).meta({ description: 'what the backend did with it (decision, reason, points …)' })
}).meta({ id: 'DeviceEvent' })

export const deviceCommandSchema = z.object({
  cmdId: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'acked', 'failed', 'expired']),
  createdAtMs: ms,
  expiresAtMs: ms,
  ackedAtMs: ms.nullable(),
  ackError: z.string().nullable()
}).meta({ id: 'DeviceCommand' })

export const deviceEventsSchema = z.object({ events: z.array(deviceEventSchema) })
export const deviceCommandsSchema = z.object({ commands: z.array(deviceCommandSchema) })
