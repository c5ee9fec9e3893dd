// Builds the whole backend in one process: store, broker, device ingest and
// HTTP. Used by the entry file, the demo and the end-to-end tests. Listening
// ports come from the config (0 = any free port; see `mqttPort`, `httpUrl`).
import type { Logger } from 'pino'
import { createMqttBroker, type MqttBroker } from '../broker/mqtt-broker.ts'
import { startAlarmSweep } from './alarms/alarm-job.ts'
import { startWebhookDelivery } from './alarms/webhook-job.ts'
import { startReportRollup } from './reports/rollup-job.ts'
import { readTlsFiles } from '../broker/tls-listener.ts'
import { findDevice } from './devices/device-registry.ts'
import { listenHttps, type HttpsListener } from './http/https-server.ts'
import type { Config } from './config.ts'
import { createDeviceVerifier } from './devices/secret-verifier.ts'
import { loadPepper, type Pepper } from './devices/pepper.ts'
import { createAuthFailureRecorder } from './devices/auth-failures.ts'
import { startCredentialSweep } from './devices/credential-sweep.ts'
import { createPresence, markOwnOffline, type Presence } from './devices/presence.ts'
import { startNodeHeartbeat } from './devices/node-heartbeat.ts'
import { createDeviceIngest, type DeviceIngest } from './ingest/device-ingest.ts'
import { createWorkerCommitter } from './ingest/worker-committer.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { openStore, type Store } from './store/open-database.ts'
import { buildApp } from './http/app.ts'
import { createTelemetry, type Telemetry } from './telemetry/telemetry.ts'
import { outboxStats } from './telemetry/outbox.ts'
import { prepareGateConnect } from './gate/gate-connect.ts'
import { createAllowListSource } from './gate/allow-list-store.ts'
import { relayed, startCommandRelay } from './devices/command-relay.ts'
import type { OutgoingMessage } from './devices/command-delivery.ts'
import { createDeviceConnect } from './devices/device-connect.ts'
import { startGateSync, type GateSync } from './gate/gate-sync.ts'
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { sweepCharging } from './charging/charging-sweep.ts'
import { pruneCommands } from './devices/command-retention.ts'
import { startPeriodicJob, type PeriodicJob } from './jobs/periodic-job.ts'

export interface Backend {
  config: Config
  log: Logger
  store: Store
  /** Key of the device secret hashes (provisioning and rotation need it). */
  pepper: Pepper
  metrics: Metrics
  broker: MqttBroker
  ingest: DeviceIngest
  /** Online/offline per device; `flush()` writes what changed now. */
  presence: Presence
  telemetry: Telemetry
  /** Pushes allow-list versions and the time to online gates. */
  gateSync: GateSync
  /** The alarm sweep (backend rules, shelves, floods, notifications); undefined when ALARM_SWEEP_MS is 0. */
  alarmSweep: PeriodicJob | undefined
  /** Sends the webhook outbox; undefined when WEBHOOK_DELIVERY_MS is 0. */
  webhookDelivery: PeriodicJob | undefined
  /** Rolls up finished days for the reports; undefined when REPORT_ROLLUP_MS is 0. */
  reportRollup: PeriodicJob | undefined
  http: FastifyInstance
  mqttPort: number
  mqttUrl: string
  /** ws://… when MQTT over WebSocket is on. */
  mqttWsUrl: string | undefined
  /** mqtts://… when TLS is configured. */
  mqttTlsUrl: string | undefined
  httpUrl: string
  /** Charging's periodic sweep (start-ack timeouts, silent piles, stale holds); `runOnce()` for tests. */
  chargingSweep: PeriodicJob
  /** Prunes old finished commands (services/devices/command-retention.ts); undefined when COMMAND_RETENTION_DAYS is 0. */
  commandRetention: PeriodicJob | undefined
  close: () => Promise<void>
}

/** Fault injection for tests only; never set by the entry file. */
export interface BackendTestHooks {
  ingestWorkerExitAfterApplying?: string
  /** The charging sweep's clock (tests move it past timeouts instead of waiting). */
  chargingSweepNow?: () => number
  /** Runs when a device's commands subscription is reported, before its connect is prepared (tests hold a gate's connect there). */
  gateConnectStarting?: (deviceId: string) => Promise<void>
  /** Runs when a device's connect has sent everything it had to (the re-send and what was held meanwhile). */
  gateConnectSettled?: (deviceId: string) => void
}

export async function startBackend (config: Config, log: Logger, testHooks: BackendTestHooks = {}): Promise<Backend> {
  const startedAt = Date.now()
  const pepper = loadPepper(config.DEVICE_SECRET_PEPPER_FILE)
  if (pepper.created) log.warn({ path: pepper.path }, 'device secret pepper generated: back this file up, and give every node the same one (docs/security.md)')
  if (pepper.warning != null) log.warn({ path: pepper.path }, pepper.warning)
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
    maxRows: config.TELEMETRY_OUTBOX_MAX_ROWS,
    leaseHolder: config.NODE_ID
  })
  // nothing is connected to this node yet: a device shown online by its crashed run is not
  // (other nodes' devices stay: each row names the node holding the connection, docs/protocol.md §10)
  const wasOnline = await markOwnOffline(store.db, config.NODE_ID)
  if (wasOnline > 0) log.info({ devices: wasOnline }, 'devices left online by the previous run marked offline')
  // allow-lists made once per registry version, for connecting gates and the sync alike
  const allowLists = createAllowListSource()
  const gateLog = log.child({ module: 'gate' })
  const deviceConnect = createDeviceConnect({
    db: store.db,
    log: gateLog,
    prepare: deviceId => prepareGateConnect(store.db, deviceId, Date.now(), allowLists, gateLog),
    resendPending: (deviceId, except) => ingest.resendPending(deviceId, except),
    write: message => broker.sendToDevice(message.deviceId, message.topic, message.payload),
    connectionOf: deviceId => broker.connectionOf(deviceId),
    starting: testHooks.gateConnectStarting,
    settled: testHooks.gateConnectSettled
  })
  const heartbeat = await startNodeHeartbeat({ db: store.db, log: log.child({ module: 'presence' }), nodeId: config.NODE_ID, everyMs: config.NODE_HEARTBEAT_MS, deadAfterMs: config.NODE_DEAD_AFTER_MS })
  const presence = createPresence({ db: store.db, log: log.child({ module: 'presence' }), nodeId: config.NODE_ID, isConnected: deviceId => broker.isConnected(deviceId) })
  const settings = { sessionOpenWindowMs: config.SESSION_OPEN_WINDOW_MS, sessionDepositWindowMs: config.SESSION_DEPOSIT_WINDOW_MS }
  // SQLite: commits (and their fsyncs) run in a worker thread; PostgreSQL I/O is already off-thread
  // (not for ':memory:', which a second connection would see as another, empty database)
  const writeLock = store.writeLock
  const worker = writeLock != null && config.INGEST_WORKER && config.SQLITE_PATH !== ':memory:'
    ? createWorkerCommitter(
      { sqlitePath: config.SQLITE_PATH, settings, telemetry: telemetry.sink != null, writeLock: writeLock.buffer, testExitAfterApplying: testHooks.ingestWorkerExitAfterApplying },
      log.child({ module: 'ingest-worker' }),
      () => { writeLock.releaseIfHeldBy(2) })
    : undefined
  // the worker loads while the broker and HTTP are built; devices are let in only once it is up
  // (otherwise the first events after a restart wait seconds for it, and kiosks time out)
  const workerReady = worker?.warmUp().catch((err: unknown) => log.error({ err }, 'ingest worker did not start'))
  const ingest = createDeviceIngest({
    db: store.db,
    log: log.child({ module: 'ingest' }),
    metrics,
    maxBatch: config.INGEST_MAX_BATCH,
    maxQueue: config.INGEST_MAX_QUEUE,
    settings,
    telemetry: telemetry.sink,
    commitBatch: worker?.commitBatch,
    maxInFlight: worker != null ? 2 : 1,
    // replies go straight to the device's own connection, not through the broker's router
    send: message => broker.sendToDevice(message.deviceId, message.topic, message.payload)
  })
  const tls = config.TLS_CERT_PATH != null && config.TLS_KEY_PATH != null
    ? readTlsFiles({ certPath: config.TLS_CERT_PATH, keyPath: config.TLS_KEY_PATH, caPath: config.TLS_CA_PATH })
    : undefined
  const verifyDevice = createDeviceVerifier(store.db, pepper)
  const recordAuthFailure = createAuthFailureRecorder(store.db, log.child({ module: 'devices' }))
  const broker = await createMqttBroker({
    log: log.child({ module: 'broker' }),
    limits: {
      maxPacketBytes: config.MQTT_MAX_PACKET_BYTES,
      connectTimeoutMs: config.MQTT_CONNECT_TIMEOUT_MS,
      keepaliveMaxS: config.MQTT_KEEPALIVE_MAX_S,
      connectsPerSecondPerIp: config.MQTT_CONNECTS_PER_S_PER_IP,
      connectBurstPerIp: config.MQTT_CONNECT_BURST_PER_IP,
      authFailureBurstPerIp: config.MQTT_AUTH_FAILURE_BURST_PER_IP,
      authFailuresPerMinutePerIp: config.MQTT_AUTH_FAILURES_PER_MIN_PER_IP,
      publishesPerSecondPerDevice: config.MQTT_DEVICE_PUBLISHES_PER_S,
      publishBurstPerDevice: config.MQTT_DEVICE_PUBLISH_BURST,
      maxPublishDelayMs: config.MQTT_MAX_PUBLISH_DELAY_MS,
      limitLoopback: config.MQTT_LIMIT_LOOPBACK,
      maxTopicBytes: config.MQTT_MAX_TOPIC_BYTES
    },
    hooks: {
      verifyDevice,
      deviceStatus: async deviceId => (await findDevice(store.db, deviceId))?.status,
      onDevicePublish: publish => ingest.onDevicePublish(publish),
      ingestRoom: ingest.queue,
      // a gate first gets its time, settings and list recorded, then everything pending is sent
      onCommandsSubscribed: deviceId => { void deviceConnect.commandsSubscribed(deviceId) },
      onDeviceConnected: deviceId => presence.changed(deviceId),
      onDeviceDisconnected: deviceId => presence.changed(deviceId),
      onAuthFailure: failure => { metrics.authFailures++; recordAuthFailure(failure) }
    }
  })
  // a device disabled or re-keyed from another process (CLI, another node) loses its live connection
  const stopCredentialSweep = config.DEVICE_CREDENTIAL_SWEEP_MS > 0
    ? startCredentialSweep({
      db: store.db,
      log: log.child({ module: 'devices' }),
      connectedDeviceIds: broker.connectedDeviceIds,
      verifiedHashOf: verifyDevice.verifiedHashOf,
      disconnect: deviceId => { broker.disconnectDevice(deviceId) }
    }, config.DEVICE_CREDENTIAL_SWEEP_MS)
    : () => {}

  // A command recorded here with a relay marker (remote open, scan-to-charge, a sweep's stop) and
  // written to the device's connection here needs no other node: the marker goes.
  const sendHere = (message: OutgoingMessage): boolean => {
    const sent = broker.sendToDevice(message.deviceId, message.topic, message.payload)
    if (sent && message.cmdId != null) relayed(store.db, [message.cmdId]).catch((err: unknown) => log.warn({ err, cmdId: message.cmdId }, 'relay marker not dropped; the relay pass sends the command once more'))
    return sent
  }
  // the gate sync starts after the listeners; until then a write has nothing to nudge
  let nudgeGateSync = (): void => {}
  const http = await buildApp({
    db: store.db,
    afterWrite: () => { nudgeGateSync() },
    log: log.child({ module: 'http' }),
    config,
    pepper,
    deviceSessions: { disconnect: deviceId => { broker.disconnectDevice(deviceId) } },
    deviceCommands: { send: sendHere },
    security: { https: tls != null, authFailuresPerMinute: config.HTTP_AUTH_FAILURES_PER_MIN, redemptionsPerMinute: config.HTTP_REDEMPTIONS_PER_MIN },
    metrics: () => {
      const t = telemetry.health()
      return { counters: metrics, connectedDevices: broker.connectedCount(), ingestPending: ingest.pending(), telemetryOutboxDepth: t.enabled && 'depth' in t ? t.depth : undefined }
    },
    health: () => ({ mqtt: { connectedDevices: broker.connectedCount(), guard: broker.guardCounters(), backpressure: broker.backpressure() }, ingest: { pending: ingest.pending(), queue: ingest.queue.stats() }, telemetry: telemetry.health(), metrics })
  })

  await workerReady
  const mqttPort = await broker.listen(config.MQTT_PORT, config.MQTT_HOST)
  const mqttWsPort = config.MQTT_WS_PORT != null ? await broker.listenWebSocket(config.MQTT_WS_PORT, config.MQTT_HOST) : undefined
  const mqttTlsPort = tls != null ? await broker.listenTls(config.MQTT_TLS_PORT, config.MQTT_HOST, tls) : undefined
  let https: HttpsListener | undefined
  if (tls != null) https = await listenHttps(http, tls, config.HTTP_PORT, config.HTTP_HOST)
  else await http.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST })
  const httpPort = https?.port ?? (http.server.address() as AddressInfo).port
  telemetry.start()
  const gateSync = startGateSync({
    db: store.db,
    log: log.child({ module: 'gate-sync' }),
    connectedDeviceIds: broker.connectedDeviceIds,
    send: message => { deviceConnect.sendFromSync(message) },
    pollMs: config.GATE_SYNC_POLL_MS,
    timeSyncMs: config.GATE_TIME_SYNC_MS,
    lists: allowLists
  })
  nudgeGateSync = gateSync.nudge
  const chargingSweep = startPeriodicJob({
    db: store.db,
    name: 'charging-sweep',
    holder: config.NODE_ID,
    everyMs: config.CHARGING_SWEEP_MS,
    log: log.child({ module: 'charging' }),
    ...(testHooks.chargingSweepNow != null ? { now: testHooks.chargingSweepNow } : {}),
    run: async ({ nowMs }) => {
      const swept = await sweepCharging(store.db, { startAckTimeoutMs: config.CHARGING_START_ACK_TIMEOUT_MS, staleHoldMs: config.CHARGING_STALE_HOLD_MS }, nowMs)
      for (const message of swept.outgoing) sendHere(message)
      if (swept.startTimeouts.length + swept.silent.length + swept.staleHolds.length > 0) log.info({ module: 'charging', ...swept, outgoing: swept.outgoing.length }, 'charging sweep ended sessions')
    }
  })
  const alarmSweep = config.ALARM_SWEEP_MS > 0
    ? startAlarmSweep({
      db: store.db,
      log: log.child({ module: 'alarms' }),
      config: config.ALARM_SETTINGS,
      everyMs: config.ALARM_SWEEP_MS,
      holder: config.NODE_ID,
      // the depth from the store, not this process's shipper: only the shipping lease's holder refreshes its own,
      // and the sweep's lease may sit with another process (which would see 0 and clear the alarm)
      inputs: { outbox: async () => telemetry.health().enabled ? { depth: (await outboxStats(store.db)).depth, maxRows: config.TELEMETRY_OUTBOX_MAX_ROWS } : undefined }
    })
    : undefined
  const webhookDelivery = config.WEBHOOK_DELIVERY_MS > 0
    ? startWebhookDelivery({ db: store.db, log: log.child({ module: 'webhooks' }), everyMs: config.WEBHOOK_DELIVERY_MS, timeoutMs: config.WEBHOOK_TIMEOUT_MS, holder: config.NODE_ID })
    : undefined
  const reportRollup = config.REPORT_ROLLUP_MS > 0
    ? startReportRollup({ db: store.db, log: log.child({ module: 'reports' }), everyMs: config.REPORT_ROLLUP_MS, depositWindowMs: config.SESSION_DEPOSIT_WINDOW_MS, holder: config.NODE_ID })
    : undefined
  const commandRetention = config.COMMAND_RETENTION_DAYS > 0
    ? startPeriodicJob({
      db: store.db,
      name: 'command-retention',
      holder: config.NODE_ID,
      everyMs: config.COMMAND_PRUNE_MS,
      log: log.child({ module: 'devices' }),
      run: async ({ nowMs }) => {
        const pass = await pruneCommands(store.db, { retentionMs: config.COMMAND_RETENTION_DAYS * 86_400_000, chunk: 2000, maxChunks: 50 }, nowMs)
        if (pass.deleted > 0) log.info({ module: 'devices', ...pass }, 'old finished commands pruned')
      }
    })
    : undefined
  // every node: commands recorded by another process for the devices connected here
  const commandRelay = startCommandRelay({ db: store.db, log: log.child({ module: 'devices' }), everyMs: config.COMMAND_RELAY_MS, isConnected: broker.isConnected, send: sendHere })
  log.info({ mqttPort, mqttWsPort, mqttTlsPort, httpPort, store: store.dialect, readyInMs: Date.now() - startedAt }, 'backend ready')

  return {
    config, log, store, pepper, metrics, broker, ingest, presence, telemetry, gateSync, alarmSweep, webhookDelivery, reportRollup, http, mqttPort,
    mqttUrl: `mqtt://${loopbackFor(config.MQTT_HOST)}:${mqttPort}`,
    mqttWsUrl: mqttWsPort != null ? `ws://${loopbackFor(config.MQTT_HOST)}:${mqttWsPort}` : undefined,
    mqttTlsUrl: mqttTlsPort != null ? `mqtts://${loopbackFor(config.MQTT_HOST)}:${mqttTlsPort}` : undefined,
    httpUrl: `${https != null ? 'https' : 'http'}://${loopbackFor(config.HTTP_HOST)}:${httpPort}`,
    chargingSweep,
    commandRetention,
    async close () {
      stopCredentialSweep()
      await gateSync.stop()
      await commandRelay.stop()
      await chargingSweep.stop()
      await alarmSweep?.stop()
      await webhookDelivery?.stop()
      await reportRollup?.stop()
      await commandRetention?.stop()
      await https?.close()
      await http.close()
      await broker.close()
      await presence.close()
      await heartbeat.stop()
      await ingest.drain()
      await worker?.close()
      await telemetry.close()
      await store.close()
    }
  }
}

/** Where a local client reaches a server bound to `host`. */
function loopbackFor (host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
}
