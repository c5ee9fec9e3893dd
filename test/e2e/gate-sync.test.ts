// Gates converge on their site's allow-list and clock through the backend's
// own command delivery, over the real broker, on both stores: on connect the
// time, the settings with the card-hash salt and the full list; a card blocked
// over the HTTP card route reaches every online gate of the site as a delta
// (waited for by condition); a refused delta brings the full list; a pending
// list command is sent again on reconnect. The gate side is emulated with the
// reference functions a gate maker would port (decode, apply, decide offline).
import t from 'tap'
import type { AllowList } from '../../schemas/gate.ts'
import { allowListDeltaSchema } from '../../schemas/gate.ts'
import { applyAllowListDelta } from '../../services/gate/allow-list-delta.ts'
import { decodeAllowList } from '../../services/gate/allow-list-image.ts'
import { hashCard } from '../../services/gate/allow-list.ts'
import { offlineDecider } from '../../services/gate/decide-offline.ts'
import { setCardStatus } from '../../services/households/card-registry.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aHouseholdWithCard, aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { connectDevice, type TestDevice } from '../helpers/backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'

type Message = TestDevice['received'][number]
const ofType = (type: string, extra: (m: Message) => boolean = () => true) => (m: Message) => m.payload.type === type && extra(m)
let seq = 0
const ack = (gate: TestDevice, cmdId: unknown, ok = true) => gate.publishJson('events/command-ack', { eventId: `a${++seq}`, ts: Date.now(), cmdId, ok, ...(ok ? {} : { error: 'list not at base version' }) })

await eachBackendStore(t, 'connect: time, settings, full list; a blocked card reaches every online gate of the site as a delta', async (t, store) => {
  // a poll of a minute: the HTTP write itself starts the round (the poll is for writes from other processes)
  const backend = await startBackendOn(t, store, { GATE_SYNC_POLL_MS: 60_000 })
  const { db } = backend.store
  const site = await aSite(db)
  const other = await aSite(db)
  const north = await aGate(db, site.id, { directions: ['in'], releaseMs: 2500 })
  const south = await aGate(db, site.id)
  const foreign = await aGate(db, other.id)
  const resident = await aHouseholdWithCard(db, site.id)
  const neighbour = await aHouseholdWithCard(db, site.id)
  const { token } = await createStaff(db, { username: `mgr${process.pid}`, name: 'Manager', role: 'manager', siteId: site.id })

  const before = Date.now()
  const northGate = await connectDevice(t, backend.mqttUrl, north.device.id, north.secret)
  const time = await northGate.waitFor(ofType('time-sync'))
  t.ok((time.payload.serverTimeMs as number) >= before && (time.payload.serverTimeMs as number) <= Date.now(), 'the backend\'s time')
  t.equal(time.payload.timeZone, site.timezone)
  const config = (await northGate.waitFor(ofType('gate-config'))).payload
  t.match(config, { directions: ['in'], releaseMs: 2500 })
  const full = (await northGate.waitFor(ofType('allow-list-full'))).payload
  const list = decodeAllowList(Buffer.from(full.image as string, 'base64url'))
  t.equal(list.version, full.version)
  t.equal(list.siteId, site.id)
  const salt = Buffer.from(config.cardHashSalt as string, 'hex')
  t.same(list.entries.map(e => e.cardHash).sort(), [hashCard(salt, resident.card.uid), hashCard(salt, neighbour.card.uid)].sort(), 'both residents\' cards, hashed with the salt the gate got')
  for (const m of [time, { payload: config }, { payload: full }]) await ack(northGate, m.payload.cmdId)
  t.equal((await db.selectFrom('gates').select('list_acked_version').where('device_id', '=', north.device.id).executeTakeFirstOrThrow()).list_acked_version, list.version, 'the gate holds the version it acknowledged')

  const southGate = await connectDevice(t, backend.mqttUrl, south.device.id, south.secret)
  await ack(southGate, (await southGate.waitFor(ofType('allow-list-full'))).payload.cmdId)
  const foreignGate = await connectDevice(t, backend.mqttUrl, foreign.device.id, foreign.secret)
  await foreignGate.waitFor(ofType('allow-list-full'))

  const decideBefore = offlineDecider({ gateId: north.device.id, directions: ['in'], list, salt })
  t.same(decideBefore({ credential: { kind: 'card', card: resident.card.uid }, direction: 'in', clockSynced: true, nowMs: Date.now(), passUsesBefore: 0 }), { result: 'allow' })

  const res = await fetch(`${backend.httpUrl}/api/cards/${resident.card.uid}/block`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
  t.equal(res.status, 200, 'blocked over the existing card route')
  const deltas = await Promise.all([northGate, southGate].map(g => g.waitFor(ofType('allow-list-delta'), 5000)))
  for (const delta of deltas) {
    const parsed = allowListDeltaSchema.parse(delta.payload.delta)
    t.match(parsed, { siteId: site.id, baseVersion: list.version, version: list.version + 1, added: [], removed: [hashCard(salt, resident.card.uid)] })
  }
  const applied = applyAllowListDelta(list, allowListDeltaSchema.parse(deltas[0]!.payload.delta))
  t.ok(applied.ok, 'the delta applies to the list the gate holds')
  const next = (applied as { ok: true, list: AllowList }).list
  const decideAfter = offlineDecider({ gateId: north.device.id, directions: ['in'], list: next, salt })
  t.same(decideAfter({ credential: { kind: 'card', card: resident.card.uid }, direction: 'in', clockSynced: true, nowMs: Date.now(), passUsesBefore: 0 }), { result: 'deny', reason: 'NOT_IN_ALLOW_LIST' }, 'offline, the blocked card no longer opens')
  t.equal(foreignGate.received.filter(m => m.payload.type === 'allow-list-delta').length, 0, 'a gate of another site gets nothing')

  // a gate that cannot apply the delta refuses it and gets the whole list at once
  await ack(southGate, deltas[1]!.payload.cmdId, false)
  const resent = (await southGate.waitFor(ofType('allow-list-full', m => m.payload.version === list.version + 1))).payload
  t.same(decodeAllowList(Buffer.from(resent.image as string, 'base64url')).entries, next.entries, 'the full list is the delta\'s target')
})

await eachBackendStore(t, 'a card blocked by another process (the CLI, another node) reaches the gates by the poll', async (t, store) => {
  const backend = await startBackendOn(t, store, { GATE_SYNC_POLL_MS: 50 })
  const { db } = backend.store
  const site = await aSite(db)
  const resident = await aHouseholdWithCard(db, site.id)
  const { device, secret } = await aGate(db, site.id)
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const salt = Buffer.from((await gate.waitFor(ofType('gate-config'))).payload.cardHashSalt as string, 'hex')
  const full = (await gate.waitFor(ofType('allow-list-full'))).payload
  await ack(gate, full.cmdId)
  // the acknowledgement is stored before the change, so that the change comes as a delta
  await waitUntil(async () => (await db.selectFrom('gates').select('list_acked_version').where('device_id', '=', device.id).executeTakeFirstOrThrow()).list_acked_version === full.version, 'the full list acknowledged')
  await setCardStatus(db, resident.card.uid, 'blocked') // straight into the store, as the CLI does: no HTTP request to start a round
  const delta = (await gate.waitFor(ofType('allow-list-delta'), 5000)).payload
  t.match(allowListDeltaSchema.parse(delta.delta), { baseVersion: full.version, version: (full.version as number) + 1, removed: [hashCard(salt, resident.card.uid)] })
})

await eachBackendStore(t, 'a version made while the gate\'s ack is on its way: the ack brings the next delta, never a delta from a base the gate left', async (t, store) => {
  const backend = await startBackendOn(t, store, { GATE_SYNC_POLL_MS: 60_000 })
  const { db } = backend.store
  const site = await aSite(db)
  const first = await aHouseholdWithCard(db, site.id)
  const second = await aHouseholdWithCard(db, site.id)
  const { device, secret } = await aGate(db, site.id)
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const salt = Buffer.from((await gate.waitFor(ofType('gate-config'))).payload.cardHashSalt as string, 'hex')
  const full = (await gate.waitFor(ofType('allow-list-full'))).payload
  const v1 = full.version as number
  await ack(gate, full.cmdId)
  await waitUntil(async () => (await db.selectFrom('gates').select('list_acked_version').where('device_id', '=', device.id).executeTakeFirstOrThrow()).list_acked_version === v1, 'the full list acknowledged')

  await setCardStatus(db, first.card.uid, 'blocked')
  await backend.gateSync.runOnce()
  const toV2 = (await gate.waitFor(ofType('allow-list-delta'))).payload
  t.match(toV2.delta, { baseVersion: v1, version: v1 + 1 })
  // not acked yet: the next change is held back until it is
  await setCardStatus(db, second.card.uid, 'blocked')
  t.same(await backend.gateSync.runOnce(), [], 'nothing sent while the gate\'s ack of v2 is outstanding')
  t.equal((await db.selectFrom('gate_sites').select('allow_list_version').where('site_id', '=', site.id).executeTakeFirstOrThrow()).allow_list_version, v1 + 2, 'v3 is made')
  await ack(gate, toV2.cmdId)
  const toV3 = (await gate.waitFor(ofType('allow-list-delta', m => m.payload.cmdId !== toV2.cmdId))).payload
  t.match(allowListDeltaSchema.parse(toV3.delta), { baseVersion: v1 + 1, version: v1 + 2, removed: [hashCard(salt, second.card.uid)] }, 'from the version the gate just acknowledged')
  t.equal(gate.received.filter(m => m.payload.type === 'allow-list-full').length, 1, 'no full list resent')
})

await eachBackendStore(t, 'a list command not acknowledged is sent again on reconnect, and the time with it', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  await aHouseholdWithCard(db, site.id)
  const { device, secret } = await aGate(db, site.id)
  const first = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const full = (await first.waitFor(ofType('allow-list-full'))).payload
  const firstTime = (await first.waitFor(ofType('time-sync'))).payload
  await first.end()

  const again = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const resent = (await again.waitFor(ofType('allow-list-full'))).payload
  t.equal(resent.cmdId, full.cmdId, 'the same recorded command, until it is acknowledged')
  const time = (await again.waitFor(ofType('time-sync'))).payload
  t.not(time.cmdId, firstTime.cmdId, 'a fresh time: a stale one is never re-sent')
  const stale = await db.selectFrom('commands').select('status').where('cmd_id', '=', firstTime.cmdId as string).executeTakeFirstOrThrow()
  t.equal(stale.status, 'expired')
  t.equal(again.received.filter(m => m.payload.type === 'time-sync').length, 1, 'one time-sync on this connection')
})

await eachBackendStore(t, 'online gates get the time again every GATE_TIME_SYNC_MS', async (t, store) => {
  const backend = await startBackendOn(t, store, { GATE_TIME_SYNC_MS: 3_600_000 })
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id)
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const first = (await gate.waitFor(ofType('time-sync'))).payload
  t.same(await backend.gateSync.runOnce(), [], 'nothing due yet: nothing sent')
  // a round an hour later (the round takes its time as a parameter: no waiting for the clock)
  const later = Date.now() + 3_600_000
  const sent = await backend.gateSync.runOnce(later)
  t.equal(sent.length, 1)
  const second = (await gate.waitFor(ofType('time-sync', m => m.payload.cmdId !== first.cmdId))).payload
  t.equal(second.serverTimeMs, later)
  t.equal((await db.selectFrom('commands').select('status').where('cmd_id', '=', first.cmdId as string).executeTakeFirstOrThrow()).status, 'expired', 'the older time is superseded')
})
