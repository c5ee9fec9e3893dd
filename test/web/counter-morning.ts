// The counter scenario for the browser tests (counter-page*.test.ts), one per store: a
// counter clerk signs in, the card reader types the card number and Enter,
// cash and a shop item are redeemed with the keyboard, the store's balance and
// stock follow; an adjustment requested at the counter is approved by a
// manager; a page above the clerk's role is refused.
import type { Test } from 'tap'
import { balanceOf } from '../../services/ledger/ledger.ts'
import { launchBrowser, visibilityOf } from '../helpers/browser.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { signInAs, signOut, startWebScene } from './scene.ts'

export async function counterMorning (t: Test, databaseUrl?: string): Promise<void> {
  const scene = await startWebScene(t, databaseUrl == null ? {} : { DATABASE_URL: databaseUrl })
  const { backend, db, household, card, item } = scene
  const context = await launchBrowser(t)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', err => pageErrors.push(err.message))

  await signInAs(page, backend.httpUrl, 'li.counter')
  t.match(await page.locator('[data-testid=signed-in-as]').textContent(), /李柜台/)
  await page.goto(`${backend.httpUrl}/#/counter`)
  const cardField = page.locator('#card-uid')
  await cardField.waitFor()
  await waitUntil(() => cardField.evaluate(el => el === (el.ownerDocument as { activeElement: unknown }).activeElement), 'the card field has the focus')

  // the card reader: keystrokes and Enter, nothing else
  await page.keyboard.type(card.uid)
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=balance]').waitFor()
  t.equal(await page.locator('[data-testid=balance]').textContent(), '1000')
  t.match(await page.locator('[data-testid=household]').textContent(), /3-2-501/)
  t.equal(await page.locator('[data-testid=history] tbody tr').count(), 1, 'the seeded credit in the history')
  t.ok(await cardField.evaluate(el => el === (el.ownerDocument as { activeElement: unknown }).activeElement), 'focus back on the card field, cleared')
  t.equal(await cardField.inputValue(), '')

  // cash: 250 points, Enter
  await page.locator('#cash-points').click()
  await page.keyboard.type('250')
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=receipt]').waitFor()
  await waitUntil(async () => await page.locator('[data-testid=balance]').textContent() === '750', 'the page shows the new balance')
  t.equal(await balanceOf(db, household.id), 750, 'the store debited exactly 250 points')
  t.match(await page.locator('[data-testid=receipt]').textContent(), /CNY 2\.50/)
  t.equal(Number((await db.selectFrom('redemptions').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1, 'one redemption, not two')
  // printing shows the receipt alone (the print stylesheet hides the rest of the page)
  await page.emulateMedia({ media: 'print' })
  t.equal(await visibilityOf(page.locator('[data-testid=receipt]')), 'visible', 'receipt printed')
  t.equal(await visibilityOf(page.locator('#card-uid')), 'hidden', 'the form is not printed')
  t.equal(await visibilityOf(page.locator('[data-testid=signed-in-as]')), 'hidden', 'the header is not printed')
  await page.emulateMedia({ media: 'screen' })

  // a shop item: its stock is shown and goes down in the store
  await page.getByRole('tab', { name: '积分商品' }).click()
  t.equal(await page.locator(`[data-testid=stock-${item.id}]`).textContent(), '5')
  await page.locator(`[data-testid=redeem-item-${item.id}]`).click()
  await waitUntil(async () => await page.locator(`[data-testid=stock-${item.id}]`).textContent() === '4', 'the stock shown drops')
  t.equal(await balanceOf(db, household.id), 450)
  t.equal((await db.selectFrom('shop_items').select('stock').where('id', '=', item.id).executeTakeFirstOrThrow()).stock, 4)

  // an overdraw is refused with the translated reason and changes nothing
  await page.getByRole('tab', { name: '兑换现金' }).click()
  await page.locator('#cash-points').click()
  await page.keyboard.type('9999')
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=counter-error]').waitFor()
  t.match(await page.locator('[data-testid=counter-error]').textContent(), /积分不足/)
  t.equal(await balanceOf(db, household.id), 450, 'refused: balance unchanged')
  t.equal(Number((await db.selectFrom('redemptions').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 2)

  // an adjustment needs a second staff member
  await page.getByRole('tab', { name: '积分调整' }).click()
  await page.locator('#adjust-points').click()
  await page.keyboard.type('120')
  await page.locator('#adjust-reason').fill('秤故障补录')
  await page.locator('[data-testid=request-adjustment]').click()
  await page.locator('[data-testid=counter-notice]').filter({ hasText: '审批' }).waitFor()
  t.equal(await balanceOf(db, household.id), 450, 'not applied before approval')

  // Esc clears for the next resident, who forgot the card: found by the unit label
  await page.keyboard.press('Escape')
  await page.locator('[data-testid=balance]').waitFor({ state: 'detached' })
  await page.locator('#household-label').fill('3-2-5')
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=balance]').waitFor()
  t.equal(await page.locator('[data-testid=balance]').textContent(), '450')
  t.match(await page.locator('[data-testid=household]').textContent(), /未刷卡/)

  // a lost card: reported in one confirmed action, a new card linked by swiping it
  await page.keyboard.press('Escape')
  await page.locator('#card-uid').fill(card.uid)
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=balance]').waitFor()
  await page.getByRole('tab', { name: '卡片' }).click()
  await page.locator('[data-testid=report-lost]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.locator('[data-testid=counter-notice]').filter({ hasText: '已挂失' }).waitFor()
  t.equal((await db.selectFrom('cards').select('status').where('uid', '=', card.uid).executeTakeFirstOrThrow()).status, 'lost')
  await page.locator('#new-card-uid').click()
  await page.keyboard.type('CARD0002')
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=counter-notice]').filter({ hasText: 'CARD0002' }).waitFor()
  t.equal((await db.selectFrom('cards').select('household_id').where('uid', '=', 'CARD0002').executeTakeFirstOrThrow()).household_id, household.id)
  await page.keyboard.press('Escape')
  await page.locator('#card-uid').fill('CARD0002')
  await page.keyboard.press('Enter')
  await waitUntil(async () => await page.locator('[data-testid=balance]').textContent() === '450', 'the new card finds the same balance')

  // the clerk may not open the approvals or devices pages
  for (const path of ['approvals', 'devices']) {
    await page.goto(`${backend.httpUrl}/#/${path}`)
    await page.locator('[data-testid=forbidden]').waitFor()
  }
  t.equal(await page.locator('[data-testid=nav-devices]').count(), 0, 'no devices entry in the clerk\'s navigation')

  await signOut(page)
  await signInAs(page, backend.httpUrl, 'wang.manager')
  await page.goto(`${backend.httpUrl}/#/approvals`)
  const pending = await db.selectFrom('adjustment_requests').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow()
  await page.locator(`[data-testid=approve-${pending.id}]`).click()
  await waitUntil(async () => await balanceOf(db, household.id) === 570, 'the approved adjustment is credited')
  const decided = await db.selectFrom('adjustment_requests').select(['status', 'decided_by']).where('id', '=', pending.id).executeTakeFirstOrThrow()
  t.same(decided, { status: 'approved', decided_by: scene.manager.id })
  t.same(pageErrors, [], 'no script errors in the page')
}
