// Device actions on the detail page in real Chromium, on both stores: an admin
// disables a connected kiosk (confirmed in a dialog; the store says disabled
// and the broker drops its connection), enables it, rotates its secret (shown
// once); a manager sees the page without the actions.
import tap, { type Test } from 'tap'
import { browserSkipReasonIfAny, launchBrowser } from '../helpers/browser.ts'
import { connectDevice } from '../helpers/backend.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { signInAs, signOut, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()

async function deviceActions (t: Test, databaseUrl?: string) {
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db } = scene
  const id = scene.online.id
  const kiosk = await connectDevice(t, backend.mqttUrl, id, scene.onlineSecret)
  const status = async () => (await db.selectFrom('devices').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
  const context = await launchBrowser(t)
  const page = await context.newPage()

  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/devices/${id}`)
  await page.locator('[data-testid=device-detail]').waitFor()
  t.equal(await page.locator('[data-testid=disable-device]').count(), 0, 'a manager gets no device actions')
  await signOut(page)

  await signInAs(page, backend.httpUrl, 'zhao.admin')
  await page.goto(`${backend.httpUrl}/#/devices/${id}`)
  await page.locator('[data-testid=disable-device]').click()
  await page.getByRole('button', { name: '取消' }).click()
  t.equal(await status(), 'active', 'cancelled: nothing changed')
  await page.locator('[data-testid=disable-device]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.locator('[data-testid=enable-device]').waitFor()
  t.equal(await status(), 'disabled')
  await waitUntil(() => !kiosk.client.connected, 'the broker closed the disabled kiosk\'s connection')

  await page.locator('[data-testid=enable-device]').click()
  await page.locator('[data-testid=disable-device]').waitFor()
  t.equal(await status(), 'active')

  const before = (await db.selectFrom('devices').select('secret_hash').where('id', '=', id).executeTakeFirstOrThrow()).secret_hash
  await page.locator('[data-testid=rotate-secret]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.locator('[data-testid=new-secret]').waitFor()
  const shown = (await page.locator('[data-testid=new-secret] code').textContent()) ?? ''
  t.ok(shown.length > 20, 'the new secret is shown')
  t.not((await db.selectFrom('devices').select('secret_hash').where('id', '=', id).executeTakeFirstOrThrow()).secret_hash, before, 'stored hash changed')
  const reconnected = await connectDevice(t, backend.mqttUrl, id, shown)
  t.ok(reconnected.client.connected, 'the kiosk connects with the secret the page showed')
}

tap.test('device actions [sqlite]', { skip }, async t => { await deviceActions(t) })
tap.test('device actions [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await deviceActions(t, url)
})
