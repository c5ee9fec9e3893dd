// Charging per site and period: sessions settled in it (by the time they
// settled, site-local), the energy they delivered and those a fault ended;
// revenue is the ledger's charges less late-stop refunds made in the period
// (money as it moved, so a day's revenue never changes afterwards). Not rolled
// up: a month of a 3,000-household site settles a few thousand sessions, summed
// on the (site, settled time) index in milliseconds, and a late stop may still
// correct a session's energy after its day (docs/http-api.md#reports).
import type { ChargingSessionStatus } from '../store/database.ts'
import type { Executor } from '../store/executor.ts'

export interface ChargingFigures {
  /** Sessions settled in the period (stopped by the pile, or settled after it fell silent). */
  sessions: number
  energyWh: number
  /** Sessions the pile stopped for a fault, over-power or over-temperature. */
  faultStops: number
  /** Charged less refunded, in points (100 points = 1 yuan). */
  revenuePoints: number
}

const settled: readonly ChargingSessionStatus[] = ['stopped', 'silent', 'reconciled']
const faultReasons = ['FAULT', 'OVER_POWER', 'OVER_TEMPERATURE']

export function emptyCharging (): ChargingFigures {
  return { sessions: 0, energyWh: 0, faultStops: 0, revenuePoints: 0 }
}

/** Sessions, energy and fault stops of the site in [startMs, endMs); revenue comes from the ledger (site-report.ts). */
export async function chargingSessions (db: Executor, siteId: string, startMs: number, endMs: number): Promise<Omit<ChargingFigures, 'revenuePoints'>> {
  const row = await db.selectFrom('charging_sessions')
    .select(eb => [
      eb.fn.countAll<string | number>().as('sessions'),
      eb.fn.sum<string | number | null>('energy_wh').as('energyWh'),
      eb.fn.sum<string | number | null>(eb.case().when('end_reason', 'in', faultReasons).then(1).else(0).end()).as('faultStops')
    ])
    .where('site_id', '=', siteId).where('ended_at_ms', '>=', startMs).where('ended_at_ms', '<', endMs).where('status', 'in', settled)
    .executeTakeFirstOrThrow()
  return { sessions: Number(row.sessions), energyWh: Number(row.energyWh ?? 0), faultStops: Number(row.faultStops ?? 0) }
}
