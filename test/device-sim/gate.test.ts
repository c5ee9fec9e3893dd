// The simulated gate against the real backend (real broker, both stores):
// it converges on the list and the clock, is answered online, decides alone
// from its list while offline (its own pass verifier, written from the doc),
// replays those decisions once reconnected (each logged once, pass uses
// counted centrally), and stops opening for a blocked card once the delta
// arrives (waited for by condition).
import t from 'tap'
import { SimGate } from '../../device-sim/gate.ts'
import { listAccess } from '../../services/gate/access-log.ts'
import { issueVisitorPass } from '../../services/gate/pass-issuing.ts'
import { putSchedule, setCardSchedule } from '../../services/gate/gate-repository.ts'
import { setCardStatus } from '../../services/households/card-registry.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'

await eachBackendStore(t, 'a simulated gate online, offline and back', async (t, store) => {
  const backend = await startBackendOn(t, store, { GATE_SYNC_POLL_MS: 50 })
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id)
  const resident = await aHouseholdWithCard(db, site.id)
  const neighbour = await aHouseholdWithCard(db, site.id)
  const clerk = { id: 'st-1', username: 'clerk', name: 'Clerk', role: 'counter' as const, siteId: site.id }
  const { pass, qr } = await issueVisitorPass(db, clerk, site.id, { gates: [device.id], validFromMs: Date.now() - 1000, validUntilMs: Date.now() + 3_600_000, maxUses: 3 })

  const gate = new SimGate({ mqttUrl: backend.mqttUrl, deviceId: device.id, siteId: site.id, secret, clockDriftMs: -86_400_000 })
  t.teardown(() => gate.close())
  t.ok(gate.now() < Date.now() - 3_600_000, 'the gate\'s clock starts a day behind')
  await gate.start()
  await waitUntil(() => gate.listVersion > 0 && gate.clockSynced, 'the gate holds a list and a synced clock')
  t.ok(Math.abs(gate.now() - Date.now()) < 5000, 'synced by the backend')

  t.match(await gate.present({ kind: 'card', card: resident.card.uid }, 'in'), { decidedBy: 'backend', result: 'allow' })
  t.match(await gate.present({ kind: 'card', card: 'NOPE0001' }, 'in'), { decidedBy: 'backend', result: 'deny', reason: 'CARD_UNKNOWN' })
  t.match(await gate.present({ kind: 'pass', qr }, 'in'), { decidedBy: 'backend', result: 'allow' })

  await waitUntil(() => gate.pendingEvents === 0, 'the acks of the online answers are out')
  await gate.goOffline()
  const offline = [
    await gate.present({ kind: 'card', card: neighbour.card.uid }, 'in'),
    await gate.present({ kind: 'card', card: 'NOPE0002' }, 'in'),
    await gate.present({ kind: 'pass', qr }, 'in')
  ]
  t.match(offline, [
    { decidedBy: 'gate', result: 'allow' },
    { decidedBy: 'gate', result: 'deny', reason: 'NOT_IN_ALLOW_LIST' },
    { decidedBy: 'gate', result: 'allow' }
  ], 'decided alone from the list and the pass verifier')
  t.equal(gate.pendingEvents, 3, 'buffered')
  await gate.goOnline()
  await waitUntil(() => gate.online && gate.pendingEvents === 0, 'the buffer is replayed')

  const logged = await listAccess(db, { gateId: device.id, mode: 'offline' }, 10)
  t.same(logged.rows.map(r => r.event_id).sort(), offline.map(o => o.eventId).sort(), 'each offline decision logged once')
  t.equal((await db.selectFrom('visitor_passes').select('uses').where('id', '=', pass.id).executeTakeFirstOrThrow()).uses, 2, 'one online and one offline use, counted centrally')

  // the resident loses the card: the gate's next list drops it, and offline it no longer opens
  const before = gate.listVersion
  await setCardStatus(db, resident.card.uid, 'lost')
  await waitUntil(() => gate.listVersion > before, 'the gate applied the delta')
  t.equal(gate.stats.listsRefused, 0, 'the delta fitted the list the gate held')
  await gate.goOffline()
  t.match(await gate.present({ kind: 'card', card: resident.card.uid }, 'out'), { decidedBy: 'gate', result: 'deny', reason: 'NOT_IN_ALLOW_LIST' })
  await gate.goOnline()
  await waitUntil(() => gate.online && gate.pendingEvents === 0, 'the buffer is replayed')
})

await eachBackendStore(t, 'a gate rebooted while offline keeps its list but trusts no time until synced', async (t, store) => {
  const backend = await startBackendOn(t, store, { GATE_SYNC_POLL_MS: 50 })
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id)
  const resident = await aHouseholdWithCard(db, site.id)
  const contractor = await aHouseholdWithCard(db, site.id)
  await putSchedule(db, site.id, { id: 'always', weekdays: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(d => [d, [{ from: '00:00', to: '24:00' }]])), holidays: [{ from: '00:00', to: '24:00' }], dateRanges: [], freeExit: false })
  await setCardSchedule(db, contractor.card.uid, 'always')
  const clerk = { id: 'st-1', username: 'clerk', name: 'Clerk', role: 'counter' as const, siteId: site.id }
  const { qr } = await issueVisitorPass(db, clerk, site.id, { gates: [device.id], validFromMs: Date.now() - 1000, validUntilMs: Date.now() + 3_600_000, maxUses: 3 })

  const gate = new SimGate({ mqttUrl: backend.mqttUrl, deviceId: device.id, siteId: site.id, secret })
  t.teardown(() => gate.close())
  await gate.start()
  await waitUntil(async () => gate.listVersion > 0 && gate.clockSynced && gate.pendingEvents === 0 &&
    (await db.selectFrom('gates').select('list_acked_version').where('device_id', '=', device.id).executeTakeFirstOrThrow()).list_acked_version === gate.listVersion,
  'the gate holds the current list, acked')
  t.match(await gate.present({ kind: 'card', card: contractor.card.uid }, 'in'), { decidedBy: 'backend', result: 'allow' }, 'online the backend\'s clock decides')

  await gate.rebootOffline(-86_400_000)
  t.notOk(gate.clockSynced)
  t.match(await gate.present({ kind: 'card', card: resident.card.uid }, 'in'), { decidedBy: 'gate', result: 'allow' }, 'a card without a time limit still opens')
  t.match(await gate.present({ kind: 'card', card: contractor.card.uid }, 'in'), { decidedBy: 'gate', result: 'deny', reason: 'CLOCK_UNTRUSTED' }, 'a scheduled card does not')
  t.match(await gate.present({ kind: 'pass', qr }, 'in'), { decidedBy: 'gate', result: 'deny', reason: 'CLOCK_UNTRUSTED' }, 'nor does a visitor pass')
  await gate.goOnline()
  await waitUntil(() => gate.online && gate.clockSynced && gate.pendingEvents === 0, 'synced again and the buffer replayed')
  const { rows } = await listAccess(db, { gateId: device.id, mode: 'offline' }, 10)
  t.same(rows.map(r => [r.decision, r.reason, r.clock_synced]).sort(), [['allow', null, 0], ['deny', 'CLOCK_UNTRUSTED', 0], ['deny', 'CLOCK_UNTRUSTED', 0]].sort(), 'logged with the gate\'s unsynced clock')
  t.match(await gate.present({ kind: 'pass', qr }, 'in'), { decidedBy: 'backend', result: 'allow' }, 'back online, the pass opens')
})

await eachBackendStore(t, 'a simulated gate whose answer comes too late: its decision names the request and takes its place', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id)
  const clerk = { id: 'st-1', siteId: site.id }
  const { pass, qr } = await issueVisitorPass(db, clerk, site.id, { gates: [device.id], validFromMs: Date.now() - 1000, validUntilMs: Date.now() + 3_600_000, maxUses: 3 })
  // no backend answers within a millisecond: the gate always decides alone, after asking
  const gate = new SimGate({ mqttUrl: backend.mqttUrl, deviceId: device.id, siteId: site.id, secret, answerTimeoutMs: 1 })
  t.teardown(() => gate.close())
  await gate.start()
  await waitUntil(() => gate.listVersion > 0 && gate.clockSynced, 'the gate holds a list and a synced clock')

  const visit = await gate.present({ kind: 'pass', qr }, 'in')
  t.match(visit, { decidedBy: 'gate', result: 'allow' })
  await waitUntil(() => gate.pendingEvents === 0, 'the request and the decision are out')
  const rows = await db.selectFrom('access_log').select(['event_id', 'mode', 'request_event_id']).where('gate_id', '=', device.id).execute()
  t.equal(rows.length, 1, 'one row for the visit')
  t.match(rows[0], { event_id: visit.eventId, mode: 'offline' })
  const request = await db.selectFrom('device_events').select('event_id').where('device_id', '=', device.id).where('type', '=', 'access-request').executeTakeFirstOrThrow()
  t.equal(rows[0]?.request_event_id, request.event_id, 'naming the request it replaced')
  t.equal((await db.selectFrom('visitor_passes').select('uses').where('id', '=', pass.id).executeTakeFirstOrThrow()).uses, 1, 'one use')
})
