// Visitor passes end to end, on both stores: issued over HTTP (a signed QR),
// verified online at the gate with each distinct deny reason, uses counted
// centrally (online and replayed offline uses, each once), revocation and key
// rotation reaching the gates' lists, and a gate's own offline verification
// from the list it received, which denies without a synced clock.
import t from 'tap'
import type { AllowList } from '../../schemas/gate.ts'
import { allowListDeltaSchema } from '../../schemas/gate.ts'
import { applyAllowListDelta } from '../../services/gate/allow-list-delta.ts'
import { decodeAllowList } from '../../services/gate/allow-list-image.ts'
import { offlineDecider } from '../../services/gate/decide-offline.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { connectDevice, type TestDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'

let seq = 0
/**
 * The gate's firmware as docs/protocol.md describes it: it holds the list it was sent, applies
 * each delta to it, and acks every command, a delta it cannot apply (its list is not at the
 * delta's base, e.g. a newer delta made before its ack of the last one arrived) with ok=false,
 * which brings the full list. Starts with what the gate received since it connected. Returns the
 * list it holds.
 */
const actAsGate = (gate: TestDevice): (() => AllowList | undefined) => {
  let list: AllowList | undefined
  const onCommand = (cmd: { type?: unknown, cmdId?: unknown, requestEventId?: unknown, image?: unknown, delta?: unknown }): void => {
    if (typeof cmd.cmdId !== 'string' || cmd.requestEventId != null) return
    let ok = true
    if (cmd.type === 'allow-list-full') list = decodeAllowList(Buffer.from(String(cmd.image), 'base64url'))
    if (cmd.type === 'allow-list-delta') {
      const applied = list == null ? { ok: false as const } : applyAllowListDelta(list, allowListDeltaSchema.parse(cmd.delta))
      if (applied.ok) list = applied.list
      ok = applied.ok
    }
    void gate.publishJson('events/command-ack', { eventId: `k${++seq}`, ts: Date.now(), cmdId: cmd.cmdId, ok, ...(ok ? {} : { error: 'list not at the delta\'s base' }) })
  }
  for (const m of gate.received) onCommand(m.payload)
  gate.client.on('message', (_topic, payload) => { onCommand(JSON.parse(payload.toString()) as Record<string, unknown>) })
  return () => list
}

await eachBackendStore(t, 'visitor passes: issued, verified with distinct reasons, counted, revoked, rotated', async (t, store) => {
  const backend = await startBackendOn(t, store, { GATE_SYNC_POLL_MS: 50 })
  const { db } = backend.store
  const site = await aSite(db)
  const other = await aSite(db)
  const north = await aGate(db, site.id)
  const east = await aGate(db, site.id)
  const foreign = await aGate(db, other.id)
  const clerk = await createStaff(db, { username: `c${process.pid}`, name: 'Clerk', role: 'counter', siteId: site.id })
  const admin = await createStaff(db, { username: `a${process.pid}`, name: 'Admin', role: 'admin', siteId: site.id })
  const foreignClerk = await createStaff(db, { username: `f${process.pid}`, name: 'Foreign', role: 'counter', siteId: other.id })
  const api = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${backend.httpUrl}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body != null ? { 'content-type': 'application/json' } : {}) }, ...(body != null ? { body: JSON.stringify(body) } : {}) })
    return { status: res.status, body: await res.json() as Record<string, unknown> }
  }
  const issue = async (token: string, siteId: string, body: Record<string, unknown>) => {
    const res = await api(token, 'POST', `/sites/${siteId}/visitor-passes`, { validFromMs: Date.now() - 1000, validUntilMs: Date.now() + 3_600_000, ...body })
    t.equal(res.status, 201, 'issued')
    return res.body as { pass: { id: string, kid: string }, qr: string }
  }
  const northGate = await connectDevice(t, backend.mqttUrl, north.device.id, north.secret)
  const eastGate = await connectDevice(t, backend.mqttUrl, east.device.id, east.secret)
  const foreignGate = await connectDevice(t, backend.mqttUrl, foreign.device.id, foreign.secret)
  const [, eastList] = [northGate, eastGate, foreignGate].map(actAsGate)
  const scan = async (gate: TestDevice, qr: string) => {
    const request = { eventId: `p${++seq}`, ts: Date.now(), credential: { kind: 'pass', qr }, reader: 0, direction: 'in' }
    await gate.publishJson('events/access-request', request)
    return (await gate.waitFor(m => m.payload.requestEventId === request.eventId)).payload
  }

  const twice = await issue(clerk.token, site.id, { gates: [north.device.id], maxUses: 2, visitor: 'Plumber' })
  t.match(twice.qr, /^VP1\./)
  t.match(await scan(northGate, twice.qr), { type: 'gate-open' }, 'first use')
  t.match(await scan(northGate, twice.qr), { type: 'gate-open' }, 'second use')
  t.match(await scan(northGate, twice.qr), { type: 'gate-deny', reason: 'EXHAUSTED' }, 'third use')
  t.match((await api(clerk.token, 'GET', `/visitor-passes/${twice.pass.id}`)).body, { uses: 2, maxUses: 2, visitor: 'Plumber' }, 'uses counted centrally')
  t.match(await scan(eastGate, twice.qr), { reason: 'WRONG_GATE' })
  t.match(await scan(foreignGate, twice.qr), { reason: 'WRONG_SITE' }, 'a pass of one site never opens another site\'s gate')

  const good = await issue(clerk.token, site.id, { gates: [north.device.id, east.device.id], maxUses: 5 })
  const [head, claims, signature] = good.qr.split('.') as [string, string, string]
  const flipped = signature.slice(0, 40) + (signature[40] === 'A' ? 'B' : 'A') + signature.slice(41)
  t.match(await scan(northGate, `${head}.${claims}.${flipped}`), { reason: 'FORGED' }, 'a changed signature')
  t.match(await scan(northGate, 'VP1.bm90LWpzb24.c2ln'), { reason: 'FORGED' }, 'not a pass at all')
  const later = await issue(clerk.token, site.id, { gates: [north.device.id], validFromMs: Date.now() + 3_600_000, validUntilMs: Date.now() + 7_200_000 })
  t.match(await scan(northGate, later.qr), { reason: 'NOT_YET_VALID' })
  const brief = await issue(clerk.token, site.id, { gates: [north.device.id], validUntilMs: Date.now() + 1000 })
  const until = (await api(clerk.token, 'GET', `/visitor-passes/${brief.pass.id}`)).body.validUntilMs as number
  await waitUntil(() => Date.now() >= until, 'the brief pass has ended')
  t.match(await scan(northGate, brief.qr), { reason: 'EXPIRED' })
  t.equal((await api(foreignClerk.token, 'POST', `/sites/${site.id}/visitor-passes`, { gates: [north.device.id], validFromMs: 0, validUntilMs: Date.now() + 1000 })).status, 403, 'staff of another site cannot issue here')
  t.equal((await api(clerk.token, 'POST', `/sites/${site.id}/visitor-passes`, { gates: [foreign.device.id], validFromMs: 0, validUntilMs: Date.now() + 100_000 })).status, 400, 'only gates of the site')

  // revoked: refused online at once, and listed in the gates' next list version
  t.equal((await api(clerk.token, 'POST', `/visitor-passes/${good.pass.id}/revoke`)).status, 200)
  t.match(await scan(eastGate, good.qr), { reason: 'REVOKED' })
  const revokedDelta = await northGate.waitFor(m => m.payload.type === 'allow-list-delta' && ((m.payload.delta as { header: { revokedPasses?: string[] } }).header.revokedPasses ?? []).includes(good.pass.id))
  t.ok(revokedDelta, 'the revocation reaches the gate in a delta')

  // rotation with overlap: a new key signs new passes, the old one still verifies its own
  const keyBefore = twice.pass.kid
  const rotated = await api(admin.token, 'POST', `/sites/${site.id}/pass-keys`)
  t.equal(rotated.status, 201)
  const fresh = await issue(clerk.token, site.id, { gates: [north.device.id], maxUses: 3 })
  t.equal(fresh.pass.kid, rotated.body.kid, 'new passes are signed with the new key')
  const eastPass = await issue(clerk.token, site.id, { gates: [east.device.id], maxUses: 3 })
  t.equal(eastPass.pass.kid, rotated.body.kid)
  t.match(await scan(northGate, fresh.qr), { type: 'gate-open' }, 'the new key verifies')
  t.match(await scan(northGate, later.qr), { reason: 'NOT_YET_VALID' }, 'the old key still verifies its pass (it is not yet valid, not UNKNOWN_KEY)')
  await northGate.waitFor(m => m.payload.type === 'allow-list-delta' && ((m.payload.delta as { header: { passKeys?: unknown[] } }).header.passKeys ?? []).length === 2)
  t.equal((await api(admin.token, 'POST', `/sites/${site.id}/pass-keys/${keyBefore}/retire`)).status, 200)
  t.match(await scan(northGate, later.qr), { reason: 'UNKNOWN_KEY' }, 'a retired key verifies nothing')
  t.equal((await api(clerk.token, 'GET', `/sites/${site.id}/pass-keys`)).status, 403, 'keys are for admins')
  const keys = (await api(admin.token, 'GET', `/sites/${site.id}/pass-keys`)).body.keys as Array<Record<string, unknown>>
  t.equal(keys.length, 2)
  t.notOk(keys.some(k => 'privateKey' in k || 'private_key' in k), 'never the private key')

  // offline at east: the list it holds verifies the pass; without a synced clock it refuses it
  const revokedNew = await issue(clerk.token, site.id, { gates: [east.device.id] })
  t.equal((await api(clerk.token, 'POST', `/visitor-passes/${revokedNew.pass.id}/revoke`)).status, 200)
  await waitUntil(() => {
    const list = eastList!()
    return list != null && list.revokedPasses.includes(revokedNew.pass.id) && !list.passKeys.some(k => k.kid === keyBefore)
  }, 'east holds the list with the retired key gone and the new revocation listed')
  const list = eastList!()!
  t.ok(list.passKeys.some(k => k.kid === fresh.pass.kid), 'the gate\'s list carries the new key')
  const decide = offlineDecider({ gateId: east.device.id, directions: ['in', 'out'], list, salt: Buffer.alloc(16) })
  const offline = (qr: string, clockSynced: boolean) => decide({ credential: { kind: 'pass', qr }, direction: 'in', clockSynced, nowMs: Date.now(), passUsesBefore: 0 })
  t.same(offline(eastPass.qr, false), { result: 'deny', reason: 'CLOCK_UNTRUSTED' }, 'no synced clock: no time-bound credential')
  t.same(offline(eastPass.qr, true), { result: 'allow' })
  t.same(offline(revokedNew.qr, true), { result: 'deny', reason: 'REVOKED' }, 'offline, the revoked pass is refused too')
  t.same(offline(good.qr, true), { result: 'deny', reason: 'UNKNOWN_KEY' }, 'and a pass of the retired key')

  // the gate replays its offline use later: counted once, centrally
  const replay = { eventId: `o${++seq}`, ts: Date.now() - 60_000, credential: { kind: 'pass', qr: eastPass.qr }, reader: 0, direction: 'in', decision: { result: 'allow' }, allowListVersion: list.version, clockSynced: true, passUsesBefore: 0 }
  await eastGate.publishJson('events/offline-decision', replay)
  await eastGate.publishJson('events/offline-decision', replay)
  t.equal((await api(clerk.token, 'GET', `/visitor-passes/${eastPass.pass.id}`)).body.uses, 1, 'the replayed offline use counts once')
})
