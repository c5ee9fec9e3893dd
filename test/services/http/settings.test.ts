// The settings page's API on both stores: every settings write (rates, site
// and pile tariffs, access schedules, holidays, and the visitor-pass revoke of
// the gates page) commits its audit row in its own transaction, and bad input
// is a 400 with the field's path and bound that changes nothing but leaves
// the refusal's row; the reads the page needs (schedules, holidays) and the
// site's settings changes (who, what, when) by role and site.
import t from 'tap'
import { join } from 'node:path'
import { runCli } from '../../../services/ctl/run.ts'
import { openStore } from '../../../services/store/open-database.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny, tempDir } from '../../helpers/stores.ts'
import { aCharger } from '../../fixtures/charging-scene.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { capturedLog } from '../../helpers/captured-log.ts'
import { auditedCall } from './audited-call.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const store = onEachStore(t)

const tariffBody = (pointsPerKwh: number) => ({ tariff: { pricing: { kind: 'per_kwh', pointsPerKwh } }, holdDefaultPoints: 300, holdMaxPoints: 1000 })
const schedule = { weekdays: { mon: [{ from: '08:00', to: '18:00' }] }, freeExit: true }

store.test('every settings write commits its audit row with the change', async t => {
  const captured = capturedLog('warn')
  const h = await harness(t, { log: captured.log })
  const call = auditedCall(t, h)
  const pile = await aCharger(h.db, h.siteId)
  const gate = await aGate(h.db, h.siteId)
  const site = (await h.manager.call('GET', `/api/sites/${h.siteId}`)).json() as { rateTable: { dailyCapPoints: number } }

  t.equal((await call(h.manager, 'PUT', `/api/sites/${h.siteId}/rates`, '/api/sites/:siteId/rates', { ...site.rateTable, dailyCapPoints: 3000 })).statusCode, 200)
  t.equal((await call(h.manager, 'PUT', `/api/sites/${h.siteId}/charging-tariff`, '/api/sites/:siteId/charging-tariff', tariffBody(100))).statusCode, 201)
  t.equal((await call(h.manager, 'PUT', `/api/devices/${pile.device.id}/charging-tariff`, '/api/devices/:deviceId/charging-tariff', tariffBody(150))).statusCode, 201)
  t.equal((await call(h.manager, 'PUT', `/api/sites/${h.siteId}/access-schedules/contractor`, '/api/sites/:siteId/access-schedules/:scheduleId', schedule)).statusCode, 200)
  t.equal((await call(h.manager, 'PUT', `/api/sites/${h.siteId}/holidays`, '/api/sites/:siteId/holidays', { holidays: ['2026-10-01'] })).statusCode, 200)
  const issued = (await h.counter.call('POST', `/api/sites/${h.siteId}/visitor-passes`, { gates: [gate.device.id], validFromMs: Date.now(), validUntilMs: Date.now() + 3600_000 })).json() as { pass: { id: string } }
  t.equal((await call(h.counter, 'POST', `/api/visitor-passes/${issued.pass.id}/revoke`, '/api/visitor-passes/:passId/revoke')).statusCode, 200)

  t.same(h.app.audit.counts(), { written: 0, failed: 0 }, 'no row was written apart from its change')
  t.same(captured.records().map(r => r.msg).filter(m => /audit/.test(String(m))), [], 'no audit warning: every change carried its row')
})

store.test('bad settings: 400 with the field and its bound, nothing changed, the refusal audited', async t => {
  const h = await harness(t)
  const call = auditedCall(t, h)
  const pile = await aCharger(h.db, h.siteId)
  const site = (await h.manager.call('GET', `/api/sites/${h.siteId}`)).json() as { rateTable: { rates: Record<string, unknown> } }
  const ratesBefore = (await h.db.selectFrom('sites').select('rate_table').where('id', '=', h.siteId).executeTakeFirstOrThrow()).rate_table

  const rates = await call(h.manager, 'PUT', `/api/sites/${h.siteId}/rates`, '/api/sites/:siteId/rates',
    { ...site.rateTable, rates: { ...site.rateTable.rates, paper: { mode: 'per_kg', pointsPerKg: 20_000 } } })
  t.equal(rates.statusCode, 400)
  t.match(rates.json(), { error: { code: 'VALIDATION_FAILED', details: [{ in: 'body', path: '/rates/paper/pointsPerKg', code: 'too_big', maximum: 10_000 }] } }, 'the field and the bound it broke')
  t.equal((await h.db.selectFrom('sites').select('rate_table').where('id', '=', h.siteId).executeTakeFirstOrThrow()).rate_table, ratesBefore, 'the rates are unchanged')

  const tariff = await call(h.manager, 'PUT', `/api/devices/${pile.device.id}/charging-tariff`, '/api/devices/:deviceId/charging-tariff',
    { ...tariffBody(100), tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 100 }, minCostPoints: 500, maxCostPoints: 100 } })
  t.equal(tariff.statusCode, 400)
  t.match(tariff.json(), { error: { details: [{ path: '/tariff/minCostPoints' }] } })
  const hold = await call(h.manager, 'PUT', `/api/sites/${h.siteId}/charging-tariff`, '/api/sites/:siteId/charging-tariff', { ...tariffBody(100), holdDefaultPoints: 2000, holdMaxPoints: 1000 })
  t.match(hold.json(), { error: { code: 'VALIDATION_FAILED', details: [{ path: '/holdDefaultPoints' }] } }, 'a default hold above the maximum names its field')
  const holidays = await call(h.manager, 'PUT', `/api/sites/${h.siteId}/holidays`, '/api/sites/:siteId/holidays', { holidays: ['2026-10-01', '2026-02-30'] })
  t.match(holidays.json(), { error: { code: 'VALIDATION_FAILED', details: [{ path: '/holidays/1' }] } })
  const period = await call(h.manager, 'PUT', `/api/sites/${h.siteId}/access-schedules/night`, '/api/sites/:siteId/access-schedules/:scheduleId', { weekdays: { tue: [{ from: '25:00', to: '02:00' }] } })
  t.match(period.json(), { error: { code: 'VALIDATION_FAILED', details: [{ path: '/weekdays/tue/0/from' }] } })

  t.same(await h.db.selectFrom('charging_tariffs').select('id').execute(), [], 'no tariff version')
  t.same((await h.manager.call('GET', `/api/sites/${h.siteId}/holidays`)).json(), { holidays: [] })
  t.same((await h.manager.call('GET', `/api/sites/${h.siteId}/access-schedules`)).json(), { schedules: [] })
  t.same((await h.manager.call('GET', `/api/sites/${h.siteId}/settings-changes`)).json(), { changes: [] }, 'refusals are not changes')
})

store.test('schedules, holidays and settings changes: read by the site\'s managers', async t => {
  const h = await harness(t)
  const pile = await aCharger(h.db, h.siteId)
  const otherPile = await aCharger(h.db, h.otherSiteId)
  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/access-schedules/contractor`, schedule)).statusCode, 200)
  t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/holidays`, { holidays: ['2026-10-02', '2026-10-01'] })).statusCode, 200)
  t.equal((await h.admin.call('PUT', `/api/devices/${pile.device.id}/charging-tariff`, tariffBody(150))).statusCode, 201)
  t.equal((await h.otherManager.call('PUT', `/api/sites/${h.otherSiteId}/holidays`, { holidays: ['2026-05-01'] })).statusCode, 200)
  t.equal((await h.otherManager.call('PUT', `/api/devices/${otherPile.device.id}/charging-tariff`, tariffBody(90))).statusCode, 201)
  t.equal((await h.otherManager.call('PUT', `/api/sites/${h.otherSiteId}/access-schedules/contractor`, schedule)).statusCode, 200, 'the same schedule id at another site')

  t.match((await h.manager.call('GET', `/api/sites/${h.siteId}/access-schedules`)).json(), { schedules: [{ id: 'contractor', weekdays: { mon: [{ from: '08:00', to: '18:00' }] }, holidays: [], dateRanges: [], freeExit: true }] })
  t.same((await h.manager.call('GET', `/api/sites/${h.siteId}/holidays`)).json(), { holidays: ['2026-10-01', '2026-10-02'] })
  for (const path of ['access-schedules', 'holidays', 'settings-changes']) {
    t.equal((await h.counter.call('GET', `/api/sites/${h.siteId}/${path}`)).statusCode, 403, `${path}: not for a counter clerk`)
    t.equal(errorCode(await h.otherManager.call('GET', `/api/sites/${h.siteId}/${path}`)), 'FORBIDDEN', `${path}: not another site's manager`)
    t.equal(errorCode(await h.admin.call('GET', `/api/sites/no-such-site/${path}`)), 'SITE_UNKNOWN', `${path}: an unknown site`)
  }

  const changes = (await h.manager.call('GET', `/api/sites/${h.siteId}/settings-changes`)).json() as { changes: Array<{ id: number, staffId: string, staffName: string, setting: string, params: unknown, bodySummary: unknown }> }
  t.match(changes.changes, [
    { staffId: h.admin.id, staffName: /^Test admin/, setting: 'pile-tariff', params: { deviceId: pile.device.id }, bodySummary: { tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 150 } } } },
    { staffId: h.manager.id, setting: 'holidays', params: { siteId: h.siteId }, bodySummary: { holidays: ['2026-10-02', '2026-10-01'] } },
    { staffId: h.manager.id, setting: 'access-schedule', params: { siteId: h.siteId, scheduleId: 'contractor' } }
  ], 'this site\'s changes only, newest first, with who and what')
  t.equal(changes.changes.length, 3)
  const older = (await h.manager.call('GET', `/api/sites/${h.siteId}/settings-changes?limit=1&before=${changes.changes[0]!.id}`)).json() as { changes: Array<{ setting: string }> }
  t.same(older.changes.map(c => c.setting), ['holidays'], 'paged back with before and limit')
  t.equal(((await h.admin.call('GET', `/api/sites/${h.otherSiteId}/settings-changes`)).json() as { changes: unknown[] }).changes.length, 3, 'the other site has its own three')
  t.equal((await h.manager.call('GET', `/api/sites/${h.siteId}/settings-changes?limit=0`)).statusCode, 400)
})

store.test('a too-short text names no bound: only numbers carry minimum and maximum', async t => {
  const h = await harness(t)
  const res = await h.manager.call('PUT', `/api/sites/${h.siteId}/access-schedules/day`, { weekdays: { mon: [{ from: '08:00', to: '18:00' }, { from: '19:00', to: '20:00' }, { from: '21:00', to: '22:00' }, { from: '22:30', to: '23:00' }, { from: '23:10', to: '23:20' }] } })
  const issue = (res.json() as { error: { details: Array<Record<string, unknown>> } }).error.details[0]
  t.match(issue, { path: '/weekdays/mon', code: 'too_big' }, 'five periods where four fit')
  t.notOk(issue != null && 'maximum' in issue, 'a list\'s length is not a number the page would show as a bound')
})

for (const kind of ['sqlite', 'postgres'] as const) {
  t.test(`a tariff set with the CLI is a settings change of its site too [${kind}]`, { skip: kind === 'postgres' ? await postgresSkipReasonIfAny() : false }, async t => {
    const url = kind === 'postgres' ? await createPostgresTestDatabase(t) : undefined
    if (kind === 'postgres' && url == null) throw new Error(postgresSkipReason)
    const config = url == null ? { SQLITE_PATH: join(tempDir(t), 'cli.db') } : { SQLITE_PATH: '', DATABASE_URL: url }
    const store = await openStore(config)
    const h = await harness(t, { store })
    t.teardown(() => store.close()) // after the app (teardowns run in order)
    const ctl = async (...argv: string[]) => runCli(argv, config, { out: () => {}, err: () => {} })
    const pile = await aCharger(h.db, h.siteId)

    t.equal(await ctl('tariff', 'set', '--site', h.siteId, '--per-kwh', '100', '--hold', '300'), 0)
    t.equal(await ctl('tariff', 'set', '--site', h.siteId, '--pile', pile.device.id, '--per-hour', '120', '--hold', '300'), 0)
    t.equal(await ctl('tariff', 'set', '--site', h.otherSiteId, '--per-kwh', '90', '--hold', '300'), 0)
    t.equal(await ctl('tariff', 'set', '--site', h.siteId, '--per-kwh', '100', '--per-hour', '60'), 1, 'a refused command is no change')
    t.equal((await h.manager.call('PUT', `/api/sites/${h.siteId}/holidays`, { holidays: ['2026-10-01'] })).statusCode, 200)

    const changes = (await h.manager.call('GET', `/api/sites/${h.siteId}/settings-changes`)).json() as { changes: Array<{ id: number, staffId: string, staffName: string | null, setting: string, params: unknown }> }
    t.match(changes.changes, [
      { staffId: h.manager.id, setting: 'holidays' },
      { staffId: /^cli:/, staffName: null, setting: 'pile-tariff', params: { deviceId: pile.device.id }, bodySummary: { 'per-hour': '120' } },
      { staffId: /^cli:/, setting: 'site-tariff', params: { siteId: h.siteId }, bodySummary: { 'per-kwh': '100' } }
    ], 'HTTP and CLI changes of this site, newest first')
    t.equal(changes.changes.length, 3, 'not the other site\'s')
    const page = (await h.manager.call('GET', `/api/sites/${h.siteId}/settings-changes?limit=1&before=${changes.changes[0]!.id}`)).json() as { changes: Array<{ setting: string }> }
    t.same(page.changes.map(c => c.setting), ['pile-tariff'], 'paged across both kinds')
  })
}
