// Bad input over real MQTT: each gets a clear error, nothing changes, the
// connection stays up (a QoS 1 device must not be pushed into a resend loop).
import t from 'tap'
import mqtt from 'mqtt'
import type { Test } from 'tap'
import { balanceOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aKiosk } from '../fixtures/builders.ts'
import { connectDevice, startKioskScene, type TestDevice } from '../helpers/backend.ts'

let seq = 0
const ev = (extra: Record<string, unknown>) => ({ eventId: `bad${++seq}`, ts: Date.now(), ...extra })

const setup = (t: Test) => startKioskScene(t)

async function openSession (kiosk: TestDevice, card: string): Promise<string> {
  const swipe = ev({ card })
  await kiosk.publishJson('events/swipe', swipe)
  const open = await kiosk.waitFor(m => m.payload.swipeEventId === swipe.eventId)
  return open.payload.sessionId as string
}

t.test('invalid payloads are acknowledged, dead-lettered and answered on the errors topic', async t => {
  const { backend, db, device, household, kiosk } = await setup(t)
  const cases: Array<{ name: string, topic: string, payload: string, code: string }> = [
    { name: 'malformed JSON', topic: `devices/${device.id}/events/deposit`, payload: '{"eventId": "x1", ', code: 'MALFORMED_JSON' },
    { name: 'missing eventId', topic: `devices/${device.id}/events/swipe`, payload: JSON.stringify({ ts: 1, card: 'ABCD1234' }), code: 'SCHEMA_VIOLATION' },
    { name: 'grams as a string', topic: `devices/${device.id}/events/deposit`, payload: JSON.stringify(ev({ sessionId: 's1', lines: [{ category: 'paper', grams: '200' }] })), code: 'SCHEMA_VIOLATION' },
    { name: 'unknown category', topic: `devices/${device.id}/events/deposit`, payload: JSON.stringify(ev({ sessionId: 's1', lines: [{ category: 'gold', grams: 200 }] })), code: 'SCHEMA_VIOLATION' },
    { name: 'deposit without a session', topic: `devices/${device.id}/events/deposit`, payload: JSON.stringify(ev({ sessionId: 'ses_never', lines: [{ category: 'paper', grams: 200 }] })), code: 'SESSION_UNKNOWN' },
    { name: 'door for an unknown session', topic: `devices/${device.id}/events/door`, payload: JSON.stringify(ev({ sessionId: 'ses_never', state: 'opened' })), code: 'SESSION_UNKNOWN' },
    { name: 'ack for an unknown command', topic: `devices/${device.id}/events/command-ack`, payload: JSON.stringify(ev({ cmdId: 'cmd_never', ok: true })), code: 'COMMAND_UNKNOWN' },
    { name: 'unknown topic under its own prefix', topic: `devices/${device.id}/events/teleport`, payload: JSON.stringify(ev({})), code: 'UNKNOWN_TOPIC' },
    { name: 'foreign topic', topic: 'devices/someone-else/events/deposit', payload: JSON.stringify(ev({ sessionId: 's', lines: [] })), code: 'FORBIDDEN_TOPIC' },
    { name: 'status with a wrong type', topic: `devices/${device.id}/status`, payload: JSON.stringify({ online: 'yes' }), code: 'SCHEMA_VIOLATION' },
    { name: 'oversize payload', topic: `devices/${device.id}/events/swipe`, payload: JSON.stringify(ev({ card: 'ABCD1234', pad: 'x'.repeat(20_000) })), code: 'PAYLOAD_TOO_LARGE' }
  ]
  for (const c of cases) {
    const before = kiosk.received.length
    await kiosk.publishRaw(c.topic, c.payload) // resolves on PUBACK
    const reply = await kiosk.waitFor(m => kiosk.received.indexOf(m) >= before && m.topic === `devices/${device.id}/errors`)
    t.equal(reply.payload.code, c.code, `${c.name}: ${c.code}`)
    t.equal(reply.payload.topic, c.topic, `${c.name}: names the topic`)
    t.ok(kiosk.client.connected, `${c.name}: still connected`)
  }
  const letters = await db.selectFrom('dead_letters').select(['code']).execute()
  t.equal(letters.length, cases.length, 'every one is stored as a dead letter')
  t.equal(Object.values(backend.metrics.deadLettered).reduce((a, b) => a + b, 0), cases.length, 'and counted')
  t.equal(await balanceOf(db, household.id), 0, 'no ledger change')
  t.equal(await db.selectFrom('ledger_entries').select('id').execute().then(r => r.length), 0)
})

t.test('a session takes one deposit; a second one is refused, a replay is ignored', async t => {
  const { db, household, card, kiosk } = await setup(t)
  const sessionId = await openSession(kiosk, card.uid)
  const first = ev({ sessionId, lines: [{ category: 'metal', grams: 1000 }] })
  await kiosk.publishJson('events/deposit', first)
  await kiosk.publishJson('events/deposit', first)
  await kiosk.publishJson('events/deposit', ev({ sessionId, lines: [{ category: 'metal', grams: 1000 }] }))
  const error = await kiosk.waitFor(m => m.payload.code === 'SESSION_CLOSED')
  t.ok(error, 'second deposit in one session is dead-lettered as SESSION_CLOSED')
  t.equal(await balanceOf(db, household.id), 80)
})

t.test('an eventId reused for a different event is refused, not taken for a replay', async t => {
  const { db, household, card, kiosk } = await setup(t)
  const sessionId = await openSession(kiosk, card.uid)
  const deposit = ev({ sessionId, lines: [{ category: 'metal', grams: 1000 }] })
  await kiosk.publishJson('events/deposit', deposit)
  const sessionId2 = await openSession(kiosk, card.uid)
  await kiosk.publishJson('events/deposit', { ...deposit, sessionId: sessionId2, lines: [{ category: 'metal', grams: 3000 }] })
  const error = await kiosk.waitFor(m => m.payload.code === 'EVENT_ID_REUSED')
  t.equal(error.payload.eventId, deposit.eventId)
  t.equal(await balanceOf(db, household.id), 80, 'only the first deposit counted')
})

t.test('a session of another kiosk cannot be used', async t => {
  const { backend, db, site, household, card, kiosk } = await setup(t)
  const sessionId = await openSession(kiosk, card.uid)
  const second = await aKiosk(db, site.id)
  const other = await connectDevice(t, backend.mqttUrl, second.device.id, second.secret)
  await other.publishJson('events/deposit', ev({ sessionId, lines: [{ category: 'metal', grams: 1000 }] }))
  t.equal((await other.waitFor(m => m.topic.endsWith('/errors'))).payload.code, 'SESSION_UNKNOWN')
  t.equal(await balanceOf(db, household.id), 0)
})

t.test('implausible weights go to the review queue, not the balance', async t => {
  const { db, household, card, kiosk } = await setup(t)
  for (const lines of [[{ category: 'paper', grams: 0 }], [{ category: 'plastic', grams: -40 }], [{ category: 'glass', grams: 900_000 }]]) {
    const sessionId = await openSession(kiosk, card.uid)
    const deposit = ev({ sessionId, lines })
    await kiosk.publishJson('events/deposit', deposit)
    const display = await kiosk.waitFor(m => m.payload.depositEventId === deposit.eventId)
    t.match(display.payload, { type: 'display', outcome: 'review', pointsEarned: 0 }, JSON.stringify(lines))
  }
  const items = await db.selectFrom('review_items').selectAll().where('household_id', '=', household.id).execute()
  t.equal(items.length, 3)
  t.ok(items.every(i => i.status === 'pending'))
  t.equal(await balanceOf(db, household.id), 0)
})

t.test('daily cap limits what one household earns per day', async t => {
  const { db, household, card, kiosk } = await setup(t)
  // default cap 2000 points/day; metal earns 80 per kg: 20 kg = 1600 points a visit
  const earned: number[] = []
  for (let i = 0; i < 3; i++) {
    const sessionId = await openSession(kiosk, card.uid)
    const deposit = ev({ sessionId, lines: [{ category: 'metal', grams: 20_000 }] })
    await kiosk.publishJson('events/deposit', deposit)
    const display = await kiosk.waitFor(m => m.payload.depositEventId === deposit.eventId)
    earned.push(display.payload.pointsEarned as number)
    if (i > 0) t.equal(display.payload.outcome, 'capped')
  }
  t.same(earned, [1600, 400, 0])
  t.equal(await balanceOf(db, household.id), 2000)
  t.same(await ledgerInvariantViolations(db), [])
})

t.test('wrong credentials, foreign client ids and foreign subscriptions are refused', async t => {
  const { backend, db, site, device, secret, kiosk } = await setup(t)
  const tryConnect = (opts: mqtt.IClientOptions) => mqtt.connectAsync(backend.mqttUrl, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000, ...opts })
    .then(async c => { await c.endAsync(true); return 'connected' }, (err: Error) => err.message)

  t.match(await tryConnect({ clientId: device.id, username: device.id, password: 'wrong-secret' }), /Bad username or password/, 'wrong secret')
  t.match(await tryConnect({ clientId: 'ghost-1', username: 'ghost-1', password: 'x' }), /Bad username or password/, 'unknown device')
  t.match(await tryConnect({ clientId: device.id }), /Bad username or password/, 'no credentials')
  const other = await aKiosk(db, site.id)
  t.match(await tryConnect({ clientId: device.id, username: other.device.id, password: other.secret }), /Identifier rejected/, 'another device cannot take over this client id')
  t.ok(kiosk.client.connected, 'the real kiosk keeps its connection')
  await db.updateTable('devices').set({ status: 'disabled' }).where('id', '=', other.device.id).execute()
  t.match(await tryConnect({ clientId: other.device.id, username: other.device.id, password: other.secret }), /Not authorized/, 'disabled device')
  t.ok(backend.metrics.authFailures >= 5)

  await t.rejects(kiosk.client.subscribeAsync('devices/someone-else/commands', { qos: 1 }), /Subscribe error/, 'subscription outside its prefix gets SUBACK failure (0x80)')
  await t.rejects(kiosk.client.subscribeAsync('#', { qos: 1 }), /Subscribe error/, 'and so does #')
  t.ok(kiosk.client.connected, 'the connection stays up')
  t.ok(secret.length >= 32, 'secrets are long random strings')
})
