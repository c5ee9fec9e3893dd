// Charging piles in the simulator: the CLI options, piles provisioned over the
// real HTTP API with a site tariff, and a pile fleet charging residents'
// points through the real backend on both stores. Every session the fleet
// started is settled once, and what it reports matches the store.
import t from 'tap'
import { parseCliArgs } from '../../device-sim/cli-args.ts'
import { fleetDescriptionSchema } from '../../device-sim/fleet-description.ts'
import { runPileFleet } from '../../device-sim/pile-fleet.ts'
import { createHttpProvisioner, provisionFleet, simulatedTariff } from '../../device-sim/provision.ts'
import { tariffInForce } from '../../services/charging/tariff-repository.ts'
import { appendEntry, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aCharger, aChargingTariff } from '../fixtures/charging-scene.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

t.test('the pile options of the CLI', async t => {
  t.match(parseCliArgs(['--token', 'x', '--piles', '3', '--charge-rate', '2', '--pile-speed', '1000']), { piles: 3, chargeRate: 2, pileSpeed: 1000 })
  t.match(parseCliArgs(['--token', 'x']), { piles: undefined, chargeRate: 0.5, pileSpeed: 60_000 })
  t.throws(() => parseCliArgs(['--token', 'x', '--pile-speed', '0.5']), /pileSpeed/)
  t.throws(() => parseCliArgs(['--token', 'x', '--piles', '-1']), /piles/)
  t.same(fleetDescriptionSchema.parse({ mqttUrl: 'mqtt://x', siteId: 's1', kiosks: [{ deviceId: 'k1', secret: 's' }], cards: ['CARD0001'] }).piles, [], 'fleet files written before piles still load')
})

t.test('provisioned over HTTP: piles and the site tariff that bills them', async t => {
  const backend = await startBackendOn(t, 'sqlite')
  const { token } = await createStaff(backend.store.db, { username: 'provisioner', name: 'Admin', role: 'admin', siteId: null })
  const fleet = await provisionFleet(createHttpProvisioner({ httpUrl: backend.httpUrl, token }), { mqttUrl: backend.mqttUrl, kiosks: 1, piles: 2, residents: 2, prefix: 'p' })
  t.same(fleet.piles?.map(p => p.deviceId), ['p-pile-001', 'p-pile-002'])
  const kinds = await backend.store.db.selectFrom('devices').select(['id', 'kind']).where('site_id', '=', fleet.siteId).orderBy('id').execute()
  t.same(kinds.map(d => [d.id, d.kind]), [['p-kiosk-001', 'kiosk'], ['p-pile-001', 'charger'], ['p-pile-002', 'charger']])
  t.match(await tariffInForce(backend.store.db, fleet.siteId, 'p-pile-002'), { tariff: simulatedTariff.tariff, row: { hold_default_points: simulatedTariff.holdDefaultPoints } })
})

await eachBackendStore(t, 'a pile fleet charges residents\' points, each session settled once', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  await aChargingTariff(db, site.id, { tariff: simulatedTariff.tariff, holdDefaultPoints: 300, holdMaxPoints: 1000 })
  const piles = []
  for (let i = 0; i < 2; i++) {
    const { device, secret } = await aCharger(db, site.id)
    piles.push({ deviceId: device.id, secret })
  }
  const cards = []
  for (let i = 0; i < 4; i++) {
    const { household, card } = await aHouseholdWithCard(db, site.id)
    await appendEntry(db, { householdId: household.id, kind: 'earn', points: 2000, idempotencyKey: `seed:${household.id}`, nowMs: 1 })
    cards.push(card.uid)
  }
  const broke = await aHouseholdWithCard(db, site.id)
  cards.push(broke.card.uid)

  const summary = await runPileFleet({ mqttUrl: backend.mqttUrl, piles, cards, swipes: 12, ratePerS: 50, speed: 120_000, seed: 3 })
  t.equal(summary.swipes, 12)
  t.equal(summary.started + summary.denied + summary.timeouts, 12, 'every swipe answered or timed out')
  t.equal(summary.timeouts, 0)
  t.same(Object.keys(summary.denyReasons).filter(r => r !== 'INSUFFICIENT_POINTS'), [], 'only the household without points is refused')
  t.same(summary.stopReasons, { FULL: summary.started }, 'every started session charged to full')
  t.equal(summary.undrained, 0)

  const sessions = await db.selectFrom('charging_sessions').select(['status', 'cost_points', 'household_id', 'state']).where('site_id', '=', site.id).execute()
  t.equal(sessions.filter(s => s.status === 'stopped').length, summary.started, 'one stopped session per start')
  t.notOk(sessions.some(s => s.household_id === broke.household.id && s.status !== 'refused'), 'nothing started for the household without points')
  const energy = sessions.filter(s => s.status === 'stopped').reduce((sum, s) => sum + ((JSON.parse(s.state) as { stop: { energyWh: number } | null }).stop?.energyWh ?? 0), 0)
  t.equal(summary.energyWh, energy, 'the energy the piles metered is what the store billed')
  const charges = await db.selectFrom('ledger_entries').select(['points']).where('site_id', '=', site.id).where('kind', '=', 'charge').execute()
  t.equal(charges.length, summary.started, 'one charge entry per session')
  t.equal(-charges.reduce((sum, c) => sum + c.points, 0), sessions.reduce((sum, s) => sum + (s.cost_points ?? 0), 0), 'the ledger took what the sessions cost')
  const held = await db.selectFrom('households').select(eb => eb.fn.sum<number>('held_points').as('held')).where('site_id', '=', site.id).executeTakeFirstOrThrow()
  t.equal(Number(held.held), 0, 'no hold left open')
  t.same(await ledgerInvariantViolations(db), [])
})
