// Telemetry as one component for the backend: the outbox sink the ingest
// appends to, and the shipper that empties it into InfluxDB. Without an
// InfluxDB URL it is OFF: no sink (the ingest writes no rows, so nothing
// grows), a health object saying so, and one info line at start-up.
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../store/database.ts'
import { createInfluxWriter, type InfluxTarget, type TelemetryWriter } from './influx-writer.ts'
import { createOutboxSink, type TelemetrySink } from './outbox.ts'
import { createShipper, type Shipper, type TelemetryHealth } from './shipper.ts'

export interface TelemetryOptions {
  db: Kysely<Database>
  log: Logger
  /** Undefined (no INFLUX_URL): telemetry off. */
  influx?: InfluxTarget | undefined
  batchSize: number
  flushMs: number
  maxRows: number
  /** Replaces the InfluxDB writer (tests). */
  writer?: TelemetryWriter
  /** Backoff bounds (defaults 1 s … 60 s). */
  minRetryMs?: number
  maxRetryMs?: number
  /** Who holds the shipping lease (default: this process); the backend passes its NODE_ID. */
  leaseHolder?: string
}

export interface Telemetry {
  /** Pass to createDeviceIngest({ telemetry }); undefined when off. */
  sink: TelemetrySink | undefined
  shipper: Shipper | undefined
  health: () => TelemetryHealth | { enabled: false, reason: string }
  start: () => void
  close: () => Promise<void>
}

export function createTelemetry (options: TelemetryOptions): Telemetry {
  const { log } = options
  if (options.influx == null && options.writer == null) {
    const reason = 'INFLUX_URL not set: telemetry off, no outbox rows are written'
    return {
      sink: undefined,
      shipper: undefined,
      health: () => ({ enabled: false, reason }),
      start: () => log.info(reason),
      close: async () => {}
    }
  }
  const writer = options.writer ?? createInfluxWriter(options.influx as InfluxTarget)
  const shipper = createShipper({
    db: options.db, log, writer, batchSize: options.batchSize, flushMs: options.flushMs, maxRows: options.maxRows,
    ...(options.minRetryMs != null ? { minRetryMs: options.minRetryMs } : {}),
    ...(options.maxRetryMs != null ? { maxRetryMs: options.maxRetryMs } : {}),
    ...(options.leaseHolder != null ? { lease: { holder: options.leaseHolder } } : {})
  })
  return {
    sink: createOutboxSink(),
    shipper,
    health: () => shipper.health(),
    start () {
      log.info({ url: options.influx?.url, org: options.influx?.org, bucket: options.influx?.bucket, batchSize: options.batchSize, flushMs: options.flushMs, maxRows: options.maxRows }, 'telemetry on: outbox shipping to InfluxDB')
      shipper.start()
    },
    close: () => shipper.stop()
  }
}
