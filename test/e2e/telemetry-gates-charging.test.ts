// Gate passages and charging meter values reach a REAL InfluxDB through the
// durable outbox, on both stores: Debian's influxd 1.6.7 behind the test-side
// front that maps /api/v2/write?bucket=B to /write?db=B (what InfluxDB 1.8's
// compatibility endpoint does), read back with InfluxQL. Only what the domain
// recorded becomes a point: a replayed event, a repeated meter seq and a meter
// value after the stop add nothing.
import t from 'tap'
import { aHouseholdWithCard } from '../fixtures/builders.ts'
import { onEachBackendStore, pileSays, startChargingScene } from '../fixtures/charging-scene.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { countPoints, influxSkip, startInflux, startInfluxFront, type Influx, type InfluxFront } from '../helpers/influx.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const skip = influxSkip()
let influx: Influx
let front: InfluxFront
let bucketSeq = 0

t.before(async () => {
  if (skip !== false) return
  influx = await startInflux(t)
  front = await startInfluxFront(t, influx)
})

const tagsAndValues = (series: Awaited<ReturnType<Influx['query']>>) => series.map(s => [s.tags, s.values.map(v => v.slice(1))])

if (skip !== false) t.pass(`skipped: ${skip}`)
else {
  await onEachBackendStore(t, 'meter values and gate decisions become charging_meter and gate_access points', async (t, overrides) => {
    const bucket = `gc${process.pid}_${++bucketSeq}`
    await influx.createDatabase(bucket)
    const s = await startChargingScene(t, { ...overrides, INFLUX_URL: front.url, INFLUX_BUCKET: bucket, TELEMETRY_FLUSH_MS: 50 })
    const say = pileSays(s.pile, s.eventId)
    const now = Date.now()

    // charging: start a session on port 2, two meter values, a repeated seq, a replay, a value after the stop
    await say('charging-swipe', { ts: now, card: s.card.uid, port: 2 })
    const start = (await s.pile.waitFor(m => m.payload.type === 'start-charging')).payload
    const sessionId = start.sessionId as string
    await say('command-ack', { ts: now, cmdId: start.cmdId, ok: true })
    await say('charging-started', { ts: now, sessionId, port: 2, seq: 0 })
    const meter = (seq: number, energyWh: number, extra: Record<string, unknown> = {}) => ({ ts: now + seq * 1000, sessionId, port: 2, seq, energyWh, powerW: 480, voltageV: 48.5, ...extra })
    await say('charging-meter', meter(1, 10, { temperatureC: 35.5 }))
    const second = meter(2, 20)
    const secondId = await say('charging-meter', second)
    await s.pile.publishJson('events/charging-meter', { eventId: secondId, ...second }) // the pile missed the PUBACK
    await say('charging-meter', meter(2, 20)) // the same reading under a new eventId
    await say('charging-stopped', { ts: now + 3000, sessionId, port: 2, seq: 3, reason: 'USER', energyWh: 25 })
    await say('charging-meter', meter(4, 25))

    // gates: an online allow, an online deny, an offline deny replayed twice
    const { device: gateDevice, secret } = await aGate(s.db, s.site.id)
    const gate = await connectDevice(t, s.backend.mqttUrl, gateDevice.id, secret)
    const { card } = await aHouseholdWithCard(s.db, s.site.id)
    const request = async (eventId: string, uid: string, direction: string) => {
      await gate.publishJson('events/access-request', { eventId, ts: Date.now(), reader: 0, direction, credential: { kind: 'card', card: uid } })
      await gate.waitFor(m => m.payload.requestEventId === eventId)
    }
    await request('ga1', card.uid, 'in')
    await request('ga2', 'NOPE0001', 'out')
    const offline = { eventId: 'ga3', ts: now - 60_000, reader: 0, direction: 'in', credential: { kind: 'card', card: 'NOPE0002' }, decision: { result: 'deny', reason: 'NOT_IN_ALLOW_LIST' }, allowListVersion: 3, clockSynced: true }
    await gate.publishJson('events/offline-decision', offline)
    await gate.publishJson('events/offline-decision', offline)

    await waitUntil(async () => await countPoints(influx, bucket, 'charging_meter', 'energy_wh') >= 2 && await countPoints(influx, bucket, 'gate_access', 'count') >= 3, 'the points reach InfluxDB', 20_000)
    const meters = await influx.query('SELECT energy_wh, power_w, temperature_c, voltage_v FROM charging_meter GROUP BY *', bucket)
    t.same(tagsAndValues(meters), [[{ device: s.device.id, port: '2', site: s.site.id }, [[10, 480, 35.5, 48.5], [20, 480, null, 48.5]]]], 'one point per recorded meter value, tagged with the port')
    const meterTimes = meters[0]?.values.map(v => Math.floor(Number(v[0]) / 1e6))
    t.same(meterTimes, [now + 1000, now + 2000], 'at the pile\'s time')
    const access = await influx.query('SELECT count FROM gate_access GROUP BY *', bucket)
    t.same(tagsAndValues(access), [
      [{ decision: 'allow', device: gateDevice.id, direction: 'in', mode: 'online', site: s.site.id }, [[1]]],
      [{ decision: 'deny', device: gateDevice.id, direction: 'in', mode: 'offline', site: s.site.id }, [[1]]],
      [{ decision: 'deny', device: gateDevice.id, direction: 'out', mode: 'online', site: s.site.id }, [[1]]]
    ], 'one point per decision, the replay once')
    t.equal(Math.floor(Number(access[1]?.values[0]?.[0]) / 1e6), now - 60_000, 'the offline decision at the gate\'s time')
    const tagKeys = (await influx.query('SHOW TAG KEYS', bucket)).flatMap(series => series.values.map(v => String(v[0])))
    t.notOk(tagKeys.some(k => /card|household|session/.test(k)), `no card, household or session tags (${[...new Set(tagKeys)].join(', ')})`)
  })
}
