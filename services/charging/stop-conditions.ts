// Pure rules: when the backend stops a port, decided from the pile's newest
// meter value (device time only). Safety first: over-temperature, then
// over-power (both also raise an alarm), then hold exhausted, time limit, full.
import type { ChargingLimits, StopCommandReason } from '../../schemas/charging.ts'
import { lowPowerSince, type MeterReading } from './tariff.ts'

export interface StopDecision {
  reason: Extract<StopCommandReason, 'OVER_TEMPERATURE' | 'OVER_POWER' | 'HOLD_EXHAUSTED' | 'TIME_LIMIT' | 'FULL'>
  /** Safety stops also raise an alarm for staff. */
  alarm: boolean
}

export interface StopCheck {
  /** Readings up to and including the newest, in sequence order. */
  readings: readonly MeterReading[]
  temperatureC: number | undefined
  startedAtMs: number
  /** The session's cost so far without the minimum charge (tariff.ts costTowardsHold). */
  costSoFarPoints: number
  holdPoints: number
  /** The tariff's cap: a cap within the hold means charging on never costs more than the hold. */
  costCapPoints: number | null
  limits: ChargingLimits
}

const msPerMinute = 60_000

export function stopConditionFor (check: StopCheck): StopDecision | null {
  const newest = check.readings.at(-1)
  if (newest == null) return null
  const { limits } = check
  if (check.temperatureC != null && check.temperatureC > limits.maxTemperatureC) return { reason: 'OVER_TEMPERATURE', alarm: true }
  if (newest.powerW > limits.maxPortPowerW) return { reason: 'OVER_POWER', alarm: true }
  const capWithinHold = check.costCapPoints != null && check.costCapPoints <= check.holdPoints
  if (check.costSoFarPoints >= check.holdPoints && !capWithinHold) return { reason: 'HOLD_EXHAUSTED', alarm: false }
  if (newest.atMs - check.startedAtMs >= limits.maxDurationMinutes * msPerMinute) return { reason: 'TIME_LIMIT', alarm: false }
  const lowSince = lowPowerSince(check.readings, limits.fullBelowW)
  if (lowSince != null && newest.atMs - lowSince.atMs >= limits.fullAfterMinutes * msPerMinute) return { reason: 'FULL', alarm: false }
  return null
}

export interface PortLoad { sessionId: string, powerW: number, startedAtMs: number }

/**
 * Over-power of a pile as a whole: the sessions to stop so that the rest stay
 * within maxPilePowerW. Last in, first out — the most recently started session
 * tipped the pile over, so it stops first (ties: the larger session id first,
 * so the choice does not depend on input order).
 */
export function pileOverPowerStops (ports: readonly PortLoad[], maxPilePowerW: number): string[] {
  let totalW = ports.reduce((sum, p) => sum + p.powerW, 0)
  const newestFirst = [...ports].sort((a, b) => b.startedAtMs - a.startedAtMs || (a.sessionId < b.sessionId ? 1 : -1))
  const stops: string[] = []
  for (const port of newestFirst) {
    if (totalW <= maxPilePowerW) break
    stops.push(port.sessionId)
    totalW -= port.powerW
  }
  return stops
}
