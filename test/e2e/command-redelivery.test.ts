// A replayed event re-sends its commands while they are pending: a kiosk that
// resends a swipe (its PUBACK or the reply was lost) still gets its `open`,
// also when the SQLite ingest worker died between commit and reply. Real
// backend, real broker over sockets, SQLite (with the worker) and PostgreSQL.
import t, { type Test } from 'tap'
import type { BackendTestHooks } from '../../services/backend.ts'
import type { Config } from '../../services/config.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend, type TestDevice } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

async function scene (t: Test, overrides: Partial<Config>, testHooks: BackendTestHooks = {}) {
  const backend = await startTestBackend(t, overrides, testHooks)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { card } = await aHouseholdWithCard(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
  return { backend, db, device, card, kiosk }
}

const opensFor = (kiosk: TestDevice, swipeEventId: string) =>
  kiosk.received.filter(m => m.topic.endsWith('/commands') && m.payload.type === 'open' && m.payload.swipeEventId === swipeEventId)

async function replayResendsUntilAcked (t: Test, overrides: Partial<Config>) {
  const { backend, db, card, kiosk } = await scene(t, overrides)
  const swipe = { eventId: 'sw-1', ts: Date.now(), card: card.uid }
  await kiosk.publishJson('events/swipe', swipe)
  const open = await kiosk.waitFor(m => m.payload.swipeEventId === 'sw-1')

  // a QoS 1 resend of the same event before the kiosk acked: the same command again
  await kiosk.publishJson('events/swipe', swipe)
  await waitUntil(() => opensFor(kiosk, 'sw-1').length === 2, 'the open arrives a second time')
  t.same(opensFor(kiosk, 'sw-1').map(m => m.payload), [open.payload, open.payload], 'the same open (same cmdId) twice')
  t.equal(backend.metrics.eventsReplayed, 1, 'the resend was a replay')
  t.equal((await db.selectFrom('kiosk_sessions').select('id').execute()).length, 1, 'applied once: one session')
  t.equal((await db.selectFrom('commands').select('cmd_id').execute()).length, 1, 'and one command')

  // acked: a later replay sends nothing
  await kiosk.publishJson('events/command-ack', { eventId: 'ack-1', ts: Date.now(), cmdId: open.payload.cmdId, ok: true })
  await kiosk.publishJson('events/swipe', swipe)
  t.equal(backend.metrics.eventsReplayed, 2, 'the third copy was a replay too')
  // a new swipe's open arrives after anything the replay could have sent on the same connection
  await kiosk.publishJson('events/swipe', { eventId: 'sw-2', ts: Date.now(), card: card.uid })
  await kiosk.waitFor(m => m.payload.swipeEventId === 'sw-2')
  t.equal(opensFor(kiosk, 'sw-1').length, 2, 'no third open after the ack')
}

t.test('a replay re-sends the pending open, not after the ack [sqlite, ingest worker]', async t => {
  await replayResendsUntilAcked(t, { INGEST_WORKER: true })
})

t.test('a replay re-sends the pending open, not after the ack [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  await replayResendsUntilAcked(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) })
})

t.test('the ingest worker dies between commit and reply: the retried batch is a replay and still sends the open', async t => {
  // sqlite-ingest-worker.ts exits right after committing the batch that applied this event
  const { backend, db, card, kiosk } = await scene(t, { INGEST_WORKER: true }, { ingestWorkerExitAfterApplying: 'sw-dies' })
  await kiosk.publishJson('events/swipe', { eventId: 'sw-dies', ts: Date.now(), card: card.uid })
  const open = await kiosk.waitFor(m => m.payload.swipeEventId === 'sw-dies')
  t.equal(open.payload.type, 'open', 'the kiosk gets its open')
  t.same([backend.metrics.eventsAccepted, backend.metrics.eventsReplayed], [0, 1], 'the first commit never replied; its retry found the event stored')
  const commands = await db.selectFrom('commands').select(['cmd_id', 'event_id', 'status']).execute()
  t.same(commands, [{ cmd_id: open.payload.cmdId, event_id: 'sw-dies', status: 'pending' }], 'one command, linked to its event')
  t.equal(opensFor(kiosk, 'sw-dies').length, 1, 'sent once')
})
