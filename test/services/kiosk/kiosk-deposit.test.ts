// handleDeposit on its real store, SQLite and PostgreSQL: credited, capped and
// review outcomes with what each writes; unknown, closed and expired sessions
// refused without a trace. Sessions come from handleSwipe, as in production.
import t from 'tap'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import type { DepositEvent } from '../../../schemas/device-events.ts'
import { registryView } from '../../../services/devices/registry-cache.ts'
import { getSite } from '../../../services/sites/site-registry.ts'
import type { EventContext, HandlerResult } from '../../../services/ingest/event-context.ts'
import { handleDeposit, handleSwipe } from '../../../services/kiosk/kiosk-events.ts'
import { balanceOf, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const nowMs = Date.UTC(2026, 2, 4, 9, 30)
const settings = { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: 3_600_000 }
// default rates: paper 40 points/kg, hazardous 50 points/item → 1200 g paper = 48, 2 batteries = 100
const lines: DepositEvent['lines'] = [{ category: 'paper', grams: 1200 }, { category: 'hazardous', grams: 40, count: 2 }]
const linesPoints = 148

function applied (result: HandlerResult): Extract<HandlerResult, { kind: 'applied' }> {
  if (result.kind !== 'applied') throw new Error(`refused: ${result.code} ${result.message}`)
  return result
}

async function scene (store: Store, dailyCapPoints = defaultRateTable.dailyCapPoints) {
  const { db } = store
  const site = await aSite(db, { rateTable: { ...defaultRateTable, dailyCapPoints } })
  const { device } = await aKiosk(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const ctxAt = async (receivedAtMs: number, deviceId = device.id): Promise<EventContext> => ({
    db, device: await db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirstOrThrow(), site: await getSite(db, site.id), registry: registryView(db), receivedAtMs, ...settings
  })
  let seq = 0
  const openSession = async () => {
    const swiped = applied(await handleSwipe(await ctxAt(nowMs), { eventId: `sw${++seq}`, ts: nowMs, card: card.uid, method: 'card' }))
    return swiped.summary.sessionId as string
  }
  const deposit = async (sessionId: string, depositLines = lines, receivedAtMs = nowMs, deviceId = device.id) =>
    handleDeposit(await ctxAt(receivedAtMs, deviceId), { eventId: `dep${++seq}`, ts: nowMs, sessionId, lines: depositLines })
  const state = async () => ({
    balance: await balanceOf(db, household.id),
    entries: (await db.selectFrom('ledger_entries').select('id').execute()).length,
    deposits: (await db.selectFrom('deposits').select('id').execute()).length,
    reviews: (await db.selectFrom('review_items').select('id').execute()).length,
    sessions: await db.selectFrom('kiosk_sessions').select(['id', 'status']).orderBy('id').execute()
  })
  return { db, site, device, household, openSession, deposit, state }
}

eachStore(t, 'credited: ledger entry, daily earnings, deposit row, closed session, display', async (t, store) => {
  const s = await scene(store)
  const sessionId = await s.openSession()
  const result = applied(await s.deposit(sessionId))
  const depositId = `${s.device.id}:dep2`
  t.same(result.summary, { depositId, outcome: 'credited', pointsComputed: linesPoints, pointsCredited: linesPoints })
  t.equal(result.pointsCredited, linesPoints)
  t.equal(result.toReview, false)
  t.equal(result.commands.length, 1)
  t.match(result.commands[0], {
    command: { type: 'display', sessionId, depositEventId: 'dep2', pointsEarned: linesPoints, balancePoints: linesPoints, outcome: 'credited', message: `+${linesPoints} points. Balance ${linesPoints}.` },
    expiresAtMs: nowMs + 10 * 60_000
  })
  t.equal(await balanceOf(s.db, s.household.id), linesPoints)
  const entry = await s.db.selectFrom('ledger_entries').selectAll().executeTakeFirstOrThrow()
  t.match(entry, { household_id: s.household.id, kind: 'earn', points: linesPoints, balance_after: linesPoints, idempotency_key: `deposit:${depositId}`, ref_type: 'deposit', ref_id: depositId })
  const row = await s.db.selectFrom('deposits').selectAll().executeTakeFirstOrThrow()
  t.match(row, { id: depositId, session_id: sessionId, household_id: s.household.id, total_grams: 1240, points_computed: linesPoints, points_credited: linesPoints, outcome: 'credited', entry_id: entry.id })
  t.same(await s.db.selectFrom('daily_earnings').select(['household_id', 'points']).execute(), [{ household_id: s.household.id, points: linesPoints }])
  t.match(await s.db.selectFrom('kiosk_sessions').selectAll().executeTakeFirstOrThrow(), { status: 'deposited', deposit_event_id: 'dep2' })
  t.same(await ledgerInvariantViolations(s.db), [])
})

eachStore(t, 'capped: the daily cap limits what is credited, then nothing is', async (t, store) => {
  const s = await scene(store, 200)
  const outcomes: unknown[] = []
  for (let i = 0; i < 3; i++) {
    const result = applied(await s.deposit(await s.openSession()))
    outcomes.push([result.summary.outcome, result.pointsCredited, (result.commands[0]!.command as { balancePoints: number }).balancePoints])
  }
  t.same(outcomes, [['credited', 148, 148], ['capped', 52, 200], ['capped', 0, 200]])
  const state = await s.state()
  t.equal(state.balance, 200)
  t.equal(state.entries, 2, 'nothing credited: no ledger entry')
  t.equal(state.deposits, 3, 'every deposit is recorded')
  t.same(await s.db.selectFrom('daily_earnings').select('points').execute(), [{ points: 200 }])
})

eachStore(t, 'review: an implausible deposit goes to the review queue, not the balance', async (t, store) => {
  const s = await scene(store)
  const sessionId = await s.openSession()
  const result = applied(await s.deposit(sessionId, [{ category: 'glass', grams: 900_000 }, { category: 'plastic', grams: 0 }]))
  t.match(result, { pointsCredited: 0, toReview: true, summary: { outcome: 'review', pointsComputed: 18_000, pointsCredited: 0 } })
  t.match(result.commands[0]!.command, { type: 'display', pointsEarned: 0, balancePoints: 0, outcome: 'review' })
  const item = await s.db.selectFrom('review_items').selectAll().executeTakeFirstOrThrow()
  t.match(item, { deposit_id: `${s.device.id}:dep2`, household_id: s.household.id, points_computed: 18_000, status: 'pending' })
  t.same(JSON.parse(item.reasons), [
    { code: 'ABOVE_CAPACITY', category: 'glass', grams: 900_000, maxGrams: defaultRateTable.maxGramsPerLine },
    { code: 'NON_POSITIVE_WEIGHT', category: 'plastic', grams: 0 },
    { code: 'POINTS_ABOVE_LIMIT', points: 18_000, maxPoints: defaultRateTable.maxPointsPerDeposit }
  ])
  const state = await s.state()
  t.match(state, { balance: 0, entries: 0, deposits: 1, reviews: 1, sessions: [{ id: sessionId, status: 'deposited' }] })
})

eachStore(t, 'refused: unknown session, another kiosk\'s session, closed session; nothing changes', async (t, store) => {
  const s = await scene(store)
  const sessionId = await s.openSession()
  const before = await s.state()
  t.match(await s.deposit('ses_never'), { kind: 'rejected', code: 'SESSION_UNKNOWN', message: /ses_never/ })
  const other = await aKiosk(s.db, s.site.id)
  t.match(await s.deposit(sessionId, lines, nowMs, other.device.id), { kind: 'rejected', code: 'SESSION_UNKNOWN' }, 'a session belongs to its kiosk')
  t.same(await s.state(), before, 'refusals change nothing')

  t.equal((await s.deposit(sessionId, lines, nowMs + settings.sessionDepositWindowMs)).kind, 'applied', 'the last moment of the window still counts')
  const credited = await s.state()
  t.match(await s.deposit(sessionId), { kind: 'rejected', code: 'SESSION_CLOSED', message: /already took deposit dep/ })
  t.same(await s.state(), credited, 'a second deposit in one session changes nothing')
  t.equal(credited.balance, linesPoints)
})

eachStore(t, 'late: a deposit after the window goes to review with LATE_REPLAY, nothing credited', async (t, store) => {
  const s = await scene(store)
  const sessionId = await s.openSession()
  const result = applied(await s.deposit(sessionId, lines, nowMs + settings.sessionDepositWindowMs + 1))
  t.match(result, { pointsCredited: 0, toReview: true, summary: { outcome: 'review', pointsComputed: linesPoints, pointsCredited: 0 } })
  t.match(result.commands[0]!.command, { type: 'display', pointsEarned: 0, outcome: 'review' })
  const item = await s.db.selectFrom('review_items').selectAll().executeTakeFirstOrThrow()
  t.same(JSON.parse(item.reasons), [{ code: 'LATE_REPLAY', sessionId, depositExpiredAtMs: nowMs + settings.sessionDepositWindowMs }])
  t.match(await s.state(), { balance: 0, entries: 0, deposits: 1, reviews: 1, sessions: [{ id: sessionId, status: 'deposited' }] })
})
