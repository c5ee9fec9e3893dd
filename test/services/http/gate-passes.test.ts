// Visitor passes and site keys over HTTP, on both stores: what is refused
// (and changes nothing), the list of a site's passes, key limits and retirement.
import t from 'tap'
import { aGate } from '../../fixtures/gate-builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const store = onEachStore(t)

store.test('issuing, listing, revoking; keys', async t => {
  const h = await harness(t)
  const { device } = await aGate(h.db, h.siteId)
  const foreign = await aGate(h.db, h.otherSiteId)
  const now = Date.now()
  const issue = (body: Record<string, unknown>) => h.counter.call('POST', `/api/sites/${h.siteId}/visitor-passes`, { gates: [device.id], validFromMs: now, validUntilMs: now + 3_600_000, ...body })
  const count = async () => (await h.db.selectFrom('visitor_passes').select('id').execute()).length

  for (const [body, what] of [
    [{ validUntilMs: now - 1000, validFromMs: now - 5000 }, 'already ended'],
    [{ validFromMs: now + 10_000, validUntilMs: now + 5000 }, 'ends before it starts'],
    [{ gates: [foreign.device.id] }, 'a gate of another site'],
    [{ gates: [] }, 'no gate'],
    [{ maxUses: 0 }, 'no use'],
    [{ maxUses: 1001 }, 'too many uses']
  ] as const) {
    const res = await issue(body)
    t.equal(res.statusCode, 400, `${what}: ${errorCode(res) ?? ''}`)
  }
  t.equal(await count(), 0, 'refused passes are not stored')
  t.equal((await h.db.selectFrom('pass_keys').select('kid').execute()).length, 0, 'nor is a key made for them')

  const first = await issue({ visitor: 'Courier' })
  t.equal(first.statusCode, 201)
  const second = await issue({ maxUses: 4 })
  const ended = await issue({ validFromMs: now - 3000, validUntilMs: now + 1000 })
  t.equal(ended.statusCode, 201)
  await h.db.updateTable('visitor_passes').set({ valid_until_ms: now - 1 }).where('id', '=', (ended.json() as { pass: { id: string } }).pass.id).execute()
  const secondId = (second.json() as { pass: { id: string } }).pass.id
  t.equal((await h.counter.call('POST', `/api/visitor-passes/${secondId}/revoke`)).statusCode, 200)
  t.equal((await h.counter.call('POST', `/api/visitor-passes/${secondId}/revoke`)).statusCode, 200, 'revoking twice is harmless')

  const usable = (await h.counter.call('GET', `/api/sites/${h.siteId}/visitor-passes`)).json() as { passes: Array<{ id: string, visitor: string | null }> }
  t.same(usable.passes.map(p => p.visitor), ['Courier'], 'by default only usable passes')
  const all = (await h.counter.call('GET', `/api/sites/${h.siteId}/visitor-passes?all=true`)).json() as { passes: unknown[] }
  t.equal(all.passes.length, 3)
  t.equal((await h.otherManager.call('GET', `/api/sites/${h.siteId}/visitor-passes`)).statusCode, 403)
  t.equal((await h.otherManager.call('GET', `/api/visitor-passes/${secondId}`)).statusCode, 403)
  t.equal(errorCode(await h.counter.call('GET', '/api/visitor-passes/vp_none')), 'NOT_FOUND')

  // keys: the first pass made one; up to 4 in use, then retire first
  for (let i = 0; i < 3; i++) t.equal((await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/pass-keys`)).statusCode, 201)
  const full = await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/pass-keys`)
  t.equal(errorCode(full), 'CONFLICT', 'at most 4 keys in use (what a gate holds)')
  const keys = (await h.siteAdmin.call('GET', `/api/sites/${h.siteId}/pass-keys`)).json() as { keys: Array<{ kid: string }> }
  t.equal(keys.keys.length, 4)
  t.equal((await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/pass-keys/${keys.keys[0]!.kid}/retire`)).statusCode, 200)
  t.equal(errorCode(await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/pass-keys/${keys.keys[0]!.kid}/retire`)), 'NOT_FOUND', 'retired already')
  t.equal((await h.siteAdmin.call('POST', `/api/sites/${h.siteId}/pass-keys`)).statusCode, 201, 'room for a new key again')
  const newest = await issue({})
  t.equal((newest.json() as { pass: { kid: string } }).pass.kid, ((await h.siteAdmin.call('GET', `/api/sites/${h.siteId}/pass-keys`)).json() as { keys: Array<{ kid: string }> }).keys.at(-1)?.kid, 'the newest key signs')
})
