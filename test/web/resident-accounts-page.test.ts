// Phone accounts at the counter, in real Chromium against the real backend
// (SQLite; the same routes run on both stores in test/services/http/resident-*.test.ts):
// the clerk invites a phone for the household at the card reader and reads
// the one-time code off the screen, the resident activates on the phone with
// it, the account shows in the household's list, and ending it signs the phone out.
import tap from 'tap'
import { browserSkipReasonIfAny, launchBrowser, seriousAxeViolations } from '../helpers/browser.ts'
import { fetchSend } from '../helpers/resident-api.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { signInAs, startWebScene } from './scene.ts'

tap.test('the counter invites a phone, the resident activates, the counter ends the account [sqlite]', { skip: browserSkipReasonIfAny() }, async t => {
  const { backend, db, household, card, counter } = await startWebScene(t)
  const phoneApi = fetchSend(backend.httpUrl)
  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))

  await signInAs(page, backend.httpUrl, 'li.counter')
  await page.goto(`${backend.httpUrl}/#/counter`)
  const lookUp = async () => {
    await page.locator('#card-uid').click()
    await page.keyboard.type(card.uid)
    await page.keyboard.press('Enter')
    await page.locator('[data-testid=balance]').waitFor()
    await page.getByRole('tab', { name: '手机账号' }).click()
  }
  await lookUp()
  await page.locator('[data-testid=residents]').getByText('暂无手机账号').waitFor()

  await page.locator('#resident-phone').fill('13800138000')
  await page.locator('#resident-name').fill('张阿姨')
  await page.locator('[data-testid=invite-resident]').click()
  const codeText = await page.locator('[data-testid=activation-code]').textContent()
  t.match(codeText, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'the code is on the screen, to read out or print')
  t.match(await page.locator('[data-testid=activation-code-box]').textContent(), /13800138000/)
  const invitation = await db.selectFrom('resident_invitations').selectAll().executeTakeFirstOrThrow()
  t.match(invitation, { household_id: household.id, phone: '13800138000', name: '张阿姨', created_by: counter.id }, 'stored for this household, by the clerk')
  t.equal(await page.locator('[data-testid=counter-error]').count(), 0)

  // the resident, on the phone
  const activated = await phoneApi('POST', '/resident/activation', { body: { phone: '13800138000', code: codeText, password: 'my own password' } })
  t.equal(activated.status, 201, 'activated with the code from the screen')
  const token = activated.json.token as string
  t.match(await phoneApi('GET', '/resident/me', { token }), { status: 200, json: { household: { id: household.id, balancePoints: 1000 } } })

  // the same phone again while its account is active: refused with the reason
  await page.locator('#resident-phone').fill('13800138000')
  await page.locator('[data-testid=invite-resident]').click()
  await page.locator('[data-testid=counter-error]').waitFor()
  t.match(await page.locator('[data-testid=counter-error]').textContent(), /already has an active resident account/)

  // Esc, then the next visit: the account is listed; ending it signs the phone out
  await page.keyboard.press('Escape')
  await lookUp()
  await page.locator('[data-testid="resident-state-13800138000"]').waitFor()
  t.equal(await page.locator('[data-testid="resident-state-13800138000"]').textContent(), '有效')
  t.same(await seriousAxeViolations(page), [], 'no serious accessibility violations on the counter with the accounts tab')
  await page.locator('[data-testid="deactivate-13800138000"]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.locator('[data-testid=counter-notice]').filter({ hasText: '已停用' }).waitFor()
  await waitUntil(async () => await page.locator('[data-testid="resident-state-13800138000"]').textContent() === '已停用', 'the list shows the account ended')
  t.equal((await phoneApi('GET', '/resident/me', { token })).status, 401, 'the phone is signed out at once')
  t.same(pageErrors, [], 'no errors in the page')
})
