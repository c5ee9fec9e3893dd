// The gates page in real Chromium, on both stores, with a real gate over MQTT:
// a manager issues a visitor pass, the QR text the page shows opens the gate;
// the access log lists passages, filters them and downloads them as CSV with
// the same filters; a card blocked in one confirmed action is refused at the
// gate at once. A counter clerk does not get the page.
import { readFileSync } from 'node:fs'
import tap, { type Test } from 'tap'
import { aGate } from '../fixtures/gate-builders.ts'
import { browserSkipReasonIfAny, launchBrowser, screenshot, seriousAxeViolations } from '../helpers/browser.ts'
import { connectDevice, type TestDevice } from '../helpers/backend.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from '../helpers/stores.ts'
import { signInAs, signOut, startWebScene } from './scene.ts'

const skip = browserSkipReasonIfAny()
let seq = 0

/** Acknowledge the gate's configuration and list commands, as a real gate does. */
function ackCommands (gate: TestDevice): void {
  gate.client.on('message', (_topic, payload) => {
    const cmd = JSON.parse(payload.toString()) as { cmdId?: string, requestEventId?: string }
    if (cmd.cmdId != null && cmd.requestEventId == null) void gate.publishJson('events/command-ack', { eventId: `ack${++seq}`, ts: Date.now(), cmdId: cmd.cmdId, ok: true })
  })
}

async function present (gate: TestDevice, credential: Record<string, unknown>) {
  const request = { eventId: `req${++seq}`, ts: Date.now(), credential, reader: 0, direction: 'in' }
  await gate.publishJson('events/access-request', request)
  return (await gate.waitFor(m => m.payload.requestEventId === request.eventId)).payload
}

async function gatesPage (t: Test, databaseUrl?: string) {
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db } = scene
  const north = await aGate(db, scene.site.id, { id: 'gate-north' })
  const gate = await connectDevice(t, backend.mqttUrl, north.device.id, north.secret)
  ackCommands(gate)
  t.match(await present(gate, { kind: 'card', card: scene.card.uid }), { type: 'gate-open' }, 'the card opens the gate')

  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))
  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/gates`)
  await page.locator('[data-testid=access-log]').getByText(scene.card.uid).waitFor()

  // a visitor pass: its QR text opens the gate
  await page.locator('[data-testid=pass-gates]').click()
  await page.getByRole('option', { name: north.device.name }).click()
  await page.keyboard.press('Escape')
  await page.locator('#pass-visitor').fill('水管工 王师傅')
  await page.locator('[data-testid=issue-pass]').click()
  const qr = (await page.locator('[data-testid=pass-qr]').textContent())?.trim() ?? ''
  t.match(qr, /^VP1\./, 'the page shows the signed pass')
  t.ok(await screenshot(page, `gates-visitor-pass-${databaseUrl == null ? 'sqlite' : 'postgres'}`))
  t.same(await seriousAxeViolations(page), [], 'the issued pass: no serious or critical accessibility violation')
  t.ok(await page.locator('[data-testid=issued-pass] canvas').evaluate(c => (c as unknown as { width: number }).width > 0), 'the QR code is drawn')
  const stored = await db.selectFrom('visitor_passes').selectAll().executeTakeFirstOrThrow()
  t.equal(stored.visitor, '水管工 王师傅')
  t.match(await present(gate, { kind: 'pass', qr }), { type: 'gate-open' }, 'the pass opens the gate')

  // a lost card blocked in one action: the gate refuses it at once
  await page.locator('#block-card-uid').fill(scene.card.uid)
  await page.locator('[data-testid=block-card]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.locator('[data-testid=card-blocked]').waitFor()
  t.equal((await db.selectFrom('cards').select('status').where('uid', '=', scene.card.uid).executeTakeFirstOrThrow()).status, 'blocked')
  t.match(await present(gate, { kind: 'card', card: scene.card.uid }), { type: 'gate-deny' }, 'the blocked card is refused')

  // the log filtered to denials, and the CSV of the same filter
  await page.locator('[data-testid=filter-decision]').click()
  await page.getByRole('option', { name: '拒绝' }).click()
  await page.locator('[data-testid=apply-filters]').click()
  await page.locator('[data-testid=access-log]').getByText('拒绝').first().waitFor()
  t.equal(await page.locator('[data-testid=access-log] tbody tr').count(), 1, 'only the denial')
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=access-csv]').click()])
  const csv = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\r\n')
  t.equal(csv.length, 2, 'a header and the one denial')
  t.match(csv[1], new RegExp(`${scene.card.uid}.*deny`))

  // a time window that ends before every passage: nothing
  await page.locator('#filter-until').fill('2020-01-01 00:00:00')
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=apply-filters]').click()
  await page.locator('[data-testid=access-log]').getByText('没有通行记录').waitFor()
  t.match(await page.locator('[data-testid=access-csv]').getAttribute('href'), /until=\d+/, 'the CSV link carries the window too')
  await signOut(page)

  await signInAs(page, backend.httpUrl, 'li.counter')
  t.equal(await page.locator('[data-testid=nav-gates]').count(), 0, 'not in a counter clerk\'s navigation')
  await page.goto(`${backend.httpUrl}/#/gates`)
  await page.locator('[data-testid=forbidden]').waitFor()
  t.same(pageErrors, [], 'no script errors in the page')
}

tap.test('gates page [sqlite]', { skip }, async t => { await gatesPage(t) })
tap.test('gates page [postgres]', { skip: skip || (await postgresSkipReasonIfAny()) }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  await gatesPage(t, url)
})
