// HTTP hardening: every mutating route declares a role, security headers
// (and a CSP the swagger UI works under), 413 for big bodies, 429 after
// repeated bad tokens from one address, and a rate limit on redemptions.
import tap from 'tap'
import Fastify from 'fastify'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import security from '../../../services/http/security.ts'
import { testConfig } from '../../../services/config.ts'
import { aHouseholdWithCard } from '../../fixtures/builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

t.test('every mutating /api route declares a role and refuses a request without a token', async t => {
  const h = await harness(t, { security: { authFailuresPerMinute: 0 } }) // this walk is one address failing ~25 times
  await h.app.ready()
  const api = h.app.routeRoles.filter(r => r.url.startsWith('/api/'))
  const changing = api.filter(r => mutating.has(r.method))
  t.ok(changing.length >= 20, `${changing.length} mutating routes registered`)
  // the mutating routes open without a token: sign-in and a resident's activation, whose bodies are the credential
  const publicByDesign = new Set(['POST /api/session', 'POST /api/resident/session', 'POST /api/resident/activation'])
  for (const r of changing.filter(r => publicByDesign.has(`${r.method} ${r.url}`))) {
    t.ok(r.public, `${r.method} ${r.url} is public by design`)
    const res = await h.anonymous.call(r.method as 'POST', r.url, {})
    t.equal(errorCode(res), 'VALIDATION_FAILED', `${r.method} ${r.url} without credentials → 400`)
  }
  for (const r of changing.filter(r => !publicByDesign.has(`${r.method} ${r.url}`))) {
    // a resident's route needs a resident token instead (services/http/resident-auth.ts)
    if (r.url.startsWith('/api/resident/')) t.ok(r.resident, `${r.method} ${r.url} needs a resident token`)
    else t.ok(r.role === 'counter' || r.role === 'manager' || r.role === 'admin', `${r.method} ${r.url} needs role ${String(r.role)}`)
    t.notOk(r.public, `${r.method} ${r.url} is not public`)
    const res = await h.anonymous.call(r.method as 'POST', r.url.replace(/:[A-Za-z]+/g, 'x1'), {})
    t.equal(res.statusCode, 401, `${r.method} ${r.url} without a token → 401`)
  }

  // the inventory is complete: every operation of the OpenAPI document is in it
  const doc = h.app.swagger() as { paths: Record<string, Record<string, unknown>> }
  const known = new Set(h.app.routeRoles.map(r => `${r.method} ${r.url}`))
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const key = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`
      t.ok(known.has(key), `${key} is in the route inventory`)
    }
  }
})

t.test('a mutating /api route without a role cannot be registered', async t => {
  const app = Fastify()
  await app.register(security, {})
  t.throws(() => app.post('/api/things', async () => ({})), /POST \/api\/things changes state but declares no role/)
  await app.close()
  const ok = Fastify()
  await ok.register(security, {})
  ok.post('/api/things', { config: { role: 'manager' } }, async () => ({}))
  ok.get('/api/things', async () => ({}))
  await t.resolves(async () => { await ok.ready() })
  await ok.close()
})

t.test('security headers on API answers; no HSTS over plain HTTP', async t => {
  const h = await harness(t)
  const res = await h.counter.call('GET', '/api/me')
  t.equal(res.statusCode, 200)
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
  t.equal(res.headers['referrer-policy'], 'no-referrer')
  t.match(res.headers['content-security-policy'], /default-src 'self'/)
  t.match(res.headers['content-security-policy'], /frame-ancestors 'none'/)
  t.notMatch(res.headers['content-security-policy'], /upgrade-insecure-requests/)
  t.notOk(res.headers['strict-transport-security'])
  t.notOk(res.headers['x-powered-by'])

  const https = await harness(t, { security: { https: true } })
  const secure = await https.counter.call('GET', '/api/me')
  t.match(secure.headers['strict-transport-security'], /max-age=31536000/)
  t.match(secure.headers['content-security-policy'], /upgrade-insecure-requests/)
})

t.test('the swagger UI works under the CSP: it loads only same-origin scripts and no inline script', async t => {
  const h = await harness(t)
  const page = await h.app.inject({ method: 'GET', url: '/docs/' })
  t.equal(page.statusCode, 200)
  const csp = String(page.headers['content-security-policy'])
  t.match(csp, /script-src 'self'(;|$)/, 'scripts from this origin only')
  t.notMatch(csp, /unsafe-eval/)
  const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
  t.ok(scripts.length >= 3, 'the page has its scripts')
  for (const [, attrs, inline] of scripts) {
    const src = /src="([^"]+)"/.exec(attrs ?? '')?.[1]
    t.ok(src != null && !/^[a-z]+:/i.test(src) && !src.startsWith('//'), `script ${src ?? '(inline)'} is same-origin`)
    t.equal((inline ?? '').trim(), '', 'no inline script body')
    const loaded = await h.app.inject({ method: 'GET', url: new URL(src ?? '', 'http://x/docs/').pathname })
    t.equal(loaded.statusCode, 200, `${src ?? ''} is served`)
  }
  const initializer = await h.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
  t.match(initializer.body, /url: '\.\/json'|"\.\/json"|\.\/json/, 'the UI reads the document from this origin')
  const json = await h.app.inject({ method: 'GET', url: '/docs/json' })
  t.equal(json.statusCode, 200)
})

t.test('a body over the limit is refused with 413 before it is parsed', async t => {
  const h = await harness(t)
  const big = JSON.stringify({ cardUid: 'card-1', kind: 'cash', points: 1, pad: 'x'.repeat(testConfig().HTTP_BODY_LIMIT_BYTES) })
  const res = await h.counter.call('POST', '/api/redemptions', big, { 'content-type': 'application/json', 'idempotency-key': 'big-1' })
  t.equal(res.statusCode, 413)
  t.equal(errorCode(res), 'PAYLOAD_TOO_LARGE')
  const justUnder = await h.counter.call('POST', '/api/redemptions', { cardUid: 'card-1', kind: 'cash', points: 1 }, { 'idempotency-key': 'small-1' })
  t.not(justUnder.statusCode, 413)
})

t.test('repeated bad tokens from one address: 429 with Retry-After, for good tokens too, other addresses unaffected', async t => {
  const h = await harness(t, { security: { authFailuresPerMinute: 3 } })
  const from = (ip: string, token: string) => h.app.inject({ method: 'GET', url: '/api/me', remoteAddress: ip, headers: token === '' ? {} : { authorization: `Bearer ${token}` } })
  for (let i = 0; i < 3; i++) t.equal((await from('203.0.113.7', `wrong-${i}`)).statusCode, 401, `bad token ${i + 1} → 401`)
  const throttled = await from('203.0.113.7', 'wrong-4')
  t.equal(throttled.statusCode, 429)
  t.equal(errorCode(throttled), 'AUTH_THROTTLED')
  const retryAfter = Number(throttled.headers['retry-after'])
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter} s`)
  t.equal((await from('203.0.113.7', h.counter.token)).statusCode, 429, 'a valid token from a throttled address waits too (no guessing through)')
  t.equal((await from('203.0.113.7', '')).statusCode, 429, 'a missing token counts the same')
  t.equal((await from('198.51.100.2', h.counter.token)).statusCode, 200, 'another address is not affected')
  t.equal((await h.app.inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.7' })).statusCode, 200, 'public routes stay open')

  // successful requests never count
  const ok = await harness(t, { security: { authFailuresPerMinute: 2 } })
  for (let i = 0; i < 10; i++) t.equal((await ok.counter.call('GET', '/api/me')).statusCode, 200)
})

t.test('redemptions are rate-limited per staff member', async t => {
  const h = await harness(t, { security: { redemptionsPerMinute: 2 } })
  const { household, card } = await aHouseholdWithCard(h.db, h.siteId)
  await appendEntry(h.db, { householdId: household.id, kind: 'earn', points: 1000, idempotencyKey: 'seed-rl', nowMs: Date.now() })
  const redeem = (who: typeof h.counter, key: string) => who.call('POST', '/api/redemptions', { cardUid: card.uid, kind: 'cash', points: 10 }, { 'idempotency-key': key })
  t.equal((await redeem(h.counter, 'rl-1')).statusCode, 201)
  t.equal((await redeem(h.counter, 'rl-2')).statusCode, 201)
  const limited = await redeem(h.counter, 'rl-3')
  t.equal(limited.statusCode, 429)
  t.equal(errorCode(limited), 'RATE_LIMITED')
  t.ok(Number(limited.headers['retry-after']) >= 1, 'Retry-After is set')
  t.equal((await redeem(h.manager, 'rl-4')).statusCode, 201, 'another staff member is not limited')
  t.equal((await h.counter.call('GET', '/api/me')).statusCode, 200, 'other routes are not limited')
})
