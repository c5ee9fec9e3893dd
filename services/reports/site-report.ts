// The district's figures per site and period (issue 12): participation rate
// (households with at least one deposit ÷ registered households), kilograms
// per category, deposits and those in review, points issued, redeemed and
// outstanding (the liability, 100 points = 1 yuan), gate traffic and charging.
// One query per figure, each on an index (deposits by site and day, the ledger
// by site and time, settled sessions by site and time) or a roll-up (weights,
// gate traffic).
import type { Executor } from '../store/executor.ts'
import { emptyGrams, gramsByCategory, type GramsByCategory } from './category-days.ts'
import { chargingSessions, emptyCharging, type ChargingFigures } from './charging-figures.ts'
import { addTraffic, emptyTraffic, gateTraffic, type GateTraffic } from './gate-traffic.ts'
import { daysOf, periodBoundsMs, type Period } from './periods.ts'

export interface SiteReport {
  siteId: string
  siteName: string
  from: string
  to: string
  households: number
  participatingHouseholds: number
  /** participatingHouseholds ÷ households, 0 when there are none. */
  participationRate: number
  deposits: number
  depositsInReview: number
  gramsByCategory: GramsByCategory
  points: {
    /** Earned at kiosks in the period. */
    issued: number
    /** Redeemed at the counter in the period (a positive number). */
    redeemed: number
    /** Reversals and approved adjustments in the period, net. */
    corrections: number
    /** All households' balances at the end of the period. */
    outstanding: number
  }
  /** `outstanding` in yuan, exact: "1234.56". */
  liabilityYuan: string
  gate: GateTraffic
  charging: ChargingFigures & { /** `revenuePoints` in yuan, exact. */ revenueYuan: string }
}

export function yuan (points: number): string {
  const sign = points < 0 ? '-' : ''
  const abs = Math.abs(points)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export async function siteReport (db: Executor, site: { id: string, name: string, timezone: string }, period: Period, opts: { depositWindowMs: number, nowMs: number }): Promise<SiteReport> {
  const { startMs, endMs, firstDay, lastDay } = periodBoundsMs(period, site.timezone)
  const households = await db.selectFrom('households').select(eb => eb.fn.countAll<string>().as('n'))
    .where('site_id', '=', site.id).where('created_at_ms', '<', endMs).executeTakeFirstOrThrow()
  const deposits = await db.selectFrom('deposits')
    .select(eb => [
      eb.fn.countAll<string>().as('n'),
      eb.fn.count<string>('household_id').distinct().as('households'),
      eb.fn.sum<string>(eb.case().when('outcome', '=', 'review').then(1).else(0).end()).as('review')
    ])
    .where('site_id', '=', site.id).where('local_day', '>=', firstDay).where('local_day', '<=', lastDay).executeTakeFirstOrThrow()
  const ledger = await db.selectFrom('ledger_entries').select(eb => ['kind', eb.fn.sum<string>('points').as('points')])
    .where('site_id', '=', site.id).where('created_at_ms', '>=', startMs).where('created_at_ms', '<', endMs).groupBy('kind').execute()
  const outstanding = await db.selectFrom('ledger_entries').select(eb => eb.fn.sum<string>('points').as('points'))
    .where('site_id', '=', site.id).where('created_at_ms', '<', endMs).executeTakeFirstOrThrow()
  const byKind = (kind: string) => Number(ledger.find(l => l.kind === kind)?.points ?? 0)
  const registered = Number(households.n)
  const participating = Number(deposits.households)
  const outstandingPoints = Number(outstanding.points ?? 0)
  return {
    siteId: site.id,
    siteName: site.name,
    from: firstDay,
    to: lastDay,
    households: registered,
    participatingHouseholds: participating,
    participationRate: registered === 0 ? 0 : Math.round((participating / registered) * 10_000) / 10_000,
    deposits: Number(deposits.n),
    depositsInReview: Number(deposits.review ?? 0),
    gramsByCategory: await gramsByCategory(db, site, daysOf(period), opts.nowMs - opts.depositWindowMs),
    points: { issued: byKind('earn'), redeemed: -byKind('redeem'), corrections: byKind('reverse') + byKind('adjust'), outstanding: outstandingPoints },
    liabilityYuan: yuan(outstandingPoints),
    gate: await gateTraffic(db, site, daysOf(period), opts.nowMs),
    charging: withYuan({ ...await chargingSessions(db, site.id, startMs, endMs), revenuePoints: -byKind('charge') - byKind('refund') })
  }
}

function withYuan (c: ChargingFigures): SiteReport['charging'] {
  return { ...c, revenueYuan: yuan(c.revenuePoints) }
}

/** The sum of several sites' reports (the district); the rate is recomputed from the sums. */
export function totalReport (reports: readonly SiteReport[], from: string, to: string): SiteReport {
  const grams = emptyGrams()
  for (const r of reports) for (const c of Object.keys(grams) as Array<keyof GramsByCategory>) grams[c] += r.gramsByCategory[c]
  const sum = (f: (r: SiteReport) => number) => reports.reduce((s, r) => s + f(r), 0)
  const households = sum(r => r.households)
  const participating = sum(r => r.participatingHouseholds)
  const outstanding = sum(r => r.points.outstanding)
  const charging = emptyCharging()
  for (const k of Object.keys(charging) as Array<keyof ChargingFigures>) charging[k] = sum(r => r.charging[k])
  return {
    siteId: '*',
    siteName: 'all sites',
    from,
    to,
    households,
    participatingHouseholds: participating,
    participationRate: households === 0 ? 0 : Math.round((participating / households) * 10_000) / 10_000,
    deposits: sum(r => r.deposits),
    depositsInReview: sum(r => r.depositsInReview),
    gramsByCategory: grams,
    points: { issued: sum(r => r.points.issued), redeemed: sum(r => r.points.redeemed), corrections: sum(r => r.points.corrections), outstanding },
    liabilityYuan: yuan(outstanding),
    gate: reports.reduce((t, r) => addTraffic(t, r.gate), emptyTraffic()),
    charging: withYuan(charging)
  }
}
