// The charging sweep (a periodic job under a lease) against a real backend on
// both stores, its clock moved past the timeouts instead of waiting: a start
// never acknowledged releases its hold (and a pile that starts late is told to
// stop and charged nothing); a silent pile is settled from its last meter value
// (PILE_SILENT) and told to stop; its late stop reconciles and never charges twice.
import t from 'tap'
import { walletOf } from '../../services/ledger/holds.ts'
import { historyOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import type { Executor } from '../../services/store/executor.ts'
import { aChargingTariff, aCharger, onEachBackendStore, pileSays } from '../fixtures/charging-scene.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { appendEntry } from '../../services/ledger/ledger.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'
import type { Config } from '../../services/config.ts'
import type { Test } from 'tap'

const t0 = Date.UTC(2026, 2, 4, 20, 0)
const min = (n: number) => t0 + n * 60_000

async function outcomeOf (db: Executor, deviceId: string, eventId: string): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('device_events').select('outcome').where('device_id', '=', deviceId).where('event_id', '=', eventId).executeTakeFirstOrThrow()
  return JSON.parse(row.outcome) as Record<string, unknown>
}

/** A backend whose sweep clock runs `offsetMs` ahead of the real one; the sweep's own loop waits an hour between passes. */
async function sweepScene (t: Test, overrides: Partial<Config>) {
  let offsetMs = 0
  const backend = await startTestBackend(t, { CHARGING_SWEEP_MS: 3_600_000, ...overrides }, { chargingSweepNow: () => Date.now() + offsetMs })
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aCharger(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 1000, idempotencyKey: `seed:${household.id}`, nowMs: 1 })
  await aChargingTariff(db, site.id)
  const pile = await connectDevice(t, backend.mqttUrl, device.id, secret)
  let n = 0
  const say = pileSays(pile, () => `${device.id}-e${++n}`)
  const session = (id: string) => db.selectFrom('charging_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  return { backend, db, device, household, card, pile, say, session, later: (ms: number) => { offsetMs += ms } }
}

await onEachBackendStore(t, 'no ack in time: the hold is released; a pile that starts late is stopped and charged nothing', async (t, overrides) => {
  const s = await sweepScene(t, overrides)
  const swipeId = await s.say('charging-swipe', { ts: min(0), card: s.card.uid, port: 1 })
  const { cmdId } = await outcomeOf(s.db, s.device.id, swipeId)
  const start = (await s.pile.waitFor(m => m.payload.cmdId === cmdId)).payload
  const sessionId = start.sessionId as string
  t.equal(await s.backend.chargingSweep.runOnce(), 'ran')
  t.equal((await s.session(sessionId)).status, 'starting', 'within the timeout nothing happens')

  s.later(61_000)
  t.equal(await s.backend.chargingSweep.runOnce(), 'ran')
  t.match(await s.session(sessionId), { status: 'start_timeout', end_reason: 'START_TIMEOUT', active_port_key: null })
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 1000, heldPoints: 0, availablePoints: 1000 }, 'the hold is released')
  const command = await s.db.selectFrom('commands').select('status').where('cmd_id', '=', cmdId as string).executeTakeFirstOrThrow()
  t.equal(command.status, 'expired', 'the start is no longer re-sent')

  await s.say('command-ack', { ts: min(2), cmdId, ok: true })
  await s.say('charging-started', { ts: min(2), sessionId, port: 1, seq: 0 })
  const stop = (await s.pile.waitFor(m => m.payload.type === 'stop-charging' && m.payload.sessionId === sessionId)).payload
  t.match(stop, { reason: 'START_TIMEOUT', port: 1 }, 'the late start is stopped')
  const meterId = await s.say('charging-meter', { ts: min(3), sessionId, port: 1, seq: 1, energyWh: 10, powerW: 300, voltageV: 48 })
  t.equal((await outcomeOf(s.db, s.device.id, meterId)).outcome, 'after_release')
  await s.say('charging-stopped', { ts: min(4), sessionId, port: 1, seq: 2, reason: 'USER', energyWh: 15 })
  t.equal(s.pile.received.filter(m => m.payload.type === 'stop-charging').length, 1, 'asked to stop once')
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 1000, heldPoints: 0, availablePoints: 1000 }, 'charged nothing')
  t.same(await ledgerInvariantViolations(s.db), [])
})

await onEachBackendStore(t, 'a silent pile is settled from its last meter value; its late stop reconciles without charging twice', async (t, overrides) => {
  const s = await sweepScene(t, overrides)
  const swipeId = await s.say('charging-swipe', { ts: min(0), card: s.card.uid, port: 1 })
  const { cmdId } = await outcomeOf(s.db, s.device.id, swipeId)
  const start = (await s.pile.waitFor(m => m.payload.cmdId === cmdId)).payload
  const sessionId = start.sessionId as string
  await s.say('command-ack', { ts: min(0), cmdId, ok: true })
  await s.say('charging-started', { ts: min(0), sessionId, port: 1, seq: 0 })
  await s.say('charging-meter', { ts: min(10), sessionId, port: 1, seq: 1, energyWh: 50, powerW: 300, voltageV: 48 })

  s.later(29 * 60_000)
  await s.backend.chargingSweep.runOnce()
  t.equal((await s.session(sessionId)).status, 'open', 'silent for less than 30 minutes: still open')
  s.later(2 * 60_000)
  await s.backend.chargingSweep.runOnce()
  t.match(await s.session(sessionId), { status: 'silent', end_reason: 'PILE_SILENT', cost_points: 20, charged_points: 20, active_port_key: null })
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 980, heldPoints: 0, availablePoints: 980 }, '10 minutes metered at 120/h = 20 points, the rest released')
  t.match((await s.pile.waitFor(m => m.payload.type === 'stop-charging' && m.payload.sessionId === sessionId)).payload, { reason: 'PILE_SILENT', port: 1 })

  // the pile comes back and replays what it buffered: a reading and its stop
  const meterId = await s.say('charging-meter', { ts: min(20), sessionId, port: 1, seq: 2, energyWh: 100, powerW: 300, voltageV: 48 })
  t.equal((await outcomeOf(s.db, s.device.id, meterId)).outcome, 'applied_after_settlement')
  const stopBody = { ts: min(40), sessionId, port: 1, seq: 3, reason: 'FULL', energyWh: 200 }
  const stopId = await s.say('charging-stopped', stopBody)
  t.equal((await outcomeOf(s.db, s.device.id, stopId)).outcome, 'late_stop')
  t.match(await s.session(sessionId), { status: 'reconciled', cost_points: 80, charged_points: 20 }, 'true cost 80; 20 was charged and the rest is written off')
  await s.say('charging-stopped', stopBody)
  t.same(await walletOf(s.db, s.household.id), { balancePoints: 980, heldPoints: 0, availablePoints: 980 }, 'never charged twice')
  const history = await historyOf(s.db, s.household.id, { limit: 10 })
  t.same(history.entries.map(e => [e.kind, e.points]), [['charge', -20], ['earn', 1000]])
  t.same(await ledgerInvariantViolations(s.db), [])
})
