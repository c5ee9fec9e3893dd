// Rolls up the finished days of the last weeks for every site ahead of the
// reports (category-days.ts stores a day once it ended longer ago than the
// deposit window and stores it anew when a late replay lands in it;
// gate-traffic.ts stores a day once it can no longer change), so
// the first report of a month reads the roll-up instead of parsing a month
// of deposits and counting a month of gate passages. One process at a time (a lease); a day rolled up twice at once
// is harmless (insert-if-absent), and older days are rolled up on first use.
import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../jobs/periodic-job.ts'
import { localDay } from '../points/local-day.ts'
import type { Executor } from '../store/executor.ts'
import { gramsByCategory } from './category-days.ts'
import { gateTraffic } from './gate-traffic.ts'

export const ROLLUP_JOB = 'report-rollup'
const DAYS_BACK = 40
const dayMs = 86_400_000

/** The site-local days of the last `DAYS_BACK` days, oldest first (only finished ones are stored). */
export function recentDays (timeZone: string, nowMs: number): string[] {
  const days = new Set<string>()
  for (let i = DAYS_BACK; i >= 0; i--) days.add(localDay(nowMs - i * dayMs, timeZone))
  return [...days]
}

export async function rollUpRecentDays (db: Executor, depositWindowMs: number, nowMs: number): Promise<number> {
  const sites = await db.selectFrom('sites').select(['id', 'timezone']).execute()
  for (const site of sites) {
    const days = recentDays(site.timezone, nowMs)
    await gramsByCategory(db, site, days, nowMs - depositWindowMs)
    await gateTraffic(db, site, days, nowMs)
  }
  return sites.length
}

export function startReportRollup (opts: { db: Executor, log: Logger, everyMs: number, depositWindowMs: number, holder?: string }): PeriodicJob {
  return startPeriodicJob({
    db: opts.db,
    name: ROLLUP_JOB,
    everyMs: opts.everyMs,
    log: opts.log,
    ...(opts.holder != null ? { holder: opts.holder } : {}),
    async run ({ nowMs }) { await rollUpRecentDays(opts.db, opts.depositWindowMs, nowMs) }
  })
}
