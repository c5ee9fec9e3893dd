// Reports against a seeded month on both stores, through the HTTP API: the
// test seeds households, deposits and ledger entries (through the real
// ledger) from its own lists and computes every expected figure from those
// lists, independently of the report code. Day boundaries are the site's
// local days (Asia/Shanghai, UTC+8): entries at 23:30 on the last day count,
// those at 00:30 the next day do not. Pure parts table-driven.
import tap from 'tap'
import { categories } from '../../../schemas/common.ts'
import type { DepositEvent } from '../../../schemas/device-events.ts'
import { registryView } from '../../../services/devices/registry-cache.ts'
import type { EventContext } from '../../../services/ingest/event-context.ts'
import { handleDeposit, handleSwipe } from '../../../services/kiosk/kiosk-events.ts'
import { emptyGrams } from '../../../services/reports/category-days.ts'
import { rejectReviewItem } from '../../../services/review/review-queue.ts'
import { createStaff, toActor } from '../../../services/staff/staff.ts'
import { getSite } from '../../../services/sites/site-registry.ts'
import { createHousehold } from '../../../services/households/household-registry.ts'
import { localDay } from '../../../services/points/local-day.ts'
import { rollUpRecentDays } from '../../../services/reports/rollup-job.ts'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { dayStartMs, daysOf, nextDay, periodBoundsMs } from '../../../services/reports/periods.ts'
import { kg, reportsCsv } from '../../../services/reports/report-csv.ts'
import { siteReport, yuan, type SiteReport } from '../../../services/reports/site-report.ts'
import { createSite } from '../../../services/sites/site-registry.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'
import { errorCode, harness, onEachStore } from '../http/harness.ts'

const t = onEachStore(tap)
const hour = 3600_000
/** Shanghai wall-clock time as UTC ms (UTC+8, no DST). */
const shanghai = (day: string, h: number, m = 0) => Date.parse(`${day}T00:00:00Z`) - 8 * hour + h * hour + m * 60_000

tap.test('periods and exact decimals', async t => {
  t.equal(daysOf({ kind: 'month', month: '2026-02' }).length, 28)
  t.equal(daysOf({ kind: 'month', month: '2028-02' }).length, 29, 'leap year')
  t.same(daysOf({ kind: 'day', day: '2026-03-15' }), ['2026-03-15'])
  t.equal(nextDay('2026-12-31'), '2027-01-01')
  t.equal(dayStartMs('2026-03-01', 'Asia/Shanghai'), Date.parse('2026-02-28T16:00:00Z'))
  t.equal(dayStartMs('2026-03-29', 'Europe/Berlin'), Date.parse('2026-03-28T23:00:00Z'), 'the day DST starts begins at +1')
  t.equal(dayStartMs('2026-03-30', 'Europe/Berlin'), Date.parse('2026-03-29T22:00:00Z'), 'the next at +2')
  t.same(periodBoundsMs({ kind: 'month', month: '2026-03' }, 'UTC'), { startMs: Date.parse('2026-03-01T00:00:00Z'), endMs: Date.parse('2026-04-01T00:00:00Z'), firstDay: '2026-03-01', lastDay: '2026-03-31' })
  const yuanCases: Array<[number, string]> = [[0, '0.00'], [5, '0.05'], [100, '1.00'], [123456, '1234.56'], [-250, '-2.50']]
  for (const [points, text] of yuanCases) t.equal(yuan(points), text)
  const kgCases: Array<[number, string]> = [[0, '0.000'], [7, '0.007'], [1500, '1.500'], [123456789, '123456.789']]
  for (const [grams, text] of kgCases) t.equal(kg(grams), text)
})

interface SeedDeposit { household: number, day: string, lines: Array<{ category: string, grams: number }>, review: boolean }

/** The seed as plain lists: what the test expects is computed from these. */
function seedPlan () {
  const deposits: SeedDeposit[] = []
  for (let i = 0; i < 40; i++) {
    if (i % 3 === 0) continue // a third of the households never deposit
    for (let k = 0; k <= i % 4; k++) {
      const day = `2026-03-${String(((i * 7 + k * 5) % 31) + 1).padStart(2, '0')}`
      const review = (i + k) % 10 === 0
      deposits.push({ household: i, day, review, lines: [{ category: 'paper', grams: 1000 + i * 10 + k }, { category: 'plastic', grams: 500 + k }, ...(review ? [{ category: 'glass', grams: -50 }] : [{ category: 'metal', grams: 33 }])] })
    }
  }
  // outside the month: the day before and the day after
  deposits.push({ household: 1, day: '2026-02-28', review: false, lines: [{ category: 'paper', grams: 999 }] })
  deposits.push({ household: 2, day: '2026-04-01', review: false, lines: [{ category: 'paper', grams: 777 }] })
  return deposits
}

async function seed (db: Executor) {
  const site = await createSite(db, { id: 'lotus', name: 'Lotus, "Garden"', timezone: 'Asia/Shanghai' })
  const other = await createSite(db, { id: 'utc-court', name: 'UTC Court', timezone: 'UTC' })
  const households: string[] = []
  for (let i = 0; i < 40; i++) households.push((await createHousehold(db, { siteId: site.id, label: `1-${i}` }, Date.parse('2026-02-01T00:00:00Z'))).id)
  await createHousehold(db, { siteId: site.id, label: 'mid-march' }, shanghai('2026-03-20', 10))
  await createHousehold(db, { siteId: site.id, label: 'april' }, shanghai('2026-04-01', 0, 30))
  const otherHousehold = (await createHousehold(db, { siteId: other.id, label: 'o-1' }, Date.parse('2026-01-01T00:00:00Z'))).id

  const plan = seedPlan()
  let n = 0
  const ledger: Array<{ kind: 'earn' | 'redeem' | 'adjust', points: number, atMs: number }> = []
  for (const d of plan) {
    n++
    const atMs = shanghai(d.day, 12)
    const grams = d.lines.reduce((s, l) => s + l.grams, 0)
    const points = d.review ? 0 : Math.floor(grams / 100)
    await db.insertInto('deposits').values({
      id: `dep${n}`, device_id: 'k1', site_id: site.id, session_id: `ses${n}`, household_id: households[d.household] ?? '', event_id: `e${n}`,
      lines: JSON.stringify(d.lines.map(l => ({ ...l, points: 0 }))), total_grams: grams, points_computed: points, points_credited: points,
      outcome: d.review ? 'review' : 'credited', entry_id: null, local_day: d.day, device_ts: atMs, received_at_ms: atMs
    }).execute()
    if (!d.review) {
      await appendEntry(db, { householdId: households[d.household] ?? '', kind: 'earn', points, idempotencyKey: `earn${n}`, nowMs: atMs })
      ledger.push({ kind: 'earn', points, atMs })
    }
  }
  // redemptions: the last minutes of the month count, the first of April do not
  const redeem = async (i: number, points: number, atMs: number) => {
    await appendEntry(db, { householdId: households[i] ?? '', kind: 'redeem', points: -points, idempotencyKey: `r${i}-${atMs}`, nowMs: atMs })
    ledger.push({ kind: 'redeem', points: -points, atMs })
  }
  await redeem(5, 30, shanghai('2026-03-15', 9))
  await redeem(7, 20, shanghai('2026-03-31', 23, 30))
  await redeem(8, 10, shanghai('2026-04-01', 0, 30))
  await appendEntry(db, { householdId: households[10] ?? '', kind: 'adjust', points: 25, idempotencyKey: 'adj1', reason: 'scale fault', nowMs: shanghai('2026-03-20', 15) })
  ledger.push({ kind: 'adjust', points: 25, atMs: shanghai('2026-03-20', 15) })
  await appendEntry(db, { householdId: otherHousehold, kind: 'adjust', points: 500, idempotencyKey: 'adj-other', reason: 'opening', nowMs: Date.parse('2026-03-10T12:00:00Z') })
  return { site, other, plan, ledger }
}

/** The expected March figures of the Shanghai site, from the seed lists alone. */
function expectedMarch (plan: SeedDeposit[], ledger: Array<{ kind: string, points: number, atMs: number }>) {
  const march = plan.filter(d => d.day.startsWith('2026-03'))
  const grams = Object.fromEntries(categories.map(c => [c, 0])) as Record<string, number>
  for (const d of march) for (const l of d.lines) grams[l.category] = (grams[l.category] ?? 0) + Math.max(0, l.grams)
  const start = shanghai('2026-03-01', 0)
  const end = shanghai('2026-04-01', 0)
  const inMonth = ledger.filter(l => l.atMs >= start && l.atMs < end)
  const sum = (kind: string) => inMonth.filter(l => l.kind === kind).reduce((s, l) => s + l.points, 0)
  const outstanding = ledger.filter(l => l.atMs < end).reduce((s, l) => s + l.points, 0)
  const participating = new Set(march.map(d => d.household)).size
  return {
    households: 41,
    participatingHouseholds: participating,
    participationRate: Math.round((participating / 41) * 10_000) / 10_000,
    deposits: march.length,
    depositsInReview: march.filter(d => d.review).length,
    gramsByCategory: grams,
    points: { issued: sum('earn'), redeemed: -sum('redeem'), corrections: sum('adjust'), outstanding }
  }
}

t.test('a seeded month: every figure as the test computes it, per site and for all sites, JSON and CSV', async t => {
  const h = await harness(t)
  const { site, other, plan, ledger } = await seed(h.db)
  const expected = expectedMarch(plan, ledger)
  const res = await h.admin.call('GET', '/api/reports?month=2026-03')
  t.equal(res.statusCode, 200)
  const body = res.json() as { reports: Array<Record<string, unknown>>, total: Record<string, unknown> }
  const lotus = body.reports.find(r => r.siteId === site.id)
  t.match(lotus, { ...expected, from: '2026-03-01', to: '2026-03-31', liabilityYuan: yuan(expected.points.outstanding) })
  t.same(lotus?.gramsByCategory, expected.gramsByCategory, 'kilograms per category exactly (faulty negative weights not counted)')
  t.match(body.reports.find(r => r.siteId === other.id), { households: 1, participatingHouseholds: 0, participationRate: 0, points: { corrections: 500, outstanding: 500 }, liabilityYuan: '5.00' })
  const totalHouseholds = 41 + 1 + body.reports.filter(r => r.siteId !== site.id && r.siteId !== other.id).reduce((s, r) => s + Number(r.households), 0)
  t.match(body.total, { siteId: '*', households: totalHouseholds, participatingHouseholds: expected.participatingHouseholds, points: { outstanding: expected.points.outstanding + 500 } })

  const again = (await h.admin.call('GET', '/api/reports?month=2026-03')).json() as typeof body
  t.same(again.reports.find(r => r.siteId === site.id), lotus, 'the second answer reads the roll-up and says the same')
  const rolled = await h.db.selectFrom('deposit_category_days').select('local_day').where('site_id', '=', site.id).where('category', '=', '').execute()
  t.equal(rolled.length, 31, 'every day of the finished month is rolled up')

  const day = (await h.manager.call('GET', '/api/reports?day=2026-03-15')).json() as typeof body
  const on15 = plan.filter(d => d.day === '2026-03-15')
  t.same(day.reports.map(r => r.siteId), [h.siteId], 'site staff get their own site only')
  const lotusDay = (await h.admin.call('GET', `/api/reports?siteId=${site.id}&day=2026-03-15`)).json() as typeof body
  t.match(lotusDay.reports[0], { deposits: on15.length, participatingHouseholds: new Set(on15.map(d => d.household)).size, points: { redeemed: 30 } })

  const csv = await h.admin.call('GET', `/api/reports?siteId=${site.id}&month=2026-03&format=csv`)
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  const lines = csv.body.trimEnd().split('\r\n')
  t.equal(lines.length, 3, 'header, the site, the total')
  t.equal(lines[0]?.split(',').length, 9 + categories.length + 5 + 6 + 5, 'gate traffic (6) and charging (5) after the points')
  t.ok(lines[1]?.startsWith('lotus,"Lotus, ""Garden""",2026-03-01,2026-03-31,41,'), 'quoted as RFC 4180 asks')
  t.ok(lines[1]?.includes(`,${kg(expected.gramsByCategory.paper ?? 0)},`), 'kilograms as exact decimals')
  t.ok(lines[1]?.includes(`,${expected.points.outstanding},${yuan(expected.points.outstanding)},`))
  const json = (await h.admin.call('GET', `/api/reports?siteId=${site.id}&month=2026-03`)).json() as { reports: SiteReport[], total: SiteReport }
  t.equal(csv.body, reportsCsv([...json.reports, json.total]), 'the CSV is the JSON, row for row')

  t.equal(errorCode(await h.admin.call('GET', '/api/reports?month=2026-13')), 'VALIDATION_FAILED')
  t.equal(errorCode(await h.admin.call('GET', '/api/reports?month=2026-03&day=2026-03-01')), 'VALIDATION_FAILED', 'a day or a month, not both')
  t.equal(errorCode(await h.admin.call('GET', '/api/reports')), 'VALIDATION_FAILED')
  t.equal(errorCode(await h.counter.call('GET', '/api/reports?month=2026-03')), 'FORBIDDEN', 'managers and up')
  t.equal(errorCode(await h.manager.call('GET', `/api/reports?siteId=${site.id}&month=2026-03`)), 'FORBIDDEN', 'not another site')
})

tap.test('the roll-up job stores the finished days of the last weeks, and only those', async t => {
  await eachStore(t, 'roll-up', async (t, store) => {
    const { db } = store
    const site = await createSite(db, { id: 'roll', name: 'Roll', timezone: 'Asia/Shanghai' })
    const nowMs = Date.UTC(2026, 5, 10, 4) // 12:00 in Shanghai
    const window = 86_400_000
    const days = [3, 2, 1, 0].map(back => localDay(nowMs - back * 86_400_000, site.timezone))
    let n = 0
    for (const [i, day] of days.entries()) {
      n++
      await db.insertInto('deposits').values({
        id: `r${n}`, device_id: 'k', site_id: site.id, session_id: `rs${n}`, household_id: 'h', event_id: `re${n}`, lines: JSON.stringify([{ category: 'metal', grams: 100 * (i + 1), points: 0 }]),
        total_grams: 100 * (i + 1), points_computed: 0, points_credited: 0, outcome: 'credited', entry_id: null, local_day: day, device_ts: nowMs, received_at_ms: nowMs
      }).execute()
    }
    t.equal(await rollUpRecentDays(db, window, nowMs), 1, 'one site')
    const rows = await db.selectFrom('deposit_category_days').select(['local_day', 'category', 'grams', 'lines']).where('site_id', '=', site.id).execute()
    t.same(rows.filter(r => r.category !== '').map(r => [r.local_day, r.category, Number(r.grams)]).sort(), [[days[0], 'metal', 100], [days[1], 'metal', 200]], 'the weights of the finished days')
    t.same(rows.filter(r => r.category === '' && r.lines > 0).map(r => r.local_day).sort(), [days[0], days[1]], 'their markers count their deposits')
    // yesterday ended less than a deposit window ago: a replayed deposit may still land in it
    t.notOk(rows.some(r => r.local_day === days[2] || r.local_day === days[3]), 'yesterday and today are not stored')
    t.equal(rows.filter(r => r.category === '').length, 39, 'every finished day of the 41 looked at (all but yesterday and today) gets its marker, deposits or not')
    await rollUpRecentDays(db, window, nowMs)
    t.equal((await db.selectFrom('deposit_category_days').select('site_id').where('site_id', '=', site.id).execute()).length, rows.length, 'a second pass adds nothing')
  })
})

tap.test('a late replay into a day already rolled up: the kilograms count it, as the deposits do, on the next read', async t => {
  await eachStore(t, 'late replay', async (t, store) => {
    const { db } = store
    const site = await aSite(db, { timezone: 'Asia/Shanghai' })
    const { device } = await aKiosk(db, site.id)
    const { card } = await aHouseholdWithCard(db, site.id)
    const windowMs = hour
    const ctxAt = async (receivedAtMs: number): Promise<EventContext> => ({
      db, device: await db.selectFrom('devices').selectAll().where('id', '=', device.id).executeTakeFirstOrThrow(), site: await getSite(db, site.id), registry: registryView(db), receivedAtMs, sessionOpenWindowMs: 120_000, sessionDepositWindowMs: windowMs
    })
    let seq = 0
    const depositAt = async (swipeMs: number, depositMs: number, lines: DepositEvent['lines']) => {
      const swiped = await handleSwipe(await ctxAt(swipeMs), { eventId: `sw${++seq}`, ts: swipeMs, card: card.uid, method: 'card' })
      const sessionId = swiped.kind === 'applied' ? swiped.summary.sessionId as string : ''
      return handleDeposit(await ctxAt(depositMs), { eventId: `dep${++seq}`, ts: swipeMs, sessionId, lines })
    }
    const day = '2026-06-09'
    const onTime: DepositEvent['lines'] = [{ category: 'paper', grams: 1200 }, { category: 'plastic', grams: 300 }]
    const late: DepositEvent['lines'] = [{ category: 'metal', grams: 800 }, { category: 'paper', grams: 500 }, { category: 'glass', grams: -40 }]
    const report = async (nowMs: number) => siteReport(db, { ...site, name: 'Test' }, { kind: 'day', day }, { depositWindowMs: windowMs, nowMs })
    const gramsOf = (deposits: Array<DepositEvent['lines']>) => {
      const grams = emptyGrams()
      for (const l of deposits.flat()) grams[l.category] += Math.max(0, l.grams)
      return grams
    }

    t.match(await depositAt(shanghai(day, 10), shanghai(day, 10, 1), onTime), { kind: 'applied', summary: { outcome: 'credited' } })
    const lateSwipeMs = shanghai(day, 23, 50) // the session's day; its deposit is due by 00:50 the next day
    const rolledAtMs = shanghai(nextDay(day), 1, 30) // the day ended more than a deposit window ago: final
    await rollUpRecentDays(db, windowMs, rolledAtMs)
    t.same((await report(rolledAtMs)).gramsByCategory, gramsOf([onTime]), 'before the replay: the on-time deposit')
    t.ok(await db.selectFrom('deposit_category_days').select('site_id').where('site_id', '=', site.id).where('local_day', '=', day).where('category', '=', '').executeTakeFirst(), 'the day is stored')

    const replayedAtMs = shanghai(nextDay(day), 2)
    t.match(await depositAt(lateSwipeMs, replayedAtMs, late), { kind: 'applied', summary: { outcome: 'review' } }, 'the kiosk replays late: LATE_REPLAY, to review')
    const after = await report(replayedAtMs)
    t.equal(after.deposits, 2)
    t.same(after.gramsByCategory, gramsOf([onTime, late]), 'the kilograms count the late deposit the deposits count')
    const stored = await db.selectFrom('deposit_category_days').select(['category', 'grams', 'lines']).where('site_id', '=', site.id).where('local_day', '=', day).execute()
    t.same(stored.map(r => [r.category, Number(r.grams), Number(r.lines)]).sort(), [['', 0, 2], ['glass', 0, 1], ['metal', 800, 1], ['paper', 1700, 2], ['plastic', 300, 1]], 'the day is stored anew')
    await rollUpRecentDays(db, windowMs, replayedAtMs)
    t.same((await report(replayedAtMs)).gramsByCategory, after.gramsByCategory, 'the roll-up job keeps the mended day')

    const item = await db.selectFrom('review_items').select('id').where('site_id', '=', site.id).executeTakeFirstOrThrow()
    const manager = toActor((await createStaff(db, { username: 'manager-late', name: 'M', role: 'manager', siteId: site.id })).staff)
    await rejectReviewItem(db, manager, item.id, replayedAtMs)
    const rejected = await report(replayedAtMs)
    t.match(rejected, { deposits: 2, gramsByCategory: after.gramsByCategory }, 'a rejection changes no weight: the waste was collected')

    const rollUp = db.updateTable('deposit_category_days').where('site_id', '=', site.id).where('local_day', '=', day).where('category', '=', 'metal')
    await rollUp.set({ grams: 1 }).execute()
    t.equal((await report(replayedAtMs)).gramsByCategory.metal, 1, 'a day whose deposits all counted is read from the roll-up, not summed again')
    await db.deleteFrom('deposit_category_days').where('site_id', '=', site.id).execute()
    t.same((await report(replayedAtMs)).gramsByCategory, after.gramsByCategory, 'the same as computed from scratch')
  })
})
