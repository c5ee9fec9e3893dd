// Scan-to-charge from a resident's phone, end to end on both stores: the
// pile (real MQTT) gets the start, the session is paid from the household's
// points; the Idempotency-Key makes a retried start (one after the other, or
// two at once) start nothing more, and a different body under the same key is
// refused; another household cannot stop or see it. The staff route takes the
// same header the same way.
import t from 'tap'
import { SimCharger } from '../../device-sim/charger.ts'
import { appendEntry, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aCharger, aChargingTariff, onEachBackendStore, pileSays, startChargingScene } from '../fixtures/charging-scene.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { aResident, fetchSend } from '../helpers/resident-api.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const t0 = Date.UTC(2026, 2, 4, 20, 0)
const min = (n: number) => t0 + n * 60_000

await onEachBackendStore(t, 'a resident starts, stops and pays a charge from the phone', async (t, overrides) => {
  const s = await startChargingScene(t, overrides)
  const send = fetchSend(s.backend.httpUrl)
  const clerk = await createStaff(s.db, { username: `c${process.pid}rc`, name: 'Clerk', role: 'counter', siteId: s.site.id })
  const me = await aResident(send, clerk.token, s.household.id)
  const neighbour = await aResident(send, clerk.token, (await aHouseholdWithCard(s.db, s.site.id)).household.id)
  const start = (body: Record<string, unknown>, key?: string, token = me.token) =>
    send('POST', '/resident/charging/sessions', { token, body, ...(key != null ? { headers: { 'idempotency-key': key } } : {}) })
  const sessionCount = async () => (await s.db.selectFrom('charging_sessions').select('id').execute()).length

  t.match(await start({ deviceId: s.device.id, port: 1 }), { status: 400, json: { error: { code: 'IDEMPOTENCY_KEY_REQUIRED' } } }, 'no Idempotency-Key')
  t.match(await start({ deviceId: s.device.id, port: 1, householdId: neighbour.householdId }, 'k0'), { status: 400, json: { error: { code: 'VALIDATION_FAILED' } } }, 'a resident cannot name another household')
  const elsewhere = await aCharger(s.db, (await aSite(s.db)).id)
  t.match(await start({ deviceId: elsewhere.device.id, port: 1 }, 'k0'), { status: 403 }, 'a pile of another site')
  t.equal(await sessionCount(), 0, 'refusals start nothing')

  const first = await start({ deviceId: s.device.id, port: 1, holdPoints: 300 }, 'k1')
  t.match(first, { status: 201, json: { delivered: true, session: { status: 'starting', port: 1, startedBy: 'scan', staffId: null, householdId: s.household.id, holdPoints: 300 } } })
  const sessionId = first.json.session.id as string
  const startCmd = (await s.pile.waitFor(m => m.payload.type === 'start-charging')).payload
  t.match(startCmd, { sessionId, port: 1, holdPoints: 300, cmdId: first.json.cmdId }, 'the pile gets the start over MQTT')
  const again = await start({ deviceId: s.device.id, port: 1, holdPoints: 300 }, 'k1')
  t.match(again, { status: 201, headers: { 'idempotent-replayed': 'true' }, json: { session: { id: sessionId }, cmdId: first.json.cmdId } }, 'a retry gets the same answer')
  t.match(await start({ deviceId: s.device.id, port: 2, holdPoints: 300 }, 'k1'), { status: 422, json: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } }, 'the same key for another start')
  t.equal(await sessionCount(), 1, 'nothing started twice')
  t.match(await send('GET', '/resident/me', { token: me.token }), { json: { household: { balancePoints: 1000, heldPoints: 300, availablePoints: 700 } } }, 'the phone shows what is held')
  t.equal(await s.db.selectFrom('resident_charging_sessions').select('resident_id').where('session_id', '=', sessionId).executeTakeFirst().then(r => r?.resident_id), me.id, 'the session is attributed to the resident')

  // two overlapping retries with one new key, on separate connections: one session
  const [a, b] = await Promise.all([start({ deviceId: s.device.id, port: 2, holdPoints: 100 }, 'k2'), start({ deviceId: s.device.id, port: 2, holdPoints: 100 }, 'k2')])
  t.same([a.status, b.status], [201, 201], 'both answered as one start')
  t.equal(a.json.session.id, b.json.session.id, 'with the same session')
  t.equal(await sessionCount(), 2)

  // another household can neither stop nor see it
  t.match(await send('POST', `/resident/charging/sessions/${sessionId}/stop`, { token: neighbour.token }), { status: 404, json: { error: { code: 'CHARGING_SESSION_UNKNOWN' } } })
  t.same((await send('GET', '/resident/charging/sessions', { token: neighbour.token })).json.sessions, [])

  const say = pileSays(s.pile, s.eventId)
  await say('command-ack', { ts: min(0), cmdId: startCmd.cmdId, ok: true })
  await say('charging-started', { ts: min(0), sessionId, port: 1, seq: 0 })
  await say('charging-meter', { ts: min(30), sessionId, port: 1, seq: 1, energyWh: 150, powerW: 290, voltageV: 54.4 })
  t.match(await send('POST', `/resident/charging/sessions/${sessionId}/stop`, { token: me.token }), { status: 202, json: { stopSent: true } }, 'stopped from the phone')
  t.match((await s.pile.waitFor(m => m.payload.type === 'stop-charging')).payload, { sessionId, port: 1, reason: 'USER' })
  await say('charging-stopped', { ts: min(45), sessionId, port: 1, seq: 2, reason: 'USER', energyWh: 220 })

  const history = await send('GET', '/resident/charging/sessions', { token: me.token })
  t.match(history.json.sessions.find((x: { id: string }) => x.id === sessionId), { status: 'stopped', costPoints: 90, chargedPoints: 90, endReason: 'USER' }, '45 minutes at 120 points/hour')
  t.match(await send('GET', '/resident/me', { token: me.token }), { json: { household: { balancePoints: 910, heldPoints: 100 } } }, 'paid from the household\'s points; the port-2 session still holds its points')
})

await onEachBackendStore(t, 'the staff scan-to-charge route takes an Idempotency-Key the same way', async (t, overrides) => {
  const s = await startChargingScene(t, overrides)
  const send = fetchSend(s.backend.httpUrl)
  const clerk = await createStaff(s.db, { username: `c${process.pid}sc`, name: 'Clerk', role: 'counter', siteId: s.site.id })
  const start = (body: Record<string, unknown>, key?: string) => send('POST', '/charging/sessions', { token: clerk.token, body, ...(key != null ? { headers: { 'idempotency-key': key } } : {}) })
  const body = { deviceId: s.device.id, port: 1, cardUid: s.card.uid }

  t.match(await start(body), { status: 400, json: { error: { code: 'IDEMPOTENCY_KEY_REQUIRED' } } })
  const first = await start(body, 'staff-1')
  t.match(first, { status: 201, json: { delivered: true, session: { staffId: clerk.staff.id } } })
  t.match(await start(body, 'staff-1'), { status: 201, headers: { 'idempotent-replayed': 'true' }, json: { session: { id: first.json.session.id }, cmdId: first.json.cmdId } })
  t.match(await start({ ...body, port: 2 }, 'staff-1'), { status: 422, json: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } })
  t.match(await start(body, 'staff-2'), { status: 409, json: { error: { code: 'PORT_BUSY' } } }, 'a new key is a new start: the port is busy')
  const [a, b] = await Promise.all([start({ ...body, port: 2 }, 'staff-3'), start({ ...body, port: 2 }, 'staff-3')])
  t.same([a.status, b.status, a.json.session.id === b.json.session.id], [201, 201, true], 'two overlapping retries: one session')
  t.equal((await s.db.selectFrom('charging_sessions').select('id').execute()).length, 2)
  t.equal((await s.db.selectFrom('point_holds').select('id').execute()).length, 2, 'held once per session')
})

await onEachBackendStore(t, 'a simulated pile charges an e-bike the resident started from the phone', async (t, overrides) => {
  const backend = await startTestBackend(t, overrides)
  const { db } = backend.store
  const site = await aSite(db)
  const pileDevice = await aCharger(db, site.id)
  await aChargingTariff(db, site.id, { holdDefaultPoints: 1000 })
  const { household } = await aHouseholdWithCard(db, site.id)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 1500, idempotencyKey: `seed:${household.id}`, nowMs: 1 })
  const clerk = await createStaff(db, { username: `c${process.pid}sim`, name: 'Clerk', role: 'counter', siteId: site.id })
  const send = fetchSend(backend.httpUrl)
  const me = await aResident(send, clerk.token, household.id)
  // the pile's clock runs 60,000 times faster: a charge of hours in a fraction of a second, billed by pile time
  const pile = new SimCharger({ mqttUrl: backend.mqttUrl, deviceId: pileDevice.device.id, secret: pileDevice.secret, deviceStepMs: 5 * 60_000, tickMs: 5 })
  t.teardown(() => pile.close())
  await pile.start()

  const start = () => send('POST', '/resident/charging/sessions', { token: me.token, body: { deviceId: pileDevice.device.id, port: 1 }, headers: { 'idempotency-key': 'bike-1' } })
  const started = await start()
  t.match(started, { status: 201, json: { session: { holdPoints: 1000, startedBy: 'scan' } } })
  const sessionId = started.json.session.id as string
  t.match(await start(), { status: 201, json: { session: { id: sessionId } } }, 'a retry from the phone: the same session')
  await waitUntil(async () => (await db.selectFrom('charging_sessions').select('status').where('id', '=', sessionId).executeTakeFirstOrThrow()).status === 'stopped', 'the session settled', 20_000)
  t.same(pile.commands.filter(c => c.type === 'start-charging').map(c => c.type === 'start-charging' ? c.sessionId : ''), [sessionId], 'the pile carried out one start (the retry\'s re-sent start is de-duplicated by cmdId)')
  const session = await db.selectFrom('charging_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow()
  const charged = session.charged_points ?? -1
  t.ok(charged > 0 && charged <= 1000, `the bike cost ${charged} points`)
  t.equal(session.end_reason, 'FULL', 'charged until full')
  t.match(await send('GET', '/resident/me', { token: me.token }), { json: { household: { balancePoints: 1500 - charged, heldPoints: 0, availablePoints: 1500 - charged } } }, 'paid from the household\'s points, the rest of the hold released')
  t.match((await send('GET', '/resident/charging/sessions', { token: me.token })).json.sessions, [{ id: sessionId, status: 'stopped', chargedPoints: charged }])
  t.same(await ledgerInvariantViolations(db), [], 'the ledger adds up')
})
