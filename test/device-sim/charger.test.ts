// The simulated charging pile against the real backend on both stores: a
// six-hour CC/CV charge (in device time, seconds of real time) stops full and
// is billed from the pile's meter; an over-power fault is stopped by the
// backend with an alarm; an offline period is replayed in order and billed the same.
import t from 'tap'
import { SimCharger } from '../../device-sim/charger.ts'
import { walletOf } from '../../services/ledger/holds.ts'
import { appendEntry, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aCharger, aChargingTariff, onEachBackendStore } from '../fixtures/charging-scene.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const perKwh = { pricing: { kind: 'per_kwh' as const, pointsPerKwh: 100 }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 }

await onEachBackendStore(t, 'a simulated pile charges e-bikes through the real backend', async (t, overrides) => {
  const backend = await startTestBackend(t, overrides)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aCharger(db, site.id)
  await aChargingTariff(db, site.id, { tariff: perKwh })
  const residents = await Promise.all([1, 2, 3].map(async () => {
    const hc = await aHouseholdWithCard(db, site.id)
    await appendEntry(db, { householdId: hc.household.id, kind: 'earn', points: 1000, idempotencyKey: `seed:${hc.household.id}`, nowMs: 1 })
    return hc
  }))
  // five minutes of device time every 5 ms: a six-hour charge in about half a second of meter values
  const pile = new SimCharger({ mqttUrl: backend.mqttUrl, deviceId: device.id, secret, ports: 3, deviceStepMs: 5 * 60_000, tickMs: 5, reconnectPeriodMs: 50 })
  t.teardown(() => pile.close())
  await pile.start()
  const session = (id: string) => db.selectFrom('charging_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const meterRows = async (id: string) => (await db.selectFrom('charging_meter_values').select('seq').where('session_id', '=', id).execute()).length

  const [a, b, c] = residents as [typeof residents[number], typeof residents[number], typeof residents[number]]
  const full = await pile.swipe(a.card.uid, 1)
  if (full.outcome !== 'started') throw new Error(`no start: ${JSON.stringify(full)}`)
  const fullPort = pile.sessions.get(1)
  t.equal(await fullPort?.stopped, 'FULL', 'the charge ends full')
  const settled = await session(full.sessionId)
  t.match(settled, { status: 'stopped', end_reason: 'FULL' })
  const stop = JSON.parse(settled.state) as { stop: { energyWh: number, atMs: number }, started: { atMs: number } }
  const hours = (stop.stop.atMs - stop.started.atMs) / 3_600_000
  t.ok(hours > 2 && hours < 8, `a CC/CV charge of ${hours.toFixed(1)} h by the pile's clock`)
  t.equal(settled.cost_points, Math.ceil(stop.stop.energyWh * 100 / 1000), 'billed per kWh from the pile\'s own energy count')
  t.same(await walletOf(db, a.household.id), { balancePoints: 1000 - (settled.cost_points ?? 0), heldPoints: 0, availablePoints: 1000 - (settled.cost_points ?? 0) })
  t.equal(await meterRows(full.sessionId), fullPort == null ? -1 : fullPort.nextSeq - 2, 'every meter value between started and stopped is stored')

  const hot = await pile.swipe(b.card.uid, 2)
  if (hot.outcome !== 'started') throw new Error('no start')
  pile.fault(2, 'over-power')
  t.equal(await pile.sessions.get(2)?.stopped, 'OVER_POWER', 'the backend stops the port')
  t.match(await session(hot.sessionId), { status: 'stopped', end_reason: 'OVER_POWER' })
  t.ok(pile.commands.some(cmd => cmd.type === 'stop-charging' && cmd.sessionId === hot.sessionId && cmd.reason === 'OVER_POWER'))
  const alarm = await db.selectFrom('alarms').select(['type', 'source']).where('device_id', '=', device.id).executeTakeFirst()
  t.same(alarm, { type: 'CHARGER_OVER_POWER', source: 'port 2' })

  const offline = await pile.swipe(c.card.uid, 3)
  if (offline.outcome !== 'started') throw new Error('no start')
  const port3 = pile.sessions.get(3)
  await pile.goOffline()
  await waitUntil(() => pile.pendingEvents >= 10, 'ten meter values are buffered while offline')
  const readingsBefore = await meterRows(offline.sessionId)
  await pile.goOnline()
  t.equal(await port3?.stopped, 'FULL')
  t.ok(await pile.waitForDrain(5000), 'the buffer is replayed')
  t.ok(readingsBefore < (port3?.nextSeq ?? 0) - 2, 'readings were missing while offline')
  t.equal(await meterRows(offline.sessionId), (port3?.nextSeq ?? 0) - 2, 'and all arrived after the replay')
  const replayed = await session(offline.sessionId)
  const replayedStop = JSON.parse(replayed.state) as { stop: { energyWh: number } }
  t.equal(replayed.cost_points, Math.ceil(replayedStop.stop.energyWh * 100 / 1000), 'billed the same as without the outage')
  t.same(await ledgerInvariantViolations(db), [])
})
