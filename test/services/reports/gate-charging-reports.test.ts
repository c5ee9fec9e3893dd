// Gate traffic and charging in the reports, on both stores, through the HTTP
// API. The test seeds the access log (through recordAccess, which marks late
// rows) and charging sessions (through the real session path: start, the
// pile's events, the silence sweep, a late stop) from its own lists, and
// computes every expected figure from those lists: counts by plain filters,
// energy from the stops, revenue from the tariff (120 points an hour per
// started minute = 2 points a minute). Days are Asia/Shanghai days (UTC+8):
// 23:59 on 31 March counts in March, 00:00 on 1 April does not, even though
// both are 31 March in UTC. The gate roll-up must answer as the access log does,
// and a late replay after the roll-up still counts.
import tap from 'tap'
import { handleChargingMeter, handleChargingStopped } from '../../../services/charging/charging-events.ts'
import { sweepCharging } from '../../../services/charging/charging-sweep.ts'
import { findDevice } from '../../../services/devices/device-registry.ts'
import { LATE_AFTER_MS, recordAccess } from '../../../services/gate/access-log.ts'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { kwh, reportsCsv } from '../../../services/reports/report-csv.ts'
import { rollUpRecentDays } from '../../../services/reports/rollup-job.ts'
import { yuan, type SiteReport } from '../../../services/reports/site-report.ts'
import { createSite } from '../../../services/sites/site-registry.ts'
import type { Device } from '../../../services/store/database.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aCharger, aChargingTariff } from '../../fixtures/charging-scene.ts'
import { aSettledSession, aStartedSession, nextEventId, pileEventContext } from '../../fixtures/charging-sessions.ts'
import { eachStore } from '../../helpers/stores.ts'
import { harness, onEachStore } from '../http/harness.ts'

const t = onEachStore(tap)
const minute = 60_000
const hour = 60 * minute
const day = 24 * hour
/** Shanghai wall-clock time as UTC ms (UTC+8, no DST). */
const shanghai = (d: string, h: number, m = 0) => Date.parse(`${d}T00:00:00Z`) - 8 * hour + h * hour + m * minute
const marchStart = shanghai('2026-03-01', 0)
const aprilStart = shanghai('2026-04-01', 0)

interface Passage { atMs: number, receivedAtMs: number, mode: 'online' | 'offline' | 'remote', kind: 'card' | 'pass' | 'staff', direction: 'in' | 'out' | null, decision: 'allow' | 'deny' }

function passagePlan (): Passage[] {
  const plan: Passage[] = []
  for (let i = 0; i < 120; i++) {
    const d = `2026-03-${String((i * 7) % 31 + 1).padStart(2, '0')}`
    const atMs = shanghai(d, i % 24, i % 60)
    const mode = i % 6 === 0 ? 'offline' : 'online'
    // offline decisions arrive when the gate is back: an hour later, within the day after
    plan.push({ atMs, receivedAtMs: mode === 'offline' ? atMs + hour : atMs, mode, kind: i % 9 === 0 ? 'pass' : 'card', direction: i % 2 === 0 ? 'in' : 'out', decision: i % 5 === 0 ? 'deny' : 'allow' })
  }
  for (const atMs of [shanghai('2026-03-03', 10), shanghai('2026-03-31', 18)]) plan.push({ atMs, receivedAtMs: atMs, mode: 'remote', kind: 'staff', direction: null, decision: 'allow' })
  // the month's edges in Shanghai time
  const edge = (atMs: number): Passage => ({ atMs, receivedAtMs: atMs, mode: 'online', kind: 'card', direction: 'in', decision: 'allow' })
  plan.push(edge(marchStart), edge(aprilStart - 1), edge(aprilStart), edge(marchStart - 1))
  // an offline entry replayed two days later: late, never in the roll-up, still in the report
  plan.push({ atMs: shanghai('2026-03-12', 8), receivedAtMs: shanghai('2026-03-14', 9), mode: 'offline', kind: 'pass', direction: 'in', decision: 'allow' })
  return plan
}

/** The gate figures of the passages in [fromMs, toMs), by plain filters. */
function expectedGate (plan: Passage[], fromMs: number, toMs: number) {
  const p = plan.filter(x => x.atMs >= fromMs && x.atMs < toMs)
  const allowed = p.filter(x => x.decision === 'allow')
  return {
    grantedIn: allowed.filter(x => x.direction === 'in').length,
    grantedOut: allowed.filter(x => x.direction === 'out').length,
    remoteOpens: p.filter(x => x.mode === 'remote').length,
    denied: p.filter(x => x.decision === 'deny').length,
    offline: p.filter(x => x.mode === 'offline').length,
    visitorEntries: allowed.filter(x => x.direction === 'in' && x.kind === 'pass').length
  }
}

let logged = 0
async function logPassage (db: Executor, siteId: string, x: Passage) {
  logged++
  await recordAccess(db, {
    site_id: siteId, gate_id: `gate-${siteId}`, event_id: `ev${logged}`, at_ms: x.atMs, received_at_ms: x.receivedAtMs, mode: x.mode,
    credential_kind: x.kind, card_uid: x.kind === 'card' ? 'C1' : null, pass_id: x.kind === 'pass' ? `vp${logged}` : null, staff_id: x.kind === 'staff' ? 'st1' : null,
    direction: x.direction, decision: x.decision, reason: x.decision === 'deny' ? 'CARD_BLOCKED' : null
  })
}

/** Sessions stopped by the pile: settled when the stop arrives, at `stopAtMs`. */
interface Charge { startMs: number, minutes: number, energyWh: number, reason: 'FULL' | 'USER' | 'FAULT' | 'OVER_TEMPERATURE' }
const charges: Charge[] = [
  { startMs: shanghai('2026-03-02', 8), minutes: 90, energyWh: 420, reason: 'FULL' },
  { startMs: shanghai('2026-03-15', 19), minutes: 45, energyWh: 233, reason: 'FAULT' },
  { startMs: shanghai('2026-03-31', 22, 50), minutes: 40, energyWh: 199, reason: 'USER' }, // settles 23:30 on 31 March
  { startMs: shanghai('2026-03-31', 23, 50), minutes: 40, energyWh: 301, reason: 'OVER_TEMPERATURE' }, // settles 00:30 on 1 April
  { startMs: shanghai('2026-02-28', 23, 0), minutes: 30, energyWh: 77, reason: 'FULL' } // settles 23:30 on 28 February
]
const pointsPerMinute = 2

async function seedCharging (db: Executor, siteId: string) {
  const device = await findDevice(db, (await aCharger(db, siteId)).device.id) as Device
  await aChargingTariff(db, siteId)
  const { household } = await aHouseholdWithCard(db, siteId)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 100_000, idempotencyKey: `seed-${siteId}`, nowMs: 1 })
  for (const c of charges) await aSettledSession(db, { device, household, startMs: c.startMs, stopMs: c.startMs + c.minutes * minute, energyWh: c.energyWh, reason: c.reason })
  // silent at 20:00 + 30 min of readings → settled by the sweep at 21:00 on 31 March for 30 minutes (60 points, 150 Wh);
  // the pile's stop (at 20 minutes, 100 Wh) comes at 09:00 on 1 April: 40 is the true cost, 20 refunded in April
  const silentStart = shanghai('2026-03-31', 20)
  const id = await aStartedSession(db, { device, household, startMs: silentStart })
  const ctx = (receivedAtMs: number) => pileEventContext(db, device, receivedAtMs)
  await handleChargingMeter(ctx(silentStart + 10 * minute), { eventId: nextEventId(), ts: silentStart + 10 * minute, sessionId: id, port: 1, seq: 1, energyWh: 50, powerW: 300, voltageV: 54 })
  await handleChargingMeter(ctx(silentStart + 30 * minute), { eventId: nextEventId(), ts: silentStart + 30 * minute, sessionId: id, port: 1, seq: 3, energyWh: 150, powerW: 300, voltageV: 54 })
  const swept = await sweepCharging(db, { startAckTimeoutMs: 1000 * hour, staleHoldMs: 1000 * hour }, shanghai('2026-03-31', 21))
  if (swept.silent.length !== 1) throw new Error('the silent session was not settled')
  await handleChargingStopped(ctx(shanghai('2026-04-01', 9)), { eventId: nextEventId(), ts: silentStart + 20 * minute, sessionId: id, port: 1, seq: 2, reason: 'USER', energyWh: 100 })
}

/** March of the Shanghai site, from the charging lists alone. */
function expectedChargingMarch () {
  const settledIn = (c: Charge) => c.startMs + c.minutes * minute
  const march = charges.filter(c => settledIn(c) >= marchStart && settledIn(c) < aprilStart)
  const revenue = march.reduce((s, c) => s + c.minutes * pointsPerMinute, 0) + 30 * pointsPerMinute // the silent charge, on 31 March
  return {
    sessions: march.length + 1,
    energyWh: march.reduce((s, c) => s + c.energyWh, 0) + 100, // the silent session's energy as its late stop corrected it
    faultStops: march.filter(c => c.reason === 'FAULT' || c.reason === 'OVER_TEMPERATURE').length,
    revenuePoints: revenue,
    revenueYuan: yuan(revenue)
  }
}

type Body = { reports: SiteReport[], total: SiteReport }

t.test('gate traffic and charging for a seeded month: per site, all sites, a day, JSON and CSV; the roll-up answers as the log does', async t => {
  const h = await harness(t)
  const site = await createSite(h.db, { id: 'lotus', name: 'Lotus', timezone: 'Asia/Shanghai' })
  const other = await createSite(h.db, { id: 'utc-court', name: 'UTC Court', timezone: 'UTC' })
  const plan = passagePlan()
  const late = plan.pop() as Passage
  for (const x of plan) await logPassage(h.db, site.id, x)
  const otherPlan = [0, 1, 2].map((i): Passage => ({ atMs: Date.parse(`2026-03-0${i + 1}T12:00:00Z`), receivedAtMs: Date.parse(`2026-03-0${i + 1}T12:00:00Z`), mode: 'online', kind: 'card', direction: 'out', decision: 'allow' }))
  for (const x of otherPlan) await logPassage(h.db, other.id, x)
  await seedCharging(h.db, site.id)

  const month = async () => (await h.admin.call('GET', '/api/reports?month=2026-03')).json() as Body
  const cold = await month()
  const lotus = cold.reports.find(r => r.siteId === site.id)
  t.same(lotus?.gate, expectedGate(plan, marchStart, aprilStart), 'gate traffic of March in Shanghai days')
  t.same(lotus?.charging, expectedChargingMarch(), 'charging of March: sessions settled, energy, fault stops, revenue')
  t.same(cold.reports.find(r => r.siteId === other.id)?.gate, expectedGate(otherPlan, Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z')))
  const otherGate = expectedGate(otherPlan, 0, Infinity)
  const lotusGate = expectedGate(plan, marchStart, aprilStart)
  t.same(cold.total.gate, Object.fromEntries(Object.entries(lotusGate).map(([k, v]) => [k, v + otherGate[k as keyof typeof otherGate]])), 'the total adds the sites')
  t.same(cold.total.charging, expectedChargingMarch(), 'only the Shanghai site charges')

  const rolled = await h.db.selectFrom('gate_traffic_days').select('local_day').where('site_id', '=', site.id).execute()
  t.equal(rolled.length, 31, 'every day of the finished month is rolled up')
  t.same(await month(), cold, 'the rolled-up answer is the same')
  await h.db.deleteFrom('gate_traffic_days').execute()
  t.same(await month(), cold, 'and so is a second answer counted from the log')

  await logPassage(h.db, site.id, late)
  t.equal((await h.db.selectFrom('access_log').select('late').where('at_ms', '=', late.atMs).executeTakeFirstOrThrow()).late, 1, 'received two days after: late')
  const withLate = await month()
  t.same(withLate.reports.find(r => r.siteId === site.id)?.gate, expectedGate([...plan, late], marchStart, aprilStart), 'a late replay counts although its day was rolled up')
  t.same((await h.db.selectFrom('gate_traffic_days').select('granted_in').where('site_id', '=', site.id).where('local_day', '=', '2026-03-12').executeTakeFirstOrThrow()).granted_in,
    expectedGate(plan, shanghai('2026-03-12', 0), shanghai('2026-03-13', 0)).grantedIn, 'the roll-up itself holds only rows that were not late')

  const lastDay = (await h.admin.call('GET', `/api/reports?siteId=${site.id}&day=2026-03-31`)).json() as Body
  t.same(lastDay.reports[0]?.gate, expectedGate(plan, shanghai('2026-03-31', 0), aprilStart), 'the last day to 23:59')
  t.match(lastDay.reports[0]?.charging, { sessions: 2, energyWh: 199 + 100, revenuePoints: 40 * pointsPerMinute + 30 * pointsPerMinute }, 'the session settled at 23:30 and the silent one')
  const april1 = (await h.admin.call('GET', `/api/reports?siteId=${site.id}&day=2026-04-01`)).json() as Body
  t.same(april1.reports[0]?.charging, { sessions: 1, energyWh: 301, faultStops: 1, revenuePoints: 40 * pointsPerMinute - 20, revenueYuan: yuan(40 * pointsPerMinute - 20) },
    'settled at 00:30 on 1 April (still 31 March in UTC), and the late stop\'s refund booked that day')
  t.same(april1.reports[0]?.gate, expectedGate(plan, aprilStart, aprilStart + day), 'the first instant of April')

  const csv = await h.admin.call('GET', `/api/reports?siteId=${site.id}&month=2026-03&format=csv`)
  const [header, row] = csv.body.split('\r\n').map(l => l.split(','))
  const at = (name: string) => row?.[header?.indexOf(name) ?? -1]
  const charging = expectedChargingMarch()
  t.same([at('gate_granted_in'), at('gate_visitor_entries'), at('charging_sessions'), at('charging_kwh'), at('charging_revenue_yuan')],
    [String(withLate.reports.find(r => r.siteId === site.id)?.gate.grantedIn), String(expectedGate([...plan, late], marchStart, aprilStart).visitorEntries), String(charging.sessions), kwh(charging.energyWh), charging.revenueYuan])
  t.equal(kwh(charging.energyWh), `0.${String(charging.energyWh).padStart(3, '0')}`, 'kWh as an exact decimal')
  const json = (await h.admin.call('GET', `/api/reports?siteId=${site.id}&month=2026-03`)).json() as Body
  t.equal(csv.body, reportsCsv([...json.reports, json.total]), 'the CSV is the JSON, row for row')
})

tap.test('the roll-up job stores a gate day once no row that is not late can still arrive', async t => {
  await eachStore(t, 'gate roll-up', async (t, store) => {
    const { db } = store
    const site = await createSite(db, { id: 'roll-gates', name: 'Roll', timezone: 'Asia/Shanghai' })
    const nowMs = shanghai('2026-06-10', 12)
    // an offline decision of 8 June replayed at 11:00 on 10 June: received 35 h after it happened, late
    await logPassage(db, site.id, { atMs: shanghai('2026-06-08', 0), receivedAtMs: shanghai('2026-06-10', 11), mode: 'offline', kind: 'card', direction: 'in', decision: 'allow' })
    // one of 9 June replayed within a day: not late, so 9 June may not be final before 00:01 on 11 June
    await logPassage(db, site.id, { atMs: shanghai('2026-06-09', 23), receivedAtMs: shanghai('2026-06-10', 11), mode: 'offline', kind: 'card', direction: 'out', decision: 'allow' })
    await logPassage(db, site.id, { atMs: shanghai('2026-06-08', 9), receivedAtMs: shanghai('2026-06-08', 9), mode: 'online', kind: 'card', direction: 'out', decision: 'deny' })
    await rollUpRecentDays(db, day, nowMs)
    const rows = await db.selectFrom('gate_traffic_days').selectAll().where('site_id', '=', site.id).orderBy('local_day').execute()
    t.same(rows.at(-1)?.local_day, '2026-06-08', `8 June ended ${(nowMs - shanghai('2026-06-09', 0)) / hour} h ago (> ${LATE_AFTER_MS / hour} h): final; 9 June not yet`)
    t.match(rows.at(-1), { granted_in: 0, granted_out: 0, denied: 1 }, 'the late entry is not in it')
    t.equal(rows.length, 39, 'every final day of the 41 looked at, passages or not')
    await rollUpRecentDays(db, day, shanghai('2026-06-11', 0, 2))
    t.match(await db.selectFrom('gate_traffic_days').selectAll().where('site_id', '=', site.id).where('local_day', '=', '2026-06-09').executeTakeFirst(), { granted_out: 1, offline: 1 }, 'a day and a minute after it ended')
  })
})
