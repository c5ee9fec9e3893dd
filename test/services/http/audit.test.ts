// The audit log of staff actions: every mutating request after authentication
// is recorded (successful or refused) with who, what, when and from where;
// admins read it; nothing edits or deletes it, through the API or the database.
// When rows are written (with the action, or before a refusal's answer):
// audit-transaction.test.ts; card numbers: audit-redaction.test.ts.
import tap from 'tap'
import { summarizeBody } from '../../../services/audit/audit-log.ts'
import { maskCard } from '../../../services/redaction.ts'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { errorCode, harness, type Harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

interface Entry { id: number, atMs: number, staffId: string, staffRole: string, staffSiteId: string | null, method: string, route: string, params: Record<string, unknown>, bodySummary: unknown, statusCode: number, ip: string, userAgent: string | null, requestId: string, durationMs: number }

async function auditOf (h: Harness, query = ''): Promise<Entry[]> {
  await h.app.audit.flush()
  const res = await h.admin.call('GET', `/api/audit${query}`)
  if (res.statusCode !== 200) throw new Error(`GET /api/audit → ${res.statusCode} ${res.body}`)
  return (res.json() as { entries: Entry[] }).entries
}

t.test('a successful staff action is recorded with who, what, when and from where', async t => {
  const h = await harness(t)
  const { household, card } = await aHouseholdWithCard(h.db, h.siteId)
  await appendEntry(h.db, { householdId: household.id, kind: 'earn', points: 500, idempotencyKey: 'seed-audit', nowMs: Date.now() })
  const before = Date.now()
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/redemptions',
    payload: { cardUid: card.uid, kind: 'cash', points: 120 },
    remoteAddress: '192.0.2.10',
    headers: { authorization: `Bearer ${h.counter.token}`, 'idempotency-key': 'audit-1', 'user-agent': 'counter-app/1.0' }
  })
  t.equal(res.statusCode, 201)
  const [entry] = await auditOf(h)
  t.match(entry, {
    staffId: h.counter.id,
    staffRole: 'counter',
    staffSiteId: h.siteId,
    method: 'POST',
    route: '/api/redemptions',
    params: {},
    bodySummary: { cardUid: maskCard(card.uid), kind: 'cash', points: 120 },
    statusCode: 201,
    ip: '192.0.2.10',
    userAgent: 'counter-app/1.0'
  })
  t.ok(entry!.atMs >= before && entry!.atMs <= Date.now(), 'time of the action')
  t.ok(entry!.requestId.length > 0, 'request id, as in the logs')
  t.ok(entry!.durationMs >= 0)
})

t.test('refused actions after authentication are recorded; anonymous and read-only requests are not', async t => {
  const h = await harness(t)
  t.equal((await h.counter.call('POST', '/api/sites', { name: 'Nope' })).statusCode, 403)
  t.equal((await h.manager.call('POST', `/api/cards/no-such-card/block`)).statusCode, 404)
  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/rates`, { nonsense: true })).statusCode, 400)
  t.equal((await h.anonymous.call('POST', '/api/sites', { name: 'Nope' })).statusCode, 401)
  t.equal((await h.counter.call('GET', '/api/me')).statusCode, 200)
  const entries = await auditOf(h)
  t.same(entries.map(e => [e.staffId, e.method, e.route, e.statusCode]).reverse(), [
    [h.counter.id, 'POST', '/api/sites', 403],
    [h.manager.id, 'POST', '/api/cards/:uid/block', 404],
    [h.manager.id, 'PUT', '/api/sites/:siteId/rates', 400]
  ])
  t.same(entries[1]!.params, { uid: '****card' }, 'route params are kept, card numbers masked')
})

t.test('secrets never reach the audit log', async t => {
  const h = await harness(t)
  const res = await h.admin.call('POST', '/api/staff', { username: 'newbie', name: 'New Staff', role: 'counter', siteId: h.siteId })
  t.equal(res.statusCode, 201)
  const token = (res.json() as { token: string }).token
  const [entry] = await auditOf(h)
  t.same(entry!.bodySummary, { username: 'newbie', name: 'New Staff', role: 'counter', siteId: h.siteId })
  t.notMatch(JSON.stringify(entry), token, 'the new token (in the response) is not recorded')
  t.notMatch(JSON.stringify(entry), h.admin.token, 'the caller\'s token is not recorded')

  t.same(summarizeBody({ password: 'p', secret: 's', newSecret: 'n', token: 't', nested: { apiToken: 'x', ok: 1 } }),
    { password: '[redacted]', secret: '[redacted]', newSecret: '[redacted]', token: '[redacted]', nested: { apiToken: '[redacted]', ok: 1 } })
  const long = summarizeBody({ note: 'y'.repeat(500), list: Array.from({ length: 50 }, (_, i) => i), deep: { a: { b: { c: { d: 1 } } } } }) as Record<string, unknown>
  t.ok(String(long.note).length < 120, 'long strings are cut')
  t.equal((long.list as unknown[]).length, 6, 'long arrays are cut')
  t.same(long.deep, { a: { b: '{…}' } }, 'deep structures are cut')
})

t.test('only admins read the audit log; site admins see their site\'s staff; filters', async t => {
  const h = await harness(t)
  t.equal((await h.counter.call('GET', '/api/audit')).statusCode, 403)
  t.equal((await h.manager.call('GET', '/api/audit')).statusCode, 403)
  t.equal((await h.anonymous.call('GET', '/api/audit')).statusCode, 401)

  await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '1-1-101' })
  const mark = Date.now()
  // the rows after the mark must carry a later millisecond: wait for the clock to tick, not a fixed time
  while (Date.now() <= mark) await new Promise(resolve => setImmediate(resolve))
  await h.otherManager.call('POST', `/api/sites/${h.otherSiteId}/households`, { label: '2-2-202' })
  await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '1-1-102' })

  t.equal((await auditOf(h)).length, 3)
  t.same((await auditOf(h, `?staffId=${h.otherManager.id}`)).map(e => e.staffId), [h.otherManager.id])
  t.same((await auditOf(h, `?since=${mark}`)).map(e => e.staffId), [h.manager.id, h.otherManager.id])
  const [newest] = await auditOf(h, '?limit=1')
  t.same((await auditOf(h, `?before=${newest!.id}&limit=1`)).map(e => e.staffId), [h.otherManager.id], 'paging back by id')
  const notAnId = await h.admin.call('GET', '/api/audit?before=hh_0abc')
  t.match(notAnId.json(), { error: { code: 'VALIDATION_FAILED', details: [{ in: 'querystring', path: '/before' }] } }, 'before is the numeric id of an audit entry, nothing else')

  await h.app.audit.flush()
  const siteAdmin = await h.siteAdmin.call('GET', '/api/audit')
  t.equal(siteAdmin.statusCode, 200)
  const seen = (siteAdmin.json() as { entries: Entry[] }).entries
  t.ok(seen.length >= 2 && seen.every(e => e.staffSiteId === h.siteId), 'a site admin sees only staff of their site')
  t.equal(errorCode(await h.admin.call('GET', '/api/audit?limit=5000')), 'VALIDATION_FAILED')
})

t.test('no route edits or deletes the audit log, and the database refuses it too', async t => {
  const h = await harness(t)
  await h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: '3-3-303' })
  const [entry] = await auditOf(h)
  await h.app.ready()
  const auditRoutes = h.app.routeRoles.filter(r => r.url.startsWith('/api/audit'))
  t.same([...new Set(auditRoutes.map(r => r.method))].sort(), ['GET', 'HEAD'], 'only reads are routed')
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    for (const url of ['/api/audit', `/api/audit/${entry!.id}`]) {
      t.equal((await h.admin.call(method, url, {})).statusCode, 404, `${method} ${url} → 404`)
    }
  }
  await t.rejects(h.db.updateTable('audit_log').set({ status_code: 200 }).where('id', '=', entry!.id).execute(), /append-only/)
  await t.rejects(h.db.deleteFrom('audit_log').where('id', '=', entry!.id).execute(), /append-only/)
  t.equal((await auditOf(h)).find(e => e.id === entry!.id)?.statusCode, 201, 'the entry is unchanged')
})

t.test('a burst of actions: each row commits with its action, none is lost', async t => {
  const h = await harness(t)
  const n = 60
  const results = await Promise.all(Array.from({ length: n }, (_, i) => h.manager.call('POST', `/api/sites/${h.siteId}/households`, { label: `9-9-${i}` })))
  t.ok(results.every(r => r.statusCode === 201))
  t.equal((await auditOf(h, '?limit=1000')).length, n)
  t.same(h.app.audit.counts(), { written: 0, failed: 0 }, 'no row written apart from its action')
})

t.test('a burst of refusals is written apart from any action and none is lost', async t => {
  const h = await harness(t)
  const n = 60
  const results = await Promise.all(Array.from({ length: n }, () => h.counter.call('POST', '/api/sites', { name: 'Nope' })))
  t.ok(results.every(r => r.statusCode === 403))
  t.equal((await auditOf(h, '?limit=1000')).length, n)
  t.same(h.app.audit.counts(), { written: n, failed: 0 })
})
