// A gate that asked online, got no answer in time and decided alone reports
// that decision with the request's eventId (docs/protocol.md "Offline
// decisions replayed later"). The backend keeps the decision in the request's
// place, whichever arrives first, on both stores over the real broker: a pass
// use is counted once, an online "allow" the gate did not act on leaves no
// passage (hard anti-passback lets the resident in next time), and a request
// arriving after its decision is not decided at all.
import t from 'tap'
import type { Credential, Direction } from '../../schemas/gate.ts'
import { issueVisitorPass } from '../../services/gate/pass-issuing.ts'
import { findPass } from '../../services/gate/pass-repository.ts'
import { setCardStatus } from '../../services/households/card-registry.ts'
import type { Executor } from '../../services/store/executor.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aGate, aZone } from '../fixtures/gate-builders.ts'
import { connectDevice, type TestDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

let seq = 0
const nextId = (what: string) => `${what}-${++seq}`

/** The gate's access request; resolves with the backend's answer (or none) once it is committed. */
async function request (db: Executor, gate: TestDevice, gateId: string, credential: Credential, direction: Direction): Promise<{ eventId: string, answer: string | undefined }> {
  const eventId = nextId('req')
  await gate.publishJson('events/access-request', { eventId, ts: Date.now(), credential, reader: 0, direction })
  // the PUBACK follows the commit: the answer, if any, is recorded
  const command = await db.selectFrom('commands').select('payload').where('device_id', '=', gateId).where('event_id', '=', eventId).executeTakeFirst()
  if (command == null) return { eventId, answer: undefined }
  const body = JSON.parse(command.payload) as { type: string, reason?: string }
  return { eventId, answer: body.type === 'gate-open' ? 'open' : `deny ${body.reason ?? ''}` }
}

/** The gate's offline decision, replacing `requestEventId`. */
async function decideOffline (gate: TestDevice, credential: Credential, direction: Direction, decision: { result: 'allow' } | { result: 'deny', reason: string }, requestEventId: string): Promise<string> {
  const eventId = nextId('off')
  await gate.publishJson('events/offline-decision', { eventId, ts: Date.now(), credential, reader: 0, direction, decision, allowListVersion: 1, clockSynced: true, requestEventId })
  return eventId
}

const logRows = (db: Executor, gateId: string, eventIds: string[]) => db.selectFrom('access_log').select(['event_id', 'mode', 'decision', 'request_event_id'])
  .where('gate_id', '=', gateId).where('event_id', 'in', eventIds).orderBy('seq').execute()
const passage = (db: Executor, zoneId: string, uid: string) => db.selectFrom('gate_passages').select(['direction', 'at_ms'])
  .where('zone_id', '=', zoneId).where('card_uid', '=', uid).executeTakeFirst()

await eachBackendStore(t, 'an offline decision replacing a late-answered access request: kept once, in its place', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const zoneId = await aZone(db, site.id, 'hard')
  const { device, secret } = await aGate(db, site.id, { zoneId })
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const clerk = { id: 'st-1', siteId: site.id }
  const issue = async (maxUses: number) => (await issueVisitorPass(db, clerk, site.id, { gates: [device.id], validFromMs: Date.now() - 1000, validUntilMs: Date.now() + 3_600_000, maxUses })).qr

  await t.test('a pass, both allowed (the answer was only slow): one use, one row', async t => {
    const qr = await issue(2)
    const pass: Credential = { kind: 'pass', qr }
    const online = await request(db, gate, device.id, pass, 'in')
    t.equal(online.answer, 'open')
    const passId = (await db.selectFrom('visitor_passes').select('id').orderBy('issued_at_ms', 'desc').executeTakeFirstOrThrow()).id
    t.equal((await findPass(db, passId))?.uses, 1)
    // a roll-up of today (as if final) must be counted again without the request's row
    const day = await db.selectFrom('sites').select('timezone').where('id', '=', site.id).executeTakeFirstOrThrow()
    const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: day.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now())
    await db.insertInto('gate_traffic_days').values({ site_id: site.id, local_day: localDay, granted_in: 1, granted_out: 0, remote_opens: 0, denied: 0, offline: 0, visitor_entries: 1 }).execute()
    const offline = await decideOffline(gate, pass, 'in', { result: 'allow' }, online.eventId)
    t.equal((await findPass(db, passId))?.uses, 1, 'the visit spent one use, not two')
    t.same(await logRows(db, device.id, [online.eventId, offline]), [{ event_id: offline, mode: 'offline', decision: 'allow', request_event_id: online.eventId }], 'the decision in the request\'s place')
    // only that day's: the backend's roll-up job may store the site's earlier (final, empty) days meanwhile
    t.same(await db.selectFrom('gate_traffic_days').select('local_day').where('site_id', '=', site.id).where('local_day', '=', localDay).execute(), [], 'the day\'s roll-up is counted again')
  })

  await t.test('a card in a hard zone, allowed online but denied by the gate: no phantom passage', async t => {
    const { card } = await aHouseholdWithCard(db, site.id)
    const resident: Credential = { kind: 'card', card: card.uid }
    const online = await request(db, gate, device.id, resident, 'in')
    t.equal(online.answer, 'open')
    t.equal((await passage(db, zoneId, card.uid))?.direction, 'in', 'the answer recorded a passage')
    const offline = await decideOffline(gate, resident, 'in', { result: 'deny', reason: 'NOT_IN_ALLOW_LIST' }, online.eventId)
    t.equal(await passage(db, zoneId, card.uid), undefined, 'the resident did not pass: no passage')
    t.same((await logRows(db, device.id, [online.eventId, offline])).map(r => [r.event_id, r.decision]), [[offline, 'deny']])
    t.equal((await request(db, gate, device.id, resident, 'in')).answer, 'open', 'the next entry is not refused ANTI_PASSBACK')
  })

  await t.test('the same with an earlier passage: the card\'s last passage is the one before again', async t => {
    const { card } = await aHouseholdWithCard(db, site.id)
    const resident: Credential = { kind: 'card', card: card.uid }
    t.equal((await request(db, gate, device.id, resident, 'in')).answer, 'open')
    t.equal((await request(db, gate, device.id, resident, 'out')).answer, 'open')
    const wentOut = await passage(db, zoneId, card.uid)
    const online = await request(db, gate, device.id, resident, 'in')
    t.equal(online.answer, 'open')
    await decideOffline(gate, resident, 'in', { result: 'deny', reason: 'CLOCK_UNTRUSTED' }, online.eventId)
    t.same(await passage(db, zoneId, card.uid), wentOut, 'back to the exit before')
    t.equal((await request(db, gate, device.id, resident, 'in')).answer, 'open')
  })

  await t.test('denied online, let through by the gate: the gate\'s passage counts', async t => {
    const { card } = await aHouseholdWithCard(db, site.id)
    await setCardStatus(db, card.uid, 'blocked')
    const resident: Credential = { kind: 'card', card: card.uid }
    const online = await request(db, gate, device.id, resident, 'in')
    t.equal(online.answer, 'deny CARD_BLOCKED')
    const offline = await decideOffline(gate, resident, 'in', { result: 'allow' }, online.eventId)
    t.equal((await passage(db, zoneId, card.uid))?.direction, 'in', 'the gate let the card in (its list was older)')
    t.same((await logRows(db, device.id, [online.eventId, offline])).map(r => [r.event_id, r.decision]), [[offline, 'allow']])
  })

  await t.test('the decision first: the request arriving after it is not decided, and gets no answer', async t => {
    const qr = await issue(1)
    const pass: Credential = { kind: 'pass', qr }
    const requestId = nextId('req')
    const offline = await decideOffline(gate, pass, 'in', { result: 'allow' }, requestId)
    const passId = (await db.selectFrom('visitor_passes').select('id').orderBy('issued_at_ms', 'desc').executeTakeFirstOrThrow()).id
    t.equal((await findPass(db, passId))?.uses, 1, 'the gate\'s use counted')
    await gate.publishJson('events/access-request', { eventId: requestId, ts: Date.now() - 1500, credential: pass, reader: 0, direction: 'in' })
    t.equal((await db.selectFrom('commands').select('cmd_id').where('device_id', '=', device.id).where('event_id', '=', requestId).execute()).length, 0, 'no answer')
    t.equal((await findPass(db, passId))?.uses, 1, 'no second use')
    t.same((await logRows(db, device.id, [requestId, offline])).map(r => r.event_id), [offline], 'no row for the request')
    const outcome = await db.selectFrom('device_events').select('outcome').where('device_id', '=', device.id).where('event_id', '=', requestId).executeTakeFirstOrThrow()
    t.same(JSON.parse(outcome.outcome), { replacedBy: offline }, 'its outcome names the decision that took its place')
  })
})
