// One wallet: the points a household earns at a kiosk pay for charging its
// e-bike. A simulated kiosk and a simulated pile against the real backend, on
// both stores; the household starts with nothing.
import t from 'tap'
import { SimCharger } from '../../device-sim/charger.ts'
import { SimKiosk } from '../../device-sim/kiosk.ts'
import { walletOf } from '../../services/ledger/holds.ts'
import { historyOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { aCharger, aChargingTariff, onEachBackendStore } from '../fixtures/charging-scene.ts'
import { startTestBackend } from '../helpers/backend.ts'

await onEachBackendStore(t, 'a kiosk deposit\'s points pay for a charge', async (t, overrides) => {
  const backend = await startTestBackend(t, overrides)
  const { db } = backend.store
  const site = await aSite(db)
  const kioskDevice = await aKiosk(db, site.id)
  const pileDevice = await aCharger(db, site.id)
  await aChargingTariff(db, site.id, { tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 100 }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 }, holdDefaultPoints: 500 })
  const { household, card } = await aHouseholdWithCard(db, site.id)

  const kiosk = new SimKiosk({ mqttUrl: backend.mqttUrl, deviceId: kioskDevice.device.id, secret: kioskDevice.secret, heartbeatS: 0 })
  const pile = new SimCharger({ mqttUrl: backend.mqttUrl, deviceId: pileDevice.device.id, secret: pileDevice.secret, deviceStepMs: 5 * 60_000, tickMs: 5 })
  t.teardown(async () => { await pile.close(); await kiosk.close(0) })
  await kiosk.start()
  await pile.start()

  t.match(await pile.swipe(card.uid, 1), { outcome: 'denied', reason: 'INSUFFICIENT_POINTS' }, 'no points yet, no charge')
  const visit = await kiosk.visit(card.uid, [{ category: 'paper', grams: 2500 }, { category: 'plastic', grams: 1234 }])
  t.match(visit, { outcome: 'deposited', pointsEarned: 174, balancePoints: 174 })

  const started = await pile.swipe(card.uid, 1)
  t.match(started, { outcome: 'started', holdPoints: 174 }, 'the hold is what the deposit earned (less than the default 500)')
  if (started.outcome !== 'started') return
  t.same(await walletOf(db, household.id), { balancePoints: 174, heldPoints: 174, availablePoints: 0 }, 'held points cannot be redeemed meanwhile')
  t.equal(await pile.sessions.get(1)?.stopped, 'FULL')

  const session = await db.selectFrom('charging_sessions').selectAll().where('id', '=', started.sessionId).executeTakeFirstOrThrow()
  const cost = session.charged_points ?? -1
  t.ok(cost > 0 && cost <= 174, `the charge cost ${cost} points`)
  t.same(await walletOf(db, household.id), { balancePoints: 174 - cost, heldPoints: 0, availablePoints: 174 - cost })
  const history = await historyOf(db, household.id, { limit: 10 })
  t.same(history.entries.map(e => [e.kind, e.points]), [['charge', -cost], ['earn', 174]], 'earned at the kiosk, spent at the pile')
  t.same(await ledgerInvariantViolations(db), [])
})
