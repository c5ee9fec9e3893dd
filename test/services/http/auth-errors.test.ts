// Authentication, roles, site scoping and the error body for every kind of failure.
import tap from 'tap'
import { harness, errorCode, onEachStore } from './harness.ts'

const t = onEachStore(tap)

t.test('tokens: missing, malformed, unknown and revoked are 401', async t => {
  const h = await harness(t)
  for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Basic abc' }, { authorization: 'Bearer stf_not-a-token' }]) {
    const res = await h.app.inject({ method: 'GET', url: '/api/me', headers })
    t.equal(res.statusCode, 401, JSON.stringify(headers))
    t.same(res.json(), { error: { code: 'UNAUTHENTICATED', message: 'missing or invalid staff token' } })
  }
  const me = await h.counter.call('GET', '/api/me')
  t.equal(me.statusCode, 200)
  t.equal(me.json().id, h.counter.id)
  t.equal(me.json().role, 'counter')
  t.equal(me.json().siteId, h.siteId)
  const gone = await h.siteAdmin.call('POST', `/api/staff/${h.counter.id}/deactivate`)
  t.equal(gone.statusCode, 200)
  t.equal(gone.json().active, false)
  t.equal((await h.counter.call('GET', '/api/me')).statusCode, 401, 'a deactivated token stops working')
  t.equal((await h.anonymous.call('POST', '/api/sites', { name: 'x' })).statusCode, 401, 'auth before validation')
})

t.test('roles and sites: 403 FORBIDDEN', async t => {
  const h = await harness(t)
  const cases: Array<[string, Awaited<ReturnType<typeof harness>>['counter'], 'GET' | 'POST' | 'PUT', string, unknown]> = [
    ['counter creates a site', h.counter, 'POST', '/api/sites', { name: 'x' }],
    ['manager creates a site', h.manager, 'POST', '/api/sites', { name: 'x' }],
    ['site admin creates a site', h.siteAdmin, 'POST', '/api/sites', { name: 'x' }],
    ['counter sets rates', h.counter, 'PUT', `/api/sites/${h.siteId}/rates`, { rates: {}, dailyCapPoints: 0, maxGramsPerLine: 1 }],
    ['manager provisions a device', h.manager, 'POST', `/api/sites/${h.siteId}/devices`, { id: 'k1', kind: 'kiosk' }],
    ['counter adds a household', h.counter, 'POST', `/api/sites/${h.siteId}/households`, { label: '1-1-101' }],
    ['counter adds a shop item', h.counter, 'POST', `/api/sites/${h.siteId}/shop-items`, { name: 'x', pricePoints: 1, stock: 1 }],
    ['manager creates staff', h.manager, 'POST', '/api/staff', { username: 'abc', name: 'A', role: 'counter' }],
    ['site admin creates all-site staff', h.siteAdmin, 'POST', '/api/staff', { username: 'abc', name: 'A', role: 'counter' }],
    ['other site reads a site', h.otherManager, 'GET', `/api/sites/${h.siteId}`, undefined],
    ['other site lists devices', h.otherManager, 'GET', `/api/sites/${h.siteId}/devices`, undefined],
    ['other site adds a household', h.otherManager, 'POST', `/api/sites/${h.siteId}/households`, { label: '1-1-101' }],
    ['other site looks up households', h.otherManager, 'GET', `/api/households?siteId=${h.siteId}`, undefined]
  ]
  for (const [name, who, method, url, body] of cases) {
    const res = await who.call(method, url, body)
    t.equal(res.statusCode, 403, name)
    t.equal(errorCode(res), 'FORBIDDEN', name)
  }
})

t.test('error bodies: validation, bad JSON, too large, unknown route, 500', async t => {
  const h = await harness(t)
  const invalid = await h.admin.call('POST', '/api/sites', { name: 7, timezone: 'Mars/Olympus' })
  t.equal(invalid.statusCode, 400)
  t.equal(errorCode(invalid), 'VALIDATION_FAILED')
  t.ok(Array.isArray(invalid.json().error.details), 'issues in details')
  t.equal(invalid.json().error.details[0].in, 'body')

  const badZone = await h.admin.call('POST', '/api/sites', { name: 'x', timezone: 'Mars/Olympus' })
  t.equal(errorCode(badZone), 'VALIDATION_FAILED', 'domain validation uses the same code')

  const badQuery = await h.counter.call('GET', `/api/households?limit=0&siteId=${h.siteId}`)
  t.equal(badQuery.statusCode, 400)
  t.equal(badQuery.json().error.details[0].in, 'querystring')

  const badJson = await h.app.inject({ method: 'POST', url: '/api/sites', payload: '{"name":', headers: { authorization: `Bearer ${h.admin.token}`, 'content-type': 'application/json' } })
  t.equal(badJson.statusCode, 400)
  t.equal(errorCode(badJson), 'MALFORMED_JSON')

  const big = await h.admin.call('POST', '/api/sites', { name: 'x'.repeat(70_000) })
  t.equal(big.statusCode, 413)
  t.equal(errorCode(big), 'PAYLOAD_TOO_LARGE')

  const media = await h.app.inject({ method: 'POST', url: '/api/sites', payload: 'name=x', headers: { authorization: `Bearer ${h.admin.token}`, 'content-type': 'application/x-www-form-urlencoded' } })
  t.equal(media.statusCode, 415)
  t.equal(errorCode(media), 'UNSUPPORTED_MEDIA_TYPE')

  for (const url of ['/nope', '/api/nope']) {
    const res = await h.anonymous.call('GET', url)
    t.equal(res.statusCode, 404, url)
    t.equal(errorCode(res), 'NOT_FOUND', url)
  }

  const broken = await harness(t)
  await broken.db.destroy()
  const boom = await broken.admin.call('GET', '/api/sites')
  t.equal(boom.statusCode, 500, 'a failing database is a 500')
  t.same(boom.json(), { error: { code: 'INTERNAL', message: 'internal error' } }, 'no internals leak')
})

t.test('health and readiness need no token', async t => {
  const h = await harness(t, { health: () => ({ broker: { clients: 3 } }) })
  const health = await h.anonymous.call('GET', '/health')
  t.equal(health.statusCode, 200)
  t.same(health.json(), { status: 'ok', broker: { clients: 3 } })
  const ready = await h.anonymous.call('GET', '/ready')
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready' })
  await h.db.destroy()
  const down = await h.anonymous.call('GET', '/ready')
  t.equal(down.statusCode, 503, 'not ready once the database is gone')
  t.same(down.json(), { status: 'unavailable' })
})
