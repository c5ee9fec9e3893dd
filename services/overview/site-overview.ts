// The overview of one site for the staff pages: devices by state, bins nearly
// full, today's deposits and points, what waits for a decision, open alarms by
// severity. Read-only.
import type { SiteOverview } from '../../schemas/site-overview.ts'
import { getSite } from '../sites/site-registry.ts'
import { localDay } from '../points/local-day.ts'
import type { Executor } from '../store/executor.ts'
import { BIN_FULL_THRESHOLD_PCT, binsNearlyFull } from './bins.ts'
import { localMidnightMs } from './local-midnight.ts'

export async function siteOverview (db: Executor, siteId: string, nowMs = Date.now()): Promise<SiteOverview> {
  const site = await getSite(db, siteId)
  const day = localDay(nowMs, site.timezone)
  const devices = await db.selectFrom('devices').select(['id', 'status', 'online', 'last_status']).where('site_id', '=', siteId).execute()
  const active = devices.filter(d => d.status === 'active')
  const deposits = await db.selectFrom('deposits')
    .select(eb => [eb.fn.countAll().as('n'), eb.fn.sum<number | string | null>('total_grams').as('grams'), eb.fn.sum<number | string | null>('points_credited').as('points')])
    .where('site_id', '=', siteId).where('local_day', '=', day)
    .executeTakeFirstOrThrow()
  const redeemed = await db.selectFrom('ledger_entries')
    .select(eb => eb.fn.sum<number | string | null>('points').as('points'))
    .where('site_id', '=', siteId).where('kind', '=', 'redeem').where('created_at_ms', '>=', localMidnightMs(nowMs, site.timezone))
    .executeTakeFirstOrThrow()
  const pendingAdjustments = await db.selectFrom('adjustment_requests').select(eb => eb.fn.countAll().as('n'))
    .where('site_id', '=', siteId).where('status', '=', 'pending').executeTakeFirstOrThrow()
  const pendingReviews = await db.selectFrom('review_items').select(eb => eb.fn.countAll().as('n'))
    .where('site_id', '=', siteId).where('status', '=', 'pending').executeTakeFirstOrThrow()
  const openAlarms = await db.selectFrom('alarms').select(['severity', 'acknowledged', eb => eb.fn.countAll().as('n')])
    .where('site_id', '=', siteId).where('open_key', 'is not', null).groupBy(['severity', 'acknowledged']).execute()
  const bySeverity = { critical: 0, major: 0, minor: 0, warning: 0, indeterminate: 0 }
  for (const row of openAlarms) bySeverity[row.severity] += Number(row.n)
  return {
    siteId,
    localDay: day,
    devices: {
      total: devices.length,
      online: active.filter(d => d.online === 1).length,
      offline: active.filter(d => d.online !== 1).length,
      disabled: devices.length - active.length
    },
    binsNearlyFull: active.flatMap(d => binsNearlyFull(d.last_status).map(b => ({ deviceId: d.id, ...b }))),
    binFullThresholdPct: BIN_FULL_THRESHOLD_PCT,
    today: {
      deposits: Number(deposits.n),
      grams: Number(deposits.grams ?? 0),
      pointsEarned: Number(deposits.points ?? 0),
      // redeem entries are negative debits
      pointsRedeemed: -Number(redeemed.points ?? 0)
    },
    pending: { adjustments: Number(pendingAdjustments.n), reviewItems: Number(pendingReviews.n) },
    alarms: {
      open: openAlarms.reduce((sum, r) => sum + Number(r.n), 0),
      unacknowledged: openAlarms.filter(r => r.acknowledged === 0).reduce((sum, r) => sum + Number(r.n), 0),
      bySeverity
    }
  }
}
