// The charging page in real Chromium, on both stores, with a session made by
// a real pile over MQTT (swipe → start → meter values → stop): the session
// shows as live on its pile and port, then in the history; its dispute view
// shows the meter curve (chart and table), the tariff version and the ledger
// entry, as the store has them. A counter clerk does not get the page.
import tap, { type Test } from 'tap'
import { aCharger, aChargingTariff, pileSays } from '../fixtures/charging-scene.ts'
import { browserSkipReasonIfAny, launchBrowser, screenshot, seriousAxeViolations } from '../helpers/browser.ts'
import { connectDevice } from '../helpers/backend.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { signInAs, signOut, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()

async function chargingPage (t: Test, databaseUrl?: string) {
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db } = scene
  const charger = await aCharger(db, scene.site.id, 'pile-south')
  const tariff = await aChargingTariff(db, scene.site.id)
  const pile = await connectDevice(t, backend.mqttUrl, charger.device.id, charger.secret)
  let n = 0
  const say = pileSays(pile, () => `pile-south-e${++n}`)
  const t0 = Date.now() - 45 * 60_000
  const min = (m: number) => t0 + m * 60_000

  await say('charging-swipe', { ts: min(0), card: scene.card.uid, port: 2 })
  const start = (await pile.waitFor(m => m.payload.type === 'start-charging')).payload
  await say('command-ack', { ts: min(0), cmdId: start.cmdId, ok: true })
  const sessionId = String(start.sessionId)
  await say('charging-started', { ts: min(0), sessionId, port: 2, seq: 0 })
  // a new tariff version after the start does not apply to this session
  await aChargingTariff(db, scene.site.id, { tariff: { pricing: { kind: 'per_hour', pointsPerHour: 999, billingUnit: 'minute' }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 } })
  await say('charging-meter', { ts: min(15), sessionId, port: 2, seq: 1, energyWh: 75, powerW: 300, voltageV: 54.1, temperatureC: 30 })

  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))
  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/charging`)
  await page.locator(`[data-testid=live-${sessionId}]`).waitFor()
  t.match(await page.locator('[data-testid=live-sessions] tbody tr').textContent(), /pile-south\s*2\s*充电中/, 'live on its pile and port')

  await say('charging-meter', { ts: min(30), sessionId, port: 2, seq: 2, energyWh: 150, powerW: 290, voltageV: 54.4 })
  await say('charging-stopped', { ts: min(45), sessionId, port: 2, seq: 3, reason: 'USER', energyWh: 220 })
  await page.locator('[data-testid=refresh]').click()
  await page.locator(`[data-testid=live-${sessionId}]`).waitFor({ state: 'detached' })

  const stored = await db.selectFrom('charging_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow()
  const charge = await db.selectFrom('ledger_entries').selectAll().where('household_id', '=', scene.household.id).where('kind', '=', 'charge').executeTakeFirstOrThrow()
  t.ok(Number(stored.charged_points) > 0, 'the store charged the session')
  await page.locator(`[data-testid=dispute-${sessionId}]`).click()
  await page.locator('[data-testid=dispute]').waitFor()
  t.equal((await page.locator('[data-testid=charged]').textContent())?.trim(), String(stored.charged_points), 'the charge as stored')
  t.match(await page.locator('[data-testid=tariff-version]').textContent(), new RegExp(`第 ${tariff.row.version} 版`), 'the version in force at the start, not the newer one')
  t.equal(await page.locator('[data-testid=meter-table] tbody tr').count(), 2, 'every meter value')
  t.ok(await page.locator('[data-testid=meter-curve] canvas').count() > 0, 'the curve is drawn')
  await waitUntil(async () => (await page.locator('[data-testid=dispute-ledger] tbody tr').count()) === 1, 'the ledger entry is listed')
  t.match(await page.locator('[data-testid=dispute-ledger] tbody tr').textContent(), new RegExp(`充电扣费\\s*${charge.points}`), 'the charge entry with its points')
  t.ok(await screenshot(page, `charging-dispute-${databaseUrl == null ? 'sqlite' : 'postgres'}`))
  t.same(await seriousAxeViolations(page), [], 'the dispute view: no serious or critical accessibility violation')
  await signOut(page)

  await signInAs(page, backend.httpUrl, 'li.counter')
  t.equal(await page.locator('[data-testid=nav-charging]').count(), 0, 'not in a counter clerk\'s navigation')
  await page.goto(`${backend.httpUrl}/#/charging`)
  await page.locator('[data-testid=forbidden]').waitFor()
  t.same(pageErrors, [], 'no script errors in the page')
}

tap.test('charging page [sqlite]', { skip }, async t => { await chargingPage(t) })
tap.test('charging page [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await chargingPage(t, url)
})
