// The shipper against a REAL InfluxDB: Debian's influxd 1.6.7, started for
// this file. 1.6.7 has no /api/v2/write, so a test-side front
// (test/helpers/influx.ts) maps /api/v2/write?bucket=B to /write?db=B, as
// InfluxDB 1.8's compatibility endpoint does, and can be told to fail or
// hang. Everything is read back with InfluxQL.
import { join } from 'node:path'
import t from 'tap'
import { pino } from 'pino'
import { createOutboxSink } from '../../../services/telemetry/outbox.ts'
import { createInfluxWriter } from '../../../services/telemetry/influx-writer.ts'
import { createShipper } from '../../../services/telemetry/shipper.ts'
import type { TelemetryPoint } from '../../../services/telemetry/points.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { connectDevice } from '../../helpers/backend.ts'
import { countPoints, influxSkip, startInflux, startInfluxFront, type Influx, type InfluxFront } from '../../helpers/influx.ts'
import { openSqliteTestStore, tempDir } from '../../helpers/stores.ts'
import { startTelemetryBackend } from './telemetry-backend.ts'

const skip = influxSkip()
const silent = pino({ level: 'silent' })
let influx: Influx
let front: InfluxFront
let dbSeq = 0

async function freshBucket (): Promise<string> {
  const name = `t${process.pid}_${++dbSeq}`
  await influx.createDatabase(name)
  return name
}

async function until (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}

const points = (n: number, from = 0): TelemetryPoint[] => Array.from({ length: n }, (_, i) => ({ line: `probe,site=s1,device=d1 seq=${from + i}i`, atMs: 1_700_000_000_000 + from + i }))

t.before(async () => {
  if (skip !== false) return
  influx = await startInflux(t)
  front = await startInfluxFront(t, influx)
})
t.beforeEach(() => { if (skip === false) { front.set({ kind: 'pass' }); front.delayMs = 0; front.onWrite = undefined } })

t.test('kiosk events through MQTT arrive with the right tags and fields', { skip }, async t => {
  const bucket = await freshBucket()
  const backend = await startTelemetryBackend({ sqlitePath: join(tempDir(t), 'kiosk.db'), influx: { url: front.url, org: 'o', bucket }, flushMs: 50 }, silent)
  t.teardown(() => backend.close())
  const { db } = backend.store
  const site = await aSite(db, { id: 'site-a' })
  const { device, secret } = await aKiosk(db, site.id, 'kiosk-a')
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const ts = Date.now() - 1000

  await kiosk.publishJson('events/swipe', { eventId: 'sw1', ts, card: card.uid })
  const open = await kiosk.waitFor(m => m.payload.type === 'open')
  await kiosk.publishJson('events/swipe', { eventId: 'sw2', ts, card: 'NOPE1234' })
  await kiosk.publishJson('events/deposit', { eventId: 'dp1', ts: ts + 1, sessionId: open.payload.sessionId, lines: [{ category: 'paper', grams: 2500 }, { category: 'hazardous', grams: 60, count: 2 }] })
  await kiosk.client.publishAsync(`devices/${device.id}/status`, JSON.stringify({ ts, online: true, uptimeS: 3600, rssiDbm: -67, temperatureC: 24.5, bins: [{ category: 'paper', fillPct: 75 }] }), { qos: 0 })
  await until('the outbox is empty and 7 points arrived', async () => backend.telemetry.health().enabled && (backend.telemetry.health() as { depth: number }).depth === 0 && await countPoints(influx, bucket, 'bin_fill', 'fill_pct') === 1)

  const deposits = await influx.query('SELECT * FROM deposit GROUP BY *', bucket)
  t.same(deposits.map(s => [s.tags, s.values.map(v => v.slice(1))]), [
    [{ category: 'hazardous', device: 'kiosk-a', outcome: 'credited', site: 'site-a' }, [[2, 60, 100]]],
    [{ category: 'paper', device: 'kiosk-a', outcome: 'credited', site: 'site-a' }, [[null, 2500, 100]]]
  ], 'deposit per category: grams, points, count')
  t.match(deposits[0]?.columns, ['time', 'count', 'grams', 'points'])
  t.equal(Math.floor(Number(deposits[0]?.values[0]?.[0]) / 1e6), ts + 1, 'timestamp is the device time (ms), sub-ms from the outbox row')
  const total = await influx.query('SELECT grams, points_credited, household, lines FROM deposit_total', bucket)
  t.same(total[0]?.values.map(v => v.slice(1)), [[2560, 200, household.id, 2]], 'deposit_total: household is a field, not a tag')
  const swipes = await influx.query('SELECT count FROM swipe GROUP BY decision, reason', bucket)
  t.same(swipes.map(s => s.tags), [{ decision: 'deny', reason: 'CARD_UNKNOWN' }, { decision: 'open', reason: '' }])
  const status = await influx.query('SELECT online, uptime_s, rssi_dbm, temperature_c FROM device_status GROUP BY kind', bucket)
  t.same(status[0]?.values[0]?.slice(1), [true, 3600, -67, 24.5])
  t.same(status[0]?.tags, { kind: 'kiosk' })
  const tagKeys = await influx.query('SHOW TAG KEYS', bucket)
  const allTags = tagKeys.flatMap(s => s.values.map(v => String(v[0])))
  t.notOk(allTags.some(k => /card|household/.test(k)), `no card or household tags (${[...new Set(allTags)].join(', ')})`)
})

t.test('InfluxDB down for a while, then back: every point arrives once', { skip }, async t => {
  const bucket = await freshBucket()
  const store = await openSqliteTestStore(t)
  const shipper = createShipper({ db: store.db, log: silent, writer: createInfluxWriter({ url: front.url, org: 'o', bucket, timeoutMs: 2000 }), batchSize: 100, flushMs: 20, maxRows: 100_000, minRetryMs: 50, maxRetryMs: 400 })
  const sink = createOutboxSink()
  front.set({ kind: 'fail', status: 503, retryAfterS: 0 })
  shipper.start()
  t.teardown(() => shipper.stop())
  for (let batch = 0; batch < 20; batch++) {
    await store.db.transaction().execute(trx => sink.append(trx, points(50, batch * 50), Date.now()))
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  await until('a failure is reported', () => shipper.health().failures > 0)
  t.match(shipper.health(), { depth: 1000, lastError: { status: 503 } }, 'health shows the outage and what waits')
  t.ok((shipper.health().oldestUnsentAgeMs ?? 0) > 0)
  front.set({ kind: 'fail', status: 429, retryAfterS: 1 }, 1) // one more refusal asking for 1 s, then back up
  await until('the outbox drains', () => shipper.health().depth === 0 && shipper.health().shipped === 1000, 30_000)
  t.equal(await countPoints(influx, bucket, 'probe', 'seq'), 1000, 'every point once')
  t.equal(shipper.health().failures, 0)
  t.ok(shipper.health().lastSuccessAtMs != null)
})

t.test('a retry after a timeout does not double a point', { skip }, async t => {
  const bucket = await freshBucket()
  const store = await openSqliteTestStore(t)
  const shipper = createShipper({ db: store.db, log: silent, writer: createInfluxWriter({ url: front.url, org: 'o', bucket, timeoutMs: 300 }), batchSize: 500, flushMs: 0, maxRows: 10_000, minRetryMs: 50 })
  await store.db.transaction().execute(trx => createOutboxSink().append(trx, points(200), Date.now()))
  front.set({ kind: 'forward-then-hang' }, 1) // InfluxDB stores the batch, the answer never comes
  t.equal(await shipper.runOnce({ force: true }), 'failed', 'timed out: rows kept')
  t.equal(await countPoints(influx, bucket, 'probe', 'seq'), 200, 'yet the points landed')
  t.equal(shipper.health().depth, 200)
  t.equal(await shipper.runOnce({ force: true }), 'shipped', 'the retry is confirmed')
  t.equal(await countPoints(influx, bucket, 'probe', 'seq'), 200, 'same series + timestamp upserted: not doubled')
  t.equal(front.stats.forwarded >= 2, true)
})

t.test('a 400 from InfluxDB: bad lines dead-lettered with the reason, the rest shipped', { skip }, async t => {
  const bucket = await freshBucket()
  const store = await openSqliteTestStore(t)
  const shipper = createShipper({ db: store.db, log: silent, writer: createInfluxWriter({ url: front.url, org: 'o', bucket }), batchSize: 500, flushMs: 0, maxRows: 10_000 })
  const batch = points(20)
  batch[13] = { line: 'probe,site=s1,device=d1 seq="a string where an integer was"', atMs: batch[13]!.atMs }
  batch[17] = { line: 'probe,site=s1,device=d1', atMs: batch[17]!.atMs } // no fields: unparsable
  await store.db.transaction().execute(trx => createOutboxSink().append(trx, batch, Date.now()))
  await shipper.runOnce({ force: true })
  const dead = await store.db.selectFrom('telemetry_dead_letters').selectAll().orderBy('id').execute()
  t.same(dead.map(d => d.status_code), [400, 400])
  t.match(dead[0]?.line, /^probe,site=s1,device=d1 seq="a string/)
  t.match(dead[0]?.reason, /field type conflict/, 'the server\'s reason is kept')
  t.match(dead[1]?.reason, /unable to parse|missing fields/)
  t.match(shipper.health(), { depth: 0, deadLettered: 2, shipped: 18, lastError: { status: 400 } })
  t.equal(await countPoints(influx, bucket, 'probe', 'seq'), 18, 'the good lines arrived (once, although bisecting re-sent some)')

  // a 400 the server gives for the whole batch: not retried forever
  front.set({ kind: 'fail', status: 400, body: '{"code":"invalid","message":"bucket schema rejects everything"}' })
  await store.db.transaction().execute(trx => createOutboxSink().append(trx, points(4, 100), Date.now()))
  await shipper.runOnce({ force: true })
  front.set({ kind: 'pass' })
  t.equal(shipper.health().depth, 0)
  t.equal(shipper.health().deadLettered, 6)
  t.match((await store.db.selectFrom('telemetry_dead_letters').select('reason').orderBy('id', 'desc').executeTakeFirst())?.reason, /bucket schema rejects everything/)
})

t.test('outbox at its bound: oldest dropped and counted, alarm raised, events still accepted', { skip }, async t => {
  const bucket = await freshBucket()
  const backend = await startTelemetryBackend({ sqlitePath: join(tempDir(t), 'kiosk.db'), influx: { url: front.url, org: 'o', bucket }, flushMs: 20, maxRows: 50, minRetryMs: 100, maxRetryMs: 200 }, silent)
  t.teardown(() => backend.close())
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  front.set({ kind: 'fail', status: 503 })
  for (let i = 0; i < 80; i++) await kiosk.publishJson('events/swipe', { eventId: `sw${i}`, ts: Date.now(), card: 'NOPE1234' })
  t.equal((await db.selectFrom('device_events').select('event_id').execute()).length, 80, 'every event accepted (points matter more than telemetry)')
  await until('the bound is enforced', () => (backend.telemetry.health() as { dropped: number }).dropped === 30)
  t.match(backend.telemetry.health(), { depth: 50, dropped: 30, outboxNearFull: true, nearFullAlarms: 1, maxRows: 50 })
  front.set({ kind: 'pass' })
  await until('drained', () => (backend.telemetry.health() as { depth: number }).depth === 0)
  t.equal(await countPoints(influx, bucket, 'swipe', 'count'), 50, 'the newest 50 arrived')
  t.equal((backend.telemetry.health() as { outboxNearFull: boolean }).outboxNearFull, false, 'alarm cleared once drained')
})

t.test('telemetry off without InfluxDB: no outbox rows', async t => {
  const backend = await startTelemetryBackend({ sqlitePath: join(tempDir(t), 'kiosk.db') }, silent)
  t.teardown(() => backend.close())
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  await kiosk.publishJson('events/swipe', { eventId: 'sw1', ts: Date.now(), card: 'NOPE1234' })
  t.equal((await db.selectFrom('telemetry_outbox').select('id').execute()).length, 0)
  t.match(backend.telemetry.health(), { enabled: false, reason: /INFLUX_URL/ })
})
