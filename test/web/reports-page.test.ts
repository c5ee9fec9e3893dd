// The reports page in real Chromium, on both stores: a manager sees today's
// report of the site (in the site's calendar), with its chart and table as the
// API computes it, switches to the month, and downloads the CSV of the same
// report. An operator picks all sites and gets each site and the total. A
// counter clerk does not get the page.
import { readFileSync } from 'node:fs'
import tap, { type Test } from 'tap'
import { browserSkipReasonIfAny, launchBrowser } from '../helpers/browser.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { createSite } from '../../services/sites/site-registry.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { setStaffPassword } from '../../services/web-sessions/staff-passwords.ts'
import { localDay } from '../../web/src/report-query.ts'
import { PASSWORD, signInAs, signOut, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()

async function reportsPage (t: Test, databaseUrl?: string) {
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db } = scene
  const day = localDay(Date.now(), scene.site.timezone)
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

  await page.locator('[data-testid=period-month]').click()
  await page.locator('[data-testid=show-report]').click()
  await page.locator('.page p.muted', { hasText: `${day.slice(0, 7)}-01` }).waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=report-csv]').click()])
  t.equal(download.suggestedFilename(), `report-${day.slice(0, 7)}.csv`, 'the month\'s CSV')
  const csv = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\r\n')
  t.match(csv[0], /^site_id,site_name,/)
  t.equal(csv.length, 3, 'the header, the site and the total')
  t.match(csv[1], new RegExp(`^${scene.site.id},.*,1000,0,0,1000,10\\.00$`), 'the site: 1000 issued, none redeemed, 1000 outstanding = ¥10.00')
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
