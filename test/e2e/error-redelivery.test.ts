// Error replies reach a device that was not listening when its event was
// refused: they stay with the dead letter and are re-sent at each subscribe,
// until acked, for 24 h, the 20 newest per device. Real backend, real broker
// over sockets, SQLite (with the ingest worker) and PostgreSQL.
import t, { type Test } from 'tap'
import { deviceErrorSchema } from '../../schemas/device-commands.ts'
import type { Config } from '../../services/config.ts'
import { ERROR_REPLIES_RESENT_MAX, ERROR_REPLY_TTL_MS, recordDeadLetter } from '../../services/ingest/dead-letter-store.ts'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend, type TestDevice } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

async function scene (t: Test, overrides: Partial<Config>) {
  const backend = await startTestBackend(t, overrides)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  // connected but not subscribed: error replies cannot be delivered now
  const connect = (subscribe: boolean) => connectDevice(t, backend.mqttUrl, device.id, secret, { subscribe })
  return { backend, db, device, connect }
}

const errorsOf = (kiosk: TestDevice) => kiosk.received.filter(m => m.topic.endsWith('/errors')).map(m => m.payload)

/** A swipe without a card: SCHEMA_VIOLATION, acknowledged (resolves on PUBACK) and dead-lettered. */
const publishBadSwipe = (kiosk: TestDevice, eventId: string) => kiosk.publishJson('events/swipe', { eventId, ts: Date.now() })

async function offlineDeviceLearnsWhy (t: Test, overrides: Partial<Config>) {
  const { db, connect } = await scene(t, overrides)
  const first = await connect(false)
  await publishBadSwipe(first, 'bad-1')
  await publishBadSwipe(first, 'bad-2')
  await first.end()
  t.same(errorsOf(first), [], 'nothing was delivered while not subscribed')
  const letters = await db.selectFrom('dead_letters').select(['id', 'event_id', 'received_at_ms', 'topic', 'reason']).orderBy('received_at_ms').orderBy('event_id').execute()
  t.same(letters.map(l => l.event_id), ['bad-1', 'bad-2'])

  const second = await connect(true)
  await second.waitFor(m => m.payload.eventId === 'bad-2')
  t.same(errorsOf(second), letters.map(l => ({ errorId: l.id, ts: l.received_at_ms, topic: l.topic, code: 'SCHEMA_VIOLATION', message: l.reason, eventId: l.event_id })),
    'after reconnecting and subscribing: both error replies, oldest first, with the dead letters\' ids')
  t.ok(errorsOf(second).every(e => deviceErrorSchema.safeParse(e).success), 'each is a valid DeviceError')

  // acking bad-1 ends its delivery; bad-2 (not acked) comes again at the next subscribe
  await second.publishJson('events/command-ack', { eventId: 'ack-1', ts: Date.now(), cmdId: letters[0]!.id, ok: true })
  t.not((await db.selectFrom('dead_letters').select('reply_acked_at_ms').where('id', '=', letters[0]!.id).executeTakeFirstOrThrow()).reply_acked_at_ms, null, 'the ack is stored')
  t.equal((await db.selectFrom('dead_letters').select('id').execute()).length, 2, 'the ack of an error reply is not itself an error')
  await second.end()
  const third = await connect(true)
  // bad-1 would have been sent before bad-2 in the same burst: once bad-2 is here, bad-1 is not coming
  await third.waitFor(m => m.payload.eventId === 'bad-2')
  t.same(errorsOf(third).map(e => e.eventId), ['bad-2'], 'the acked reply is not re-sent')
}

t.test('an offline kiosk gets its error replies when it subscribes again, until it acks them [sqlite, ingest worker]', async t => {
  await offlineDeviceLearnsWhy(t, { INGEST_WORKER: true })
})

t.test('an offline kiosk gets its error replies when it subscribes again, until it acks them [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  await offlineDeviceLearnsWhy(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) })
})

async function boundedAndExpiring (t: Test, overrides: Partial<Config>) {
  const { db, device, connect } = await scene(t, overrides)
  // two replies received long ago: one just past the 24 h, one just inside
  const nowMs = Date.now()
  const old = { deviceId: device.id, topic: `devices/${device.id}/events/swipe`, payload: Buffer.from('{}'), code: 'SCHEMA_VIOLATION' as const, reason: 'old' }
  await recordDeadLetter(db, { ...old, eventId: 'expired', receivedAtMs: nowMs - ERROR_REPLY_TTL_MS - 1000 })
  await recordDeadLetter(db, { ...old, eventId: 'still-due', receivedAtMs: nowMs - ERROR_REPLY_TTL_MS + 60_000 })
  const first = await connect(true)
  // the expired one is older, so it would have come first
  await first.waitFor(m => m.payload.eventId === 'still-due')
  t.same(errorsOf(first).map(e => e.eventId), ['still-due'], 'a reply past 24 h is not re-sent')
  await first.end()

  const offline = await connect(false)
  const count = ERROR_REPLIES_RESENT_MAX + 5
  for (let i = 1; i <= count; i++) {
    // one receive time per event, so "the newest" is well defined
    const before = Date.now()
    await waitUntil(() => Date.now() > before, 'the clock moves on', 1000, 1)
    await publishBadSwipe(offline, `many-${i}`)
  }
  await offline.end()
  const kiosk = await connect(true)
  await kiosk.waitFor(m => m.payload.eventId === `many-${count}`)
  const newest = Array.from({ length: ERROR_REPLIES_RESENT_MAX }, (_, i) => `many-${count - ERROR_REPLIES_RESENT_MAX + 1 + i}`)
  t.same(errorsOf(kiosk).map(e => e.eventId), newest, `only the ${ERROR_REPLIES_RESENT_MAX} newest, oldest first`)
  t.equal((await db.selectFrom('dead_letters').select('id').execute()).length, count + 2, 'every dead letter is still kept for staff')
}

t.test('error replies re-sent are bounded (newest 20) and expire after 24 h [sqlite, ingest worker]', async t => {
  await boundedAndExpiring(t, { INGEST_WORKER: true })
})

t.test('error replies re-sent are bounded (newest 20) and expire after 24 h [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  await boundedAndExpiring(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) })
})
