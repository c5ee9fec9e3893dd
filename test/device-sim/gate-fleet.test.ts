// A fleet of simulated gates against the real backend (both stores): passages
// at a rate, gates dropping offline and replaying, clocks that start a day off,
// cards handed back through the fence, rush-hour peaks. Nothing lost, nothing counted twice:
// every decision a gate took alone is in the access log exactly once.
import t from 'tap'
import { runGateFleet } from '../../device-sim/gate-fleet.ts'
import { gateDenyReasons } from '../../schemas/gate.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aGate, aZone } from '../fixtures/gate-builders.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

await eachBackendStore(t, 'gate fleet: offline periods, drifting clocks, passbacks', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const zone = await aZone(db, site.id, 'hard')
  const gates = []
  for (let i = 0; i < 3; i++) {
    const { device, secret } = await aGate(db, site.id, { zoneId: zone })
    gates.push({ deviceId: device.id, secret })
  }
  const cards = []
  for (let i = 0; i < 20; i++) cards.push((await aHouseholdWithCard(db, site.id)).card.uid)

  const summary = await runGateFleet({
    mqttUrl: backend.mqttUrl, siteId: site.id, gates, cards, passages: 30, ratePerS: 20, seed: 7, rush: { everyMs: 1000, lengthMs: 300, factor: 3 },
    offlineRate: 0.2, offlineMs: { min: 100, max: 300 }, clockDriftMaxMs: 86_400_000, passbackRate: 0.2
  })
  t.equal(summary.passages, 30)
  t.equal(summary.undrained, 0, 'every buffered event acked in the end')
  t.ok(summary.offlinePeriods > 0 && summary.decidedOffline > 0, 'some passages were decided offline')
  t.ok(summary.timeSyncs >= 3, 'every gate got the time')
  t.equal(summary.listsRefused, 0)
  for (const reason of Object.keys(summary.denyReasons)) t.ok((gateDenyReasons as readonly string[]).includes(reason), `${reason} is a gate deny reason`)
  t.ok((summary.denyReasons.ANTI_PASSBACK ?? 0) <= summary.passbacks, 'anti-passback denies only handed-back cards')

  const logged = await db.selectFrom('access_log').select(['mode']).where('site_id', '=', site.id).execute()
  t.equal(logged.filter(r => r.mode === 'offline').length, summary.decidedOffline, 'each offline decision logged exactly once')
  t.ok(logged.filter(r => r.mode === 'online').length >= summary.openedOnline + summary.deniedOnline, 'every answered request is logged')
})
