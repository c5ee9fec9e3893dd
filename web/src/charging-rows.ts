// The charging page's pure rules: which sessions are live (one per pile and
// port), the meter curve as chart series, and a tariff in staff words.
import type { ChargingSession, ChargingTariff, MeterValue } from './api/types.ts'

const liveStatuses: ReadonlySet<ChargingSession['status']> = new Set(['starting', 'open', 'silent'])

/** Sessions still holding a port (starting, open, or silent: the pile stopped reporting), by pile then port. */
export function liveSessions (sessions: readonly ChargingSession[]): ChargingSession[] {
  return sessions.filter(s => liveStatuses.has(s.status))
    .sort((a, b) => a.deviceId.localeCompare(b.deviceId) || a.port - b.port)
}

/** Energy (Wh) and power (W) over the pile's own time, in the order the pile measured (seq). */
export function meterSeries (curve: readonly MeterValue[]): { energyWh: Array<[number, number]>, powerW: Array<[number, number]> } {
  const sorted = [...curve].sort((a, b) => a.seq - b.seq)
  return { energyWh: sorted.map(m => [m.deviceTs, m.energyWh]), powerW: sorted.map(m => [m.deviceTs, m.powerW]) }
}

/** A locale key and its values: the page translates, this decides what to say. */
export function tariffWords (tariff: Pick<ChargingTariff, 'pricing'>): { key: string, values: Record<string, string | number> } {
  const p = tariff.pricing
  switch (p.kind) {
    case 'per_hour': return { key: 'charging.tariffPerHour', values: { points: p.pointsPerHour, unit: p.billingUnit } }
    case 'per_kwh': return { key: 'charging.tariffPerKwh', values: { points: p.pointsPerKwh } }
    case 'power_tier': return { key: 'charging.tariffPowerTier', values: { tiers: p.tiers.length } }
    case 'free': return { key: 'charging.tariffFree', values: {} }
  }
}
