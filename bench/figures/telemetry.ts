// Figure: telemetry points per second confirmed by InfluxDB through the
// durable outbox (SQLite file, WAL, synchronous=FULL). InfluxDB is Debian's
// influxd 1.6.7 in its own process behind the test-side front that maps the
// v2 write API to 1.x's /write (test/helpers/influx.ts; see docs/telemetry.md).
import { join } from 'node:path'
import { openStore } from '../../services/store/open-database.ts'
import { measureOutboxThroughput } from '../lib/outbox-throughput.ts'
import { influxSkip, startInflux, startInfluxFront } from '../../test/helpers/influx.ts'
import type { RunContext } from '../lib/context.ts'

export interface TelemetryThroughput { points: number, pointsPerSecond: number, endToEndPerSecond: number }

let n = 0

export function telemetrySkipReason (): string | false {
  return influxSkip()
}

export async function telemetryThroughput (ctx: RunContext, points: number): Promise<TelemetryThroughput> {
  const teardowns: Array<() => unknown> = []
  const owner = { teardown: (fn: () => unknown) => { teardowns.push(fn) } }
  try {
    const influx = await startInflux(owner)
    const front = await startInfluxFront(owner, influx)
    await influx.createDatabase('bench')
    const store = await openStore({ SQLITE_PATH: join(ctx.tmp, `telemetry-${++n}.db`) })
    teardowns.push(() => store.close())
    const r = await measureOutboxThroughput({ db: store.db, influx: { url: front.url, org: 'bench', bucket: 'bench' }, points })
    return { points: r.points, pointsPerSecond: r.pointsPerSecond, endToEndPerSecond: r.confirmedPerSecondEndToEnd }
  } finally {
    for (const fn of teardowns.reverse()) await fn()
  }
}
