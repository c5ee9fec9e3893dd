// The device alarm contract: what any device (kiosk, gate, charger) reports
// when a condition it watches begins or ends. The backend keeps one alarm per
// (device, type, bin or port) and counts repeats (services/alarms/, docs/alarms.md).
import { z } from 'zod'
import { chargingBounds } from './charging.ts'
import { categorySchema, deviceTextSchema, eventIdSchema, tsSchema } from './common.ts'

/**
 * Conditions a device reports. A closed list: a firmware typo becomes a dead letter
 * staff can see, not a new alarm type nobody has a severity for. Backend rules
 * (offline, bin full, …) have their own types that a device cannot raise.
 */
export const deviceAlarmTypes = [
  'smoke', 'temperature', 'tamper', 'scale-fault', 'door-held', 'door-forced', 'over-power', 'over-temperature'
] as const
export const deviceAlarmTypeSchema = z.enum(deviceAlarmTypes)
export type DeviceAlarmType = z.infer<typeof deviceAlarmTypeSchema>

/** The severities of docs/alarms.md, most urgent first. */
export const alarmSeveritySchema = z.enum(['critical', 'major', 'minor', 'warning', 'indeterminate'])

export const alarmEventSchema = z.object({
  eventId: eventIdSchema,
  ts: tsSchema,
  type: deviceAlarmTypeSchema,
  state: z.enum(['raised', 'cleared']),
  /** The bin the condition is about (a kiosk's scale fault, a smouldering bin). */
  bin: categorySchema.optional(),
  /** The charging port the condition is about (over-power). */
  port: z.number().int().min(1).max(chargingBounds.maxPort).optional(),
  /** Overrides the type's default severity (services/alarms/alarm-handlers.ts). */
  severity: alarmSeveritySchema.optional(),
  message: deviceTextSchema(200).optional()
}).refine(e => e.bin == null || e.port == null, { message: 'name a bin or a port, not both', path: ['port'] })
  .meta({ id: 'AlarmEvent', description: 'A condition the device watches began (raised) or ended (cleared).' })
export type AlarmEvent = z.infer<typeof alarmEventSchema>
