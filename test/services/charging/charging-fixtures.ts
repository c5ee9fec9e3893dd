// Builders for the charging tests: a tariff through the real schema (so its
// defaults and refinements apply) and meter readings on a device clock.
import { tariffSchema, type Tariff } from '../../../schemas/charging.ts'
import type { MeterReading } from '../../../services/charging/tariff.ts'

export const t0 = Date.UTC(2026, 2, 4, 20, 0)
export const minutes = (n: number) => n * 60_000

export function aTariff (overrides: Partial<Tariff> & Pick<Tariff, 'pricing'>): Tariff {
  return tariffSchema.parse({ tariffId: 'site1-ebike', version: 1, ...overrides })
}

/** Readings at the given minutes after t0 with the given power; energy grows as power × time. */
export function readingsAt (points: Array<[minute: number, powerW: number]>, firstSeq = 1): MeterReading[] {
  let energyWh = 0
  let lastMinute = 0
  return points.map(([minute, powerW], i) => {
    energyWh += Math.round(powerW * (minute - lastMinute) / 60)
    lastMinute = minute
    return { seq: firstSeq + i, atMs: t0 + minutes(minute), energyWh, powerW }
  })
}
