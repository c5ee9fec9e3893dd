// runFleet against the real backend, on SQLite and on PostgreSQL: what the
// fleet reports is checked against what the store holds.
import t from 'tap'
import { runFleet, type FleetProgress } from '../../device-sim/fleet.ts'
import { aHouseholdWithCard, aKiosk } from '../fixtures/builders.ts'
import { eachBackend, startSimKiosk, storedEvents, waitUntil, type SimScene } from './helpers/sim-backend.ts'

/** Three kiosks and nine residents at the scene's site, and one card nobody registered. */
async function aFleet (scene: SimScene) {
  const kiosks = await Promise.all([1, 2, 3].map(async () => {
    const { device, secret } = await aKiosk(scene.db, scene.siteId)
    return { deviceId: device.id, secret }
  }))
  const cards: string[] = []
  for (let i = 0; i < 9; i++) cards.push((await aHouseholdWithCard(scene.db, scene.siteId)).card.uid)
  return { kiosks, cards: [...cards, 'UNREGISTERED1'] }
}

eachBackend(t, 'a bounded run: every visit accounted for, points and errors match the store, all connections closed', async (t, scene) => {
  const { kiosks, cards } = await aFleet(scene)
  const progress: FleetProgress[] = []
  const summary = await runFleet({
    mqttUrl: scene.backend.mqttUrl, kiosks, cards, visits: 30, ratePerS: 100, seed: 3,
    badRate: 0.3, offlineRate: 0.1, offlineMs: { min: 50, max: 150 },
    heartbeatS: 0, progressEveryMs: 100, onProgress: p => progress.push(p),
    // patient: the first events wait for the SQLite ingest worker to start, slow on a loaded machine
    openTimeoutMs: 15_000, displayTimeoutMs: 15_000
  })
  const { db } = scene
  const deviceIds = kiosks.map(k => k.deviceId)
  t.equal(summary.visits, 30)
  t.equal(summary.deposited + summary.denied + summary.timeouts + summary.offline + summary.rejected + summary.visitErrors, 30, 'every visit has an outcome')
  t.equal(summary.timeouts, 0)
  t.equal(summary.unsentEvents, 0)

  const swipes = (await Promise.all(deviceIds.map(id => storedEvents(db, id)))).flat().filter(e => e.type === 'swipe')
  const denials = swipes.filter(e => JSON.parse(e.outcome).decision === 'deny')
  t.ok(denials.length > 0, 'the unregistered card was swiped')
  t.equal(summary.denied, denials.length, 'denied = deny decisions stored')
  const deposits = await db.selectFrom('deposits').select(['points_credited']).where('device_id', 'in', deviceIds).execute()
  t.equal(summary.depositsSent, deposits.length, 'every deposit sent was applied once')
  t.equal(summary.depositsAcked, summary.depositsSent)
  t.equal(summary.deposited, summary.depositsSent)
  const earned = await db.selectFrom('ledger_entries').select('points').where('kind', '=', 'earn').execute()
  t.equal(summary.pointsCredited, earned.reduce((sum, e) => sum + e.points, 0), 'points the kiosks showed = points in the ledger')
  t.equal(summary.pointsCredited, deposits.reduce((sum, d) => sum + d.points_credited, 0))

  t.ok(summary.badPayloadsInjected > 0)
  const letters = await db.selectFrom('dead_letters').select('code').where('device_id', 'in', deviceIds).execute()
  t.equal(summary.errorRepliesReceived, letters.length, 'one error reply per dead letter, every one received')
  t.equal(summary.commandAcksSent, summary.commandsReceived, 'every command acked')
  t.ok(summary.latencyMs.open.count > 0)
  t.ok(progress.length > 0, 'progress reported')
  await waitUntil('every kiosk is disconnected', () => scene.backend.broker.connectedCount() === 0)
})

eachBackend(t, 'a run bounded by time stops by itself', async (t, scene) => {
  const { kiosks, cards } = await aFleet(scene)
  // one visit first, so that the time measured below excludes the ingest worker's start
  const warm = await startSimKiosk(t, scene)
  t.equal((await warm.kiosk.visit(scene.card)).outcome, 'deposited')
  await warm.kiosk.close()
  // At 2/s the first visit starts at once and the second is due at 500 ms, after the 300 ms
  // this run lasts: exactly one visit however slow the machine (a stall only ends it sooner).
  const summary = await runFleet({ mqttUrl: scene.backend.mqttUrl, kiosks, cards, durationMs: 300, ratePerS: 2, heartbeatS: 0, settleMs: 0 })
  t.equal(summary.visits, 1, 'one visit: the one due at the start')
  t.equal(summary.deposited, 1, 'and it completed')
  t.ok(summary.elapsedMs >= 300, `it stopped because its time was up (${summary.elapsedMs} ms), not for want of visits`)
  await waitUntil('all kiosks disconnected', () => scene.backend.broker.connectedCount() === 0)
})

eachBackend(t, 'fails clearly when the broker refuses', async (t, scene) => {
  const unknown = [1, 2].map(i => ({ deviceId: `ghost-${i}`, secret: 'x'.repeat(32) }))
  await t.rejects(runFleet({ mqttUrl: scene.backend.mqttUrl, kiosks: unknown, cards: [scene.card], visits: 1, heartbeatS: 0 }), /cannot connect kiosks.*Bad username or password/)
  await waitUntil('nothing stays connected', () => scene.backend.broker.connectedCount() === 0)
})
