// A compound for the browser tests: the real backend (SQLite, or PostgreSQL
// when asked) serving the built pages, staff of each role with passwords, a
// funded household with its card, a shop item, kiosks online and offline, and
// an open alarm.
import type { Test } from 'tap'
import type { Page } from 'playwright-core'
import type { Config } from '../../services/config.ts'
import { raiseAlarm } from '../../services/alarms/alarm-repository.ts'
import { createShopItem } from '../../services/counter/shop-items.ts'
import { appendEntry } from '../../services/ledger/ledger.ts'
import { createStaff } from '../../services/staff/staff.ts'
import type { StaffRole } from '../../services/store/database.ts'
import { setStaffPassword } from '../../services/web-sessions/staff-passwords.ts'
import { ensureWebBuilt } from '../../scripts/build-web.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from '../helpers/backend.ts'

export const PASSWORD = 'counter-pass-2026'

export async function startWebScene (t: Test, overrides: Partial<Config> = {}) {
  await ensureWebBuilt({ quiet: true })
  const backend = await startTestBackend(t, { HTTP_AUTH_FAILURES_PER_MIN: 0, OVERVIEW_STREAM_INTERVAL_MS: 200, ...overrides })
  const db = backend.store.db
  const site = await aSite(db, { id: 'garden-court' })
  const staff = async (role: StaffRole, username: string, name: string) => {
    const { staff } = await createStaff(db, { username, name, role, siteId: site.id })
    await setStaffPassword(db, staff.id, PASSWORD)
    return staff
  }
  const counter = await staff('counter', 'li.counter', '李柜台')
  const manager = await staff('manager', 'wang.manager', '王主管')
  const admin = await staff('admin', 'zhao.admin', '赵管理员')
  const { household, card } = await aHouseholdWithCard(db, site.id, { label: '3-2-501', card: 'CARD0001' })
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 1000, idempotencyKey: 'seed:web', nowMs: Date.now() })
  const item = await createShopItem(db, { siteId: site.id, name: '洗洁精 500 ml', pricePoints: 300, stock: 5 })
  const online = await aKiosk(db, site.id, 'kiosk-east')
  const offline = await aKiosk(db, site.id, 'kiosk-west')
  await db.updateTable('devices').set({ online: 1, last_seen_at_ms: Date.now(), last_status: JSON.stringify({ online: true, firmware: '1.4.2', bins: [{ category: 'paper', fillPct: 86 }] }) }).where('id', '=', online.device.id).execute()
  // an open alarm for the alarms page (on the offline kiosk, apart from what the tests raise live)
  const alarm = await raiseAlarm(db, { key: { siteId: site.id, deviceId: offline.device.id, type: 'scale-fault', source: 'paper' }, severity: 'major', message: 'load cell drift' }, { kind: 'device', id: offline.device.id }, Date.now() - 3600_000)
  if (!alarm.ok) throw new Error(alarm.message)
  return { backend, db, site, counter, manager, admin, household, card, item, online: online.device, onlineSecret: online.secret, offline: offline.device, alarmId: alarm.alarm.id }
}

export async function signInAs (page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/`)
  await page.locator('[data-testid=username]').waitFor()
  await page.locator('[data-testid=username]').fill(username)
  await page.locator('[data-testid=password]').fill(PASSWORD)
  await page.locator('[data-testid=sign-in]').click()
  await page.locator('[data-testid=signed-in-as]').waitFor()
}

export async function signOut (page: Page): Promise<void> {
  await page.locator('[data-testid=sign-out]').click()
  await page.locator('[data-testid=username]').waitFor()
}
