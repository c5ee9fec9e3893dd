// Gates through the real broker over real sockets, on both stores: online
// decisions by card (allow, each deny reason, schedule, direction,
// anti-passback), commands recorded and acked, the access log written once
// per event (replays enter once), offline decisions replayed by the gate.
import t from 'tap'
import { listAccess } from '../../services/gate/access-log.ts'
import { putSchedule, setCardSchedule } from '../../services/gate/gate-repository.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { aGate, aZone } from '../fixtures/gate-builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

let seq = 0
const ev = (extra: Record<string, unknown>) => ({ eventId: `g${++seq}`, ts: Date.now(), reader: 0, direction: 'in', ...extra })
const card = (uid: string) => ({ kind: 'card', card: uid })

await eachBackendStore(t, 'a card opens the gate; the open is acked and logged once', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id, { releaseMs: 4000 })
  const { household, card: resident } = await aHouseholdWithCard(db, site.id)
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)

  const request = ev({ credential: card(resident.uid), reader: 1 })
  await gate.publishJson('events/access-request', request)
  const open = await gate.waitFor(m => m.payload.requestEventId === request.eventId)
  t.equal(open.topic, `devices/${device.id}/commands`)
  t.match(open.payload, { type: 'gate-open', reader: 1, releaseMs: 4000 })
  t.ok((open.payload.expiresAtMs as number) > (open.payload.ts as number), 'the open expires')
  await gate.publishJson('events/command-ack', { eventId: `g${++seq}`, ts: Date.now(), cmdId: open.payload.cmdId, ok: true })
  const command = await db.selectFrom('commands').selectAll().where('cmd_id', '=', open.payload.cmdId as string).executeTakeFirstOrThrow()
  t.equal(command.status, 'acked', 'the gate-open is recorded and acked')

  // the gate missed the PUBACK and sends again: one log row
  await gate.publishJson('events/access-request', request)
  await gate.publishJson('events/access-request', request)
  const { rows } = await listAccess(db, { gateId: device.id }, 10)
  t.equal(rows.length, 1, 'replays enter the log once')
  t.match(rows[0], { site_id: site.id, gate_id: device.id, event_id: request.eventId, mode: 'online', credential_kind: 'card', card_uid: resident.uid, household_id: household.id, direction: 'in', reader: 1, decision: 'allow', reason: null })
  t.equal(backend.metrics.eventsReplayed, 2)
})

await eachBackendStore(t, 'denies carry the reason: card, site, direction, schedule', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const other = await aSite(db)
  const { device, secret } = await aGate(db, site.id, { directions: ['in'] })
  const lost = await aHouseholdWithCard(db, site.id)
  await db.updateTable('cards').set({ status: 'lost' }).where('uid', '=', lost.card.uid).execute()
  const blocked = await aHouseholdWithCard(db, site.id)
  await db.updateTable('cards').set({ status: 'blocked' }).where('uid', '=', blocked.card.uid).execute()
  const foreign = await aHouseholdWithCard(db, other.id)
  const resident = await aHouseholdWithCard(db, site.id)
  const contractor = await aHouseholdWithCard(db, site.id)
  const pastContract = await aHouseholdWithCard(db, site.id)
  await putSchedule(db, site.id, { id: 'never', weekdays: {}, holidays: [], dateRanges: [], freeExit: false })
  await putSchedule(db, site.id, { id: 'expired', weekdays: { mon: [{ from: '00:00', to: '24:00' }] }, holidays: [], dateRanges: [{ from: '2020-01-01', until: '2020-01-31' }], freeExit: false })
  await setCardSchedule(db, contractor.card.uid, 'never')
  await setCardSchedule(db, pastContract.card.uid, 'expired')
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)

  const cases = [
    [ev({ credential: card('NOPE0001') }), 'CARD_UNKNOWN'],
    [ev({ credential: card(lost.card.uid) }), 'CARD_LOST'],
    [ev({ credential: card(blocked.card.uid) }), 'CARD_BLOCKED'],
    [ev({ credential: card(foreign.card.uid) }), 'CARD_WRONG_SITE'],
    [ev({ credential: card(resident.card.uid), direction: 'out' }), 'DIRECTION_NOT_SERVED'],
    [ev({ credential: card(contractor.card.uid) }), 'OUTSIDE_SCHEDULE'],
    [ev({ credential: card(pastContract.card.uid) }), 'OUTSIDE_DATE_RANGE']
  ] as const
  for (const [request, reason] of cases) {
    await gate.publishJson('events/access-request', request)
    const deny = await gate.waitFor(m => m.payload.requestEventId === request.eventId)
    t.match(deny.payload, { type: 'gate-deny', reason }, reason)
    t.type(deny.payload.message, 'string')
  }
  const { rows } = await listAccess(db, { gateId: device.id, decision: 'deny' }, 20)
  t.same(rows.map(r => r.reason).sort(), cases.map(c => c[1]).sort(), 'each deny is logged with its reason')
  const allowed = ev({ credential: card(resident.card.uid) })
  await gate.publishJson('events/access-request', allowed)
  t.match((await gate.waitFor(m => m.payload.requestEventId === allowed.eventId)).payload, { type: 'gate-open' }, 'the resident without a schedule goes in')
})

await eachBackendStore(t, 'anti-passback per zone: hard denies, soft flags, across the zone\'s gates', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const hardZone = await aZone(db, site.id, 'hard')
  const softZone = await aZone(db, site.id, 'soft')
  const north = await aGate(db, site.id, { zoneId: hardZone })
  const south = await aGate(db, site.id, { zoneId: hardZone })
  const east = await aGate(db, site.id, { zoneId: softZone })
  const { card: resident } = await aHouseholdWithCard(db, site.id)
  const northGate = await connectDevice(t, backend.mqttUrl, north.device.id, north.secret)
  const southGate = await connectDevice(t, backend.mqttUrl, south.device.id, south.secret)
  const eastGate = await connectDevice(t, backend.mqttUrl, east.device.id, east.secret)
  const answer = async (gate: typeof northGate, direction: string) => {
    const request = ev({ credential: card(resident.uid), direction })
    await gate.publishJson('events/access-request', request)
    return (await gate.waitFor(m => m.payload.requestEventId === request.eventId)).payload
  }

  t.match(await answer(northGate, 'in'), { type: 'gate-open' }, 'in at north')
  t.match(await answer(southGate, 'in'), { type: 'gate-deny', reason: 'ANTI_PASSBACK' }, 'in again at south: the card was handed back')
  t.match(await answer(southGate, 'out'), { type: 'gate-open' }, 'out at south')
  t.match(await answer(northGate, 'in'), { type: 'gate-open' }, 'in again after going out')

  t.match(await answer(eastGate, 'in'), { type: 'gate-open' }, 'soft zone: in')
  t.match(await answer(eastGate, 'in'), { type: 'gate-open' }, 'soft zone: in again is let through')
  const { rows } = await listAccess(db, { gateId: east.device.id }, 10)
  t.same(rows.map(r => JSON.parse(r.flags) as string[]), [['ANTI_PASSBACK'], []], 'and flagged for staff')
})

await eachBackendStore(t, 'offline decisions replayed by the gate enter the log once, with the gate\'s time, marked offline', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const zone = await aZone(db, site.id, 'hard')
  const { device, secret } = await aGate(db, site.id, { zoneId: zone })
  const { household, card: resident } = await aHouseholdWithCard(db, site.id)
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const hourAgo = Date.now() - 3_600_000

  const wentIn = ev({ ts: hourAgo, credential: card(resident.uid), decision: { result: 'allow' }, allowListVersion: 7, clockSynced: true })
  const denied = ev({ ts: hourAgo + 1000, credential: card('NOPE0002'), decision: { result: 'deny', reason: 'NOT_IN_ALLOW_LIST' }, allowListVersion: 7, clockSynced: false })
  for (const e of [wentIn, denied, wentIn, denied]) await gate.publishJson('events/offline-decision', e)
  const { rows } = await listAccess(db, { gateId: device.id, mode: 'offline' }, 10)
  t.equal(rows.length, 2, 'each replayed decision once')
  t.match(rows, [
    { event_id: denied.eventId, at_ms: hourAgo + 1000, decision: 'deny', reason: 'NOT_IN_ALLOW_LIST', clock_synced: 0, allow_list_version: 7, card_uid: 'NOPE0002', household_id: null },
    { event_id: wentIn.eventId, at_ms: hourAgo, decision: 'allow', clock_synced: 1, household_id: household.id }
  ])
  t.equal(gate.received.filter(m => m.payload.requestEventId != null).length, 0, 'an offline decision needs no answer')

  // the offline passage counts for anti-passback: in again online is refused
  const again = ev({ credential: card(resident.uid) })
  await gate.publishJson('events/access-request', again)
  t.match((await gate.waitFor(m => m.payload.requestEventId === again.eventId)).payload, { reason: 'ANTI_PASSBACK' })
})

t.test('a kiosk sending a gate event, and a malformed gate event, are dead-lettered with the reason', async t => {
  const backend = await startBackendOn(t, 'sqlite')
  const { db } = backend.store
  const site = await aSite(db)
  const kiosk = await aKiosk(db, site.id)
  const { device, secret } = await aGate(db, site.id)
  const kioskClient = await connectDevice(t, backend.mqttUrl, kiosk.device.id, kiosk.secret)
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)

  await kioskClient.publishJson('events/access-request', ev({ credential: card('CARD0001') }))
  t.equal((await kioskClient.waitFor(m => m.topic.endsWith('/errors'))).payload.code, 'UNKNOWN_TOPIC')
  await gate.publishJson('events/access-request', ev({ credential: { kind: 'card' } }))
  t.equal((await gate.waitFor(m => m.topic.endsWith('/errors'))).payload.code, 'SCHEMA_VIOLATION')
  await gate.publishJson('events/swipe', { eventId: 'x1', ts: Date.now(), card: 'CARD0001' })
  t.equal((await gate.waitFor(m => m.topic.endsWith('/errors') && m.payload.eventId === 'x1')).payload.code, 'UNKNOWN_TOPIC', 'a gate does not swipe like a kiosk')
  t.equal((await listAccess(db, {}, 10)).rows.length, 0, 'nothing logged')
})
