// The backend's device path with telemetry wired in, composed here because
// services/backend.ts is wired by its owner (docs/telemetry.md shows the same
// lines for backend.ts): store → broker → ingest (with the outbox sink) →
// shipper → InfluxDB. Used in-process by the tests and as a child process by
// telemetry-child.ts (so a test can kill -9 it).
import type { Logger } from 'pino'
import { createMqttBroker, type MqttBroker } from '../../../broker/mqtt-broker.ts'
import { createDeviceVerifier } from '../../../services/devices/secret-verifier.ts'
import { testPepper } from '../../fixtures/builders.ts'
import { createDeviceIngest, type DeviceIngest } from '../../../services/ingest/device-ingest.ts'
import { createMetrics } from '../../../services/metrics.ts'
import { openStore, type Store } from '../../../services/store/open-database.ts'
import { createTelemetry, type Telemetry } from '../../../services/telemetry/telemetry.ts'
import type { TelemetryWriter } from '../../../services/telemetry/influx-writer.ts'

export interface TelemetryBackendOptions {
  sqlitePath: string
  influx?: { url: string, org: string, bucket: string, token?: string, timeoutMs?: number } | undefined
  writer?: TelemetryWriter
  batchSize?: number
  flushMs?: number
  maxRows?: number
  depositWindowMs?: number
  minRetryMs?: number
  maxRetryMs?: number
}

export interface TelemetryBackend { store: Store, broker: MqttBroker, ingest: DeviceIngest, telemetry: Telemetry, mqttUrl: string, close: () => Promise<void> }

export async function startTelemetryBackend (options: TelemetryBackendOptions, log: Logger): Promise<TelemetryBackend> {
  const store = await openStore({ SQLITE_PATH: options.sqlitePath })
  const telemetry = createTelemetry({
    db: store.db, log: log.child({ module: 'telemetry' }), influx: options.influx, writer: options.writer,
    batchSize: options.batchSize ?? 500, flushMs: options.flushMs ?? 1000, maxRows: options.maxRows ?? 1_000_000,
    minRetryMs: options.minRetryMs ?? 100, maxRetryMs: options.maxRetryMs ?? 1000,
    // one node, as the backend passes its NODE_ID: restarted after a crash, it takes its shipping lease back at once
    leaseHolder: 'telemetry-test-node'
  })
  const ingest = createDeviceIngest({
    db: store.db,
    log: log.child({ module: 'ingest' }),
    metrics: createMetrics(),
    maxBatch: 256,
    settings: { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: options.depositWindowMs ?? 86_400_000 },
    send: message => broker.sendToDevice(message.deviceId, message.topic, message.payload),
    telemetry: telemetry.sink
  })
  const broker = await createMqttBroker({
    log: log.child({ module: 'broker' }),
    hooks: { verifyDevice: createDeviceVerifier(store.db, testPepper()), onDevicePublish: publish => ingest.onDevicePublish(publish) }
  })
  const port = await broker.listen(0, '127.0.0.1')
  telemetry.start()
  return {
    store, broker, ingest, telemetry,
    mqttUrl: `mqtt://127.0.0.1:${port}`,
    async close () {
      await broker.close()
      await ingest.drain()
      await telemetry.close()
      await store.close()
    }
  }
}
