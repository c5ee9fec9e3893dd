// Pure rule: what a charging session costs under one tariff version. No I/O,
// no clock: every time comes from the pile's own timestamps (device `ts`),
// never from when the server received a message.
//
// Rounding rule (the one rule, also in docs/charging.md):
//   1. Quantities are integers: energy in Wh, time in ms of device time.
//      Duration = end − start (0 if the pile's clock ran backwards), at most
//      chargingBounds.maxBilledMs.
//   2. Time is rounded up to whole billing units (a started minute or half
//      hour counts whole); idle time, after its grace, to whole minutes.
//   3. Each component is price × quantity ÷ base, rounded up to a whole point:
//      ceil(billedMs × pointsPerHour ÷ 3,600,000), ceil(Wh × pointsPerKwh ÷ 1000).
//   4. Components are summed, the start fee added, then clamped to
//      [minCostPoints, maxCostPoints].
//   When freeSessionSeconds > 0, a session that short or shorter costs 0 (no
//   fee, no minimum);
//   a free tariff always costs 0.
//
// Power tier rule: the tier is chosen by the session's PEAK power (the highest
// powerW of any meter reading), and its hourly price applies to the whole
// session — as YunCharging and other e-bike pile operators price: a charger
// that draws 450 W in its constant-current phase pays the 450 W tier even as
// the constant-voltage phase tapers off. A peak above the last tier pays the
// last tier (over-power stops such sessions anyway).
import { billingUnitMs, chargingBounds, type Tariff, type TariffPricing } from '../../schemas/charging.ts'

/** One meter value, as the pile measured it at its own time `atMs`. */
export interface MeterReading { seq: number, atMs: number, energyWh: number, powerW: number }

export interface SessionUsage {
  startedAtMs: number
  endedAtMs: number
  /** Energy delivered in the whole session. */
  energyWh: number
  /** The readings up to the end, in sequence order. */
  readings: readonly MeterReading[]
}

export interface TariffCost {
  costPoints: number
  timePoints: number
  energyPoints: number
  idleFeePoints: number
  startFeePoints: number
  durationMs: number
  billedMs: number
  idleMs: number
  peakPowerW: number
  /** Index of the power tier applied, null for other tariffs. */
  tier: number | null
  /** Set when the session was short enough to be free, or min/max cost applied. */
  adjustment: 'free_short_session' | 'min_cost' | 'max_cost' | null
}

const msPerHour = 3_600_000
const msPerMinute = 60_000

/** ceil(a × b ÷ divisor) in exact integer arithmetic. */
export function ceilMulDiv (a: number, b: number, divisor: number): number {
  const product = BigInt(a) * BigInt(b)
  const d = BigInt(divisor)
  return Number((product + d - 1n) / d)
}

export const roundUpTo = (ms: number, unitMs: number): number => Math.ceil(ms / unitMs) * unitMs

function assertUsage (usage: SessionUsage): void {
  const numbers = [usage.startedAtMs, usage.endedAtMs, usage.energyWh, ...usage.readings.flatMap(r => [r.atMs, r.energyWh, r.powerW])]
  if (!numbers.every(n => Number.isSafeInteger(n) && n >= 0)) throw new RangeError('session usage must be non-negative integers (ms, Wh, W)')
  if (usage.energyWh > chargingBounds.maxEnergyWh) throw new RangeError(`session energy above ${chargingBounds.maxEnergyWh} Wh`)
}

export const peakPowerW = (readings: readonly MeterReading[]): number => readings.reduce((peak, r) => Math.max(peak, r.powerW), 0)

/** First reading of the trailing run of readings below `belowW`, or null if the last reading is not below it. */
export function lowPowerSince (readings: readonly MeterReading[], belowW: number): MeterReading | null {
  let since: MeterReading | null = null
  for (let i = readings.length - 1; i >= 0; i--) {
    const reading = readings[i] as MeterReading
    if (reading.powerW >= belowW) break
    since = reading
  }
  return since
}

function tierIndex (tiers: ReadonlyArray<{ upToW: number }>, peakW: number): number {
  const index = tiers.findIndex(tier => peakW <= tier.upToW)
  return index === -1 ? tiers.length - 1 : index
}

function pricedUsage (pricing: TariffPricing, durationMs: number, energyWh: number, peakW: number) {
  switch (pricing.kind) {
    case 'per_hour': {
      const billedMs = roundUpTo(durationMs, billingUnitMs[pricing.billingUnit])
      return { timePoints: ceilMulDiv(billedMs, pricing.pointsPerHour, msPerHour), energyPoints: 0, billedMs, tier: null }
    }
    case 'per_kwh':
      return { timePoints: 0, energyPoints: ceilMulDiv(energyWh, pricing.pointsPerKwh, 1000), billedMs: 0, tier: null }
    case 'power_tier': {
      const tier = tierIndex(pricing.tiers, peakW)
      const billedMs = roundUpTo(durationMs, billingUnitMs[pricing.billingUnit])
      return { timePoints: ceilMulDiv(billedMs, pricing.tiers[tier]?.pointsPerHour ?? 0, msPerHour), energyPoints: 0, billedMs, tier }
    }
    case 'free':
      return { timePoints: 0, energyPoints: 0, billedMs: 0, tier: null }
  }
}

function idleFee (tariff: Tariff, usage: SessionUsage) {
  if (tariff.idleFee == null) return { idleMs: 0, idleFeePoints: 0 }
  const since = lowPowerSince(usage.readings, tariff.idleFee.belowW)
  const idleMs = since == null ? 0 : Math.min(Math.max(0, usage.endedAtMs - since.atMs), chargingBounds.maxBilledMs)
  const billedIdleMs = roundUpTo(Math.max(0, idleMs - tariff.idleFee.graceMinutes * msPerMinute), msPerMinute)
  return { idleMs, idleFeePoints: ceilMulDiv(billedIdleMs, tariff.idleFee.pointsPerHour, msPerHour) }
}

/**
 * How much of its hold a session has used so far: its cost without the
 * minimum charge. The hold covers the minimum from the start (a session may
 * only begin when it does), so a cost lifted to the minimum has not used the
 * hold up; counting it would stop a session whose hold equals its minimum at
 * its first meter value.
 */
export function costTowardsHold (tariff: Tariff, usage: SessionUsage): number {
  const cost = chargingCost(tariff, usage)
  if (cost.adjustment !== 'min_cost') return cost.costPoints
  return cost.timePoints + cost.energyPoints + cost.idleFeePoints + cost.startFeePoints
}

/** The cost of a session under `tariff`, by the rounding rule above. */
export function chargingCost (tariff: Tariff, usage: SessionUsage): TariffCost {
  assertUsage(usage)
  const durationMs = Math.min(Math.max(0, usage.endedAtMs - usage.startedAtMs), chargingBounds.maxBilledMs)
  const peakW = peakPowerW(usage.readings)
  const priced = pricedUsage(tariff.pricing, durationMs, usage.energyWh, peakW)
  const idle = idleFee(tariff, usage)
  const base = { ...priced, ...idle, durationMs, peakPowerW: peakW, startFeePoints: tariff.startFeePoints }
  if (tariff.pricing.kind === 'free') return { ...base, startFeePoints: 0, costPoints: 0, adjustment: null }
  if (tariff.freeSessionSeconds > 0 && durationMs <= tariff.freeSessionSeconds * 1000) {
    return { ...base, timePoints: 0, energyPoints: 0, idleFeePoints: 0, startFeePoints: 0, costPoints: 0, adjustment: 'free_short_session' }
  }
  const raw = priced.timePoints + priced.energyPoints + idle.idleFeePoints + tariff.startFeePoints
  if (raw < tariff.minCostPoints) return { ...base, costPoints: tariff.minCostPoints, adjustment: 'min_cost' }
  if (tariff.maxCostPoints != null && raw > tariff.maxCostPoints) return { ...base, costPoints: tariff.maxCostPoints, adjustment: 'max_cost' }
  return { ...base, costPoints: raw, adjustment: null }
}
