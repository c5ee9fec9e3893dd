// The alarms page in real Chromium, on both stores: a smoke alarm a kiosk
// raises over MQTT appears without a reload, with the critical-alarm cue; a
// manager acknowledges and shelves it and the store shows both changes,
// attributed; the history drawer lists the episode and its changes. A counter
// clerk sees the alarms but gets no shelve action.
import tap, { type Test } from 'tap'
import { browserSkipReasonIfAny, launchBrowser, screenshot, seriousAxeViolations } from '../helpers/browser.ts'
import { connectDevice } from '../helpers/backend.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { signInAs, signOut, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()

async function alarmsPage (t: Test, databaseUrl?: string) {
  const scene = await startWebScene(t, { LIVE_EVENTS_POLL_MS: 100, ...(databaseUrl == null ? {} : { DATABASE_URL: databaseUrl }) })
  const { backend, db } = scene
  const kiosk = await connectDevice(t, backend.mqttUrl, scene.online.id, scene.onlineSecret)
  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))

  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/alarms`)
  await page.locator('[data-testid=live]').waitFor()
  t.equal(await page.locator('[data-testid=critical-cue]').count(), 0, 'no cue before an alarm')

  await kiosk.publishJson('events/alarm', { eventId: 'alarm-smoke-1', ts: Date.now(), type: 'smoke', state: 'raised', bin: 'paper', message: 'smoke in the paper bin' })
  await page.locator('[data-testid=critical-cue]').waitFor()
  t.match(await page.locator('[data-testid=critical-cue]').textContent(), /严重告警.*kiosk-east.*烟雾/, 'the cue names the device and the alarm')
  const stored = await db.selectFrom('alarms').selectAll().where('device_id', '=', scene.online.id).executeTakeFirstOrThrow()
  const id = stored.id
  await page.locator(`[data-testid=alarm-${id}]`).waitFor()
  t.equal((await page.locator(`[data-testid=severity-${id}]`).textContent())?.trim(), '严重')
  t.same(await seriousAxeViolations(page), [], 'the cue and the table: no serious or critical accessibility violation')

  await page.locator(`[data-testid=acknowledge-${id}]`).click()
  await page.locator(`[data-testid=acknowledge-${id}]`).waitFor({ state: 'detached' })
  const acknowledged = await db.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  t.equal(acknowledged.acknowledged_by, scene.manager.id, 'the store says who acknowledged it')

  await page.locator(`[data-testid=shelve-${id}]`).click()
  t.ok(await page.locator('[data-testid=shelve-confirm]').isDisabled(), 'no shelving without a reason')
  await page.locator('#shelve-reason').fill('烟感误报，已报修')
  await page.locator('[data-testid=shelve-hours]').click()
  await page.getByRole('option', { name: '24 小时' }).click()
  t.ok(await screenshot(page, `alarms-shelve-${databaseUrl == null ? 'sqlite' : 'postgres'}`))
  t.same(await seriousAxeViolations(page), [], 'the shelve dialog: no serious or critical accessibility violation')
  const before = Date.now()
  await page.locator('[data-testid=shelve-confirm]').click()
  await page.locator(`[data-testid=shelve-${id}]`).waitFor({ state: 'detached' })
  const shelved = await db.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  t.equal(shelved.shelved_reason, '烟感误报，已报修')
  const until = Number(shelved.shelved_until_ms)
  t.ok(until >= before + 24 * 3600_000 - 60_000 && until <= Date.now() + 24 * 3600_000, 'shelved for 24 h')
  t.match(await page.locator(`[data-testid=state-${id}]`).textContent(), /已确认 · 搁置至/)

  await page.locator('[data-testid=open-history]').click()
  await page.locator(`[data-testid=changes-${id}]`).click()
  await page.locator('[data-testid=changes-table]').getByText('shelve', { exact: true }).waitFor()
  t.match(await page.locator('[data-testid=changes-table]').textContent(), /raise.*acknowledge.*shelve/s, 'every change in order')
  await page.keyboard.press('Escape')
  await page.locator('[data-testid=alarm-history]').waitFor({ state: 'hidden' })
  await signOut(page)

  await signInAs(page, backend.httpUrl, 'li.counter')
  await page.goto(`${backend.httpUrl}/#/alarms`)
  await page.locator(`[data-testid=alarm-${id}]`).waitFor()
  t.equal(await page.locator('[data-testid^=shelve-]').count(), 0, 'a counter clerk cannot shelve')
  await waitUntil(async () => (await page.locator(`[data-testid=clear-${id}]`).count()) === 1, 'a counter clerk may clear')
  t.same(pageErrors, [], 'no script errors in the page')
}

tap.test('alarms page [sqlite]', { skip }, async t => { await alarmsPage(t) })
tap.test('alarms page [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await alarmsPage(t, url)
})
