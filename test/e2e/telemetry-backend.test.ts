// The real backend (startBackend, wired from the config) ships telemetry to a
// real InfluxDB: Debian's influxd 1.6.7 behind the test-side front that maps
// /api/v2/write?bucket=B to /write?db=B (what InfluxDB 1.8's compatibility
// endpoint does). Read back with InfluxQL.
import t from 'tap'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'
import { countPoints, influxSkip, startInflux, startInfluxFront } from '../helpers/influx.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import type { TelemetryHealth } from '../../services/telemetry/shipper.ts'

t.test('deposits and swipes reach InfluxDB through the outbox; /health reports it', { skip: influxSkip() }, async t => {
  const influx = await startInflux(t)
  const front = await startInfluxFront(t, influx)
  await influx.createDatabase('kiosks_e2e')
  const backend = await startTestBackend(t, { INFLUX_URL: front.url, INFLUX_BUCKET: 'kiosks_e2e', TELEMETRY_FLUSH_MS: 50 })
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { card } = await aHouseholdWithCard(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)

  await kiosk.publishJson('events/swipe', { eventId: 'tb1', ts: Date.now(), card: card.uid })
  const open = await kiosk.waitFor(m => m.payload.type === 'open')
  await kiosk.publishJson('events/deposit', { eventId: 'tb2', ts: Date.now(), sessionId: open.payload.sessionId, lines: [{ category: 'paper', grams: 1500 }, { category: 'metal', grams: 250 }] })
  await kiosk.waitFor(m => m.payload.type === 'display')

  await waitUntil(async () => await countPoints(influx, 'kiosks_e2e', 'deposit', 'grams') >= 2 && await countPoints(influx, 'kiosks_e2e', 'deposit_total', 'grams') >= 1, 'InfluxDB holds both deposit lines and the total', 15_000)
  t.equal(await countPoints(influx, 'kiosks_e2e', 'deposit', 'grams'), 2, 'one deposit point per category line')
  t.equal(await countPoints(influx, 'kiosks_e2e', 'swipe', 'count', `"device" = '${device.id}' AND "decision" = 'open'`), 1, 'the swipe, tagged with its decision')
  t.equal(await countPoints(influx, 'kiosks_e2e', 'deposit_total', 'grams'), 1, 'one deposit_total per deposit')
  const series = await influx.query(`SELECT "grams" FROM "deposit" WHERE "category" = 'paper'`, 'kiosks_e2e')
  t.equal(series[0]?.values[0]?.[1], 1500, 'grams of the paper line')

  // The points are readable as soon as InfluxDB answered, a moment BEFORE the shipper
  // deletes their rows and refreshes its depth: sampling /health once races that delete.
  // Wait for the drain itself, then check what the shipper says it did.
  const telemetryHealth = async () => ((await (await fetch(`${backend.httpUrl}/health`)).json()) as { telemetry: TelemetryHealth }).telemetry
  let drained = await telemetryHealth()
  await waitUntil(async () => { drained = await telemetryHealth(); return drained.depth === 0 && drained.shipped >= 4 }, '/health reports the outbox drained', 15_000)
  t.match(drained, { enabled: true, depth: 0, shipped: 4, failures: 0, dropped: 0, deadLettered: 0 }, 'outbox drained once InfluxDB confirmed: the swipe, both deposit lines and the deposit total shipped, nothing lost')
  t.equal(await backend.store.db.selectFrom('telemetry_outbox').select('id').execute().then(rows => rows.length), 0, 'no row left in the outbox table')
})

t.test('without INFLUX_URL telemetry is off and says so', async t => {
  const backend = await startTestBackend(t)
  const health = await (await fetch(`${backend.httpUrl}/health`)).json() as { telemetry: { enabled: boolean, reason?: string } }
  t.equal(health.telemetry.enabled, false)
  t.match(health.telemetry.reason, /INFLUX_URL/)
})
