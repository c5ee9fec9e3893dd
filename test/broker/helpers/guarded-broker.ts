// The real broker with its guard on a loopback port, the real device verifier
// and auth-failure recorder over a real SQLite file, and a stand-in ingest that
// records what it was given (so guard tests see exactly what passed).
import { connect, type Socket } from 'node:net'
import type { Test } from 'tap'
import mqtt, { type MqttClient } from 'mqtt'
import mqttPacket, { type Packet } from 'mqtt-packet'
import { pino } from 'pino'
import { createMqttBroker, type DevicePublish, type MqttBroker } from '../../../broker/mqtt-broker.ts'
import type { VerifyOptions } from '../../../broker/device-authentication-hook.ts'
import type { BrokerLimits } from '../../../broker/guard/limits.ts'
import { createAuthFailureRecorder } from '../../../services/devices/auth-failures.ts'
import { createDeviceVerifier, type DeviceVerifier } from '../../../services/devices/secret-verifier.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { openSqliteTestStore } from '../../helpers/stores.ts'
import { aKiosk, aSite, testPepper } from '../../fixtures/builders.ts'

export interface GuardedBroker {
  broker: MqttBroker
  store: Store
  port: number
  url: string
  siteId: string
  verifier: DeviceVerifier
  /** Options each verification was asked with, in order. */
  verifyCalls: Array<{ deviceId: string, options: VerifyOptions | undefined }>
  stored: DevicePublish[]
  /** Device ids, once per report of a subscription covering the device's commands topic. */
  commandsSubscribed: string[]
  newKiosk: () => Promise<{ id: string, secret: string }>
}

export async function startGuardedBroker (t: Test, limits: Partial<BrokerLimits> = {}): Promise<GuardedBroker> {
  const store = await openSqliteTestStore(t)
  const log = pino({ level: 'silent' })
  const verifier = createDeviceVerifier(store.db, testPepper())
  const verifyCalls: GuardedBroker['verifyCalls'] = []
  const stored: DevicePublish[] = []
  const commandsSubscribed: string[] = []
  const broker = await createMqttBroker({
    log,
    limits,
    hooks: {
      verifyDevice: (deviceId, secret, options) => { verifyCalls.push({ deviceId, options }); return verifier(deviceId, secret, options) },
      onDevicePublish: async publish => { stored.push(publish) },
      onCommandsSubscribed: deviceId => { commandsSubscribed.push(deviceId) },
      onAuthFailure: createAuthFailureRecorder(store.db, log, 0)
    }
  })
  const port = await broker.listen(0, '127.0.0.1')
  t.teardown(() => broker.close())
  const site = await aSite(store.db)
  return {
    broker, store, port, url: `mqtt://127.0.0.1:${port}`, siteId: site.id, verifier, verifyCalls, stored, commandsSubscribed,
    newKiosk: async () => { const k = await aKiosk(store.db, site.id); return { id: k.device.id, secret: k.secret } }
  }
}

/** mqtt.js with no reconnects; resolves connected or rejects with the CONNACK error. */
export async function mqttConnect (t: Test, url: string, opts: mqtt.IClientOptions): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, ...opts })
  t.teardown(() => client.endAsync(true))
  return client
}

/** Outcome of a connect attempt: 'connected' or the error message. */
export async function tryConnect (url: string, opts: mqtt.IClientOptions): Promise<string> {
  return mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000, ...opts })
    .then(async c => { await c.endAsync(true); return 'connected' }, (err: Error) => err.message)
}

/** A raw TCP connection that parses what the broker sends back. */
export interface RawConnection {
  socket: Socket
  packets: Packet[]
  send: (packet: Packet | Buffer) => void
  /** Resolves when the broker closes the connection. */
  closed: Promise<void>
  next: (cmd: Packet['cmd'], timeoutMs?: number) => Promise<Packet>
}

export async function rawConnect (t: Test, port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
  socket.on('error', () => {})
  t.teardown(() => { socket.destroy() })
  const parser = mqttPacket.parser({ protocolVersion: 4 })
  const packets: Packet[] = []
  const waiters: Array<{ cmd: string, resolve: (p: Packet) => void }> = []
  parser.on('packet', p => {
    packets.push(p)
    for (const w of [...waiters]) if (w.cmd === p.cmd) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p) }
  })
  parser.on('error', () => {})
  socket.on('data', d => parser.parse(d))
  const closed = new Promise<void>(resolve => socket.once('close', () => resolve()))
  return {
    socket,
    packets,
    closed,
    send: packet => { if (!socket.destroyed) socket.write(Buffer.isBuffer(packet) ? packet : mqttPacket.generate(packet)) },
    next: (cmd, timeoutMs = 3000) => {
      const seen = packets.find(p => p.cmd === cmd)
      if (seen != null) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${cmd} within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({ cmd, resolve: p => { clearTimeout(timer); resolve(p) } })
      })
    }
  }
}

/** Resolves true when `closed` settles within `ms`. */
export function closesWithin (closed: Promise<void>, ms: number): Promise<boolean> {
  return Promise.race([closed.then(() => true), new Promise<boolean>(resolve => setTimeout(() => resolve(false), ms))])
}
