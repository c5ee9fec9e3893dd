// The benchmark's measurement (bench/lib/outbox-throughput.ts) against the
// real InfluxDB 1.6.7 behind the test-side /api/v2/write → /write front
// (test/helpers/influx.ts): every point confirmed, counted with InfluxQL.
import t from 'tap'
import { measureOutboxThroughput } from '../../../bench/lib/outbox-throughput.ts'
import { countPoints, influxSkip, startInflux, startInfluxFront } from '../../helpers/influx.ts'
import { openSqliteTestStore } from '../../helpers/stores.ts'

t.test('points per second through the outbox, confirmed by InfluxDB', { skip: influxSkip() }, async t => {
  const influx = await startInflux(t)
  const front = await startInfluxFront(t, influx)
  await influx.createDatabase('bench')
  const store = await openSqliteTestStore(t)
  const result = await measureOutboxThroughput({ db: store.db, influx: { url: front.url, org: 'o', bucket: 'bench' }, points: 20_000 })
  t.comment(`outbox throughput: ${JSON.stringify(result)}`)
  t.equal(result.points, 20_000)
  t.equal(await countPoints(influx, 'bench', 'swipe', 'count'), 20_000)
})
