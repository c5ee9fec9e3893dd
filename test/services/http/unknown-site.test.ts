// Routes with a site id in their path, given an unknown site, on both stores:
// a write is refused 404 SITE_UNKNOWN (or for what its body names that the
// site lacks) before it reaches a foreign key (which answered 500), and
// nothing changes; no route answers a server error.
import tap from 'tap'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import { defaultPassLimits } from '../../../services/residents/pass-limits.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

/** A body each write would accept for a site that exists. */
const bodies: Record<string, unknown> = {
  'PUT /api/sites/:siteId/charging-tariff': { tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 100 } }, holdDefaultPoints: 300, holdMaxPoints: 1000 },
  'POST /api/sites/:siteId/devices': { id: 'kiosk-nowhere', kind: 'kiosk' },
  'POST /api/sites/:siteId/gate-zones': { id: 'north-fence', antiPassback: 'hard' },
  'PUT /api/sites/:siteId/access-schedules/:scheduleId': { weekdays: { mon: [{ from: '08:00', to: '18:00' }] }, freeExit: true },
  'PUT /api/sites/:siteId/holidays': { holidays: ['2026-10-01'] },
  'POST /api/sites/:siteId/visitor-passes': { gates: ['gate-nowhere'], validFromMs: 1_800_000_000_000, validUntilMs: 1_800_003_600_000 },
  'POST /api/sites/:siteId/households': { label: '1-1-101' },
  'POST /api/sites/:siteId/pickups': { deviceId: 'kiosk-nowhere', category: 'plastic' },
  'PUT /api/sites/:siteId/resident-pass-limits': defaultPassLimits,
  'POST /api/sites/:siteId/shop-items': { name: 'Soap', pricePoints: 50, stock: 3 },
  'PUT /api/sites/:siteId/rates': defaultRateTable,
  'POST /api/sites/:siteId/webhooks': { url: 'https://hooks.example.com/alarms' }
}

/** Writes whose body names something of the site first: that is what they find missing. */
const otherRefusals: Record<string, string> = {
  'POST /api/sites/:siteId/visitor-passes': 'VALIDATION_FAILED', // its gates are not gates of the site
  'POST /api/sites/:siteId/pickups': 'DEVICE_UNKNOWN', // no such kiosk at the site
  'POST /api/sites/:siteId/pass-keys/:kid/retire': 'NOT_FOUND' // no such key at the site
}

const tables = ['sites', 'devices', 'households', 'shop_items', 'charging_tariffs', 'gate_zones', 'access_schedules', 'gate_sites', 'pass_keys', 'visitor_passes', 'resident_pass_limits', 'webhooks', 'pickups'] as const

t.test('no /api/sites/:siteId route answers an unknown site with a server error, every write is 404 SITE_UNKNOWN, and nothing changes', async t => {
  const h = await harness(t)
  await h.app.ready()
  const rows = async () => Object.fromEntries(await Promise.all(tables.map(async table =>
    [table, Number((await h.db.selectFrom(table).select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)] as const)))
  const before = await rows()
  const routes = h.app.routeRoles.filter(r => r.url.startsWith('/api/sites/:siteId') && r.method !== 'HEAD')
  t.ok(routes.length >= 25, `${routes.length} routes take a site id`)
  for (const r of routes) {
    const key = `${r.method} ${r.url}`
    const url = r.url.replace(':siteId', 'no-such-site').replace(/:[A-Za-z]+/g, 'x1')
    const res = await h.admin.call(r.method as 'GET', url, r.method === 'GET' ? undefined : bodies[key])
    t.ok(res.statusCode < 500, `${key}: ${res.statusCode}, not a server error`)
    if (r.method !== 'GET') t.equal(errorCode(res), otherRefusals[key] ?? 'SITE_UNKNOWN', `${key}: its code`)
  }
  t.same(await rows(), before, 'nothing was written')
})

t.test('PUT /api/sites/:siteId/charging-tariff for an unknown site: 404 SITE_UNKNOWN (the foreign key answered 500)', async t => {
  const h = await harness(t)
  const res = await h.admin.call('PUT', '/api/sites/no-such-site/charging-tariff', bodies['PUT /api/sites/:siteId/charging-tariff'])
  t.equal(res.statusCode, 404)
  t.match(res.json().error, { code: 'SITE_UNKNOWN', message: 'no site no-such-site' })
  t.equal(errorCode(await h.admin.call('PUT', `/api/sites/${h.siteId}/charging-tariff`, bodies['PUT /api/sites/:siteId/charging-tariff'])), undefined, 'a known site takes the same body')
})
