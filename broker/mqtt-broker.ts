// The embedded MQTT broker: aedes on TCP (and optionally WebSocket), with
// device authentication, a topic ACL and the durable-before-ack hook. MQTT
// transport only: what an event means is decided by the services.
import type { Server } from 'node:net'
import { Aedes, type Client, type PublishPacket, type Subscription } from 'aedes'
import type { Logger } from 'pino'
import { isOwnTopic, parseTopic, topics } from '../schemas/topics.ts'
import { guardClientRegistry } from './client-registry-guard.ts'
import { createAuthenticate, type AuthFailure, type VerifyDevice } from './device-authentication-hook.ts'
import { createConnectChecks } from './guard/connect-checks.ts'
import { createIpLimits } from './guard/ip-limits.ts'
import { createGuardCounters, defaultBrokerLimits, type BrokerLimits, type GuardCounters } from './guard/limits.ts'
import { createTokenBuckets } from './guard/token-buckets.ts'
import { topicProblem } from './guard/topic-limits.ts'
import { createTcpListener, createWebSocketListener, type ListenerContext } from './listeners.ts'
import { createPublishAdmission, type BackpressureStats, type IngestRoom } from './publish-admission.ts'
import { createTlsListener, withClientCertificates, type DeviceStatusLookup, type TlsMaterial } from './tls-listener.ts'
import { topicMatches } from './topic-match.ts'

export interface DevicePublish {
  deviceId: string
  topic: string
  payload: Buffer
  qos: 0 | 1 | 2
  receivedAtMs: number
}

export interface BrokerHooks {
  verifyDevice: VerifyDevice
  /**
   * Called for every publish a device makes. For QoS ≥ 1 the PUBACK is sent
   * only after the returned promise resolves (so an ack means durable); a
   * rejection means "not stored": the connection is closed without PUBACK and
   * the device sends again.
   */
  onDevicePublish: (publish: DevicePublish) => Promise<void>
  /** The device subscribed to its commands: pending commands may be sent. */
  onCommandsSubscribed?: (deviceId: string) => void
  onDeviceConnected?: (deviceId: string) => void
  onDeviceDisconnected?: (deviceId: string) => void
  onAuthFailure?: (failure: AuthFailure) => void
  /** Active/disabled/unknown, for client-certificate authentication over TLS. */
  deviceStatus?: DeviceStatusLookup
  /**
   * The ingest's bounded queue: `onDevicePublish` is called only when it has
   * room (and must queue synchronously); otherwise the publish waits and its
   * connection is not read (publish-admission.ts). Unset = no bound.
   */
  ingestRoom?: IngestRoom
}

export interface MqttBrokerOptions {
  log: Logger
  hooks: BrokerHooks
  /** Longest keep-alive a device may ask for, seconds (same as `limits.keepaliveMaxS`). */
  keepaliveLimitS?: number
  /** Guard limits; unset fields take `defaultBrokerLimits`. */
  limits?: Partial<BrokerLimits>
}

export interface MqttBroker {
  aedes: Aedes
  listen: (port: number, host?: string) => Promise<number>
  /** MQTT over WebSocket (subprotocol `mqtt`), for browser-based terminals. */
  listenWebSocket: (port: number, host?: string) => Promise<number>
  /** MQTT over TLS (8883), with optional client certificates (CN = device id). */
  listenTls: (port: number, host: string | undefined, tls: TlsMaterial) => Promise<number>
  /** Sends to one connected device (QoS 1); false when it is not connected here or not subscribed. */
  sendToDevice: (deviceId: string, topic: string, payload: string) => boolean
  /** The device's connection here now, as an opaque token (the same object while it lasts); undefined when none. */
  connectionOf: (deviceId: string) => object | undefined
  isConnected: (deviceId: string) => boolean
  connectedCount: () => number
  /** Ids of the devices connected here now. */
  connectedDeviceIds: () => string[]
  /** Closes the device's live connection at once (disabled, secret rotated); false when it is not connected here. */
  disconnectDevice: (deviceId: string) => boolean
  /** What the guard refused or slowed down so far. */
  guardCounters: () => GuardCounters
  /** Publishes held and connections paused because the ingest queue was full. */
  backpressure: () => BackpressureStats
  close: () => Promise<void>
}

/** Where publishes go that must not reach any subscriber; devices cannot subscribe to `$` topics. */
const DROPPED_PREFIX = '$dropped/'

export async function createMqttBroker (options: MqttBrokerOptions): Promise<MqttBroker> {
  const { log, hooks } = options
  const limits: BrokerLimits = { ...defaultBrokerLimits, ...(options.keepaliveLimitS != null ? { keepaliveMaxS: options.keepaliveLimitS } : {}), ...options.limits }
  const counters = createGuardCounters()
  const ipLimits = createIpLimits(limits)
  const connectChecks = createConnectChecks(limits, counters)
  const publishBuckets = createTokenBuckets({ burst: limits.publishBurstPerDevice, perSecond: limits.publishesPerSecondPerDevice })
  const admission = createPublishAdmission(hooks.ingestRoom)
  const aedes = await Aedes.createBroker({
    keepaliveLimit: 0, // clamped in preConnect instead: aedes would refuse with CONNACK 6, reserved in 3.1.1
    connectTimeout: limits.connectTimeoutMs,
    queueLimit: limits.maxQueuedBeforeConnack,
    maxInflightInbound: limits.maxInflightInbound,
    maxClientsIdLength: 64,
    maxTopicLevels: limits.maxTopicLevels,
    drainTimeout: 30_000,
    preConnect: connectChecks.preConnect,
    // a TLS client certificate with CN = client id authenticates without a password; otherwise the secret
    authenticate: withClientCertificates(
      createAuthenticate(hooks.verifyDevice, onAuthFailure, { hadEmptyClientId: connectChecks.hadEmptyClientId, authThrottled: ipLimits.authThrottled }),
      hooks.deviceStatus ?? (async () => undefined),
      f => onAuthFailure({ clientId: f.clientId, username: undefined, reason: f.reason, remoteAddress: f.remoteAddress })),
    authorizePublish,
    authorizeSubscribe
  })
  const clients = (aedes as unknown as { clients: Record<string, Client | undefined> }).clients
  guardClientRegistry(aedes)

  function onAuthFailure (failure: AuthFailure): void {
    if (failure.reason === 'throttled') counters.authThrottled++
    ipLimits.recordAuthFailure(failure.remoteAddress)
    log.warn({ failure }, 'device authentication failed')
    hooks.onAuthFailure?.(failure)
  }

  function authorizePublish (client: Client | null, packet: PublishPacket, done: (err?: Error | null) => void): void {
    // A last will published after its client is gone: only status wills are ever set by devices.
    if (client == null) return done(parseTopic(packet.topic).kind === 'status' ? null : new Error('will refused'))
    const problem = topicProblem(packet.topic, limits)
    if (problem != null) {
      // outside the contract (its longest topic is ~90 bytes): protocol abuse, closed like aedes' own depth check
      counters.topicRefused++
      log.warn({ deviceId: client.id, problem }, 'publish refused: connection closed')
      return done(new Error(problem))
    }
    const waitMs = limits.publishesPerSecondPerDevice > 0 ? publishBuckets.takeWithDelay(client.id) : 0
    if (waitMs === 0) return routePublish(client, packet, done)
    if (waitMs > limits.maxPublishDelayMs) {
      // nothing is lost: this publish was not acknowledged, the device sends it again after reconnecting
      counters.publishRateDisconnects++
      log.warn({ deviceId: client.id, waitMs }, 'publish rate far over the limit: connection closed without PUBACK')
      return done(new Error('publish rate exceeded'))
    }
    // Over the rate: the PUBACK waits. aedes reads no further packets from this connection until
    // the current ones are handled, so the device is slowed down by TCP, and nothing acked is dropped.
    counters.publishesDelayed++
    setTimeout(routePublish, waitMs, client, packet, done)
  }

  function routePublish (client: Client, packet: PublishPacket, done: (err?: Error | null) => void): void {
    const deviceId = client.id
    const topic = packet.topic
    // The will of a connection that was taken over by the same device's new
    // connection would mark a live device offline: drop it.
    if (clients[deviceId] != null && clients[deviceId] !== client) {
      packet.topic = `${DROPPED_PREFIX}${deviceId}`
      packet.retain = false
      return done(null)
    }
    const known = isOwnTopic(deviceId, topic) ? parseTopic(topic).kind : 'foreign'
    // Only the retained status reaches subscribers. Events go to the services through the hook,
    // never back out (a device subscribed to devices/{id}/# would get its own events, refused
    // ones included, echoed), and are never kept as retained messages.
    if (known !== 'status') {
      packet.topic = `${DROPPED_PREFIX}${deviceId}`
      packet.retain = false
    }
    // the parser's payload slice is not reused by aedes: pass it on without a copy
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
    const publish: DevicePublish = { deviceId, topic, payload, qos: packet.qos, receivedAtMs: Date.now() }
    if (packet.qos === 0) {
      // status and heartbeats: a newer one follows, so when the queue is full this one is dropped (counted)
      admission.admitOrDrop(client, () => hooks.onDevicePublish(publish).catch(err => log.error({ err, deviceId, topic }, 'QoS 0 publish not stored')))
      return done(null)
    }
    admission.admit(client, () => hooks.onDevicePublish(publish).then(() => done(null), (err: unknown) => {
      log.error({ err, deviceId, topic }, 'event not stored: closing the connection without PUBACK so the device sends again')
      done(err instanceof Error ? err : new Error(String(err)))
    }))
  }

  function authorizeSubscribe (client: Client, sub: Subscription, done: (err: Error | null, sub?: Subscription | null) => void): void {
    if (topicProblem(sub.topic, limits) != null) {
      counters.topicRefused++
      return done(null, null) // SUBACK 0x80 for this filter
    }
    if (!isOwnTopic(client.id, sub.topic)) {
      log.warn({ deviceId: client.id, topic: sub.topic }, 'subscription outside the device prefix refused')
      return done(null, null) // [MQTT-3.9.3] SUBACK 0x80 for this filter, the connection stays up
    }
    // a live SUBSCRIBE (after CONNACK) is announced by a `subscribe` event; one restored at CONNECT is not
    if ((client as unknown as { connackSent: boolean }).connackSent && topicMatches(sub.topic, topics.commands(client.id))) commandsSubscribing.add(client)
    done(null, sub)
  }

  function subscribedTo (client: Client, topic: string): boolean {
    const subs = (client as unknown as { subscriptions: Record<string, unknown> }).subscriptions
    return Object.keys(subs).some(filter => topicMatches(filter, topic))
  }

  // Each SUBSCRIBE covering a device's commands topic is reported once (pending commands go out
  // again). A SUBSCRIBE can land between CONNACK and `clientReady`: its subscription is then
  // already in place when `clientReady` looks, and its `subscribe` event follows. Authorized but
  // not yet announced, it is left to that event. (Restored subscriptions have no such event.)
  const commandsSubscribing = new WeakSet<Client>()
  aedes.on('clientReady', client => {
    hooks.onDeviceConnected?.(client.id)
    // a persistent session comes back with its subscriptions already in place
    if (!commandsSubscribing.has(client) && subscribedTo(client, topics.commands(client.id))) hooks.onCommandsSubscribed?.(client.id)
  })
  aedes.on('subscribe', (subs, client) => {
    const commandsTopic = topics.commands(client.id)
    if (!subs.some(s => topicMatches(s.topic, commandsTopic))) return
    commandsSubscribing.delete(client)
    // subscriptions restored at CONNECT arrive before the client is ready; clientReady covers them
    if (client.connected) hooks.onCommandsSubscribed?.(client.id)
  })
  aedes.on('clientDisconnect', client => {
    admission.forget(client)
    // after a takeover the old connection's disconnect arrives late: only the current one counts
    if (clients[client.id] == null) hooks.onDeviceDisconnected?.(client.id)
  })
  aedes.on('clientError', (client, err) => log.debug({ deviceId: client.id, err: err.message }, 'client error'))
  aedes.on('connectionError', (_client, err) => log.debug({ err: err.message }, 'connection error'))

  const servers: Server[] = []
  const ctx: ListenerContext = { aedes, log, limits, counters, ipLimits }

  return {
    aedes,
    async listen (port, host = '0.0.0.0') {
      const listener = createTcpListener(ctx)
      servers.push(listener.server)
      return listener.listen(port, host)
    },
    async listenWebSocket (port, host = '0.0.0.0') {
      const listener = createWebSocketListener(ctx)
      servers.push(listener.server)
      return listener.listen(port, host)
    },
    async listenTls (port, host = '0.0.0.0', tls) {
      const listener = createTlsListener(aedes, tls, {
        log,
        maxPacketBytes: limits.maxPacketBytes,
        admitConnection: address => ipLimits.admitConnection(address),
        onConnectRefused: () => { counters.connectsRefused++ },
        onOversize: event => { counters.oversizePackets++; log.warn(event, 'connection closed: packet larger than the limit') }
      })
      servers.push(listener.server)
      return listener.listen(port, host)
    },
    sendToDevice (deviceId, topic, payload) {
      const client = clients[deviceId]
      if (client == null || !client.connected || !subscribedTo(client, topic)) return false
      client.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false } as PublishPacket, err => {
        if (err != null) log.debug({ deviceId, err: err.message }, 'command not written')
      })
      return true
    },
    connectionOf: deviceId => clients[deviceId]?.connected === true ? clients[deviceId] : undefined,
    isConnected: deviceId => clients[deviceId]?.connected === true,
    connectedCount: () => aedes.connectedClients,
    connectedDeviceIds: () => Object.keys(clients).filter(id => clients[id]?.connected === true),
    disconnectDevice (deviceId) {
      const client = clients[deviceId]
      if (client == null) return false
      counters.devicesDisconnected++
      log.info({ deviceId }, 'device connection closed by the backend')
      client.close()
      return true
    },
    guardCounters: () => ({ ...counters }),
    backpressure: () => admission.stats(),
    async close () {
      const closed = servers.map(s => new Promise<void>(resolve => s.close(() => resolve())))
      await new Promise<void>(resolve => aedes.close(() => resolve()))
      await Promise.all(closed)
    }
  }
}
