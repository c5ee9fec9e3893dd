// Throughput of the outbox path for the benchmark: N points appended to the
// outbox (in transactions of `appendBatch`, as the ingest does), then shipped
// until the outbox is empty; only points InfluxDB confirmed count.
import type { Kysely } from 'kysely'
import { pino } from 'pino'
import type { Database } from '../../services/store/database.ts'
import { createInfluxWriter, type InfluxTarget, type TelemetryWriter } from '../../services/telemetry/influx-writer.ts'
import { createOutboxSink } from '../../services/telemetry/outbox.ts'
import { createShipper } from '../../services/telemetry/shipper.ts'
import { swipePoints } from '../../services/telemetry/points.ts'

export interface OutboxThroughputOptions {
  db: Kysely<Database>
  influx?: InfluxTarget
  writer?: TelemetryWriter
  points?: number
  batchSize?: number
  /** Points per append transaction (default 256: one ingest batch). */
  appendBatch?: number
}

export interface OutboxThroughput { points: number, appendMs: number, shipMs: number, pointsPerSecond: number, confirmedPerSecondEndToEnd: number }

export async function measureOutboxThroughput (opts: OutboxThroughputOptions): Promise<OutboxThroughput> {
  const total = opts.points ?? 50_000
  const appendBatch = opts.appendBatch ?? 256
  const writer = opts.writer ?? createInfluxWriter(opts.influx as InfluxTarget)
  const sink = createOutboxSink()
  const devices = Array.from({ length: 50 }, (_, i) => ({ id: `bench-kiosk-${i}`, site_id: `bench-site-${i % 5}`, kind: 'kiosk' as const }))
  const started = performance.now()
  const t0 = Date.now()
  for (let i = 0; i < total; i += appendBatch) {
    const n = Math.min(appendBatch, total - i)
    const points = Array.from({ length: n }, (_, j) => swipePoints({
      device: devices[(i + j) % devices.length]!, event: { ts: t0 + i + j, method: 'card' }, decision: 'deny', reason: 'CARD_UNKNOWN', receivedAtMs: t0 + i + j, maxAgeMs: 86_400_000
    })[0]!)
    await opts.db.transaction().execute(trx => sink.append(trx, points, Date.now()))
  }
  const appended = performance.now()
  const shipper = createShipper({ db: opts.db, log: pino({ level: 'silent' }), writer, batchSize: opts.batchSize ?? 5000, flushMs: 0, maxRows: Math.max(total * 2, 1_000_000) })
  while (shipper.health().shipped < total) {
    const outcome = await shipper.runOnce({ force: true })
    if (outcome === 'failed') throw new Error(`InfluxDB write failed during the measurement: ${shipper.health().lastError?.message ?? ''}`)
    if (outcome === 'idle') break
  }
  const shipped = performance.now()
  const shipMs = shipped - appended
  return {
    points: shipper.health().shipped,
    appendMs: Math.round(appended - started),
    shipMs: Math.round(shipMs),
    pointsPerSecond: Math.round(shipper.health().shipped / (shipMs / 1000)),
    confirmedPerSecondEndToEnd: Math.round(shipper.health().shipped / ((shipped - started) / 1000))
  }
}
