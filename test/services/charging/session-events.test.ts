// The session state machine, table-driven: each case feeds pile events in an
// arrival order and checks every outcome, the money settled (exactly once)
// and the commands asked for. Tariff: 60 points/hour per started minute, so
// a minute costs a point; hold 500.
import t from 'tap'
import { chargingLimitsSchema, type StopReason } from '../../../schemas/charging.ts'
import {
  applySessionEvent, checkSilence, openSession, type ChargingSession, type ChargingSessionEvent, type SessionEffect, type SessionOutcome
} from '../../../services/charging/session-events.ts'
import { aTariff, minutes, t0 } from './charging-fixtures.ts'

const sessionId = 'cs-1'
const at = (minute: number) => t0 + minutes(minute)
const base = (seq: number, minute: number) => ({ eventId: `p1-${seq}-${minute}`, ts: at(minute), sessionId, port: 1, seq })
const started = (seq: number, minute: number): ChargingSessionEvent => ({ type: 'started', body: base(seq, minute) })
const meter = (seq: number, minute: number, energyWh: number, powerW = 400, temperatureC?: number): ChargingSessionEvent =>
  ({ type: 'meter', body: { ...base(seq, minute), energyWh, powerW, voltageV: 48, temperatureC } })
const stopped = (seq: number, minute: number, energyWh: number, reason: StopReason = 'USER'): ChargingSessionEvent =>
  ({ type: 'stopped', body: { ...base(seq, minute), reason, energyWh } })

function aSession (opts: { holdPoints?: number, maxDurationMinutes?: number, minCostPoints?: number, maxCostPoints?: number } = {}): ChargingSession {
  const { minCostPoints, maxCostPoints } = opts
  return openSession({
    sessionId, port: 1, holdPoints: opts.holdPoints ?? 500, nowMs: at(0),
    tariff: aTariff({ pricing: { kind: 'per_hour', pointsPerHour: 60, billingUnit: 'minute' }, ...(minCostPoints != null ? { minCostPoints } : {}), ...(maxCostPoints != null ? { maxCostPoints } : {}) }),
    limits: chargingLimitsSchema.parse({ maxDurationMinutes: opts.maxDurationMinutes ?? 720 })
  })
}

/** Feeds events in arrival order, each received at its device time (the server clock does not bill). */
function feed (session: ChargingSession, events: ChargingSessionEvent[]) {
  const outcomes: SessionOutcome[] = []
  const effects: SessionEffect[] = []
  let s = session
  for (const event of events) {
    const step = applySessionEvent(s, event, event.body.ts + 2_000)
    outcomes.push(step.outcome)
    effects.push(...step.effects)
    s = step.session ?? s
  }
  return { session: s, outcomes, effects }
}

const settles = (effects: SessionEffect[]) => effects.flatMap(e => e.kind === 'settle' ? [[e.reason, e.settlement.chargePoints, e.settlement.releasePoints]] : [])
const commands = (effects: SessionEffect[]) => effects.flatMap(e => e.kind === 'stop-command' ? [e.reason] : e.kind === 'alarm' ? [`alarm:${e.code}`] : [])

t.test('ordering by seq: duplicates, out of order, after the stop', async t => {
  const cases: Array<[string, ChargingSessionEvent[], SessionOutcome[], settled: unknown[]]> = [
    ['in order: 60 minutes, 60 points charged, 440 released',
      [started(0, 0), meter(1, 30, 200), meter(2, 59, 390), stopped(3, 60, 400)],
      ['applied', 'applied', 'applied', 'stopped'], [['USER', 60, 440]]],
    ['duplicates change nothing and settle nothing more',
      [started(0, 0), started(0, 0), meter(1, 30, 200), meter(1, 30, 200), stopped(2, 60, 400), stopped(2, 60, 400)],
      ['applied', 'duplicate', 'applied', 'duplicate', 'stopped', 'duplicate'], [['USER', 60, 440]]],
    ['a second started with another seq is a duplicate',
      [started(0, 0), started(5, 3), stopped(1, 20, 100)],
      ['applied', 'duplicate', 'stopped'], [['USER', 20, 480]]],
    ['out of order meters are applied in their place',
      [started(0, 0), meter(2, 40, 260), meter(1, 20, 130), stopped(3, 45, 300)],
      ['applied', 'applied', 'applied', 'stopped'], [['USER', 45, 455]]],
    ['anything after the stop is ignored, later or earlier numbered',
      [started(0, 0), meter(1, 20, 130), stopped(3, 30, 200), meter(4, 90, 600), meter(2, 25, 160), stopped(5, 95, 620)],
      ['applied', 'applied', 'stopped', 'after_stop', 'after_stop', 'after_stop'], [['USER', 30, 470]]],
    ['readings numbered after the stop are dropped even if they came first',
      [started(0, 0), meter(5, 90, 600), stopped(4, 30, 200)],
      ['applied', 'applied', 'stopped'], [['USER', 30, 470]]],
    ['started lost: the session starts at its first reading',
      [meter(1, 5, 30), stopped(2, 35, 200)],
      ['applied', 'stopped'], [['USER', 30, 470]]],
    ['a stop before any reading or start: the stop alone, no time billed',
      [stopped(1, 12, 0, 'FAULT')],
      ['stopped'], [['FAULT', 0, 500]]],
    ['a pile clock that ran backwards at the stop bills up to the last reading',
      [started(0, 0), meter(1, 50, 300), stopped(2, 40, 320)],
      ['applied', 'applied', 'stopped'], [['USER', 50, 450]]]
  ]
  for (const [name, events, outcomes, settled] of cases) {
    const run = feed(aSession(), events)
    t.same(run.outcomes, outcomes, `${name}: outcomes`)
    t.same(settles(run.effects), settled, `${name}: settled once`)
  }
})

t.test('energy and tier use what the pile measured up to the stop', async t => {
  const run = feed(aSession(), [started(0, 0), meter(1, 30, 250), stopped(2, 60, 240)])
  const settle = run.effects.find(e => e.kind === 'settle')
  t.equal(settle?.kind === 'settle' ? settle.usage?.energyWh : undefined, 250, 'energy never goes backwards: the highest cumulative reading')
  t.same(run.session.readings.map(r => r.seq), [1])
})

t.test('unknown session and wrong port are recorded, not refused', async t => {
  t.same(applySessionEvent(null, stopped(7, 60, 400), at(61)), { session: null, outcome: 'unknown_session', effects: [] })
  t.same(applySessionEvent(null, meter(3, 20, 100), at(21)).outcome, 'unknown_session')
  const s = aSession()
  const wrongPort: ChargingSessionEvent = { type: 'stopped', body: { ...base(2, 60), port: 2, reason: 'USER', energyWh: 400 } }
  t.same(applySessionEvent(s, wrongPort, at(61)), { session: s, outcome: 'wrong_port', effects: [] })
  t.throws(() => applySessionEvent(s, { type: 'started', body: { ...base(0, 0), sessionId: 'cs-2' } }, at(0)), /cs-2 applied to session cs-1/)
})

t.test('stop conditions from the newest meter value, asked once', async t => {
  const cases: Array<[string, ChargingSession, ChargingSessionEvent[], string[]]> = [
    ['over-power stops and alarms, once', aSession(), [started(0, 0), meter(1, 1, 10, 650), meter(2, 2, 20, 700)], ['OVER_POWER', 'alarm:OVER_POWER']],
    ['over-temperature stops and alarms', aSession(), [started(0, 0), meter(1, 1, 10, 400, 75)], ['OVER_TEMPERATURE', 'alarm:OVER_TEMPERATURE']],
    ['hold exhausted when the cost so far reaches the hold', aSession({ holdPoints: 30 }), [started(0, 0), meter(1, 29, 190), meter(2, 30, 200)], ['HOLD_EXHAUSTED']],
    // the minimum is covered by the hold from the start: a hold equal to it is used up by charging, not by the first reading
    ['a hold equal to the minimum lasts until charging costs it', aSession({ holdPoints: 50, minCostPoints: 50 }), [started(0, 0), meter(1, 1, 7), meter(2, 49, 330)], []],
    ['a hold equal to the minimum is exhausted when charging costs it', aSession({ holdPoints: 50, minCostPoints: 50 }), [started(0, 0), meter(1, 1, 7), meter(2, 50, 335)], ['HOLD_EXHAUSTED']],
    // beyond the cap charging on costs nothing more: a cap within the hold never exhausts it
    ['a cap equal to the hold never exhausts it', aSession({ holdPoints: 30, maxCostPoints: 30 }), [started(0, 0), meter(1, 30, 200), meter(2, 90, 600)], []],
    ['a cap above the hold does', aSession({ holdPoints: 30, maxCostPoints: 31 }), [started(0, 0), meter(1, 29, 190), meter(2, 30, 200)], ['HOLD_EXHAUSTED']],
    ['time limit by device time', aSession({ maxDurationMinutes: 120 }), [started(0, 0), meter(1, 119, 700), meter(2, 120, 705)], ['TIME_LIMIT']],
    ['full: below 30 W for 10 minutes', aSession(), [started(0, 0), meter(1, 100, 600, 400), meter(2, 101, 601, 20), meter(3, 110, 604, 20), meter(4, 111, 605, 20)], ['FULL']],
    ['an old reading replayed late stops nothing', aSession(), [started(0, 0), meter(2, 2, 20, 400), meter(1, 1, 10, 900)], []]
  ]
  for (const [name, session, events, asked] of cases) {
    const run = feed(session, events)
    t.same(commands(run.effects), asked, name)
    t.same(run.outcomes.every(o => o === 'applied'), true, `${name}: all applied`)
  }
})

t.test('a lost stop settles after the silence timeout from the last meter value', async t => {
  const run = feed(aSession(), [started(0, 0), meter(1, 10, 70)])
  const heardAt = at(10) + 2_000
  t.equal(checkSilence(run.session, heardAt + minutes(30) - 1), null, 'not silent before the timeout')
  const silent = checkSilence(run.session, heardAt + minutes(30))
  t.equal(silent?.outcome, 'silent')
  t.same(settles(silent?.effects ?? []), [['PILE_SILENT', 10, 490]], 'billed to the last meter value by device time')
  t.same(commands(silent?.effects ?? []), ['PILE_SILENT'], 'the pile is told to stop')
  const after = silent?.session as ChargingSession
  t.equal(checkSilence(after, heardAt + minutes(300)), null, 'settled once')

  const late = feed(after, [meter(2, 20, 140), stopped(3, 45, 300, 'PILE_OFFLINE'), stopped(3, 45, 300, 'PILE_OFFLINE'), meter(4, 50, 320)])
  t.same(late.outcomes, ['applied_after_settlement', 'late_stop', 'duplicate', 'after_stop'])
  t.same(commands(late.effects), [], 'the stop was already asked for')
  const reconcile = late.effects.filter(e => e.kind === 'reconcile')
  t.same(reconcile.map(e => e.kind === 'reconcile' && [e.reconciliation.chargedPoints, e.reconciliation.trueCostPoints, e.reconciliation.refundPoints, e.reconciliation.writtenOffPoints]),
    [[10, 45, 0, 35]], 'reconciled once: the 35 points more are written off, not charged again')
  t.same(settles(late.effects), [], 'no second settlement')
  t.equal(late.session.status, 'reconciled')
})

t.test('a silent session that reported nothing releases the whole hold', async t => {
  const silent = checkSilence(aSession(), at(0) + minutes(30))
  t.same(silent?.effects.find(e => e.kind === 'settle'), {
    kind: 'settle', endedBy: 'silent', reason: 'PILE_SILENT', usage: null, cost: null,
    settlement: { sessionId, holdPoints: 500, costPoints: 0, chargePoints: 0, releasePoints: 500, shortfallPoints: 0, chargeKey: 'charging:cs-1:charge', releaseKey: 'charging:cs-1:release' }
  })
})

t.test('a stopped session never goes silent; a live one is kept alive by any event', async t => {
  const done = feed(aSession(), [started(0, 0), stopped(1, 10, 50)])
  t.equal(checkSilence(done.session, at(10) + minutes(600)), null)
  const alive = feed(aSession(), [started(0, 0), meter(1, 25, 100), meter(1, 25, 100)])
  t.equal(alive.session.lastHeardAtMs, at(25) + 2_000, 'a duplicate still shows the pile is alive')
  t.equal(checkSilence(alive.session, at(50)), null)
})

t.test('the session is plain data: it survives a JSON round trip (restart)', async t => {
  const mid = feed(aSession(), [started(0, 0), meter(1, 20, 130)])
  const restored = JSON.parse(JSON.stringify(mid.session)) as ChargingSession
  t.same(restored, mid.session)
  const after = feed(restored, [stopped(1, 20, 130), stopped(2, 40, 260)])
  t.same(after.outcomes, ['duplicate', 'stopped'])
  t.same(settles(after.effects), [['USER', 40, 460]])
})
