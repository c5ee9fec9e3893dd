// The embedded MQTT broker: aedes on TCP (and optionally WebSocket), with
// device authentication, a topic ACL and the durable-before-ack hook. MQTT
// transport only: what an event means is decided by the services.
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { WebSocketServer, createWebSocketStream } from 'ws'
import type { AddressInfo } from 'node:net'
import { Aedes, type Client, type PublishPacket, type Subscription } from 'aedes'
import type { Logger } from 'pino'
import { isOwnTopic, parseTopic, topics } from '../schemas/topics.ts'
import { createAuthenticate, type AuthFailure, type VerifyDevice } from './device-auth.ts'
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
}

export interface MqttBrokerOptions {
  log: Logger
  hooks: BrokerHooks
  /** Longest keep-alive a device may ask for, seconds. */
  keepaliveLimitS?: number
}

export interface MqttBroker {
  aedes: Aedes
  listen: (port: number, host?: string) => Promise<number>
  /** MQTT over WebSocket (subprotocol `mqtt`), for browser-based terminals. */
  listenWebSocket: (port: number, host?: string) => Promise<number>
  /** Sends to one connected device (QoS 1); false when it is not connected here or not subscribed. */
  sendToDevice: (deviceId: string, topic: string, payload: string) => boolean
  isConnected: (deviceId: string) => boolean
  connectedCount: () => number
  close: () => Promise<void>
}

/** Where publishes go that must not reach any subscriber; devices cannot subscribe to `$` topics. */
const DROPPED_PREFIX = '$dropped/'

export async function createMqttBroker (options: MqttBrokerOptions): Promise<MqttBroker> {
  const { log, hooks } = options
  const aedes = await Aedes.createBroker({
    keepaliveLimit: options.keepaliveLimitS ?? 600,
    maxClientsIdLength: 64,
    maxTopicLevels: 8,
    drainTimeout: 30_000,
    authenticate: createAuthenticate(hooks.verifyDevice, failure => {
      log.warn({ failure }, 'device authentication failed')
      hooks.onAuthFailure?.(failure)
    }),
    authorizePublish,
    authorizeSubscribe
  })
  const clients = (aedes as unknown as { clients: Record<string, Client | undefined> }).clients

  function authorizePublish (client: Client | null, packet: PublishPacket, done: (err?: Error | null) => void): void {
    // A last will published after its client is gone: only status wills are ever set by devices.
    if (client == null) return done(parseTopic(packet.topic).kind === 'status' ? null : new Error('will refused'))
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
    // Never route what the services reject, and never keep device events as retained messages.
    if (known === 'foreign' || known === 'unknown') packet.topic = `${DROPPED_PREFIX}${deviceId}`
    if (known !== 'status') packet.retain = false
    const publish: DevicePublish = { deviceId, topic, payload: Buffer.from(packet.payload), qos: packet.qos, receivedAtMs: Date.now() }
    if (packet.qos === 0) {
      hooks.onDevicePublish(publish).catch(err => log.error({ err, deviceId, topic }, 'QoS 0 publish not stored'))
      return done(null)
    }
    hooks.onDevicePublish(publish).then(() => done(null), (err: unknown) => {
      log.error({ err, deviceId, topic }, 'event not stored: closing the connection without PUBACK so the device sends again')
      done(err instanceof Error ? err : new Error(String(err)))
    })
  }

  function authorizeSubscribe (client: Client, sub: Subscription, done: (err: Error | null, sub?: Subscription | null) => void): void {
    if (!isOwnTopic(client.id, sub.topic)) {
      log.warn({ deviceId: client.id, topic: sub.topic }, 'subscription outside the device prefix refused')
      return done(null, null) // [MQTT-3.9.3] SUBACK 0x80 for this filter, the connection stays up
    }
    done(null, sub)
  }

  function subscribedTo (client: Client, topic: string): boolean {
    const subs = (client as unknown as { subscriptions: Record<string, unknown> }).subscriptions
    return Object.keys(subs).some(filter => topicMatches(filter, topic))
  }

  aedes.on('clientReady', client => {
    hooks.onDeviceConnected?.(client.id)
    // a persistent session comes back with its subscriptions already in place
    if (subscribedTo(client, topics.commands(client.id))) hooks.onCommandsSubscribed?.(client.id)
  })
  aedes.on('subscribe', (subs, client) => {
    // subscriptions restored at CONNECT arrive before the client is ready; clientReady covers them
    if (!client.connected) return
    const commandsTopic = topics.commands(client.id)
    if (subs.some(s => topicMatches(s.topic, commandsTopic))) hooks.onCommandsSubscribed?.(client.id)
  })
  aedes.on('clientDisconnect', client => {
    // after a takeover the old connection's disconnect arrives late: only the current one counts
    if (clients[client.id] == null) hooks.onDeviceDisconnected?.(client.id)
  })
  aedes.on('clientError', (client, err) => log.debug({ deviceId: client.id, err: err.message }, 'client error'))
  aedes.on('connectionError', (_client, err) => log.debug({ err: err.message }, 'connection error'))

  const servers: Server[] = []

  return {
    aedes,
    async listen (port, host = '0.0.0.0') {
      const server = createServer((socket: Socket) => {
        socket.setNoDelay(true) // replies must not wait behind Nagle for unacknowledged PUBACKs
        aedes.handle(socket)
      })
      servers.push(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve())
      })
      return (server.address() as AddressInfo).port
    },
    async listenWebSocket (port, host = '0.0.0.0') {
      const server = createHttpServer((_req, res) => { res.writeHead(426).end('MQTT over WebSocket only\n') })
      const wss = new WebSocketServer({ server, handleProtocols: protocols => protocols.has('mqtt') ? 'mqtt' : false })
      wss.on('connection', (ws, req) => {
        const socket = (req.socket as Socket)
        socket.setNoDelay(true)
        aedes.handle(createWebSocketStream(ws), req)
      })
      servers.push(server as unknown as Server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve())
      })
      return (server.address() as AddressInfo).port
    },
    sendToDevice (deviceId, topic, payload) {
      const client = clients[deviceId]
      if (client == null || !client.connected || !subscribedTo(client, topic)) return false
      client.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 1, retain: false, dup: false } as PublishPacket, err => {
        if (err != null) log.debug({ deviceId, err: err.message }, 'command not written')
      })
      return true
    },
    isConnected: deviceId => clients[deviceId]?.connected === true,
    connectedCount: () => aedes.connectedClients,
    async close () {
      const closed = servers.map(s => new Promise<void>(resolve => s.close(() => resolve())))
      await new Promise<void>(resolve => aedes.close(() => resolve()))
      await Promise.all(closed)
    }
  }
}
