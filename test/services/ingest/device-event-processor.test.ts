// processDevicePublish on its real store, SQLite and PostgreSQL: every branch
// from topic to recorded commands, and what each leaves in the store.
import t, { type Test } from 'tap'
import { topics } from '../../../schemas/topics.ts'
import { createRegistryCache } from '../../../services/devices/registry-cache.ts'
import { processDevicePublish, MAX_EVENT_PAYLOAD_BYTES, type ProcessorSettings } from '../../../services/ingest/device-event-processor.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const settings: ProcessorSettings = { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: 86_400_000 }
const nowMs = Date.UTC(2026, 2, 4, 9, 30)

async function scene (store: Store) {
  const { db } = store
  const site = await aSite(db)
  const { device } = await aKiosk(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  // a fresh registry view per publish, as a new batch would read it
  const publish = async (topic: string, payload: string | Buffer, deviceId = device.id) =>
    processDevicePublish(db, { deviceId, topic, payload: Buffer.from(payload), qos: 1, receivedAtMs: nowMs }, settings, await createRegistryCache().forBatch(db))
  const counts = async () => ({
    events: (await db.selectFrom('device_events').select('event_id').execute()).length,
    deadLetters: (await db.selectFrom('dead_letters').select('id').execute()).length,
    commands: (await db.selectFrom('commands').select('cmd_id').execute()).length,
    sessions: (await db.selectFrom('kiosk_sessions').select('id').execute()).length
  })
  return { db, device, household, card, publish, counts }
}

type Scene = Awaited<ReturnType<typeof scene>>

/** Publishes, expects a dead letter with `code`, and checks the stored letter and the error reply. */
async function expectDeadLetter (t: Test, s: Scene, topic: string, payload: string, code: string, eventId?: string, deviceId = s.device.id) {
  const before = await s.counts()
  const processed = await s.publish(topic, payload, deviceId)
  t.equal(processed.result, 'dead-lettered', code)
  t.equal(processed.deadLetterCode, code)
  t.equal(processed.outgoing.length, 1, 'one error reply')
  const reply = processed.outgoing[0]!
  t.equal(reply.topic, topics.errors(deviceId))
  t.match(JSON.parse(reply.payload), { ts: nowMs, topic, code, message: String })
  t.equal(JSON.parse(reply.payload).eventId, eventId, 'the reply names the eventId when there is one')
  const letter = await s.db.selectFrom('dead_letters').selectAll().where('code', '=', code).where('topic', '=', topic).executeTakeFirstOrThrow()
  t.match(letter, { device_id: deviceId, topic, code, event_id: eventId ?? null, received_at_ms: nowMs })
  t.equal(letter.payload, payload.slice(0, 4096), 'the payload is kept for staff')
  t.same(await s.counts(), { ...before, deadLetters: before.deadLetters + 1 }, 'nothing else changed')
}

eachStore(t, 'refused before JSON: foreign topic, unknown topic, too large', async (t, store) => {
  const s = await scene(store)
  const swipe = JSON.stringify({ eventId: 'e1', ts: nowMs, card: s.card.uid })
  await expectDeadLetter(t, s, topics.event('someone-else', 'swipe'), swipe, 'FORBIDDEN_TOPIC')
  await expectDeadLetter(t, s, `devices/${s.device.id}/events/teleport`, swipe, 'UNKNOWN_TOPIC')
  const big = JSON.stringify({ eventId: 'e2', ts: nowMs, card: s.card.uid, pad: 'x'.repeat(MAX_EVENT_PAYLOAD_BYTES) })
  await expectDeadLetter(t, s, topics.event(s.device.id, 'swipe'), big, 'PAYLOAD_TOO_LARGE')
})

eachStore(t, 'malformed JSON and schema violations are dead-lettered with the reason', async (t, store) => {
  const s = await scene(store)
  await expectDeadLetter(t, s, topics.event(s.device.id, 'deposit'), '{"eventId": "e1", ', 'MALFORMED_JSON')
  await expectDeadLetter(t, s, topics.event(s.device.id, 'deposit'), JSON.stringify({ eventId: 'e2', ts: nowMs, sessionId: 's', lines: [{ category: 'paper', grams: '200' }] }), 'SCHEMA_VIOLATION', 'e2')
  const letter = await s.db.selectFrom('dead_letters').select('reason').where('code', '=', 'SCHEMA_VIOLATION').executeTakeFirstOrThrow()
  t.match(letter.reason, /grams/, 'the reason names the field')
})

eachStore(t, 'an unregistered device is refused', async (t, store) => {
  const s = await scene(store)
  await expectDeadLetter(t, s, topics.event('ghost-1', 'swipe'), JSON.stringify({ eventId: 'g1', ts: nowMs, card: s.card.uid }), 'DEVICE_UNKNOWN', 'g1', 'ghost-1')
})

eachStore(t, 'an event type its device kind does not handle is refused: a gate sends no deposits', async (t, store) => {
  const s = await scene(store)
  const { device: gate } = await aKiosk(s.db, s.device.site_id, `${s.device.id}-gate`)
  await s.db.updateTable('devices').set({ kind: 'gate' }).where('id', '=', gate.id).execute() // the builders make kiosks only
  const deposit = JSON.stringify({ eventId: 'gd1', ts: nowMs, sessionId: 'ses_x', lines: [{ category: 'paper', grams: 100 }] })
  await expectDeadLetter(t, s, topics.event(gate.id, 'deposit'), deposit, 'UNKNOWN_TOPIC', 'gd1', gate.id)
  const letter = await s.db.selectFrom('dead_letters').select('reason').where('device_id', '=', gate.id).executeTakeFirstOrThrow()
  t.match(letter.reason, /a gate sends no deposit events/, 'the reason names the device kind and the event type')
})

eachStore(t, 'applied: the swipe opens a session, its open command is recorded and returned', async (t, store) => {
  const s = await scene(store)
  const swipe = JSON.stringify({ eventId: 'sw1', ts: nowMs - 5000, card: s.card.uid })
  const processed = await s.publish(topics.event(s.device.id, 'swipe'), swipe)
  t.equal(processed.result, 'applied')
  t.equal(processed.outgoing.length, 1)
  const open = JSON.parse(processed.outgoing[0]!.payload)
  t.equal(processed.outgoing[0]!.topic, topics.commands(s.device.id))
  t.match(open, { type: 'open', swipeEventId: 'sw1', balancePoints: 0, ts: nowMs, expiresAtMs: nowMs + settings.sessionOpenWindowMs })

  const command = await s.db.selectFrom('commands').selectAll().executeTakeFirstOrThrow()
  t.match(command, { cmd_id: open.cmdId, device_id: s.device.id, type: 'open', status: 'pending', expires_at_ms: nowMs + settings.sessionOpenWindowMs })
  t.same(JSON.parse(command.payload), open, 'the recorded command is the one sent')
  const session = await s.db.selectFrom('kiosk_sessions').selectAll().executeTakeFirstOrThrow()
  t.match(session, { id: open.sessionId, device_id: s.device.id, household_id: s.household.id, swipe_event_id: 'sw1', status: 'open' })
  const event = await s.db.selectFrom('device_events').selectAll().executeTakeFirstOrThrow()
  t.match(event, { device_id: s.device.id, event_id: 'sw1', type: 'swipe', device_ts: nowMs - 5000, received_at_ms: nowMs })
  t.same(JSON.parse(event.outcome), { decision: 'open', sessionId: open.sessionId, householdId: s.household.id, cmdId: open.cmdId })

  // the kiosk's ack marks the command acked
  const ack = await s.publish(topics.event(s.device.id, 'command-ack'), JSON.stringify({ eventId: 'ack1', ts: nowMs, cmdId: open.cmdId, ok: true }))
  t.match(ack, { result: 'applied', commandAcked: true, outgoing: [] })
  t.match(await s.db.selectFrom('commands').selectAll().executeTakeFirstOrThrow(), { status: 'acked', acked_at_ms: nowMs })
})

eachStore(t, 'a replay with the same payload is recognised; a reused eventId with another payload is refused', async (t, store) => {
  const s = await scene(store)
  const swipe = { eventId: 'sw1', ts: nowMs, card: s.card.uid }
  const applied = await s.publish(topics.event(s.device.id, 'swipe'), JSON.stringify(swipe))
  t.equal(applied.result, 'applied')
  const after = await s.counts()
  t.same(after, { events: 1, deadLetters: 0, commands: 1, sessions: 1 })

  // same event, other key order and spacing: same parsed event, so a replay; its open is still pending, so it goes again
  const replay = await s.publish(topics.event(s.device.id, 'swipe'), `{ "card": "${s.card.uid}", "ts": ${nowMs}, "eventId": "sw1" }`)
  t.same(replay, { outgoing: applied.outgoing, result: 'replayed' })
  t.same(await s.counts(), after, 'a replay changes nothing')

  await expectDeadLetter(t, s, topics.event(s.device.id, 'swipe'), JSON.stringify({ ...swipe, ts: nowMs + 1 }), 'EVENT_ID_REUSED', 'sw1')
  await expectDeadLetter(t, s, topics.event(s.device.id, 'door'), JSON.stringify({ eventId: 'sw1', ts: nowMs, sessionId: 'x', state: 'opened' }), 'EVENT_ID_REUSED', 'sw1')
  t.equal((await s.db.selectFrom('dead_letters').select('id').where('code', '=', 'EVENT_ID_REUSED').execute()).length, 2)
})

eachStore(t, 'status: stored; online stays with presence; invalid status dead-lettered', async (t, store) => {
  const s = await scene(store)
  const device = () => s.db.selectFrom('devices').select(['online', 'last_status', 'last_seen_at_ms']).where('id', '=', s.device.id).executeTakeFirstOrThrow()
  t.equal((await device()).online, 0, 'a new device is offline')
  const status = { ts: nowMs, online: true, firmware: '1.2.3', bins: [{ category: 'paper', fillPct: 40 }] }
  t.same(await s.publish(topics.status(s.device.id), JSON.stringify(status)), { outgoing: [], result: 'status' })
  // presence sets `online` from the live connections (services/devices/presence.ts), not from the payload
  t.same(await device(), { online: 0, last_status: JSON.stringify(status), last_seen_at_ms: nowMs })
  t.same(await s.publish(topics.status(s.device.id), JSON.stringify({ online: false })), { outgoing: [], result: 'status' })
  t.equal((await device()).last_status, JSON.stringify({ online: false }), 'the last will is stored as the last status')
  await expectDeadLetter(t, s, topics.status(s.device.id), JSON.stringify({ online: 'yes' }), 'SCHEMA_VIOLATION')
  t.same(await device(), { online: 0, last_status: JSON.stringify({ online: false }), last_seen_at_ms: nowMs }, 'a bad status changes nothing')
})
