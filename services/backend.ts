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
import { buildApp } from './http/app.ts'
import { createTelemetry, type Telemetry } from './telemetry/telemetry.ts'
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'

export interface Backend {
  config: Config
  log: Logger
  store: Store
  metrics: Metrics
  broker: MqttBroker
  ingest: DeviceIngest
  telemetry: Telemetry
  http: FastifyInstance
  mqttPort: number
  mqttUrl: string
  /** ws://… when MQTT over WebSocket is on. */
  mqttWsUrl: string | undefined
  httpUrl: string
  close: () => Promise<void>
}

export async function startBackend (config: Config, log: Logger): Promise<Backend> {
  const startedAt = Date.now()
  const store = await openStore(config)
  const metrics = createMetrics()
  const telemetry = createTelemetry({
    db: store.db,
    log: log.child({ module: 'telemetry' }),
    influx: config.INFLUX_URL != null
      ? { url: config.INFLUX_URL, token: config.INFLUX_TOKEN, org: config.INFLUX_ORG, bucket: config.INFLUX_BUCKET }
      : undefined,
    batchSize: config.TELEMETRY_BATCH_SIZE,
    flushMs: config.TELEMETRY_FLUSH_MS,
    maxRows: config.TELEMETRY_OUTBOX_MAX_ROWS
  })
  const presence = createPresence(store.db, log)
  const ingest = createDeviceIngest({
    db: store.db,
    log: log.child({ module: 'ingest' }),
    metrics,
    maxBatch: config.INGEST_MAX_BATCH,
    settings: { sessionOpenWindowMs: config.SESSION_OPEN_WINDOW_MS, sessionDepositWindowMs: config.SESSION_DEPOSIT_WINDOW_MS },
    telemetry: telemetry.sink,
    // replies go straight to the device's own connection, not through the broker's router
    send: message => broker.sendToDevice(message.deviceId, message.topic, message.payload)
  })
  const broker = await createMqttBroker({
    log: log.child({ module: 'broker' }),
    hooks: {
      verifyDevice: createDeviceVerifier(store.db),
      onDevicePublish: publish => ingest.onDevicePublish(publish),
      onCommandsSubscribed: deviceId => { ingest.resendPending(deviceId).catch((err: unknown) => log.warn({ err, deviceId }, 'pending commands not re-sent')) },
      onDeviceConnected: deviceId => presence.connected(deviceId),
      onDeviceDisconnected: deviceId => presence.disconnected(deviceId),
      onAuthFailure: () => { metrics.authFailures++ }
    }
  })

  const http = await buildApp({
    db: store.db,
    log: log.child({ module: 'http' }),
    config,
    health: () => ({ mqtt: { connectedDevices: broker.connectedCount() }, ingest: { pending: ingest.pending() }, telemetry: telemetry.health(), metrics })
  })

  const mqttPort = await broker.listen(config.MQTT_PORT, config.MQTT_HOST)
  const mqttWsPort = config.MQTT_WS_PORT != null ? await broker.listenWebSocket(config.MQTT_WS_PORT, config.MQTT_HOST) : undefined
  await http.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST })
  const httpPort = (http.server.address() as AddressInfo).port
  telemetry.start()
  log.info({ mqttPort, mqttWsPort, httpPort, store: store.dialect, readyInMs: Date.now() - startedAt }, 'backend ready')

  return {
    config, log, store, metrics, broker, ingest, telemetry, http, mqttPort,
    mqttUrl: `mqtt://${loopbackFor(config.MQTT_HOST)}:${mqttPort}`,
    mqttWsUrl: mqttWsPort != null ? `ws://${loopbackFor(config.MQTT_HOST)}:${mqttWsPort}` : undefined,
    httpUrl: `http://${loopbackFor(config.HTTP_HOST)}:${httpPort}`,
    async close () {
      await http.close()
      await broker.close()
      await ingest.drain()
      await telemetry.close()
      await store.close()
    }
  }
}

/** Where a local client reaches a server bound to `host`. */
function loopbackFor (host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
}
