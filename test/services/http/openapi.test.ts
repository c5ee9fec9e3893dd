// The OpenAPI document, snapshotted so contract changes show in review.
// Regenerate with: npx tap --snapshot test/services/http/openapi.test.ts
import t from 'tap'
import { harness } from './harness.ts'

t.test('GET /docs/json is the OpenAPI document', async t => {
  const h = await harness(t)
  const res = await h.anonymous.call('GET', '/docs/json')
  t.equal(res.statusCode, 200, 'no token needed')
  const doc = res.json() as { openapi: string, paths: Record<string, Record<string, unknown>> }
  t.match(doc.openapi, /^3\./)
  for (const path of ['/api/redemptions', '/api/adjustments/{id}/approve', '/api/review-items/{id}/approve', '/api/staff', '/health', '/ready', '/api/sites/{siteId}/access-log', '/api/gates/{deviceId}/open', '/api/sites/{siteId}/visitor-passes', '/api/alarms', '/api/alarms/{alarmId}/shelve', '/api/devices/{deviceId}/health', '/api/events', '/api/resident/session', '/api/resident/visitor-passes', '/api/sites/{siteId}/resident-pass-limits']) {
    t.ok(doc.paths[path] != null, `documents ${path}`)
  }
  const redeem = doc.paths['/api/redemptions']?.post as { parameters: Array<{ in: string, name: string, required: boolean }> }
  t.match(redeem.parameters.find(p => p.in === 'header' && p.name === 'idempotency-key'), { required: true }, 'Idempotency-Key is a required header, as the server enforces')
  for (const path of ['/api/charging/sessions', '/api/resident/charging/sessions']) {
    const scan = doc.paths[path]?.post as { parameters: Array<{ in: string, name: string, required: boolean }> }
    t.match(scan.parameters.find(p => p.in === 'header' && p.name === 'idempotency-key'), { required: true }, `${path}: Idempotency-Key is required`)
  }
  // the document says which operations take no credential, as the server decides it (isPublicRoute)
  await h.app.ready()
  const open = new Set(h.app.routeRoles.filter(r => !r.url.startsWith('/api/') || r.public).map(r => `${r.method} ${r.url}`))
  for (const key of ['GET /health', 'GET /ready', 'GET /metrics', 'POST /api/session', 'POST /api/resident/session', 'POST /api/resident/activation']) t.ok(open.has(key), `${key} takes no credential`)
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops) as Array<[string, { security?: unknown }]>) {
      const key = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`
      if (open.has(key)) t.same(op.security, [], `${key}: security: [] (no credential)`)
      else t.equal(op.security, undefined, `${key}: the document's bearerAuth`)
    }
  }
  t.matchSnapshot(doc, 'openapi document')
  const ui = await h.anonymous.call('GET', '/docs/')
  t.equal(ui.statusCode, 200, 'swagger UI is served')
})
