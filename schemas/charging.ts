// The charging pile contract (issue #11): a card swipe and session events up,
// start/stop/deny commands down, and the tariffs and limits the backend bills
// and guards sessions by (docs/protocol.md "Charging piles"). Every number is
// bounded so that any cost computed from them stays an exact integer well
// inside a 32-bit column (see chargingBounds).
import { z } from 'zod'
import { cardUidSchema, deviceTextSchema, eventIdSchema, idSchema, tsSchema } from './common.ts'

export const chargingBounds = {
  maxPort: 64,
  /** Session sequence numbers fit a 32-bit column. */
  maxSeq: 2_147_483_647,
  /** 1 MWh: far above any session, and × maxPricePoints stays below 2^53. */
  maxEnergyWh: 1_000_000,
  maxPowerW: 400_000,
  maxVoltageV: 1_500,
  minTemperatureC: -60,
  maxTemperatureC: 200,
  /** Per hour or per kWh: 1,000 yuan. */
  maxPricePoints: 100_000,
  maxFeePoints: 1_000_000,
  maxHoldPoints: 1_000_000,
  /** Longer sessions are billed as this long: 7 days. Keeps time × price exact. */
  maxBilledMs: 7 * 24 * 3_600_000,
  maxTiers: 8
} as const

const portSchema = z.number().int().min(1).max(chargingBounds.maxPort)
const seqSchema = z.number().int().min(0).max(chargingBounds.maxSeq)
const energyWhSchema = z.number().int().min(0).max(chargingBounds.maxEnergyWh)
const powerWSchema = z.number().int().min(0).max(chargingBounds.maxPowerW)
const priceSchema = z.number().int().min(0).max(chargingBounds.maxPricePoints)
const feeSchema = z.number().int().min(0).max(chargingBounds.maxFeePoints)

/** What a pile's port is doing, in its status heartbeat (docs/protocol.md §10). */
export const portStates = ['idle', 'charging', 'fault', 'offline'] as const
export const portStatusSchema = z.object({
  port: portSchema,
  state: z.enum(portStates),
  powerW: powerWSchema.optional()
})
export type PortStatus = z.infer<typeof portStatusSchema>
/** One entry per port: a port listed twice would leave staff guessing which state holds. */
export const portStatusesSchema = z.array(portStatusSchema).max(chargingBounds.maxPort)
  .refine(ports => new Set(ports.map(p => p.port)).size === ports.length, { message: 'each port may be listed once' })

/** Why a session ended, as the pile reports it. */
export const stopReasons = [
  'FULL', 'USER', 'TIME_LIMIT', 'HOLD_EXHAUSTED', 'FAULT', 'OVER_POWER',
  'OVER_TEMPERATURE', 'ZERO_POWER', 'UNPLUGGED', 'PILE_OFFLINE'
] as const
export const stopReasonSchema = z.enum(stopReasons)
export type StopReason = z.infer<typeof stopReasonSchema>

/**
 * Why the backend asks a pile to stop. `PILE_SILENT`: the backend settled the
 * session after the pile went quiet, and the pile turned out to be charging still.
 * `START_TIMEOUT`: the pile did not acknowledge the start in time, the hold was
 * released, and the pile started after all. `PILE_OVER_POWER`: the pile's ports
 * together drew more than its limit; the newest session stops first.
 */
export const stopCommandReasons = ['USER', 'TIME_LIMIT', 'HOLD_EXHAUSTED', 'FULL', 'OVER_POWER', 'OVER_TEMPERATURE', 'PILE_SILENT', 'START_TIMEOUT', 'PILE_OVER_POWER'] as const
export const stopCommandReasonSchema = z.enum(stopCommandReasons)
export type StopCommandReason = z.infer<typeof stopCommandReasonSchema>

// Every session event: numbered by the pile per session, 0 for `started`,
// then 1, 2, … in the order the pile produced them; the backend orders by it.
const sessionEventBase = {
  eventId: eventIdSchema,
  ts: tsSchema,
  sessionId: idSchema,
  port: portSchema,
  seq: seqSchema
}

/** A resident swiped a points card (or scanned a QR code) at a pile to charge on `port`. */
export const chargingSwipeEventSchema = z.object({
  eventId: eventIdSchema,
  ts: tsSchema,
  card: cardUidSchema,
  port: portSchema,
  method: z.enum(['card', 'qr']).default('card')
}).meta({ id: 'ChargingSwipeEvent', description: 'A resident swiped a card at the pile to charge on a port; the backend answers start-charging or deny-charging.' })
export type ChargingSwipeEvent = z.infer<typeof chargingSwipeEventSchema>

export const chargingStartedEventSchema = z.object({
  ...sessionEventBase
}).meta({ id: 'ChargingStartedEvent', description: 'The pile switched a port on for a session the backend started.' })

export const chargingMeterEventSchema = z.object({
  ...sessionEventBase,
  /** Energy delivered in this session so far (starts at 0). */
  energyWh: energyWhSchema,
  powerW: powerWSchema,
  voltageV: z.number().min(0).max(chargingBounds.maxVoltageV),
  temperatureC: z.number().min(chargingBounds.minTemperatureC).max(chargingBounds.maxTemperatureC).optional()
}).meta({ id: 'ChargingMeterEvent', description: 'Meter values of a charging port, every 30 s or so.' })

export const chargingStoppedEventSchema = z.object({
  ...sessionEventBase,
  reason: stopReasonSchema,
  /** Energy delivered in the whole session. */
  energyWh: energyWhSchema,
  faultCode: deviceTextSchema(64).optional(),
  message: deviceTextSchema(200).optional()
}).meta({ id: 'ChargingStoppedEvent', description: 'The port switched off; the session is over.' })

export const chargingEventSchemas = {
  'charging-started': chargingStartedEventSchema,
  'charging-meter': chargingMeterEventSchema,
  'charging-stopped': chargingStoppedEventSchema
}

export type ChargingStartedEvent = z.infer<typeof chargingStartedEventSchema>
export type ChargingMeterEvent = z.infer<typeof chargingMeterEventSchema>
export type ChargingStoppedEvent = z.infer<typeof chargingStoppedEventSchema>

const chargingCommandBase = { cmdId: idSchema, ts: tsSchema, sessionId: idSchema, port: portSchema }

export const startChargingCommandSchema = z.object({
  ...chargingCommandBase,
  type: z.literal('start-charging'),
  /** Points held for this session; the pile may show it and must stop when told. */
  holdPoints: z.number().int().min(1).max(chargingBounds.maxHoldPoints)
}).meta({ id: 'StartChargingCommand' })

export const stopChargingCommandSchema = z.object({
  ...chargingCommandBase,
  type: z.literal('stop-charging'),
  reason: stopCommandReasonSchema
}).meta({ id: 'StopChargingCommand' })

/** Why a swipe does not start a session. */
export const chargingDenyReasons = [
  'CARD_UNKNOWN', 'CARD_LOST', 'CARD_BLOCKED', 'CARD_WRONG_SITE', 'HOUSEHOLD_INACTIVE', 'DEVICE_DISABLED',
  'INSUFFICIENT_POINTS', 'PORT_BUSY', 'TARIFF_MISSING'
] as const
export type ChargingDenyReason = (typeof chargingDenyReasons)[number]

export const denyChargingCommandSchema = z.object({
  cmdId: idSchema,
  ts: tsSchema,
  type: z.literal('deny-charging'),
  /** The swipe this answers. */
  swipeEventId: z.string(),
  port: portSchema,
  reason: z.enum(chargingDenyReasons),
  message: z.string()
}).meta({ id: 'DenyChargingCommand' })

export const chargingCommandSchema = z.discriminatedUnion('type', [startChargingCommandSchema, stopChargingCommandSchema, denyChargingCommandSchema])
  .meta({ id: 'ChargingCommand', description: 'A command to a charging pile; acknowledge with a command-ack event.' })
export type ChargingCommand = z.infer<typeof chargingCommandSchema>
export type StartChargingCommand = z.infer<typeof startChargingCommandSchema>
export type StopChargingCommand = z.infer<typeof stopChargingCommandSchema>
export type DenyChargingCommand = z.infer<typeof denyChargingCommandSchema>

/** Time is billed in whole units, a started unit counting whole. */
export const billingUnitMs = { minute: 60_000, half_hour: 1_800_000 } as const
const billingUnitSchema = z.enum(['minute', 'half_hour'])

export const powerTierSchema = z.object({
  /** Peak power up to and including this pays this tier. */
  upToW: z.number().int().min(1).max(chargingBounds.maxPowerW),
  pointsPerHour: priceSchema
})

export const tariffPricingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_hour'), pointsPerHour: priceSchema, billingUnit: billingUnitSchema }),
  z.object({ kind: z.literal('per_kwh'), pointsPerKwh: priceSchema }),
  z.object({
    kind: z.literal('power_tier'),
    billingUnit: billingUnitSchema,
    tiers: z.array(powerTierSchema).min(1).max(chargingBounds.maxTiers)
      .refine(tiers => tiers.every((tier, i) => i === 0 || tier.upToW > (tiers[i - 1]?.upToW ?? 0)), 'tiers must be in strictly ascending upToW order')
  }),
  z.object({ kind: z.literal('free') })
])
export type TariffPricing = z.infer<typeof tariffPricingSchema>

export const idleFeeSchema = z.object({
  pointsPerHour: priceSchema,
  /** Plugged in while drawing less than this counts as idle. */
  belowW: z.number().int().min(1).max(chargingBounds.maxPowerW),
  /** Idle time free of charge before the fee starts. */
  graceMinutes: z.number().int().min(0).max(1_440)
})

const tariffFields = z.object({
  tariffId: idSchema,
  /** A new version for every change; the version in force at session start applies to the whole session. */
  version: z.number().int().min(1).max(chargingBounds.maxSeq),
  name: deviceTextSchema(100).optional(),
  pricing: tariffPricingSchema,
  startFeePoints: feeSchema.default(0),
  idleFee: idleFeeSchema.optional(),
  /** A session this long or shorter costs nothing at all (plugged in by mistake). */
  freeSessionSeconds: z.number().int().min(0).max(3_600).default(0),
  minCostPoints: feeSchema.default(0),
  maxCostPoints: feeSchema.optional()
})

/** The checks across fields, shared by the tariff and the HTTP body that sets one (without id and version). */
function withTariffRules<T extends z.ZodType<{ minCostPoints: number, maxCostPoints?: number | undefined, startFeePoints: number, idleFee?: unknown, pricing: { kind: string } }>> (schema: T): T {
  return schema
    .refine(t => t.maxCostPoints == null || t.minCostPoints <= t.maxCostPoints, { message: 'minCostPoints must not exceed maxCostPoints', path: ['minCostPoints'] })
    .refine(t => t.pricing.kind !== 'free' || (t.startFeePoints === 0 && t.idleFee == null && t.minCostPoints === 0),
      { message: 'a free tariff has no start fee, idle fee or minimum cost', path: ['pricing'] }) as unknown as T
}

export const tariffSchema = withTariffRules(tariffFields).meta({ id: 'ChargingTariff' })
/** A tariff as staff set it: the store numbers the version and gives the id. */
export const tariffBodySchema = withTariffRules(tariffFields.omit({ tariffId: true, version: true }))
export type Tariff = z.infer<typeof tariffSchema>

/** What the backend watches in meter values; defaults as issue #11 asks. */
export const chargingLimitsSchema = z.object({
  maxPortPowerW: powerWSchema.default(600),
  maxPilePowerW: powerWSchema.default(6_000),
  maxTemperatureC: z.number().min(0).max(chargingBounds.maxTemperatureC).default(70),
  /** Full: power below this for fullAfterMinutes. */
  fullBelowW: powerWSchema.default(30),
  fullAfterMinutes: z.number().int().min(1).max(240).default(10),
  maxDurationMinutes: z.number().int().min(1).max(chargingBounds.maxBilledMs / 60_000).default(720),
  /** No event for this long (server clock) → settle from the last meter value (PILE_SILENT). */
  silenceTimeoutMinutes: z.number().int().min(1).max(1_440).default(30)
}).meta({ id: 'ChargingLimits' })
export type ChargingLimits = z.infer<typeof chargingLimitsSchema>
