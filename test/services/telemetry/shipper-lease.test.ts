// Two backend processes on one store: one ships the telemetry outbox at a
// time (the `telemetry-shipper` lease), and when it stops the other takes
// over. Each point reaches the real InfluxDB once. Both stores; the two
// shippers use separate connections.
import t from 'tap'
import { pino } from 'pino'
import { createOutboxSink } from '../../../services/telemetry/outbox.ts'
import { createInfluxWriter } from '../../../services/telemetry/influx-writer.ts'
import { createShipper } from '../../../services/telemetry/shipper.ts'
import type { TelemetryPoint } from '../../../services/telemetry/points.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { countPoints, influxSkip, startInflux, startInfluxFront, type Influx, type InfluxFront } from '../../helpers/influx.ts'
import { eachStoreConnections } from '../../helpers/stores.ts'
import { waitUntil } from '../../helpers/wait-until.ts'

const skip = influxSkip()
const silent = pino({ level: 'silent' })
let influx: Influx
let front: InfluxFront
let dbSeq = 0

const points = (n: number, from = 0): TelemetryPoint[] => Array.from({ length: n }, (_, i) => ({ line: `probe,site=s1,device=d1 seq=${from + i}i`, atMs: 1_700_000_000_000 + from + i }))
const outboxDepth = async (store: Store): Promise<number> => Number((await store.db.selectFrom('telemetry_outbox').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

t.before(async () => {
  if (skip !== false) return
  influx = await startInflux(t)
  front = await startInfluxFront(t, influx)
})

if (skip !== false) t.test('shipping lease', { skip }, () => {})
else {
  void eachStoreConnections(t, 'one of two shippers ships; the other takes over when it stops', 2, async (t, stores) => {
    const bucket = `lease${process.pid}_${++dbSeq}`
    await influx.createDatabase(bucket)
    const shippers = stores.map((store, i) => createShipper({
      db: store.db, log: silent, writer: createInfluxWriter({ url: front.url, org: 'o', bucket }),
      batchSize: 50, flushMs: 10, maxRows: 10_000, lease: { holder: `node-${i}`, ttlMs: 2000 }
    }))
    t.teardown(async () => { for (const s of shippers) await s.stop() })
    const [a, b] = stores as [Store, Store]
    await a.db.transaction().execute(trx => createOutboxSink().append(trx, points(300), Date.now()))
    for (const s of shippers) s.start()

    await waitUntil(async () => await outboxDepth(a) === 0, 'the outbox is shipped', 20_000)
    t.equal(await countPoints(influx, bucket, 'probe', 'seq'), 300, 'every point once')
    const holder = shippers.findIndex(s => s.health().leaseHeld)
    t.not(holder, -1, 'one shipper holds the lease')
    const other = 1 - holder
    t.equal(shippers[holder]!.health().shipped, 300, 'the holder shipped everything')
    t.equal(shippers[other]!.health().shipped, 0, 'the other shipped nothing')
    t.equal(shippers[other]!.health().leaseHeld, false)

    await shippers[holder]!.stop()
    await b.db.transaction().execute(trx => createOutboxSink().append(trx, points(200, 300), Date.now()))
    await waitUntil(() => shippers[other]!.health().shipped === 200, 'the other shipper takes over', 20_000)
    t.equal(shippers[other]!.health().leaseHeld, true)
    t.equal(await outboxDepth(b), 0)
    t.equal(await countPoints(influx, bucket, 'probe', 'seq'), 500, 'every point once, across the hand-over')
  })
}
