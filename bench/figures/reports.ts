// Figure: a month report of a 3,000-household site (issue 12: under 200 ms).
// Seeds a fresh SQLite file (WAL, synchronous=FULL, as the backend opens it)
// with a finished month: every household deposits on about half of the days
// (1–3 category lines each, a ledger earn per deposit) and redeems once, on
// top of an opening balance; the month's gate passages and charging sessions
// beside them (report-activity.ts). Then times `siteReport` for the month: cold
// (no roll-up rows: the month's deposits are parsed, its access log counted,
// and the finished days rolled up) and rolled up (the report reads ~31 × 9 roll-up rows), the
// median of several calls each. The report's figures are checked against
// what was seeded, so a fast wrong answer does not count.
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { categories } from '../../schemas/common.ts'
import { daysOf, dayStartMs, type Period } from '../../services/reports/periods.ts'
import { siteReport } from '../../services/reports/site-report.ts'
import { createSite } from '../../services/sites/site-registry.ts'
import { openStore } from '../../services/store/open-database.ts'
import type { Executor } from '../../services/store/executor.ts'
import type { RunContext } from '../lib/context.ts'
import { monthActivity, type Activity } from './report-activity.ts'
import { summarize, type Summary } from '../lib/stats.ts'

export const REPORT_HOUSEHOLDS = 3000
const dayMs = 86_400_000

export interface ReportTiming { households: number, deposits: number, ledgerEntries: number, passages: number, chargingSessions: number, seedMs: number, coldMs: Summary, rolledUpMs: Summary }

/** The month before last (UTC): all its days are final, whatever the deposit window. */
function finishedMonth (nowMs: number): string {
  const d = new Date(nowMs)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 2, 1)).toISOString().slice(0, 7)
}

/** A small deterministic generator: the same month every run. */
function lcg (seed: number) {
  let s = seed >>> 0
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32 }
}

async function insertInChunks<T> (db: Executor, table: 'households' | 'deposits' | 'ledger_entries' | 'access_log' | 'devices' | 'charging_sessions', rows: T[], size: number): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size) as never).execute()
}

interface Seeded { deposits: number, ledgerEntries: number, participating: number, grams: number, issued: number, redeemed: number, outstanding: number, activity: Activity['expected'], passages: number }

async function seedMonth (db: Executor, siteId: string, timeZone: string, period: Period): Promise<Seeded> {
  const days = daysOf(period)
  const monthStart = dayStartMs(days[0] ?? '', timeZone)
  const random = lcg(12)
  const households = Array.from({ length: REPORT_HOUSEHOLDS }, (_, i) => ({ id: `rh${i}`, site_id: siteId, label: `${1 + Math.floor(i / 100)}-${i % 100}`, status: 'active' as const, balance_points: 0, created_at_ms: monthStart - 90 * dayMs }))
  const deposits: Array<Record<string, unknown>> = []
  const ledger: Array<Record<string, unknown>> = []
  const balance = new Map<string, number>()
  const entry = (householdId: string, kind: 'earn' | 'redeem' | 'charge', points: number, atMs: number) => {
    const after = (balance.get(householdId) ?? 0) + points
    balance.set(householdId, after)
    ledger.push({ id: `le${ledger.length}`, household_id: householdId, site_id: siteId, kind, points, balance_after: after, idempotency_key: `bench:${ledger.length}`, ref_type: null, ref_id: null, reason: null, staff_id: null, approved_by: null, created_at_ms: atMs })
  }
  // an opening balance before the month: the outstanding figure sums the site's whole ledger
  for (const h of households) entry(h.id, 'earn', 500, monthStart - 30 * dayMs)
  const participants = new Set<string>()
  let grams = 0
  let issued = 0
  days.forEach((day, d) => {
    const dayStart = dayStartMs(day, timeZone)
    for (const h of households) {
      if (random() >= 0.5) continue
      const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => {
        const category = categories[(d + i + Number(h.id.slice(2))) % 7] ?? 'paper'
        const g = 200 + Math.floor(random() * 3000)
        return { category, grams: g, points: Math.floor(g / 25) }
      })
      const total = lines.reduce((s, l) => s + l.grams, 0)
      const points = lines.reduce((s, l) => s + l.points, 0)
      const atMs = dayStart + 7 * 3600_000 + Math.floor(random() * 14 * 3600_000)
      const n = deposits.length
      deposits.push({ id: `rd${n}`, device_id: `rk${n % 12}`, site_id: siteId, session_id: `rs${n}`, household_id: h.id, event_id: `re${n}`, lines: JSON.stringify(lines), total_grams: total, points_computed: points, points_credited: points, outcome: 'credited', entry_id: `le${ledger.length}`, local_day: day, device_ts: atMs, received_at_ms: atMs })
      entry(h.id, 'earn', points, atMs)
      participants.add(h.id)
      grams += total
      issued += points
    }
  })
  const activity = monthActivity(siteId, timeZone, days, households.map(h => h.id), random)
  for (const c of activity.charges) entry(c.householdId, 'charge', -c.points, c.atMs)
  let redeemed = 0
  for (const h of households) {
    const take = Math.min(300, balance.get(h.id) ?? 0)
    entry(h.id, 'redeem', -take, monthStart + 20 * dayMs)
    redeemed += take
  }
  for (const h of households) h.balance_points = balance.get(h.id) ?? 0
  await db.transaction().execute(async trx => {
    await insertInChunks(trx, 'households', households, 500)
    await insertInChunks(trx, 'deposits', deposits, 500)
    await insertInChunks(trx, 'ledger_entries', ledger, 500)
    await insertInChunks(trx, 'access_log', activity.accessLog, 500)
    await insertInChunks(trx, 'devices', activity.chargers, 500)
    await insertInChunks(trx, 'charging_sessions', activity.sessions, 500)
  })
  const outstanding = [...balance.values()].reduce((s, b) => s + b, 0)
  return { deposits: deposits.length, ledgerEntries: ledger.length, participating: participants.size, grams, issued, redeemed, outstanding, activity: activity.expected, passages: activity.accessLog.length }
}

/** On a fresh SQLite file, or on the empty PostgreSQL database `databaseUrl` (measured by hand so far). */
export async function reportTiming (ctx: RunContext, calls: number, databaseUrl?: string): Promise<ReportTiming> {
  const store = await openStore(databaseUrl != null ? { DATABASE_URL: databaseUrl, SQLITE_PATH: '' } : { SQLITE_PATH: join(ctx.tmp, `reports-${Date.now()}.db`) })
  try {
    const { db } = store
    const site = await createSite(db, { id: 'report-site', name: 'Report compound', timezone: 'Asia/Shanghai' })
    const period: Period = { kind: 'month', month: finishedMonth(Date.now()) }
    const seedStarted = performance.now()
    const seeded = await seedMonth(db, site.id, site.timezone, period)
    const seedMs = performance.now() - seedStarted
    const opts = { depositWindowMs: dayMs, nowMs: Date.now() }
    const timed = async () => {
      const started = performance.now()
      const report = await siteReport(db, site, period, opts)
      const ms = performance.now() - started
      const grams = Object.values(report.gramsByCategory).reduce((s, g) => s + g, 0)
      const expected = [seeded.deposits, seeded.participating, seeded.grams, seeded.issued, seeded.redeemed, seeded.outstanding, REPORT_HOUSEHOLDS]
      const got = [report.deposits, report.participatingHouseholds, grams, report.points.issued, report.points.redeemed, report.points.outstanding, report.households]
      if (got.some((v, i) => v !== expected[i])) throw new Error(`the report disagrees with the seeded month: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`)
      const activity = { gate: report.gate, sessions: report.charging.sessions, energyWh: report.charging.energyWh, revenuePoints: report.charging.revenuePoints }
      if (JSON.stringify(activity) !== JSON.stringify(seeded.activity)) throw new Error(`the report's gates and charging disagree with the seeded month: ${JSON.stringify(activity)} ≠ ${JSON.stringify(seeded.activity)}`)
      return ms
    }
    const cold: number[] = []
    for (let i = 0; i < calls; i++) {
      await db.deleteFrom('deposit_category_days').where('site_id', '=', site.id).execute()
      await db.deleteFrom('gate_traffic_days').where('site_id', '=', site.id).execute()
      cold.push(await timed())
    }
    const rolled: number[] = []
    for (let i = 0; i < calls; i++) rolled.push(await timed())
    return { households: REPORT_HOUSEHOLDS, deposits: seeded.deposits, ledgerEntries: seeded.ledgerEntries, passages: seeded.passages, chargingSessions: seeded.activity.sessions, seedMs, coldMs: summarize(cold), rolledUpMs: summarize(rolled) }
  } finally {
    await store.close()
  }
}
