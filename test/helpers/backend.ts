// A real backend for tests: real broker on a free port, real SQLite file.
import { join } from 'node:path'
import type { Test } from 'tap'
import mqtt, { type MqttClient } from 'mqtt'
import { pino } from 'pino'
import { testConfig, type Config } from '../../services/config.ts'
import { startBackend, type Backend, type BackendTestHooks } from '../../services/backend.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { tempDir } from './stores.ts'

export async function startTestBackend (t: Test, overrides: Partial<Config> = {}, testHooks: BackendTestHooks = {}): Promise<Backend> {
  const config = testConfig({ MQTT_PORT: 0, MQTT_HOST: '127.0.0.1', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SQLITE_PATH: join(tempDir(t), 'kiosk.db'), ...overrides })
  const backend = await startBackend(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }, pino.destination(2)), testHooks)
  t.teardown(() => backend.close())
  return backend
}

/** A device's MQTT connection with everything it receives collected by topic. */
export interface TestDevice {
  client: MqttClient
  received: Array<{ topic: string, payload: Record<string, unknown> }>
  /** Resolves with the first received message (past or future) that matches. */
  waitFor: (match: (m: { topic: string, payload: Record<string, unknown> }) => boolean, timeoutMs?: number) => Promise<{ topic: string, payload: Record<string, unknown> }>
  publishJson: (subtopic: string, body: unknown) => Promise<void>
  publishRaw: (topic: string, payload: string | Buffer) => Promise<void>
  end: () => Promise<void>
}

export async function connectDevice (t: Test, mqttUrl: string, deviceId: string, secret: string, opts: { subscribe?: boolean, clean?: boolean } = {}): Promise<TestDevice> {
  const client = await mqtt.connectAsync(mqttUrl, { clientId: deviceId, username: deviceId, password: secret, protocolVersion: 4, reconnectPeriod: 0, clean: opts.clean ?? true, connectTimeout: 5000 })
  const received: TestDevice['received'] = []
  const waiters: Array<{ match: (m: TestDevice['received'][number]) => boolean, resolve: (m: TestDevice['received'][number]) => void }> = []
  client.on('message', (topic, payload) => {
    let body: Record<string, unknown>
    try { body = JSON.parse(payload.toString()) as Record<string, unknown> } catch { body = { raw: payload.toString() } }
    const m = { topic, payload: body }
    received.push(m)
    for (const w of [...waiters]) if (w.match(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m) }
  })
  if (opts.subscribe ?? true) await client.subscribeAsync(`devices/${deviceId}/+`, { qos: 1 })
  const device: TestDevice = {
    client,
    received,
    waitFor (match, timeoutMs = 5000) {
      const seen = received.find(match)
      if (seen != null) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs)
        waiters.push({ match, resolve: m => { clearTimeout(timer); resolve(m) } })
      })
    },
    async publishJson (subtopic, body) {
      await client.publishAsync(`devices/${deviceId}/${subtopic}`, JSON.stringify(body), { qos: 1 })
    },
    async publishRaw (topic, payload) {
      await client.publishAsync(topic, payload, { qos: 1 })
    },
    async end () { if (client.connected || client.reconnecting) await client.endAsync() }
  }
  t.teardown(() => client.endAsync(true))
  return device
}

/** A running backend with one site, one connected kiosk and one household with its card. */
export async function startKioskScene (t: Test, overrides: Partial<Config> = {}) {
  const backend = await startTestBackend(t, overrides)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  return { backend, db, site, device, secret, household, card, kiosk }
}
