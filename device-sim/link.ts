// One kiosk's MQTT connection: MQTT 3.1.1, client id = username = device id,
// password = device secret, a retained last will {online:false} on the status
// topic, the inbox subscription and a retained status on every (re)connect.
// A network drop is healed by mqtt.js's reconnect; a forced offline ends the
// client and a later goOnline() starts a new one. Either way the kiosk's own
// buffer (outbox.ts) resends what was not acked, after the resubscription.
import mqtt, { type MqttClient } from 'mqtt'
import { topics } from '../schemas/topics.ts'
import type { DeviceStatus } from '../schemas/device-events.ts'

export interface LinkOptions {
  mqttUrl: string
  deviceId: string
  secret: string
  keepaliveS?: number
  reconnectPeriodMs?: number
  connectTimeoutMs?: number
}

export interface LinkHandlers {
  /** Called on every (re)connect, after the inbox subscription. */
  onConnect: () => void
  onMessage: (topic: string, payload: Buffer) => void
  /** Connection-level errors (refused connack, socket errors); the link retries by itself. */
  onError?: (err: Error) => void
}

export class DeviceLink {
  readonly #opts: LinkOptions
  readonly #handlers: LinkHandlers
  #client: MqttClient | undefined
  /** Resolves when the current client is ended on purpose; in-flight waits give up then. */
  #ended: Promise<false> = Promise.resolve(false)
  #endCurrent: () => void = () => {}
  #forcedOffline = false
  #closed = false
  #inFlight = 0
  /** True once the inbox subscription of the current connection is in place. */
  #inboxReady = false
  /** Publishes that were in flight when the connection dropped (the buffer resends them). */
  droppedInFlight = 0

  constructor (opts: LinkOptions, handlers: LinkHandlers) {
    this.#opts = opts
    this.#handlers = handlers
  }

  /** Connected and subscribed: replies to what we send now will reach us. */
  get online (): boolean { return !this.#forcedOffline && this.#inboxReady && this.#client?.connected === true }
  get forcedOffline (): boolean { return this.#forcedOffline }

  /** Connects once; rejects (and leaves nothing running) if the broker refuses or is unreachable. */
  async open (): Promise<void> {
    if (this.#closed) throw new Error('link closed')
    const { mqttUrl, deviceId, secret } = this.#opts
    const connectTimeout = this.#opts.connectTimeoutMs ?? 5000
    // allowRetries=false: a refused or timed-out first attempt rejects instead of retrying forever.
    const client = await mqtt.connectAsync(mqttUrl, {
      protocolVersion: 4,
      clientId: deviceId,
      username: deviceId,
      password: secret,
      clean: true,
      keepalive: this.#opts.keepaliveS ?? 30,
      reconnectPeriod: this.#opts.reconnectPeriodMs ?? 1000,
      connectTimeout,
      resubscribe: false,
      // Keep retrying after "server unavailable" like a real kiosk (mqtt.js would stop otherwise).
      reconnectOnConnackError: true,
      queueQoSZero: false,
      will: { topic: topics.status(deviceId), payload: Buffer.from(JSON.stringify({ online: false })), qos: 0, retain: true }
    }, false).catch((err: Error) => {
      throw new Error(`cannot connect to ${mqttUrl} as ${deviceId}: ${err.message}`, { cause: err })
    })
    this.#client = client
    this.#ended = new Promise(resolve => { this.#endCurrent = () => resolve(false) })
    client.on('error', err => this.#handlers.onError?.(err))
    client.on('message', (topic, payload) => this.#handlers.onMessage(topic, payload))
    client.on('close', () => {
      this.#inboxReady = false
      this.droppedInFlight += this.#inFlight
      // mqtt.js would resend its in-flight publishes on reconnect *before* we
      // resubscribe, so a reply to them could be lost. Take them back: their
      // publishes fail, they stay in the kiosk's buffer and are resent, in
      // order, once the inbox subscription is in place again.
      for (const messageId of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(messageId))
    })
    client.on('connect', () => { void this.#onConnected(client) })
    // If mqtt.js gives up on its own, give up on its in-flight publish and reconnect with a new client.
    client.on('end', () => { if (client === this.#client) void this.#replaceClient() })
    await this.#onConnected(client)
  }

  /** QoS 1 publish; true once PUBACK arrived, false when offline or the client was ended first. */
  async publishEvent (topic: string, payload: string): Promise<boolean> {
    const client = this.#client
    if (client == null || !this.online) return false
    this.#inFlight++
    try {
      return await Promise.race([client.publishAsync(topic, payload, { qos: 1 }).then(() => true, () => false), this.#ended])
    } finally {
      this.#inFlight--
    }
  }

  /** Retained QoS 0 status; dropped silently while offline, like a real heartbeat. */
  publishStatus (status: DeviceStatus): void {
    if (!this.online) return
    this.#client?.publish(topics.status(this.#opts.deviceId), JSON.stringify(status), { qos: 0, retain: true })
  }

  /** Simulates losing the network: the socket is dropped without DISCONNECT, so the broker fires the will. */
  async goOffline (): Promise<void> {
    this.#forcedOffline = true
    await this.#endClient(true)
  }

  /** Reconnects after goOffline(), retrying until connected or closed. */
  async goOnline (): Promise<void> {
    if (!this.#forcedOffline) return
    this.#forcedOffline = false
    await this.#reopen()
  }

  async #replaceClient (): Promise<void> {
    this.#client = undefined
    this.#inboxReady = false
    this.#endCurrent()
    await this.#reopen()
  }

  async #reopen (): Promise<void> {
    for (;;) {
      if (this.#closed || this.#forcedOffline) return
      try {
        await this.open()
        return
      } catch (err) {
        this.#handlers.onError?.(err as Error)
        await sleep(this.#opts.reconnectPeriodMs ?? 1000)
      }
    }
  }

  /** Graceful shutdown: retained {online:false}, then DISCONNECT (no will). */
  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (this.online) this.publishStatus({ ts: Date.now(), online: false })
    await this.#endClient(false)
  }

  async #onConnected (client: MqttClient): Promise<void> {
    if (client !== this.#client) return
    try {
      await client.subscribeAsync(topics.deviceInbox(this.#opts.deviceId), { qos: 1 })
    } catch (err) {
      this.#handlers.onError?.(err as Error)
      return
    }
    if (client !== this.#client || !client.connected) return
    this.#inboxReady = true
    this.#handlers.onConnect()
  }

  async #endClient (force: boolean): Promise<void> {
    const client = this.#client
    if (client == null) return
    this.#client = undefined
    this.#inboxReady = false
    this.#endCurrent()
    if (!force && client.connected) {
      // A graceful end waits for in-flight publishes; do not wait forever on a dead broker.
      const done = await withTimeout(client.endAsync(false).then(() => true), 2000, '').catch(() => false)
      if (done) return
    }
    await client.endAsync(true)
  }
}

function sleep (ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

function withTimeout<T> (promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`${message} (timed out after ${ms} ms)`)), ms) })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
