// Charging piles through the real broker over real sockets, on SQLite and on
// PostgreSQL: swipe → hold → start command → ack → meter values → stop →
// settlement exactly once; duplicates, out-of-order and after-stop events;
// refusals; unknown stops acknowledged; hold exhausted, over-power and
// over-temperature stops; a tariff changed mid-session.
import t from 'tap'
import { walletOf } from '../../services/ledger/holds.ts'
import { appendEntry, historyOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import type { Executor } from '../../services/store/executor.ts'
import { aHouseholdWithCard } from '../fixtures/builders.ts'
import { aChargingTariff, onEachBackendStore, pileSays, startChargingScene, type ChargingScene } from '../fixtures/charging-scene.ts'

const t0 = Date.UTC(2026, 2, 4, 20, 0)
const min = (n: number) => t0 + n * 60_000

async function outcomeOf (db: Executor, deviceId: string, eventId: string): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('device_events').select('outcome').where('device_id', '=', deviceId).where('event_id', '=', eventId).executeTakeFirstOrThrow()
  return JSON.parse(row.outcome) as Record<string, unknown>
}

async function fundedCard (db: Executor, siteId: string, points: number) {
  const hc = await aHouseholdWithCard(db, siteId)
  if (points > 0) await appendEntry(db, { householdId: hc.household.id, kind: 'earn', points, idempotencyKey: `seed:${hc.household.id}`, nowMs: 1 })
  return hc
}

/** Swipes `card` on `port`, returns the start (or deny) command the pile receives. */
async function swipe (s: ChargingScene, card: string, port: number) {
  const say = pileSays(s.pile, s.eventId)
  const swipeId = await say('charging-swipe', { ts: min(0), card, port })
  const { cmdId } = await outcomeOf(s.db, s.device.id, swipeId)
  return (await s.pile.waitFor(m => m.payload.cmdId === cmdId)).payload
}

/** A session started on `port` and acknowledged, with its `started` event (seq 0) at minute 0. */
async function startedSession (s: ChargingScene, card: string, port: number): Promise<{ sessionId: string, holdPoints: number }> {
  const say = pileSays(s.pile, s.eventId)
  const start = await swipe(s, card, port)
  if (start.type !== 'start-charging') throw new Error(`expected a start, got ${JSON.stringify(start)}`)
  await say('command-ack', { ts: min(0), cmdId: start.cmdId, ok: true })
  await say('charging-started', { ts: min(0), sessionId: start.sessionId, port, seq: 0 })
  return { sessionId: start.sessionId as string, holdPoints: start.holdPoints as number }
}

const meter = (sessionId: string, port: number, seq: number, minute: number, extra: Record<string, unknown> = {}) =>
  ({ ts: min(minute), sessionId, port, seq, energyWh: 5 * minute, powerW: 300, voltageV: 48, ...extra })

await onEachBackendStore(t, 'swipe → hold → start → meter values → stop → settled once', async (t, overrides) => {
  const s = await startChargingScene(t, overrides)
  const say = pileSays(s.pile, s.eventId)
  const swipeId = await say('charging-swipe', { ts: min(0), card: s.card.uid, port: 1 })
  const start = (await s.pile.waitFor(m => m.payload.type === 'start-charging')).payload
  t.match(start, { port: 1, holdPoints: 500 }, 'the default hold of the tariff')
  t.equal((await outcomeOf(s.db, s.device.id, swipeId)).decision, 'start')
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 1000, heldPoints: 500, availablePoints: 500 }, 'held before the pile is told to start')
  const sessionId = start.sessionId as string
  await say('command-ack', { ts: min(0), cmdId: start.cmdId, ok: true })
  const row = () => s.db.selectFrom('charging_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow()
  t.equal((await row()).status, 'open', 'the ack opens the session')

  await say('charging-started', { ts: min(0), sessionId, port: 1, seq: 0 })
  await say('charging-meter', meter(sessionId, 1, 1, 10))
  await say('charging-meter', meter(sessionId, 1, 3, 30))
  const late = await say('charging-meter', meter(sessionId, 1, 2, 20))
  t.equal((await outcomeOf(s.db, s.device.id, late)).outcome, 'applied', 'an older reading arriving late is applied in its place')
  const dupMeter = await say('charging-meter', meter(sessionId, 1, 2, 20))
  t.equal((await outcomeOf(s.db, s.device.id, dupMeter)).outcome, 'duplicate', 'a seq seen before (new eventId) changes nothing')

  const stopBody = { ts: min(40), sessionId, port: 1, seq: 4, reason: 'FULL', energyWh: 200 }
  const stopId = await say('charging-stopped', stopBody)
  t.equal((await outcomeOf(s.db, s.device.id, stopId)).outcome, 'stopped')
  // 40 minutes at 120 points/hour, billed per started minute = 80 points
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 920, heldPoints: 0, availablePoints: 920 }, 'charged 80, released 420')
  t.match(await row(), { status: 'stopped', cost_points: 80, charged_points: 80, end_reason: 'FULL', active_port_key: null })

  const again = await say('charging-stopped', stopBody)
  t.equal((await outcomeOf(s.db, s.device.id, again)).outcome, 'duplicate', 'a duplicated stop settles nothing more')
  await s.pile.publishJson('events/charging-stopped', { eventId: stopId, ...stopBody })
  const afterStop = await say('charging-meter', meter(sessionId, 1, 5, 45))
  t.equal((await outcomeOf(s.db, s.device.id, afterStop)).outcome, 'after_stop', 'nothing counts after the stop')
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 920, heldPoints: 0, availablePoints: 920 }, 'still charged once')

  const history = await historyOf(s.db, s.household.id, { limit: 10 })
  t.same(history.entries.map(e => [e.kind, e.points, e.idempotency_key]), [['charge', -80, `charging:${sessionId}:charge`], ['earn', 1000, `seed:${s.household.id}`]])
  const curve = await s.db.selectFrom('charging_meter_values').select(['seq', 'energy_wh']).where('session_id', '=', sessionId).orderBy('seq').execute()
  t.same(curve, [{ seq: 1, energy_wh: 50 }, { seq: 2, energy_wh: 100 }, { seq: 3, energy_wh: 150 }], 'the meter curve, in seq order, without the reading after the stop')
  t.same(await ledgerInvariantViolations(s.db), [])
})

await onEachBackendStore(t, 'refusals: no tariff, too few points, port busy, start refused by the pile, unknown card', async (t, overrides) => {
  const s = await startChargingScene(t, overrides, { tariff: false })
  t.match(await swipe(s, s.card.uid, 1), { type: 'deny-charging', reason: 'TARIFF_MISSING', port: 1 })
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 1000, heldPoints: 0, availablePoints: 1000 }, 'a refusal holds nothing')

  await aChargingTariff(s.db, s.site.id, { tariff: { pricing: { kind: 'per_hour', pointsPerHour: 120, billingUnit: 'minute' }, startFeePoints: 50, freeSessionSeconds: 0, minCostPoints: 0 } })
  const poor = await fundedCard(s.db, s.site.id, 49)
  t.match(await swipe(s, poor.card.uid, 1), { type: 'deny-charging', reason: 'INSUFFICIENT_POINTS' }, 'less than the start fee available')
  t.match(await swipe(s, 'NOPE1234', 1), { type: 'deny-charging', reason: 'CARD_UNKNOWN' })

  const start = await swipe(s, s.card.uid, 2)
  t.match(start, { type: 'start-charging', port: 2, holdPoints: 500 })
  const rich = await fundedCard(s.db, s.site.id, 5000)
  t.match(await swipe(s, rich.card.uid, 2), { type: 'deny-charging', reason: 'PORT_BUSY' }, 'one live session per port')
  t.same(await walletOf(s.db, rich.household.id), { balancePoints: 5000, heldPoints: 0, availablePoints: 5000 })

  const say = pileSays(s.pile, s.eventId)
  await say('command-ack', { ts: min(0), cmdId: start.cmdId, ok: false, error: 'port 2 has no bike plugged in' })
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 1000, heldPoints: 0, availablePoints: 1000 }, 'the refused start releases its hold')
  const session = await s.db.selectFrom('charging_sessions').selectAll().where('id', '=', start.sessionId as string).executeTakeFirstOrThrow()
  t.match(session, { status: 'refused', active_port_key: null, end_reason: 'START_REFUSED' })
  const hold = await s.db.selectFrom('point_holds').selectAll().where('id', '=', session.hold_id).executeTakeFirstOrThrow()
  t.match(hold, { status: 'released', released_points: 500, close_reason: 'START_REFUSED' })
  t.match(await swipe(s, rich.card.uid, 2), { type: 'start-charging', port: 2 }, 'the port is free again')
  t.same(await ledgerInvariantViolations(s.db), [])
})

await onEachBackendStore(t, 'unknown stop acknowledged; hold exhausted, over-power and over-temperature stop the port; the tariff at the start applies', async (t, overrides) => {
  const s = await startChargingScene(t, overrides)
  const say = pileSays(s.pile, s.eventId)

  const unknown = await say('charging-stopped', { ts: min(5), sessionId: 'chg_never', port: 1, seq: 9, reason: 'USER', energyWh: 10 })
  t.match(await outcomeOf(s.db, s.device.id, unknown), { outcome: 'unknown_session', sessionId: 'chg_never' }, 'recorded and acknowledged (PUBACK came), not dead-lettered')
  t.equal((await s.db.selectFrom('dead_letters').select('id').where('device_id', '=', s.device.id).execute()).length, 0)

  // hold exhausted: 500 points hold at 120 points/hour runs out at 250 minutes
  const a = await startedSession(s, s.card.uid, 1)
  await say('charging-meter', meter(a.sessionId, 1, 1, 250))
  t.match((await s.pile.waitFor(m => m.payload.type === 'stop-charging' && m.payload.sessionId === a.sessionId)).payload, { reason: 'HOLD_EXHAUSTED', port: 1 })
  await say('charging-stopped', { ts: min(251), sessionId: a.sessionId, port: 1, seq: 2, reason: 'HOLD_EXHAUSTED', energyWh: 1255 })
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 500, heldPoints: 0, availablePoints: 500 }, 'the cost (502) is charged up to the hold (500), never more')

  const b = await fundedCard(s.db, s.site.id, 1000)
  const over = await startedSession(s, b.card.uid, 2)
  await say('charging-meter', meter(over.sessionId, 2, 1, 1, { powerW: 700 }))
  t.match((await s.pile.waitFor(m => m.payload.type === 'stop-charging' && m.payload.sessionId === over.sessionId)).payload, { reason: 'OVER_POWER', port: 2 })
  const c = await fundedCard(s.db, s.site.id, 1000)
  const hot = await startedSession(s, c.card.uid, 3)
  await say('charging-meter', meter(hot.sessionId, 3, 1, 1, { temperatureC: 80 }))
  t.match((await s.pile.waitFor(m => m.payload.type === 'stop-charging' && m.payload.sessionId === hot.sessionId)).payload, { reason: 'OVER_TEMPERATURE', port: 3 })
  const alarms = await s.db.selectFrom('alarms').select(['type', 'source', 'device_id', 'active']).where('device_id', '=', s.device.id).orderBy('type').execute()
  t.same(alarms, [
    { type: 'CHARGER_OVER_POWER', source: 'port 2', device_id: s.device.id, active: 1 },
    { type: 'CHARGER_OVER_TEMPERATURE', source: 'port 3', device_id: s.device.id, active: 1 }
  ], 'safety stops raise alarms')

  // tariff changed mid-session: the version in force at the start applies to the whole session
  const d = await fundedCard(s.db, s.site.id, 1000)
  const old = await startedSession(s, d.card.uid, 4)
  await aChargingTariff(s.db, s.site.id, { tariff: { pricing: { kind: 'per_hour', pointsPerHour: 600, billingUnit: 'minute' }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 } })
  await say('charging-stopped', { ts: min(10), sessionId: old.sessionId, port: 4, seq: 1, reason: 'USER', energyWh: 50 })
  t.same(await walletOf(s.db, d.household.id), { balancePoints: 980, heldPoints: 0, availablePoints: 980 }, '10 minutes at version 1 (120/h) = 20, not 100 at version 2')
  t.same(await ledgerInvariantViolations(s.db), [])
})

await onEachBackendStore(t, 'pile total over-power: the newest session stops first, with an alarm', async (t, overrides) => {
  const s = await startChargingScene(t, overrides, { tariff: false })
  await aChargingTariff(s.db, s.site.id, { limits: { maxPortPowerW: 600, maxPilePowerW: 1000 } })
  const say = pileSays(s.pile, s.eventId)
  const first = await startedSession(s, s.card.uid, 1)
  const other = await fundedCard(s.db, s.site.id, 1000)
  const second = await startedSession(s, other.card.uid, 2)
  await say('charging-meter', meter(first.sessionId, 1, 1, 1, { powerW: 550 }))
  t.equal(s.pile.received.filter(m => m.payload.type === 'stop-charging').length, 0, '550 W alone fits the pile')
  await say('charging-meter', meter(second.sessionId, 2, 1, 1, { powerW: 550 }))
  const stop = (await s.pile.waitFor(m => m.payload.type === 'stop-charging')).payload
  t.match(stop, { sessionId: second.sessionId, port: 2, reason: 'PILE_OVER_POWER' }, '1100 W > 1000 W: the newest session stops')
  await say('charging-meter', meter(first.sessionId, 1, 2, 2, { powerW: 560 }))
  t.equal(s.pile.received.filter(m => m.payload.type === 'stop-charging').length, 1, 'asked once; the first session goes on')
  const alarm = await s.db.selectFrom('alarms').select(['type', 'source', 'count']).where('device_id', '=', s.device.id).execute()
  t.same(alarm, [{ type: 'CHARGER_PILE_OVER_POWER', source: '', count: 1 }])
})
