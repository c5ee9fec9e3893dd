// The kiosk flow through the real broker over real sockets into a real SQLite file.
import t from 'tap'
import { balanceOf, historyOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startKioskScene, startTestBackend } from '../helpers/backend.ts'

let seq = 0
const ev = (extra: Record<string, unknown>) => ({ eventId: `e${++seq}`, ts: Date.now(), ...extra })

t.test('swipe → open → deposit → points → display', async t => {
  const { backend, db, device, household, card, kiosk } = await startKioskScene(t)

  const swipe = ev({ card: card.uid })
  await kiosk.publishJson('events/swipe', swipe)
  const open = await kiosk.waitFor(m => m.payload.type === 'open')
  t.equal(open.topic, `devices/${device.id}/commands`)
  t.equal(open.payload.swipeEventId, swipe.eventId)
  const sessionId = open.payload.sessionId as string
  await kiosk.publishJson('events/command-ack', ev({ cmdId: open.payload.cmdId, ok: true }))

  await kiosk.publishJson('events/door', ev({ sessionId, state: 'opened' }))
  const deposit = ev({ sessionId, lines: [{ category: 'paper', grams: 2500 }, { category: 'plastic', grams: 1234 }, { category: 'hazardous', grams: 60, count: 2 }, { category: 'other', grams: 900 }] })
  await kiosk.publishJson('events/deposit', deposit)
  // PUBACK arrived: the credit is durable now, before any reply
  const expected = 100 + 74 + 100 + 0
  t.equal(await balanceOf(db, household.id), expected, 'points credited by the default rate table')
  const display = await kiosk.waitFor(m => m.payload.type === 'display')
  t.match(display.payload, { depositEventId: deposit.eventId, pointsEarned: expected, balancePoints: expected, outcome: 'credited' })
  await kiosk.publishJson('events/door', ev({ sessionId, state: 'closed' }))

  const command = await db.selectFrom('commands').selectAll().where('cmd_id', '=', open.payload.cmdId as string).executeTakeFirstOrThrow()
  t.equal(command.status, 'acked', 'the open command is recorded as acked')
  const history = await historyOf(db, household.id, { limit: 10 })
  t.same(history.entries.map(e => [e.kind, e.points]), [['earn', expected]])
  t.same(await ledgerInvariantViolations(db), [])

  // a replay of the deposit (device lost the PUBACK) is acknowledged and not counted again
  await kiosk.publishJson('events/deposit', deposit)
  await kiosk.publishJson('events/deposit', deposit)
  t.equal(await balanceOf(db, household.id), expected, 'replayed eventId counted once')
  t.equal(backend.metrics.eventsReplayed, 2)
})

t.test('unknown, lost and foreign cards are denied with a reason', async t => {
  const backend = await startTestBackend(t)
  const { db } = backend.store
  const site = await aSite(db)
  const other = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const lost = await aHouseholdWithCard(db, site.id)
  await db.updateTable('cards').set({ status: 'lost' }).where('uid', '=', lost.card.uid).execute()
  const foreign = await aHouseholdWithCard(db, other.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)

  for (const [cardUid, reason] of [['NOPE1234', 'CARD_UNKNOWN'], [lost.card.uid, 'CARD_LOST'], [foreign.card.uid, 'CARD_WRONG_SITE']] as const) {
    const swipe = ev({ card: cardUid })
    await kiosk.publishJson('events/swipe', swipe)
    const deny = await kiosk.waitFor(m => m.payload.swipeEventId === swipe.eventId)
    t.match(deny.payload, { type: 'deny', reason }, reason)
  }
  t.equal(await db.selectFrom('kiosk_sessions').select('id').execute().then(r => r.length), 0, 'no session opened')
})

t.test('MQTT over WebSocket runs the same flow', async t => {
  const backend = await startTestBackend(t, { MQTT_WS_PORT: 0 })
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { card } = await aHouseholdWithCard(db, site.id)
  t.ok(backend.mqttWsUrl, 'WebSocket listener is on')
  const kiosk = await connectDevice(t, backend.mqttWsUrl ?? '', device.id, secret)
  const swipe = ev({ card: card.uid })
  await kiosk.publishJson('events/swipe', swipe)
  t.match((await kiosk.waitFor(m => m.payload.swipeEventId === swipe.eventId)).payload, { type: 'open' })
})
