// The alarms page in real Chromium, on both stores: a smoke alarm a kiosk
// raises over MQTT appears without a reload, with the critical-alarm cue and
// (sound switched on) one WebAudio tone, none for a major alarm; a
// manager acknowledges and shelves it and the store shows both changes,
// attributed; the history drawer lists the episode and its changes. A counter
// clerk sees the alarms, gets no shelve action, and clears it.
import tap, { type Test } from 'tap'
import { browserSkipReasonIfAny, launchBrowser, screenshot, seriousAxeViolations } from '../helpers/browser.ts'
import { connectDevice } from '../helpers/backend.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { changeAlarm, raiseAlarm } from '../../services/alarms/alarm-repository.ts'
import { floodKey } from '../../services/alarms/flood.ts'
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

  // count the tones the page starts through the real WebAudio API
  await page.addInitScript(() => {
    const g = globalThis as unknown as { tones: number, AudioContext: { prototype: { createOscillator: () => unknown } } }
    g.tones = 0
    const original = g.AudioContext.prototype.createOscillator
    g.AudioContext.prototype.createOscillator = function (this: unknown) { g.tones++; return original.call(this) }
  })
  const tones = async () => page.evaluate(() => (globalThis as unknown as { tones: number }).tones)

  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/alarms`)
  await page.locator('[data-testid=live]').waitFor()
  t.equal(await page.locator('[data-testid=critical-cue]').count(), 0, 'no cue before an alarm')
  await page.locator('[data-testid=sound]').click()

  await kiosk.publishJson('events/alarm', { eventId: 'alarm-smoke-1', ts: Date.now(), type: 'smoke', state: 'raised', bin: 'paper', message: 'smoke in the paper bin' })
  await page.locator('[data-testid=critical-cue]').waitFor()
  t.match(await page.locator('[data-testid=critical-cue]').textContent(), /严重告警.*kiosk-east.*烟雾/, 'the cue names the device and the alarm')
  const stored = await db.selectFrom('alarms').selectAll().where('device_id', '=', scene.online.id).executeTakeFirstOrThrow()
  const id = stored.id
  await page.locator(`[data-testid=alarm-${id}]`).waitFor()
  await waitUntil(async () => (await tones()) === 1, 'one tone for the critical alarm, the sound being on')
  await kiosk.publishJson('events/alarm', { eventId: 'alarm-tamper-1', ts: Date.now(), type: 'tamper', state: 'raised' })
  const tamper = await db.selectFrom('alarms').select('id').where('type', '=', 'tamper').executeTakeFirstOrThrow()
  await page.locator(`[data-testid=alarm-${tamper.id}]`).waitFor()
  t.equal(await tones(), 1, 'no tone for a major alarm')
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
  await page.locator(`[data-testid=clear-${id}]`).click()
  await page.locator(`[data-testid=clear-${id}]`).waitFor({ state: 'detached' })
  t.equal((await db.selectFrom('alarms').select('active').where('id', '=', id).executeTakeFirstOrThrow()).active, 0, 'a counter clerk cleared it')
  t.same(pageErrors, [], 'no script errors in the page')
}

tap.test('alarms page [sqlite]', { skip }, async t => { await alarmsPage(t) })
tap.test('alarms page [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await alarmsPage(t, url)
})

// The grouping itself (the flood rule, both stores) is tested in
// test/services/alarms/; here the page shows what the store holds.
tap.test('a flood is one row, its alarms folded inside', { skip }, async t => {
  const scene = await startWebScene(t)
  const { backend, db, site } = scene
  const now = Date.now()
  const flood = await raiseAlarm(db, { key: floodKey(site.id), severity: 'major', message: '12 new alarms in 10 min' }, { kind: 'rule', id: 'flood' }, now)
  if (!flood.ok) throw new Error(flood.message)
  const grouped: string[] = [scene.alarmId]
  for (let i = 1; i <= 11; i++) {
    const raised = await raiseAlarm(db, { key: { siteId: site.id, deviceId: scene.online.id, type: 'scale-fault', source: `bin-${i}` }, severity: 'major' }, { kind: 'device', id: scene.online.id }, now - i * 1000)
    if (!raised.ok) throw new Error(raised.message)
    grouped.push(raised.alarm.id)
  }
  for (const id of grouped) {
    const done = await changeAlarm(db, id, { kind: 'group', floodAlarmId: flood.alarm.id }, { kind: 'rule', id: 'flood' }, now)
    if (!done.ok) throw new Error(done.message)
  }
  const context = await launchBrowser(t)
  const page = await context.newPage()
  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/alarms`)
  await page.locator(`[data-testid=alarm-${flood.alarm.id}]`).waitFor()
  t.equal(await page.locator('[data-testid=alarm-table] tbody tr:visible').count(), 1, 'one row for the flood')
  t.match(await page.locator('[data-testid=alarm-table] tbody tr').first().textContent(), /告警泛滥.*含 12 条/, 'the flood row says how many it holds')
  await page.locator('[data-testid=alarm-table] .el-table__expand-icon').first().click()
  await page.locator(`[data-testid=alarm-${grouped[1] ?? ''}]`).waitFor()
  t.equal(await page.locator('[data-testid=alarm-table] tbody tr:visible').count(), 13, 'expanded: the flood and its 12 alarms')
  t.same(await seriousAxeViolations(page), [], 'no serious or critical accessibility violation')
})
