// The real backend for simulator tests (test/helpers/backend.ts), once on a
// SQLite file and once on a fresh PostgreSQL database. A scene has a site,
// one kiosk, a household with its card and an admin for the HTTP API.
// `wire` and `connections` only watch the real broker (QoS, retain flags and
// protocol version are not kept in the store); they change nothing.
import type { AedesPublishPacket, Client } from 'aedes'
import type { Kysely } from 'kysely'
import type { Test } from 'tap'
import type { Backend } from '../../../services/backend.ts'
import type { Config } from '../../../services/config.ts'
import { createStaff } from '../../../services/staff/staff.ts'
import type { Database } from '../../../services/store/database.ts'
import { SimKiosk, type QueuedEvent, type SimKioskOptions } from '../../../device-sim/kiosk.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { startTestBackend } from '../../helpers/backend.ts'
import { waitUntil as waitForCondition } from '../../helpers/wait-until.ts'
import { inCI } from '../../helpers/env.ts'
import { createPostgresTestDatabase, postgresAvailable, postgresSkipReason } from '../../helpers/stores.ts'

export interface WirePublish { clientId: string | null, topic: string, payload: string, qos: number, retain: boolean }

export interface SimScene {
  backend: Backend
  db: Kysely<Database>
  siteId: string
  deviceId: string
  secret: string
  householdId: string
  card: string
  /** Publishes the broker routed, in order (device events only after they were committed). */
  wire: WirePublish[]
  /** Calls `fn` with every device event once the backend committed it, before its PUBACK (awaited). */
  onCommitted: (fn: (publish: WirePublish) => void | Promise<void>) => void
  /** Connections the broker accepted, in order. */
  connections: Array<{ clientId: string, protocolVersion: number }>
  /** The HTTP API as an all-sites admin; the JSON body, or throws on an error status. */
  api: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

const postgresSkip = !inCI && !(await postgresAvailable()) ? postgresSkipReason : false

/** Runs `body` against a real backend on SQLite, then on PostgreSQL (skipped with the reason outside CI). */
export function eachBackend (t: Test, name: string, body: (t: Test, scene: SimScene) => Promise<void>): void {
  t.test(`${name} [sqlite]`, async tt => body(tt, await startScene(tt)))
  t.test(`${name} [postgres]`, { skip: postgresSkip }, async tt => {
    const url = await createPostgresTestDatabase(tt)
    if (url == null) throw new Error(postgresSkipReason)
    await body(tt, await startScene(tt, { DATABASE_URL: url }))
  })
}

export async function startScene (t: Test, overrides: Partial<Config> = {}): Promise<SimScene> {
  const backend = await startTestBackend(t, overrides)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const { token } = await createStaff(db, { username: `admin-${device.id}`, name: 'Test admin', role: 'admin', siteId: null })
  const wire: WirePublish[] = []
  const connections: SimScene['connections'] = []
  backend.broker.aedes.on('publish', (packet: AedesPublishPacket, client: Client | null) => {
    // device events are never routed to subscribers (docs/protocol.md §2): they arrive below, from the ingest
    if (packet.topic.startsWith('$SYS') || packet.topic.startsWith('$dropped/')) return
    wire.push({ clientId: client?.id ?? null, topic: packet.topic, payload: packet.payload.toString(), qos: packet.qos, retain: packet.retain })
  })
  // the broker hands every device publish to backend.ingest.onDevicePublish: watch it there, once committed
  const ingest = backend.ingest
  const onDevicePublish = ingest.onDevicePublish.bind(ingest)
  const committedListeners: Array<(publish: WirePublish) => void | Promise<void>> = []
  ingest.onDevicePublish = async publish => {
    await onDevicePublish(publish)
    if (publish.topic.endsWith('/status')) return
    const seen: WirePublish = { clientId: publish.deviceId, topic: publish.topic, payload: publish.payload.toString(), qos: publish.qos, retain: false }
    wire.push(seen)
    for (const fn of committedListeners) await fn(seen)
  }
  backend.broker.aedes.on('client', (client: Client) => { connections.push({ clientId: client.id, protocolVersion: (client as unknown as { version: number }).version }) })
  const api: SimScene['api'] = async (method, path, body) => {
    const res = await fetch(new URL(path, backend.httpUrl), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const json: unknown = await res.json()
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  return { backend, db, siteId: site.id, deviceId: device.id, secret, householdId: household.id, card: card.uid, wire, onCommitted: fn => { committedListeners.push(fn) }, connections, api }
}

/** Starts a SimKiosk as the scene's kiosk; `queued` sees every event it creates. */
export async function startSimKiosk (t: Test, scene: SimScene, opts: Partial<SimKioskOptions> = {}) {
  const queued: QueuedEvent[] = []
  const kiosk = new SimKiosk({
    mqttUrl: scene.backend.mqttUrl, deviceId: scene.deviceId, secret: scene.secret, heartbeatS: 0,
    // patient: the first event waits for the SQLite ingest worker to start, slow on a loaded machine
    openTimeoutMs: 15_000, displayTimeoutMs: 15_000, reconnectPeriodMs: 100, seed: 7,
    onEvent: e => queued.push(e), ...opts
  })
  t.teardown(() => kiosk.close())
  await kiosk.start()
  return { kiosk, queued }
}

/** test/helpers/wait-until.ts with the description first, as the simulator tests call it. */
export async function waitUntil (what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  await waitForCondition(condition, what, timeoutMs)
}

/** The device's stored events, oldest first. */
export function storedEvents (db: Kysely<Database>, deviceId: string) {
  return db.selectFrom('device_events').selectAll().where('device_id', '=', deviceId).orderBy('received_at_ms').orderBy('event_id').execute()
}

/** Balance of the scene's household, read over the HTTP API. */
export async function balanceOverHttp (scene: SimScene, householdId = scene.householdId): Promise<number> {
  return (await scene.api('GET', `/api/households/${householdId}`)).balancePoints as number
}

/** Codes of the device's dead letters over the HTTP API, sorted. */
export async function deadLetterCodes (scene: SimScene, deviceId = scene.deviceId): Promise<string[]> {
  const { deadLetters } = await scene.api('GET', `/api/devices/${deviceId}/dead-letters`) as { deadLetters: Array<{ code: string }> }
  return deadLetters.map(d => d.code).sort()
}
