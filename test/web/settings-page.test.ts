// The settings page and the gates page's revoke list in real Chromium, on
// both stores: a manager changes a rate, a pile's tariff, an access schedule
// and the holidays, and the store holds them; bad input shows the API's error
// next to the field, in zh-CN and in English, and changes nothing; the
// changes list says who changed what. A visitor pass is revoked from the
// list (an expired and a used-up pass show as such, without a revoke). A
// counter clerk gets neither the page nor its API. Screenshots and axe in
// both languages.
import tap, { type Test } from 'tap'
import type { Locator, Page } from 'playwright-core'
import type { RateTable } from '../../schemas/rate-table.ts'
import { issueVisitorPass } from '../../services/gate/pass-issuing.ts'
import { getSite } from '../../services/sites/site-registry.ts'
import type { StaffAccount } from '../../services/staff/staff.ts'
import { aCharger } from '../fixtures/charging-scene.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { browserSkipReasonIfAny, launchBrowser, screenshot, seriousAxeViolations } from '../helpers/browser.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { signInAs, signOut, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()

/** The error Element Plus shows under the form item that holds `input`. */
const errorAt = (page: Page, input: string): Locator => page.locator('.el-form-item', { has: page.locator(input) }).locator('.el-form-item__error')

async function typeInto (page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value)
  await page.keyboard.press('Tab') // el-input-number takes the value on change
}

async function check (t: Test, page: Page, name: string): Promise<void> {
  t.ok(await screenshot(page, name), `screenshot ${name}`)
  t.same(await seriousAxeViolations(page), [], `${name}: no serious or critical accessibility violation`)
}

const actorOf = (s: StaffAccount) => ({ id: s.id, username: s.username, name: s.name, role: s.role, siteId: s.site_id })

async function settingsPage (t: Test, databaseUrl?: string) {
  const store = databaseUrl == null ? 'sqlite' : 'postgres'
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db, site } = scene
  const pile = await aCharger(db, site.id, 'pile-01')
  const rates = async (): Promise<RateTable> => (await getSite(db, site.id)).rateTable
  const pileTariffs = async () => db.selectFrom('charging_tariffs').select(['version', 'tariff']).where('scope', '=', pile.device.id).execute()
  const holidays = async () => JSON.parse((await db.selectFrom('gate_sites').select('holidays').where('site_id', '=', site.id).executeTakeFirst())?.holidays ?? '[]') as string[]

  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))
  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.locator('[data-testid=nav-settings]').click()
  await page.locator('h1', { hasText: '设置' }).waitFor()
  await page.locator('#rate-points-paper').waitFor()
  await check(t, page, `zh-CN-settings-${store}`)

  // a rate: paper earns 55 points per kg
  await typeInto(page, '#rate-points-paper', '55')
  await page.locator('[data-testid=save-rates]').click()
  await page.locator('[data-testid=rates-saved]').waitFor()
  t.same((await rates()).rates.paper, { mode: 'per_kg', pointsPerKg: 55 }, 'the store holds the new rate')
  // too many: the API's bound next to the field, nothing stored
  await typeInto(page, '#rate-points-paper', '20000')
  await page.locator('[data-testid=save-rates]').click()
  await errorAt(page, '#rate-points-paper').getByText('不能大于 10000').waitFor()
  t.ok(await page.getByRole('alert').filter({ hasText: '输入有误' }).isVisible(), 'the form says to check the input')
  t.same((await rates()).rates.paper, { mode: 'per_kg', pointsPerKg: 55 }, 'a refused rate changes nothing')
  await check(t, page, `zh-CN-settings-rate-error-${store}`)

  // a pile's tariff: a new version for pile-01
  await page.getByRole('tab', { name: '充电计费' }).click()
  await page.locator('[data-testid=tariff-target]').click()
  await page.getByRole('option', { name: 'pile-01' }).click()
  await typeInto(page, '#tariff-price', '150')
  await page.locator('[data-testid=save-tariff]').click()
  await page.locator('[data-testid=tariff-saved]').waitFor()
  await page.locator('[data-testid=tariff-versions] tbody tr', { hasText: '150' }).waitFor()
  t.match((await pileTariffs()).map(v => ({ version: v.version, tariff: JSON.parse(v.tariff) as unknown })), [{ version: 1, tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 150 } } }], 'the store holds the pile\'s tariff')
  // a minimum above the maximum: refused at the minimum, no new version
  await typeInto(page, '#tariff-min-cost', '500')
  await typeInto(page, '#tariff-max-cost', '100')
  await page.locator('[data-testid=save-tariff]').click()
  await errorAt(page, '#tariff-min-cost').getByText('不能超过最高费用').waitFor()
  t.equal((await pileTariffs()).length, 1, 'a refused tariff adds no version')

  // a schedule and the holidays
  await page.getByRole('tab', { name: '通行时段' }).click()
  await page.locator('#schedule-id').fill('contractor')
  await page.locator('#schedule-mon').fill('25:00-18:00')
  await page.locator('[data-testid=save-schedule]').click()
  await errorAt(page, '#schedule-mon').getByText('时段格式 08:00-18:00').waitFor()
  t.same(await db.selectFrom('access_schedules').select('id').where('site_id', '=', site.id).execute(), [], 'a refused schedule is not stored')
  await page.locator('#schedule-mon').fill('08:00-18:00, 19:00-21:00')
  await page.locator('[data-testid=save-schedule]').click()
  await page.locator('[data-testid=schedule-saved]').waitFor()
  await page.locator('[data-testid=schedules]').getByText('08:00-18:00, 19:00-21:00').waitFor()
  const stored = await db.selectFrom('access_schedules').select('body').where('site_id', '=', site.id).where('id', '=', 'contractor').executeTakeFirstOrThrow()
  t.match(JSON.parse(stored.body), { weekdays: { mon: [{ from: '08:00', to: '18:00' }, { from: '19:00', to: '21:00' }] } }, 'the store holds the schedule')

  await page.locator('#holidays').fill('2026-10-01\n2026-02-30')
  await page.locator('[data-testid=save-holidays]').click()
  await errorAt(page, '#holidays').getByText('请填写存在的日期').waitFor()
  t.same(await holidays(), [], 'a date that does not exist stores nothing')
  await check(t, page, `zh-CN-settings-holiday-error-${store}`)
  await page.locator('#holidays').fill('2026-10-01\n2026-10-02')
  await page.locator('[data-testid=save-holidays]').click()
  await page.locator('[data-testid=holidays-saved]').waitFor()
  t.same(await holidays(), ['2026-10-01', '2026-10-02'], 'the store holds the holidays')

  // who changed what: four changes by 王主管, newest first
  const changes = page.locator('[data-testid=settings-changes] tbody tr')
  await waitUntil(async () => await changes.count() === 4, 'the changes list shows the four saves')
  t.same((await changes.allTextContents()).map(row => /王主管/.test(row)), [true, true, true, true], 'each by the manager')
  t.match(await changes.nth(0).textContent(), /节假日/)
  t.match(await changes.nth(2).textContent(), /充电桩计费.*pile-01/)
  t.match(await changes.nth(3).textContent(), /积分规则/)

  // in English: the same field error in English
  await page.locator('[data-testid=language-switch]').click()
  await page.locator('h1', { hasText: 'Settings' }).waitFor()
  await page.getByRole('tab', { name: 'Rate table' }).click()
  await typeInto(page, '#rate-points-paper', '20000')
  await page.locator('[data-testid=save-rates]').click()
  await errorAt(page, '#rate-points-paper').getByText('must be at most 10000').waitFor()
  t.ok(await page.getByRole('alert').filter({ hasText: 'Please check what you entered.' }).isVisible(), 'the form\'s message in English too')
  t.same((await rates()).rates.paper, { mode: 'per_kg', pointsPerKg: 55 }, 'still unchanged')
  await check(t, page, `en-settings-rate-error-${store}`)
  await page.getByRole('tab', { name: 'Charging tariffs' }).click()
  await page.locator('[data-testid=tariff-versions]').waitFor()
  t.ok(await page.getByRole('alert').filter({ hasText: 'Please check what you entered.' }).isVisible(), 'the refusal shown in Chinese before reads in English now')
  t.equal(await errorAt(page, '#tariff-min-cost').textContent(), 'must not exceed the maximum cost')
  await check(t, page, `en-settings-tariffs-${store}`)
  await page.locator('[data-testid=language-switch]').click()
  await page.locator('h1', { hasText: '设置' }).waitFor()

  // the revoke list on the gates page
  const gate = await aGate(db, site.id, { id: 'gate-north' })
  const manager = actorOf(scene.manager)
  const hour = 3600_000
  const old = Date.now() - 48 * hour
  const expired = await issueVisitorPass(db, manager, site.id, { gates: [gate.device.id], validFromMs: old, validUntilMs: old + hour, maxUses: 1, visitor: '快递员' }, old)
  const usedUp = await issueVisitorPass(db, manager, site.id, { gates: [gate.device.id], validFromMs: Date.now(), validUntilMs: Date.now() + 8 * hour, maxUses: 1, visitor: '保洁阿姨' })
  await db.updateTable('visitor_passes').set({ uses: 1 }).where('id', '=', usedUp.pass.id).execute() // as the gate counts a use
  const active = await issueVisitorPass(db, manager, site.id, { gates: [gate.device.id], validFromMs: Date.now(), validUntilMs: Date.now() + 8 * hour, maxUses: 2, visitor: '水管工 王师傅' })
  await page.goto(`${backend.httpUrl}/#/gates`)
  await page.locator(`[data-testid=pass-status-${active.pass.id}]`).waitFor()
  t.equal((await page.locator(`[data-testid=pass-status-${expired.pass.id}]`).textContent())?.trim(), '已过期')
  t.equal((await page.locator(`[data-testid=pass-status-${usedUp.pass.id}]`).textContent())?.trim(), '次数已用完')
  t.equal((await page.locator(`[data-testid=pass-status-${active.pass.id}]`).textContent())?.trim(), '有效')
  t.equal(await page.locator('[data-testid^=revoke-]').count(), 1, 'only the pass that still opens a gate can be revoked')
  await page.locator(`[data-testid=revoke-${active.pass.id}]`).click()
  await page.getByRole('button', { name: '取消' }).click()
  t.equal((await db.selectFrom('visitor_passes').select('revoked_at_ms').where('id', '=', active.pass.id).executeTakeFirstOrThrow()).revoked_at_ms, null, 'cancelled: still valid')
  await page.locator(`[data-testid=revoke-${active.pass.id}]`).click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.locator('[data-testid=pass-revoked]').waitFor()
  await page.locator(`[data-testid=pass-status-${active.pass.id}]`, { hasText: '已作废' }).waitFor()
  await page.locator('.el-overlay').waitFor({ state: 'hidden' }) // the confirmation has faded out
  t.ok((await db.selectFrom('visitor_passes').select('revoked_at_ms').where('id', '=', active.pass.id).executeTakeFirstOrThrow()).revoked_at_ms != null, 'the store holds the revocation')
  t.equal(await page.locator('[data-testid^=revoke-]').count(), 0)
  await check(t, page, `zh-CN-gates-passes-${store}`)
  await signOut(page)

  // a counter clerk: no page, and the API refuses too
  await signInAs(page, backend.httpUrl, 'li.counter')
  t.equal(await page.locator('[data-testid=nav-settings]').count(), 0, 'not in a counter clerk\'s navigation')
  await page.goto(`${backend.httpUrl}/#/settings`)
  await page.locator('[data-testid=forbidden]').waitFor()
  const refused = await page.evaluate(async (siteId) => {
    const { csrfToken } = await (await fetch('/api/session')).json() as { csrfToken: string }
    const put = await fetch(`/api/sites/${siteId}/holidays`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ holidays: [] }) })
    const read = await fetch(`/api/sites/${siteId}/settings-changes`)
    return [put.status, read.status]
  }, site.id)
  t.same(refused, [403, 403], 'the API refuses a counter clerk\'s settings calls')
  t.same(await holidays(), ['2026-10-01', '2026-10-02'], 'nothing changed')
  t.same(pageErrors, [], 'no script errors in the page')
}

tap.test('settings page [sqlite]', { skip }, async t => { await settingsPage(t) })
tap.test('settings page [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await settingsPage(t, url)
})
