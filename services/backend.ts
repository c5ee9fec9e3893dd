// Builds the whole backend in one process: store, broker, device ingest and
// HTTP. Used by the entry file, the demo and the end-to-end tests. Listening
// ports come from the config (0 = any free port; see `mqttPort`, `httpUrl`).
import type { Logger } from 'pino'
import { createMqttBroker, type MqttBroker } from '../broker/mqtt-broker.ts'
import type { Config } from './config.ts'
import { createDeviceVerifier } from './devices/device-auth.ts'
import { createPresence } from './devices/presence.ts'
import { createDeviceIngest, type DeviceIngest } from './ingest/device-ingest.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { openStore, type Store } from './store/open-database.ts'

export interface Backend {
  config: Config
  log: Logger
  store: Store
  metrics: Metrics
  broker: MqttBroker
  ingest: DeviceIngest
  mqttPort: number
  mqttUrl: string
  close: () => Promise<void>
}

export async function startBackend (config: Config, log: Logger): Promise<Backend> {
  const startedAt = Date.now()
  const store = await openStore(config)
  const metrics = createMetrics()
  const presence = createPresence(store.db, log)
  let ingest: DeviceIngest | undefined

  const broker = await createMqttBroker({
    log: log.child({ module: 'broker' }),
    hooks: {
      verifyDevice: createDeviceVerifier(store.db),
      onDevicePublish: publish => (ingest as DeviceIngest).onDevicePublish(publish),
      onCommandsSubscribed: deviceId => { ingest?.resendPending(deviceId).catch((err: unknown) => log.warn({ err, deviceId }, 'pending commands not re-sent')) },
      onDeviceConnected: deviceId => presence.connected(deviceId),
      onDeviceDisconnected: deviceId => presence.disconnected(deviceId),
      onAuthFailure: () => { metrics.authFailures++ }
    }
  })
  ingest = createDeviceIngest({
    db: store.db,
    log: log.child({ module: 'ingest' }),
    metrics,
    maxBatch: config.INGEST_MAX_BATCH,
    settings: { sessionOpenWindowMs: config.SESSION_OPEN_WINDOW_MS, sessionDepositWindowMs: config.SESSION_DEPOSIT_WINDOW_MS },
    send: message => broker.sendToDevice(message.deviceId, message.topic, message.payload)
  })

  const mqttPort = await broker.listen(config.MQTT_PORT, config.MQTT_HOST)
  const mqttHost = config.MQTT_HOST === '0.0.0.0' ? '127.0.0.1' : config.MQTT_HOST
  log.info({ mqttPort, store: store.dialect, readyInMs: Date.now() - startedAt }, 'backend ready')

  return {
    config, log, store, metrics, broker, ingest, mqttPort,
    mqttUrl: `mqtt://${mqttHost}:${mqttPort}`,
    async close () {
      await broker.close()
      await ingest?.drain()
      await store.close()
    }
  }
}
