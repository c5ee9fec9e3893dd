// The sweep settling a silent session and the pile's late stop for the same
// session, at once, on separate connections: whichever locks the session first
// wins, the other finds it as the first left it, and the hold is settled once.
// On PostgreSQL the stop is held open after it locked the session, and the
// sweep is seen waiting for that lock; on both stores many pairs race freely
// and each ends in exactly one of the two documented outcomes.
import t, { type Test } from 'tap'
import type { Kysely } from 'kysely'
import { handleChargingMeter, handleChargingStopped } from '../../../services/charging/charging-events.ts'
import { sweepCharging } from '../../../services/charging/charging-sweep.ts'
import { findSession, sessionState, updateSession } from '../../../services/charging/session-repository.ts'
import { startChargingSession } from '../../../services/charging/start-session.ts'
import { findDevice } from '../../../services/devices/device-registry.ts'
import type { EventContext } from '../../../services/ingest/event-context.ts'
import { walletOf } from '../../../services/ledger/holds.ts'
import { appendEntry, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import type { Database, Device } from '../../../services/store/database.ts'
import type { Executor } from '../../../services/store/executor.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aCharger, aChargingTariff } from '../../fixtures/charging-scene.ts'
import { eachStoreConnections, openPostgresTestStore, postgresSkipReason, postgresSkipReasonIfAny } from '../../helpers/stores.ts'
import { holdTransaction, lockWait } from '../points/held-transaction.ts'

const t0 = Date.UTC(2026, 2, 4, 20, 0)
const minute = 60_000
const settings = { startAckTimeoutMs: 60_000, staleHoldMs: 24 * 3_600_000 }
// started at t0, one reading at 10 min (silent settlement: 20 points at 120/h), stopped at 40 min (true cost 80)
const silentCost = 20
const trueCost = 80
const sweepAt = t0 + 60 * minute

/** A session open since t0 with one meter value, last heard at t0 + 10 min (silent by sweepAt). */
async function aSilentSession (db: Executor, device: Device, siteId: string) {
  const { household } = await aHouseholdWithCard(db, siteId)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 1000, idempotencyKey: `seed:${household.id}`, nowMs: 1 })
  const port = 1 + (await db.selectFrom('charging_sessions').select('id').where('device_id', '=', device.id).execute()).length
  const started = await startChargingSession(db, { device, port, household, cardUid: null, startedBy: 'card', staffId: null, nowMs: t0 })
  if (started.kind !== 'started') throw new Error(`no start: ${started.reason}`)
  const state = sessionState(started.session)
  const heard = t0 + 10 * minute
  await updateSession(db, started.session.id, {
    status: 'open', last_heard_at_ms: heard,
    state: { ...state, started: { seq: 0, atMs: t0 }, readings: [{ seq: 1, atMs: heard, energyWh: 50, powerW: 300 }], lastHeardAtMs: heard }
  })
  return { household, session: started.session }
}

async function aRaceScene (db: Kysely<Database>) {
  const site = await aSite(db)
  await aChargingTariff(db, site.id)
  const device = await findDevice(db, (await aCharger(db, site.id)).device.id) as Device
  return { site, device }
}

function stopEvent (sessionId: string, port: number) {
  return { eventId: `stop-${sessionId}`, ts: t0 + 40 * minute, sessionId, port, seq: 2, reason: 'FULL' as const, energyWh: 200 }
}

function pileContext (db: Executor, device: Device): EventContext {
  // session events read nothing else of the context (no cards, sites or windows)
  return { db, device, receivedAtMs: sweepAt, site: undefined as never, registry: undefined as never, sessionOpenWindowMs: 0, sessionDepositWindowMs: 0 }
}

/** Exactly one of the two outcomes, and the wallet that goes with it. */
async function assertOneOutcome (t: Test, db: Executor, sessionId: string, householdId: string): Promise<'stop-first' | 'sweep-first'> {
  const session = await findSession(db, sessionId)
  const entries = await db.selectFrom('ledger_entries').select(['kind', 'points']).where('ref_id', '=', sessionId).execute()
  if (session?.status === 'stopped') {
    t.same([session.cost_points, session.charged_points, entries], [trueCost, trueCost, [{ kind: 'charge', points: -trueCost }]], 'stop first: charged the true cost')
  } else {
    t.same([session?.status, session?.cost_points, session?.charged_points, entries], ['reconciled', trueCost, silentCost, [{ kind: 'charge', points: -silentCost }]], 'sweep first: charged the silent cost once, the rest written off')
  }
  const charged = session?.status === 'stopped' ? trueCost : silentCost
  t.same(await walletOf(db, householdId), { balancePoints: 1000 - charged, heldPoints: 0, availablePoints: 1000 - charged })
  return session?.status === 'stopped' ? 'stop-first' : 'sweep-first'
}

await eachStoreConnections(t, 'silent settlement and late stop race on separate connections: one settlement each', 2, async (t, stores) => {
  const [a, b] = stores as [Store, Store]
  const { site, device } = await aRaceScene(a.db)
  const races = []
  for (let i = 0; i < 6; i++) races.push(await aSilentSession(a.db, device, site.id))
  await Promise.all([
    sweepCharging(a.db, settings, sweepAt),
    ...races.map(r => b.db.transaction().execute(trx => handleChargingStopped(pileContext(trx, device), stopEvent(r.session.id, r.session.port))))
  ])
  for (const r of races) await assertOneOutcome(t, a.db, r.session.id, r.household.id)
  t.same(await ledgerInvariantViolations(a.db), [])
})

t.test('the sweep waits for the pile\'s stop that locked the session first [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  const { db } = store
  const { site, device } = await aRaceScene(db)
  const race = await aSilentSession(db, device, site.id)

  const stop = holdTransaction(db, trx => handleChargingStopped(pileContext(trx, device), stopEvent(race.session.id, race.session.port)))
  t.teardown(stop.release)
  t.match(await stop.worked, { kind: 'applied', summary: { outcome: 'stopped' } })
  const sweep = sweepCharging(db, settings, sweepAt)
  const wait = await lockWait(db, { statement: 'update "charging_sessions"' })
  t.same(wait.blockers, [await stop.pid], 'the sweep waits at the session\'s lock, behind the stop')
  stop.release()
  await stop.committed
  const swept = await sweep
  t.same([swept.silent, swept.outgoing], [[], []], 'then finds the session stopped and does nothing')
  t.equal(await assertOneOutcome(t, db, race.session.id, race.household.id), 'stop-first')
})

t.test('the pile\'s stop waits for the sweep that locked the session first, then reconciles [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  const { db } = store
  const { site, device } = await aRaceScene(db)
  const race = await aSilentSession(db, device, site.id)

  const sweep = holdTransaction(db, trx => sweepCharging(trx, settings, sweepAt))
  t.teardown(sweep.release)
  t.same((await sweep.worked).silent, [race.session.id], 'the sweep settled the session and still holds it')
  const stop = db.transaction().execute(trx => handleChargingStopped(pileContext(trx, device), stopEvent(race.session.id, race.session.port)))
  const wait = await lockWait(db, { statement: 'update "charging_sessions"' })
  t.same(wait.blockers, [await sweep.pid], 'the stop waits at the session\'s lock, behind the sweep')
  sweep.release()
  await sweep.committed
  t.match(await stop, { kind: 'applied', summary: { outcome: 'late_stop' } }, 'then reconciles the silent settlement')
  t.equal(await assertOneOutcome(t, db, race.session.id, race.household.id), 'sweep-first')
})

// Pile total over-power picks another session of the pile to stop. That session may be the one
// the sweep is settling at that moment: the event must lock it before reading it, as it locks its
// own, or it writes the session's old open state back over the settlement once the sweep commits.
t.test('pile over-power waits for the sweep settling the session it would stop, then leaves it settled [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  const { db } = store
  const site = await aSite(db)
  await aChargingTariff(db, site.id, { limits: { maxPilePowerW: 1000 } })
  const device = await findDevice(db, (await aCharger(db, site.id)).device.id) as Device
  const busy = await aSilentSession(db, device, site.id)
  const silent = await aSilentSession(db, device, site.id)
  // the busy session started first and was heard a minute ago; the silent one draws 600 W by its last value
  const busyState = sessionState(busy.session)
  const heard = sweepAt - minute
  await updateSession(db, busy.session.id, {
    last_heard_at_ms: heard, last_power_w: 300,
    state: { ...busyState, started: { seq: 0, atMs: t0 }, readings: [{ seq: 1, atMs: heard, energyWh: 50, powerW: 300 }], lastHeardAtMs: heard }
  })
  await db.updateTable('charging_sessions').set({ created_at_ms: t0 - 10 * minute }).where('id', '=', busy.session.id).execute()
  await updateSession(db, silent.session.id, { last_power_w: 600 })

  const sweep = holdTransaction(db, trx => sweepCharging(trx, settings, sweepAt))
  t.teardown(sweep.release)
  t.same((await sweep.worked).silent, [silent.session.id], 'the sweep settled the silent session and still holds it')
  // 500 W on the busy port (within its own 600 W): 1100 W in all, so the newest session, the silent one, is picked to stop
  const meter = { eventId: 'busy-meter-2', ts: sweepAt, sessionId: busy.session.id, port: busy.session.port, seq: 2, energyWh: 60, powerW: 500, voltageV: 54 }
  const event = db.transaction().execute(trx => handleChargingMeter(pileContext(trx, device), meter))
  const wait = await lockWait(db, { statement: 'update "charging_sessions"' })
  t.same(wait.blockers, [await sweep.pid], 'the event waits at the silent session\'s lock, behind the sweep')
  sweep.release()
  await sweep.committed
  const applied = await event
  t.match(applied, { kind: 'applied' })
  t.same(applied.kind === 'applied' ? applied.commands : undefined, [], 'no second stop for a settled session')
  const after = await findSession(db, silent.session.id)
  t.match(after, { status: 'silent', end_reason: 'PILE_SILENT' })
  t.match(after == null ? undefined : sessionState(after), { status: 'silent', stopRequested: 'PILE_SILENT' }, 'its stored state is still the settlement')
  t.same(await ledgerInvariantViolations(db), [])
})
