// A simulated kiosk (device-sim, over real MQTT) goes offline and comes back
// while a manager watches the overview (live, server-sent events), then serves
// a resident, and its detail page shows its health, events and acked commands; the grid of a compound with hundreds of devices shows one page
// of tiles at a time, and a filter starts again at the first page.
import tap from 'tap'
import { SimKiosk } from '../../device-sim/kiosk.ts'
import { browserSkipReasonIfAny, launchBrowser, screenshot, seriousAxeViolations } from '../helpers/browser.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { signInAs, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()
const EXTRA = 298 // with the scene's two kiosks: 300 devices, three pages of 120

tap.test('a simulated kiosk goes offline and comes back; the grid pages', { skip }, async t => {
  const scene = await startWebScene(t)
  const base = scene.backend.httpUrl
  const now = Date.now()
  // the scene marks the east kiosk online by hand; here only a live connection may do that
  await scene.db.updateTable('devices').set({ online: 0 }).where('id', '=', scene.online.id).execute()
  const extra = Array.from({ length: EXTRA }, (_, i) => ({
    id: `gc-gate-${String(i).padStart(3, '0')}`, site_id: scene.site.id, kind: 'gate' as const, name: `东门闸机 ${i}`,
    secret_hash: 'hmac-sha256$no-secret-matches', status: 'active' as const, created_at_ms: now, online: 0, last_seen_at_ms: null, last_status: null
  }))
  for (let i = 0; i < extra.length; i += 100) await scene.db.insertInto('devices').values(extra.slice(i, i + 100)).execute()
  const total = EXTRA + 2

  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))
  await signInAs(page, base, 'wang.manager')
  await page.goto(`${base}/#/overview`)
  await page.locator('[data-testid=live]').waitFor()
  const onlineShown = async () => (await page.locator('[data-testid=devices-online]').textContent())?.trim()
  await waitUntil(async () => await onlineShown() === `0 / ${total}`, 'the overview shows no device online')

  const kiosk = new SimKiosk({ mqttUrl: scene.backend.mqttUrl, deviceId: scene.online.id, secret: scene.onlineSecret, heartbeatS: 0, reconnectPeriodMs: 100, seed: 11 })
  t.teardown(() => kiosk.close(0))
  await kiosk.start()
  await waitUntil(async () => await onlineShown() === `1 / ${total}`, 'the overview shows the kiosk online', 15_000)
  await kiosk.goOffline() // the socket drops: the broker publishes the will
  await waitUntil(async () => await onlineShown() === `0 / ${total}`, 'the overview shows the kiosk offline', 15_000)
  await kiosk.goOnline()
  await waitUntil(async () => await onlineShown() === `1 / ${total}`, 'the overview shows the kiosk back', 15_000)

  // a visit at the kiosk, then its detail page: health, the events it sent and the commands it acked
  const visit = await kiosk.visit(scene.card.uid)
  t.equal(visit.outcome, 'deposited', 'the simulated resident deposited')
  await page.goto(`${base}/#/devices/${encodeURIComponent(scene.online.id)}`)
  await page.locator('[data-testid=device-health]').waitFor()
  t.match(await page.locator('[data-testid=device-health]').textContent(), /固件\s*\S+/, 'firmware from its status report')
  const eventRows = page.locator('[data-testid=device-events] .el-table__body tr')
  await waitUntil(async () => (await eventRows.allTextContents()).some(r => r.includes('deposit')), 'the deposit is among the recent events')
  const events = await eventRows.allTextContents()
  t.ok(events.some(r => /swipe.*decision: open/.test(r)), 'the swipe and what it did')
  t.ok(events.some(r => /deposit.*credited/.test(r)), 'the deposit, credited')
  t.notOk(events.some(r => r.includes(scene.card.uid)), 'no card number on the page')
  const commandRows = await page.locator('[data-testid=device-commands] .el-table__body tr').allTextContents()
  t.ok(commandRows.some(r => /open.*已确认/.test(r)) && commandRows.some(r => /display.*已确认/.test(r)), 'open and display, acknowledged')
  t.ok(await screenshot(page, 'zh-CN-device-detail-history'))
  t.same(await seriousAxeViolations(page), [], 'device detail: no serious or critical accessibility violation')

  // the grid: 120 tiles a page in id order; the kiosks come after the 298 gates, on page three
  await page.goto(`${base}/#/devices`)
  const grid = page.locator('[data-testid=device-grid]')
  const tiles = page.locator('[data-testid=device-grid] > li')
  await page.locator('[data-testid=device-gc-gate-000]').waitFor()
  t.equal(await grid.getAttribute('data-shown'), String(total), 'every device matches')
  t.equal(await tiles.count(), 120, 'one page of tiles')
  t.equal(await page.locator(`[data-testid=device-${scene.online.id}]`).count(), 0, 'the kiosk is not on the first page')
  const pager = page.locator('[data-testid=device-pager]')
  await pager.locator('.el-pager li', { hasText: /^3$/ }).click()
  await page.locator(`[data-testid=device-${scene.online.id}]`).waitFor()
  t.equal(await tiles.count(), total - 240, 'the third page holds the rest')
  t.match(await page.locator(`[data-testid=device-${scene.online.id}]`).getAttribute('class'), /\bonline\b/, 'the live kiosk is shown online')
  t.match(await page.locator(`[data-testid=device-${scene.offline.id}]`).getAttribute('class'), /\boffline\b/)
  t.ok(await screenshot(page, 'zh-CN-devices-paged'))
  t.same(await seriousAxeViolations(page), [], 'paged grid: no serious or critical accessibility violation')

  // a filter starts again at the first page; few matches need no pager
  await page.locator('[role=search] input').first().fill('kiosk')
  await waitUntil(async () => await grid.getAttribute('data-shown') === '2', 'the filter leaves the two kiosks')
  t.equal(await tiles.count(), 2)
  t.equal(await pager.count(), 0, 'no pager for two tiles')
  t.same(pageErrors, [], 'no script errors in the page')
})
