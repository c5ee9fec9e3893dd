// The reports page in real Chromium, on both stores: a manager sees today's
// report of the site (in the site's calendar), with its chart and tables as the
// API computes it (gate traffic and charging included), switches to the month,
// and downloads the CSV of the same report. An operator picks all sites and gets each site and the total. A
// counter clerk does not get the page.
import { readFileSync } from 'node:fs'
import tap, { type Test } from 'tap'
import { browserSkipReasonIfAny, launchBrowser } from '../helpers/browser.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { createSite } from '../../services/sites/site-registry.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { setStaffPassword } from '../../services/web-sessions/staff-passwords.ts'
import { findDevice } from '../../services/devices/device-registry.ts'
import { recordAccess } from '../../services/gate/access-log.ts'
import type { Device, Household } from '../../services/store/database.ts'
import type { Executor } from '../../services/store/executor.ts'
import { localDay } from '../../web/src/report-query.ts'
import { aCharger, aChargingTariff } from '../fixtures/charging-scene.ts'
import { aSettledSession } from '../fixtures/charging-sessions.ts'
import { PASSWORD, signInAs, signOut, startWebScene } from './scene.ts'

/**
 * Today at the gates: two entries (one a visitor pass), one exit decided offline, one denial;
 * and one charging session of the scene's household, 30 minutes (120 points an hour per started
 * minute: 60 points) and 1,234 Wh, settled now.
 */
async function seedGatesAndCharging (db: Executor, siteId: string, household: Household) {
  const now = Date.now()
  const passages = [
    { credential_kind: 'card', direction: 'in', decision: 'allow', mode: 'online' },
    { credential_kind: 'pass', direction: 'in', decision: 'allow', mode: 'online' },
    { credential_kind: 'card', direction: 'out', decision: 'allow', mode: 'offline' },
    { credential_kind: 'card', direction: 'in', decision: 'deny', mode: 'online' }
  ] as const
  for (const [i, p] of passages.entries()) {
    await recordAccess(db, { site_id: siteId, gate_id: 'gate-north', event_id: `web-g${i}`, at_ms: now, received_at_ms: now, ...p, reason: p.decision === 'deny' ? 'CARD_BLOCKED' : null })
  }
  const device = await findDevice(db, (await aCharger(db, siteId)).device.id) as Device
  await aChargingTariff(db, siteId)
  await aSettledSession(db, { device, household, startMs: now - 30 * 60_000, stopMs: now, energyWh: 1234, reason: 'FULL' })
}

const skip = browserSkipReasonIfAny()

async function reportsPage (t: Test, databaseUrl?: string) {
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db } = scene
  const day = localDay(Date.now(), scene.site.timezone)
  await seedGatesAndCharging(db, scene.site.id, scene.household)
  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))

  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/reports`)
  await page.locator(`[data-testid=issued-${scene.site.id}]`).waitFor()
  t.equal((await page.locator(`[data-testid=issued-${scene.site.id}]`).textContent())?.trim(), '1000', 'today\'s seeded 1000 points issued, in the site\'s calendar')
  t.match(await page.locator('.page p.muted').textContent(), new RegExp(day), 'the site\'s local day')
  t.ok(await page.locator('[data-testid=category-chart] canvas').count() > 0, 'the chart is drawn')
  t.equal(await page.locator('[data-testid=report-scope]').count(), 0, 'site staff get no all-sites choice')
  const cell = async (id: string) => (await page.locator(`[data-testid=${id}-${scene.site.id}]`).textContent())?.trim()
  t.same([await cell('gate-grantedIn'), await cell('gate-grantedOut'), await cell('gate-visitorEntries'), await cell('gate-denied'), await cell('gate-offline'), await cell('gate-remoteOpens')],
    ['2', '1', '1', '1', '1', '0'], 'gate traffic: entries, exits, visitors, denied, offline, remote opens')
  t.same([await cell('charging-sessions'), await cell('charging-kwh'), await cell('charging-revenue')], ['1', '1.234', '60 (¥0.60)'], 'charging: one session, exact kWh, revenue in points and yuan')
  t.ok(await page.getByRole('heading', { name: /Gate traffic|门禁通行/ }).isVisible(), 'the gate table has its heading')

  await page.locator('[data-testid=period-month]').click()
  await page.locator('[data-testid=show-report]').click()
  await page.locator('.page p.muted', { hasText: `${day.slice(0, 7)}-01` }).waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=report-csv]').click()])
  t.equal(download.suggestedFilename(), `report-${day.slice(0, 7)}.csv`, 'the month\'s CSV')
  const csv = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\r\n')
  t.match(csv[0], /^site_id,site_name,/)
  t.equal(csv.length, 3, 'the header, the site and the total')
  t.match(csv[1], new RegExp(`^${scene.site.id},.*,1000,0,0,940,9\\.40,2,1,0,1,1,1,1,1\\.234,0,60,0\\.60$`),
    'the site: 1000 issued, none redeemed, 940 outstanding = ¥9.40 after the charge; the gate figures; one session, 1.234 kWh, 60 points = ¥0.60')
  await signOut(page)

  const other = await createSite(db, { id: 'lotus-garden', name: 'Lotus Garden' })
  const { staff } = await createStaff(db, { username: 'ops', name: 'Operator', role: 'admin', siteId: null })
  await setStaffPassword(db, staff.id, PASSWORD)
  await signInAs(page, backend.httpUrl, 'ops')
  await page.goto(`${backend.httpUrl}/#/reports`)
  await page.locator('[data-testid=report-table]').waitFor()
  await page.locator('[data-testid=report-scope]').click()
  await page.getByRole('option', { name: 'All sites' }).or(page.getByRole('option', { name: '全部小区' })).click()
  await page.locator('[data-testid=show-report]').click()
  await page.locator(`[data-testid=issued-${other.id}]`).waitFor()
  t.equal(await page.locator('[data-testid=report-table] tbody tr').count(), 3, 'each site and the total')
  t.equal((await page.locator('[data-testid="issued-*"]').textContent())?.trim(), '1000', 'the total')
  await signOut(page)

  await signInAs(page, backend.httpUrl, 'li.counter')
  t.equal(await page.locator('[data-testid=nav-reports]').count(), 0, 'not in a counter clerk\'s navigation')
  await page.goto(`${backend.httpUrl}/#/reports`)
  await page.locator('[data-testid=forbidden]').waitFor()
  t.same(pageErrors, [], 'no script errors in the page')
}

tap.test('reports page [sqlite]', { skip }, async t => { await reportsPage(t) })
tap.test('reports page [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await reportsPage(t, url)
})
