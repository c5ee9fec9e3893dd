// The sweep on both stores, called directly with its clock: a hold open longer
// than staleHoldMs ends whatever its session still says; a late stop that
// proves a silent settlement too high is refunded once.
import t from 'tap'
import { sweepCharging } from '../../../services/charging/charging-sweep.ts'
import { handleChargingMeter, handleChargingStarted, handleChargingStopped } from '../../../services/charging/charging-events.ts'
import { startChargingSession } from '../../../services/charging/start-session.ts'
import { findSession, portKey, sessionState, updateSession } from '../../../services/charging/session-repository.ts'
import { findHold, placeHold, walletOf } from '../../../services/ledger/holds.ts'
import { appendEntry, ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import { findDevice } from '../../../services/devices/device-registry.ts'
import type { Device } from '../../../services/store/database.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aCharger, aChargingTariff } from '../../fixtures/charging-scene.ts'
import { eachStore } from '../../helpers/stores.ts'

const hour = 3_600_000
const settings = { startAckTimeoutMs: 1000 * hour, staleHoldMs: 24 * hour }
const placedAt = Date.UTC(2026, 2, 4, 8, 0)

/** A site with a charger and its tariff, and a household holding `points`. */
async function aScene (db: Executor, points: number, tariff: Parameters<typeof aChargingTariff>[2] = {}) {
  const site = await aSite(db)
  const device = await findDevice(db, (await aCharger(db, site.id)).device.id) as Device
  await aChargingTariff(db, site.id, tariff)
  const { household } = await aHouseholdWithCard(db, site.id)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points, idempotencyKey: 'seed', nowMs: 1 })
  return { device, household }
}

await eachStore(t, 'stale holds: a live session is ended, any other hold released', async (t, { db }) => {
  const { device, household } = await aScene(db, 3000)

  const start = (port: number) => startChargingSession(db, { device, port, household, cardUid: null, startedBy: 'card', staffId: null, nowMs: placedAt })
  const starting = await start(1)
  const open = await start(2)
  if (starting.kind !== 'started' || open.kind !== 'started') throw new Error('sessions did not start')
  await updateSession(db, open.session.id, { status: 'open' })
  await placeHold(db, { holdId: 'gift', householdId: household.id, points: 100, refType: 'shop_reservation', refId: 'r1', nowMs: placedAt })
  t.same(await walletOf(db, household.id), { balancePoints: 3000, heldPoints: 1100, availablePoints: 1900 })

  // the open session's pile keeps talking: it is never silent, only its hold grows old
  const heardAt = async (ms: number) => {
    const row = await findSession(db, open.session.id)
    if (row == null) throw new Error('no session')
    await updateSession(db, row.id, { last_heard_at_ms: ms, state: { ...sessionState(row), lastHeardAtMs: ms } })
  }
  await heardAt(placedAt + 23 * hour - 1)
  const early = await sweepCharging(db, settings, placedAt + 23 * hour)
  t.same([early.staleHolds, early.startTimeouts, early.silent], [[], [], []], 'nothing is stale before its time')

  const now = placedAt + 24 * hour + 1
  await heardAt(now - 1)
  const swept = await sweepCharging(db, settings, now)
  t.same(swept.staleHolds.sort(), [starting.session.hold_id, open.session.hold_id, 'gift'].sort())
  t.match(await findSession(db, starting.session.id), { status: 'start_timeout', end_reason: 'START_TIMEOUT' })
  t.match(await findSession(db, open.session.id), { status: 'silent', end_reason: 'PILE_SILENT', charged_points: 0 }, 'no meter value: nothing charged')
  t.same(swept.outgoing.map(m => JSON.parse(m.payload) as Record<string, unknown>).map(c => [c.type, c.sessionId, c.reason]), [['stop-charging', open.session.id, 'PILE_SILENT']])
  t.match(await findHold(db, 'gift'), { status: 'released', close_reason: 'STALE_HOLD', released_points: 100 })
  t.same(await walletOf(db, household.id), { balancePoints: 3000, heldPoints: 0, availablePoints: 3000 })

  const again = await sweepCharging(db, settings, now + hour)
  t.same([again.staleHolds, again.silent, again.startTimeouts, again.outgoing], [[], [], [], []], 'a second pass finds nothing')
  t.same(await ledgerInvariantViolations(db), [])
})

// The silent settlement billed up to the newest reading (seq 3, 30 min); the pile's stop then
// comes numbered 2 at 20 min, so the reading after it is dropped: the true cost (40) is below what
// was charged (60) and the difference is refunded once, as a `refund` entry.
await eachStore(t, 'a late stop that proves the silent charge too high refunds the difference once', async (t, { db }) => {
  const { device, household } = await aScene(db, 1000)
  const started = await startChargingSession(db, { device, port: 1, household, cardUid: null, startedBy: 'card', staffId: null, nowMs: placedAt })
  if (started.kind !== 'started') throw new Error('no start')
  const id = started.session.id
  const ctx = { db, device, receivedAtMs: placedAt, site: undefined as never, registry: undefined as never, sessionOpenWindowMs: 0, sessionDepositWindowMs: 0 }
  const at = (m: number) => placedAt + m * 60_000
  await handleChargingStarted(ctx, { eventId: 'e0', ts: at(0), sessionId: id, port: 1, seq: 0 })
  await handleChargingMeter(ctx, { eventId: 'e1', ts: at(10), sessionId: id, port: 1, seq: 1, energyWh: 50, powerW: 300, voltageV: 54 })
  await handleChargingMeter(ctx, { eventId: 'e3', ts: at(30), sessionId: id, port: 1, seq: 3, energyWh: 150, powerW: 300, voltageV: 54 })

  const swept = await sweepCharging(db, settings, placedAt + hour)
  t.same(swept.silent, [id])
  t.same(await walletOf(db, household.id), { balancePoints: 940, heldPoints: 0, availablePoints: 940 }, 'silent: 30 minutes at 120/h = 60')
  const stop = { eventId: 'e2', ts: at(20), sessionId: id, port: 1, seq: 2, reason: 'USER' as const, energyWh: 100 }
  t.match(await handleChargingStopped({ ...ctx, receivedAtMs: placedAt + 2 * hour }, stop), { kind: 'applied', summary: { outcome: 'late_stop' } })
  t.match(await findSession(db, id), { status: 'reconciled', cost_points: 40, charged_points: 40 })
  t.same(await walletOf(db, household.id), { balancePoints: 960, heldPoints: 0, availablePoints: 960 }, '20 refunded')
  t.match(await handleChargingStopped({ ...ctx, receivedAtMs: placedAt + 3 * hour }, { ...stop, eventId: 'e2-again' }), { summary: { outcome: 'duplicate' } })
  const entries = await db.selectFrom('ledger_entries').select(['kind', 'points', 'idempotency_key']).where('ref_id', '=', id).orderBy('id').execute()
  t.same(entries, [
    { kind: 'charge', points: -60, idempotency_key: `charging:${id}:charge` },
    { kind: 'refund', points: 20, idempotency_key: `charging:${id}:refund` }
  ], 'one charge, one refund')
  t.same(await ledgerInvariantViolations(db), [])
})

// A city's evening: 500 busy sessions (heard 10 min ago, their timeout 30 min) older than one whose
// pile went quiet 31 min ago. The sweep once read the 500 oldest open sessions heard more than a
// minute ago, so the silent one was never reached: its hold kept, its port busy, for a day.
await eachStore(t, 'a silent session is settled however many busy sessions are older than it', async (t, { db }) => {
  const { device, household } = await aScene(db, 1000)
  const now = placedAt + 2 * hour
  const quiet = await startChargingSession(db, { device, port: 1, household, cardUid: null, startedBy: 'card', staffId: null, nowMs: placedAt })
  if (quiet.kind !== 'started') throw new Error('no start')
  const heardAt = async (id: string, ms: number) => {
    const row = await findSession(db, id)
    if (row == null) throw new Error('no session')
    await updateSession(db, id, { status: 'open', last_heard_at_ms: ms, state: { ...sessionState(row), lastHeardAtMs: ms } })
  }
  await heardAt(quiet.session.id, now - 31 * 60_000)

  // the busy sessions, written as rows: the sweep must not even read them
  const busyHeard = now - 10 * 60_000
  const busyState = { ...sessionState(quiet.session), lastHeardAtMs: busyHeard }
  const busy = Array.from({ length: 500 }, (_, i) => ({
    ...quiet.session, id: `busy-${String(i).padStart(3, '0')}`, port: 100 + i, active_port_key: portKey(device.id, 100 + i),
    hold_id: `busy-hold-${i}`, start_cmd_id: `busy-cmd-${i}`, status: 'open' as const, created_at_ms: placedAt - hour + i,
    last_heard_at_ms: busyHeard, state: JSON.stringify({ ...busyState, sessionId: `busy-${i}`, port: 100 + i })
  }))
  for (let i = 0; i < busy.length; i += 100) await db.insertInto('charging_sessions').values(busy.slice(i, i + 100)).execute()

  const swept = await sweepCharging(db, settings, now)
  t.same(swept.silent, [quiet.session.id], 'the silent session, and only it')
  t.match(await findSession(db, quiet.session.id), { status: 'silent', end_reason: 'PILE_SILENT' })
  const stillOpen = await db.selectFrom('charging_sessions').select(eb => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow()
  t.equal(Number(stillOpen.n), 500, 'every busy session still open')
})

await eachStore(t, 'silent sessions beyond one page are settled in the same pass, longest silent first', async (t, { db }) => {
  const { device, household } = await aScene(db, 3000, { limits: { silenceTimeoutMinutes: 5 } })
  const now = placedAt + hour
  const ids: string[] = []
  for (const [port, silentMinutes] of [[1, 6], [2, 9], [3, 4], [4, 7]] as const) {
    const started = await startChargingSession(db, { device, port, household, cardUid: null, startedBy: 'card', staffId: null, nowMs: placedAt })
    if (started.kind !== 'started') throw new Error('no start')
    const heard = now - silentMinutes * 60_000
    await updateSession(db, started.session.id, { status: 'open', last_heard_at_ms: heard, state: { ...sessionState(started.session), lastHeardAtMs: heard } })
    ids.push(started.session.id)
  }
  const swept = await sweepCharging(db, { ...settings, pageSize: 2 }, now)
  t.same(swept.silent, [ids[1], ids[3], ids[0]], 'silent 9, 7 and 6 min (timeout 5 min), over two pages')
  t.match(await findSession(db, ids[2] as string), { status: 'open' }, 'heard 4 min ago: not silent yet')
})

// A tariff may allow sessions of up to 7 days; the stale-hold limit is a day. A session of such a
// tariff whose pile keeps talking keeps its hold until its own time limit and silence timeout have
// passed (its time-limit stop ends it before); it once was settled PILE_SILENT at 24 h.
await eachStore(t, 'a session allowed longer than the stale-hold limit keeps its hold until its own limit', async (t, { db }) => {
  const { device, household } = await aScene(db, 3000, { limits: { maxDurationMinutes: 48 * 60 } })
  const start = (port: number) => startChargingSession(db, { device, port, household, cardUid: null, startedBy: 'card', staffId: null, nowMs: placedAt })
  const long = await start(1)
  const other = await start(2)
  if (long.kind !== 'started' || other.kind !== 'started') throw new Error('no start')
  // the second session's hold is older than the stale limit but not its own: paging must pass it
  await placeHold(db, { holdId: 'gift', householdId: household.id, points: 100, refType: 'shop_reservation', refId: 'r1', nowMs: placedAt + 1 })
  const heardAt = async (id: string, ms: number) => {
    const row = await findSession(db, id)
    if (row == null) throw new Error('no session')
    await updateSession(db, id, { status: 'open', last_heard_at_ms: ms, state: { ...sessionState(row), lastHeardAtMs: ms } })
  }
  const day = 24 * hour
  for (const id of [long.session.id, other.session.id]) await heardAt(id, placedAt + day)
  const early = await sweepCharging(db, { ...settings, pageSize: 1 }, placedAt + day + 2)
  t.same(early.staleHolds, ['gift'], 'a day old: only the other hold, found past two sessions kept open, one per page')
  t.match(await findSession(db, long.session.id), { status: 'open' }, 'the 48 h session goes on')

  const limit = 48 * hour + 30 * 60_000
  for (const id of [long.session.id, other.session.id]) await heardAt(id, placedAt + limit - 1)
  t.same((await sweepCharging(db, settings, placedAt + limit - 1)).staleHolds, [], 'not before its time limit and silence timeout')
  await heardAt(long.session.id, placedAt + limit)
  const swept = await sweepCharging(db, settings, placedAt + limit)
  t.same(swept.staleHolds.sort(), [long.session.hold_id, other.session.hold_id].sort(), 'then its hold is stale like any other')
  t.match(await findSession(db, long.session.id), { status: 'silent', end_reason: 'PILE_SILENT' })
  t.same(await ledgerInvariantViolations(db), [])
})
