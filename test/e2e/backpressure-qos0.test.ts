// Back-pressure for QoS 0: while the ingest queue is full, a status publish
// is dropped (counted), not queued, and the QoS 1 events that wait are all
// stored once the store is free again. Real broker, real sockets, real SQLite.
import t from 'tap'
import { aKiosk } from '../fixtures/builders.ts'
import { connectDevice, startKioskScene } from '../helpers/backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'

t.test('a status publish is dropped and counted while the queue is full; held events are stored after', async t => {
  const { backend, db, site, device, card, kiosk } = await startKioskScene(t, { INGEST_MAX_QUEUE: 1, INGEST_MAX_BATCH: 1, MQTT_DEVICE_PUBLISHES_PER_S: 0 })
  const other = await aKiosk(db, site.id)
  const quiet = await connectDevice(t, backend.mqttUrl, other.device.id, other.secret)
  const lock = backend.store.writeLock
  if (lock == null) throw new Error('SQLite store without a write lock')
  await lock.acquire()
  let held = true
  t.teardown(() => { if (held) lock.release() })

  // two batches of one in flight (stuck on the lock), one queued, the fourth held
  const swipes = Array.from({ length: 4 }, (_, i) => kiosk.publishJson('events/swipe', { eventId: `s${i}`, ts: Date.now(), card: card.uid }))
  await waitUntil(() => backend.ingest.queue.stats().depth === 1 && backend.broker.backpressure().heldPublishes === 1, 'the queue is full and one event is held')
  await quiet.client.publishAsync(`devices/${other.device.id}/status`, JSON.stringify({ online: true, firmware: 'dropped' }), { qos: 0 })
  await waitUntil(() => backend.broker.backpressure().qos0Dropped === 1, 'the status is dropped')
  t.equal(backend.ingest.queue.stats().depth, 1, 'the dropped status did not enter the queue')

  lock.release()
  held = false
  await Promise.all(swipes)
  const sessions = await db.selectFrom('kiosk_sessions').select('swipe_event_id').where('device_id', '=', device.id).orderBy('swipe_event_id').execute()
  t.same(sessions.map(s => s.swipe_event_id), ['s0', 's1', 's2', 's3'], 'every held event stored once, after the store came back')
  const row = await db.selectFrom('devices').select('last_status').where('id', '=', other.device.id).executeTakeFirstOrThrow()
  t.equal(row.last_status, null, 'the dropped status was not recorded')
  t.equal(backend.broker.backpressure().pausedDevices, 0)
})
