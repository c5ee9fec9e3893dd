// Remote open from a gate's detail page in real Chromium, on both stores,
// with a simulated gate over MQTT (device-sim): the reason is required, the
// gate opens and acknowledges, the page says so, and the access log keeps who
// and why; the page shows the gate's allow-list version. A gate that is gone
// does not answer: the page says the open is void.
import tap, { type Test } from 'tap'
import { SimGate } from '../../device-sim/gate.ts'
import { browserSkipReasonIfAny, launchBrowser, screenshot, seriousAxeViolations } from '../helpers/browser.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { signInAs, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()

async function remoteOpen (t: Test, databaseUrl?: string) {
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db } = scene
  const { device, secret } = await aGate(db, scene.site.id, { id: 'gate-north' })
  const gate = new SimGate({ mqttUrl: backend.mqttUrl, deviceId: device.id, siteId: scene.site.id, secret })
  t.teardown(() => gate.close())
  await gate.start()
  await waitUntil(() => gate.listVersion > 0, 'the gate holds its allow-list')

  const context = await launchBrowser(t)
  const page = await context.newPage()
  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/devices/${device.id}`)
  await page.locator('[data-testid=allow-list-version]').waitFor()
  await waitUntil(async () => /门禁已确认第 [1-9]\d* 版/.test(await page.locator('[data-testid=allow-list-version]').textContent() ?? ''), 'the page shows the acknowledged list version')

  await page.locator('[data-testid=remote-open]').click()
  await page.locator('[data-testid=remote-open-reason]').waitFor()
  t.ok(await page.locator('[data-testid=remote-open-send]').isDisabled(), 'no reason, no open')
  await page.locator('[data-testid=remote-open-reason]').fill('快递员送大件，住户不在')
  t.ok(await screenshot(page, 'zh-CN-gate-remote-open'))
  t.same(await seriousAxeViolations(page), [], 'remote open dialog: no serious or critical accessibility violation')
  await page.locator('[data-testid=remote-open-send]').click()
  await page.locator('[data-testid=remote-open-result]').waitFor()
  t.match(await page.locator('[data-testid=remote-open-result]').textContent(), /门禁已开门/)
  t.equal(gate.stats.remoteOpens, 1, 'the gate opened once')
  const logged = await db.selectFrom('access_log').selectAll().where('gate_id', '=', device.id).where('mode', '=', 'remote').execute()
  t.match(logged, [{ staff_id: scene.manager.id, note: '快递员送大件，住户不在', decision: 'allow' }], 'who and why, in the access log')
  await waitUntil(async () => (await page.locator('[data-testid=device-commands] .el-table__body tr').allTextContents()).some(r => /gate-open.*已确认/.test(r)), 'the open command shows acknowledged')

  // the gate is gone: the open waits the API's 10 s, then is void
  await gate.close()
  await page.locator('[data-testid=remote-open]').click()
  await page.locator('[data-testid=remote-open-reason]').fill('测试断线')
  await page.locator('[data-testid=remote-open-send]').click()
  await page.locator('[data-testid=remote-open-result]', { hasText: '没有及时回应' }).waitFor({ timeout: 20_000 })
  t.equal(gate.stats.remoteOpens, 1, 'nothing opened')
}

tap.test('remote open from the gate\'s page [sqlite]', { skip }, async t => { await remoteOpen(t) })
tap.test('remote open from the gate\'s page [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await remoteOpen(t, url)
})
