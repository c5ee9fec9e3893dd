// The back-pressure scenario (issue #8), run on each store by
// test/e2e/backpressure-*.test.ts. The store is held by the caller (the SQLite
// write lock, or a PostgreSQL transaction locking the events table), so
// capacity is zero until it is released. 20 kiosks write 400 QoS 1 publishes
// each at once over raw sockets (≈ 8 MiB offered), and one quiet kiosk writes
// one. The ingest queue must stay within its bound, retained memory must not
// grow with the offered load, nothing may be acknowledged while the store is
// held, and after release every publish is acknowledged and stored exactly
// once, the quiet kiosk's well before the flooders'.
// (Memory alone would also stay bounded without INGEST_MAX_QUEUE while the
// store is held at zero: aedes reads no further from a connection until its
// publishes are handled. The gate matters for devices whose publishes arrive
// one per TCP segment, and for the order in which devices get room.)
import type { Test } from 'tap'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Backend } from '../../services/backend.ts'
import type { Config } from '../../services/config.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from './backend.ts'
import { connectRawPublisher, type RawPublisher } from './raw-publisher.ts'
import { waitUntil } from './wait-until.ts'

const FLOODERS = 20
const MAX_QUEUE = 64
/** Swipes padded to ~1 KiB (unknown fields are ignored), so the offered bytes are large and the count small. */
const PADDING = 'x'.repeat(900)
/** What one connection may hold in the broker: a socket read (≤ 64 KiB) and the guard's stream buffer (16 KiB), rounded up. */
const HELD_BYTES_PER_CONNECTION = 128 * 1024
/** Memory growth allowed (heap and buffers) while the offered publishes wait: the bound plus one read per connection. */
const MEMORY_GROWTH_LIMIT_BYTES = 6 * 1024 * 1024

// A full collection before each reading, so what is compared is memory still held, not garbage
// (node's documented way to get `gc` without starting the process with --expose-gc).
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void
/** Heap objects and Buffer memory still reachable: a publish read from a socket costs both. */
const memoryRetained = (): number => { collectGarbage(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers }

export type HoldStore = (backend: Backend) => Promise<() => Promise<void>>

/** `perFlooder`: publishes each of the 20 flooders offers (400 ≈ 8 MiB in all). */
export async function overload (t: Test, overrides: Partial<Config>, holdStore: HoldStore, perFlooder = 400): Promise<void> {
  const backend = await startTestBackend(t, { INGEST_MAX_QUEUE: MAX_QUEUE, INGEST_MAX_BATCH: 32, MQTT_DEVICE_PUBLISHES_PER_S: 0, ...overrides })
  const { db } = backend.store
  const site = await aSite(db)
  const { card } = await aHouseholdWithCard(db, site.id)
  const swipe = (eventId: string): string => JSON.stringify({ eventId, ts: Date.now(), card: card.uid, padding: PADDING })
  const kiosks = await Promise.all(Array.from({ length: FLOODERS + 1 }, () => aKiosk(db, site.id)))
  const connectAll = kiosks.map(({ device, secret }, i) =>
    connectRawPublisher(backend.mqttPort, device.id, secret, Array.from({ length: i < FLOODERS ? perFlooder : 1 }, () => swipe)))
  const publishers = await Promise.all(connectAll)
  t.teardown(() => { for (const p of publishers) p.close() })
  const flooders = publishers.slice(0, FLOODERS)
  const quiet = publishers[FLOODERS] as RawPublisher
  const acked = (): number => publishers.reduce((n, p) => n + p.ackedAtMs.size, 0)

  const releaseStore = await holdStore(backend)
  let released = false
  const release = async (): Promise<void> => { if (!released) { released = true; await releaseStore() } }
  // a failed assertion must not leave the store held: closing the backend drains the ingest
  t.teardown(release)
  const memoryBefore = memoryRetained()
  for (const p of flooders) p.send()
  let maxDepth = 0
  const sample = (): void => { maxDepth = Math.max(maxDepth, backend.ingest.queue.stats().depth) }
  // full queue; every flooder has publishes in the ingest or held, so none of them is read any more
  await waitUntil(() => { sample(); return backend.broker.backpressure().busyDevices === FLOODERS }, 'every flooder waits', 20_000, 5)
  const pausedFlooders = backend.broker.backpressure().pausedDevices
  t.ok(pausedFlooders >= FLOODERS - Math.ceil(MAX_QUEUE / 32), `${pausedFlooders} of ${FLOODERS} flooders paused (the rest fill the queue)`)
  quiet.send()
  await waitUntil(() => { sample(); return backend.broker.backpressure().pausedDevices === pausedFlooders + 1 }, 'the quiet kiosk waits too', 10_000, 5)

  const health = await (await fetch(`${backend.httpUrl}/health`)).json() as {
    ingest: { queue: { depth: number, max: number } }
    mqtt: { backpressure: { pausedDevices: number, heldPublishes: number, busiest: Array<{ deviceId: string }> } }
  }
  t.same(health.ingest.queue, { depth: MAX_QUEUE, max: MAX_QUEUE, peak: MAX_QUEUE }, '/health shows the full queue and its bound')
  t.equal(health.mqtt.backpressure.pausedDevices, pausedFlooders + 1, '/health shows the paused connections')
  const offered = FLOODERS * perFlooder + 1
  const packetBytes = swipe(quiet.eventIdOf(1)).length + 50
  const held = health.mqtt.backpressure.heldPublishes
  t.ok(held * packetBytes <= (FLOODERS + 1) * HELD_BYTES_PER_CONNECTION, `${held} publishes held of ${offered} offered: at most one read per connection, the rest is not read`)
  t.equal(acked(), 0, 'nothing is acknowledged while nothing is stored')
  const growth = memoryRetained() - memoryBefore
  t.ok(growth < MEMORY_GROWTH_LIMIT_BYTES, `memory grew ${(growth / 1048576).toFixed(1)} MiB under ${offered} offered publishes (${(offered * packetBytes / 1048576).toFixed(1)} MiB)`)

  const releasedAtMs = Date.now()
  await release()
  await waitUntil(() => { sample(); return acked() === offered }, 'every publish is acknowledged', 120_000, 20)
  const quietAckMs = (quiet.ackedAtMs.get(1) as number) - releasedAtMs
  const lastAckMs = Math.max(...flooders.map(p => Math.max(...p.ackedAtMs.values()))) - releasedAtMs
  t.ok(quietAckMs < lastAckMs / 4, `the quiet kiosk was acknowledged ${quietAckMs} ms after release, the flooders' last ${lastAckMs} ms: it did not wait behind them`)
  t.ok(maxDepth <= MAX_QUEUE, `queue depth never above its bound (max sampled ${maxDepth})`)
  t.equal(backend.ingest.queue.stats().peak, MAX_QUEUE, 'the queue high-water mark is its bound')
  t.equal(backend.broker.backpressure().pausedDevices, 0, 'no connection paused once the store keeps up')

  // acked ⇒ stored once: one session per swipe, for exactly the acknowledged event ids
  const rows = await db.selectFrom('kiosk_sessions').select(['device_id', 'swipe_event_id']).execute()
  const stored = rows.map(r => `${r.device_id}/${r.swipe_event_id}`).sort()
  const ackedIds = publishers.flatMap(p => [...p.ackedAtMs.keys()].map(id => `${p.deviceId}/${p.eventIdOf(id)}`)).sort()
  t.equal(stored.length, offered, 'one session per publish')
  t.same(stored, ackedIds, 'exactly the acknowledged events are stored, each once')
  t.equal(backend.metrics.eventsAccepted, offered, 'each applied once, none replayed')
}
