// HTTP bodies and answers of the charging API (services/http/routes/charging.ts,
// docs/http-api.md "Charging"). Kept apart from schemas/http.ts: one domain, one file.
import { z } from 'zod'
import { cardUidSchema, idSchema } from './common.ts'
import { chargingBounds, chargingLimitsSchema, tariffBodySchema } from './charging.ts'
import { ledgerEntrySchema } from './http.ts'

const timeMs = z.number().int()
const portSchema = z.number().int().min(1).max(chargingBounds.maxPort)

export const scanToChargeBodySchema = z.strictObject({
  deviceId: idSchema.describe('the pile, as printed on its QR code'),
  port: portSchema,
  householdId: idSchema.optional(),
  cardUid: cardUidSchema.optional(),
  holdPoints: z.number().int().min(1).max(chargingBounds.maxHoldPoints).optional().describe('points to hold; default the tariff\'s, at most its maximum')
}).refine(b => (b.householdId == null) !== (b.cardUid == null), { message: 'give exactly one of householdId and cardUid', path: ['householdId'] })
  .meta({ id: 'ScanToCharge' })
export type ScanToChargeBody = z.infer<typeof scanToChargeBodySchema>

/** A tariff as a manager writes it: the store numbers the versions. */
export { tariffBodySchema }

/** The fields of a new tariff version; the CLI checks the hold rule itself and says it with its option names. */
export const setTariffBodySchema = z.strictObject({
  tariff: tariffBodySchema,
  limits: chargingLimitsSchema.default(chargingLimitsSchema.parse({})),
  holdDefaultPoints: z.number().int().min(1).max(chargingBounds.maxHoldPoints),
  holdMaxPoints: z.number().int().min(1).max(chargingBounds.maxHoldPoints)
})
/** The HTTP body: the hold rule as a schema issue at holdDefaultPoints, so a page shows it at that field. */
export const setTariffRequestSchema = setTariffBodySchema
  .refine(b => b.holdDefaultPoints <= b.holdMaxPoints, { message: 'holdDefaultPoints must not exceed holdMaxPoints', path: ['holdDefaultPoints'] })
  .meta({ id: 'SetChargingTariff' })
export type SetTariffBody = z.infer<typeof setTariffBodySchema>

export const tariffVersionSchema = z.object({
  id: z.string(), siteId: z.string(), deviceId: z.string().nullable(), version: z.number().int(),
  tariff: z.unknown().describe('ChargingTariff (schemas/json: see docs/charging.md)'), limits: z.unknown().describe('ChargingLimits'),
  holdDefaultPoints: z.number().int(), holdMaxPoints: z.number().int(), createdBy: z.string(), createdAtMs: timeMs
}).meta({ id: 'ChargingTariffVersion' })

export const chargingSessionSchema = z.object({
  id: z.string(), siteId: z.string(), deviceId: z.string(), port: z.number().int(), householdId: z.string(), cardUid: z.string().nullable(),
  startedBy: z.enum(['card', 'scan']), staffId: z.string().nullable(),
  status: z.enum(['starting', 'open', 'stopped', 'silent', 'reconciled', 'refused', 'start_timeout']),
  tariffId: z.string(), holdPoints: z.number().int(), costPoints: z.number().int().nullable(), chargedPoints: z.number().int().nullable(),
  endReason: z.string().nullable(), createdAtMs: timeMs, endedAtMs: timeMs.nullable()
}).meta({ id: 'ChargingSession' })

export const chargingSessionListSchema = z.object({ sessions: z.array(chargingSessionSchema) }).meta({ id: 'ChargingSessionList' })
export const chargingHistoryQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) })

export const meterValueSchema = z.object({
  seq: z.number().int(), deviceTs: timeMs, energyWh: z.number().int(), powerW: z.number().int(), voltageV: z.number(),
  temperatureC: z.number().nullable(), receivedAtMs: timeMs
}).meta({ id: 'ChargingMeterValue' })

export const holdViewSchema = z.object({
  id: z.string(), points: z.number().int(), status: z.enum(['held', 'settled', 'released']), placedAtMs: timeMs, closedAtMs: timeMs.nullable(),
  chargedPoints: z.number().int().nullable(), releasedPoints: z.number().int().nullable(), closeReason: z.string().nullable()
}).meta({ id: 'PointHold' })

export const sessionDisputeSchema = z.object({
  session: chargingSessionSchema,
  tariff: tariffVersionSchema.describe('the version in force when the session started; it applies to the whole session'),
  meterCurve: z.array(meterValueSchema),
  hold: holdViewSchema.describe('points held at the start; at the end, charged and released'),
  ledgerEntries: z.array(ledgerEntrySchema).describe('the charge (and a late stop\'s refund), oldest first'),
  stop: z.unknown().describe('the pile\'s stop as received: seq, device time, reason, energy; null when none came')
}).meta({ id: 'ChargingDispute' })

export const scanToChargeResultSchema = z.object({ session: chargingSessionSchema, cmdId: z.string(), delivered: z.boolean().describe('false: the pile is offline; the start is sent when it reconnects, or the hold is released after the start timeout') })
  .meta({ id: 'ScanToChargeResult' })

export const chargingSessionParamsSchema = z.object({ sessionId: idSchema })
export const deviceParamsSchema = z.object({ deviceId: idSchema })
