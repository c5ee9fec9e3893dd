// Writes that would make a site's allow-list unbuildable are refused at once
// over HTTP, on both stores (409 CONFLICT, details naming the limit, nothing
// changed: not the rows, not the registry version), instead of stopping the
// site's list later: a 256th schedule, a 20,001st card admitted, a 2,001st
// revoked pass still valid. At the limit itself the list still builds.
import t, { type Test } from 'tap'
import { accessScheduleSchema, allowListLimits } from '../../../schemas/gate.ts'
import { registryVersion } from '../../../services/devices/registry-version.ts'
import { currentAllowList } from '../../../services/gate/allow-list-store.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { harness, onEachStore } from './harness.ts'

const store = onEachStore(t)
const CHUNK = 500

async function insertInChunks<R> (count: number, row: (i: number) => R, insert: (rows: R[]) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < count; at += CHUNK) await insert(Array.from({ length: Math.min(CHUNK, count - at) }, (_, i) => row(at + i)))
}

/** What a refusal must leave alone: the registry version and the site's list. */
async function unchanged (t: Test, db: Executor, siteId: string, registryBefore: number) {
  t.equal(await registryVersion(db), registryBefore, 'the registry version did not move')
  t.ok((await currentAllowList(db, siteId)).version > 0, 'the site\'s list still builds')
}

store.test('a 256th schedule is refused; replacing one of the 255 is not', async t => {
  const h = await harness(t)
  const max = allowListLimits.maxSchedules
  await insertInChunks(max, i => ({ site_id: h.siteId, id: `s${String(i).padStart(3, '0')}`, body: JSON.stringify(accessScheduleSchema.parse({ id: `s${String(i).padStart(3, '0')}`, weekdays: {} })) }),
    rows => h.db.insertInto('access_schedules').values(rows).execute())
  const before = await registryVersion(h.db)
  const refused = await h.manager.call('PUT', `/api/sites/${h.siteId}/access-schedules/one-more`, { weekdays: { mon: [{ from: '08:00', to: '12:00' }] } })
  t.equal(refused.statusCode, 409)
  t.match(refused.json(), { error: { code: 'CONFLICT', message: /at most 255 access schedules/, details: { limit: 'schedules', max } } })
  t.notOk(await h.db.selectFrom('access_schedules').select('id').where('site_id', '=', h.siteId).where('id', '=', 'one-more').executeTakeFirst(), 'not stored')
  await unchanged(t, h.db, h.siteId, before)
  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/access-schedules/s000`, { weekdays: { mon: [{ from: '08:00', to: '12:00' }] } })).statusCode, 200, 'an existing one may change')
})

store.test('a card beyond 20,000 admitted at a site is refused, linked or reactivated', async t => {
  const h = await harness(t)
  const max = allowListLimits.maxEntries
  const { household, card: spare } = await aHouseholdWithCard(h.db, h.siteId)
  await h.db.updateTable('cards').set({ status: 'blocked' }).where('uid', '=', spare.uid).execute()
  const now = Date.now()
  await insertInChunks(max, i => ({ uid: `BULK${i}`, household_id: household.id, site_id: h.siteId, status: 'active' as const, created_at_ms: now, updated_at_ms: now }),
    rows => h.db.insertInto('cards').values(rows).execute())
  const before = await registryVersion(h.db)
  const linked = await h.counter.call('POST', `/api/households/${household.id}/cards`, { uid: 'CARD-20001' })
  t.equal(linked.statusCode, 409)
  t.match(linked.json(), { error: { code: 'CONFLICT', message: /at most 20000 cards/, details: { limit: 'cards', max } } })
  t.notOk(await h.db.selectFrom('cards').select('uid').where('uid', '=', 'CARD-20001').executeTakeFirst(), 'not linked')
  const reactivated = await h.manager.call('POST', `/api/cards/${spare.uid}/reactivate`)
  t.equal(reactivated.statusCode, 409)
  t.equal((await h.db.selectFrom('cards').select('status').where('uid', '=', spare.uid).executeTakeFirstOrThrow()).status, 'blocked', 'still blocked')
  await unchanged(t, h.db, h.siteId, before)
  t.equal((await h.manager.call('POST', '/api/cards/BULK0/block')).statusCode, 200, 'blocking is never refused')
  t.equal((await h.manager.call('POST', `/api/cards/${spare.uid}/reactivate`)).statusCode, 200, 'and makes room')
})

store.test('a revocation beyond 2,000 revoked passes still valid is refused; one already expired is not', async t => {
  const h = await harness(t)
  const max = allowListLimits.maxRevokedPasses
  const { device } = await aGate(h.db, h.siteId)
  const now = Date.now()
  const issue = async (validUntilMs: number) => {
    const res = await h.counter.call('POST', `/api/sites/${h.siteId}/visitor-passes`, { gates: [device.id], validFromMs: now, validUntilMs, maxUses: 1 })
    t.equal(res.statusCode, 201)
    return (res.json() as { pass: { id: string } }).pass.id
  }
  const passId = await issue(now + 86_400_000)
  const endingSoon = await issue(now + 2000)
  const kid = (await h.db.selectFrom('visitor_passes').select('kid').where('id', '=', passId).executeTakeFirstOrThrow()).kid
  await insertInChunks(max, i => ({
    id: `vp-bulk-${i}`, site_id: h.siteId, kid, gates: JSON.stringify([device.id]), valid_from_ms: now, valid_until_ms: now + 86_400_000, max_uses: 1, uses: 0,
    visitor: null, issued_by: h.counter.id, issued_at_ms: now, revoked_at_ms: now, revoked_by: h.counter.id
  }), rows => h.db.insertInto('visitor_passes').values(rows).execute())
  const before = await registryVersion(h.db)
  const refused = await h.counter.call('POST', `/api/visitor-passes/${passId}/revoke`)
  t.equal(refused.statusCode, 409)
  t.match(refused.json(), { error: { code: 'CONFLICT', message: /at most 2000 revoked passes/, details: { limit: 'revokedPasses', max } } })
  t.equal((await h.db.selectFrom('visitor_passes').select('revoked_at_ms').where('id', '=', passId).executeTakeFirstOrThrow()).revoked_at_ms, null, 'not revoked')
  await unchanged(t, h.db, h.siteId, before)
  // a pass past its end is refused EXPIRED anyway: its revocation is not listed and takes no room
  await h.db.updateTable('visitor_passes').set({ valid_until_ms: now - 1 }).where('id', '=', endingSoon).execute()
  t.equal((await h.counter.call('POST', `/api/visitor-passes/${endingSoon}/revoke`)).statusCode, 200)
})
