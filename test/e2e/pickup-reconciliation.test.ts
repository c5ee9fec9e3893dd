// A pickup end to end, on both stores: a resident deposits at a kiosk over
// real MQTT; the kiosk reports its plastic bin full in its status; the
// backend's own alarm sweep raises bin-full and opens the pickup task; the
// collector records the weight over HTTP and sees the difference to what the
// kiosk credited since the last pickup.
import t, { type Test } from 'tap'
import type { Config } from '../../services/config.ts'
import { listPickups } from '../../services/pickups/pickup-repository.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { startKioskScene } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

async function fullBinToReconciliation (t: Test, overrides: Partial<Config>) {
  const { backend, db, site, device, card, kiosk } = await startKioskScene(t, { ...overrides, ALARM_SWEEP_MS: 100 })
  let n = 0
  for (const grams of [1800, 2200]) {
    const swipe = `pk${++n}`
    await kiosk.publishJson('events/swipe', { eventId: swipe, ts: Date.now(), card: card.uid })
    const open = await kiosk.waitFor(m => m.payload.type === 'open' && m.payload.swipeEventId === swipe)
    const deposit = `pk${++n}`
    await kiosk.publishJson('events/deposit', { eventId: deposit, ts: Date.now(), sessionId: open.payload.sessionId, lines: [{ category: 'plastic', grams }, { category: 'paper', grams: 500 }] })
    await kiosk.waitFor(m => m.payload.type === 'display' && m.payload.depositEventId === deposit)
  }
  await kiosk.publishJson('status', { online: true, bins: [{ category: 'plastic', fillPct: 96 }, { category: 'paper', fillPct: 30 }] })
  await waitUntil(async () => (await listPickups(db, site.id, { status: 'open' })).length === 1, 'the sweep opens a pickup for the full bin', 15_000)
  const [pickup] = await listPickups(db, site.id, { status: 'open' })
  t.match(pickup, { deviceId: device.id, category: 'plastic', createdBy: 'rule:bin-full' })

  const { token } = await createStaff(db, { username: 'collector', name: 'Collector', role: 'counter', siteId: site.id })
  const res = await fetch(`${backend.httpUrl}/api/pickups/${pickup?.id ?? ''}/collect`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ grams: 3700 })
  })
  t.equal(res.status, 200)
  t.match(await res.json(), { status: 'collected', reconciliation: { collectedGrams: 3700, depositedGrams: 4000, differenceGrams: -300, differencePct: -7.5 } }, 'the bin held 300 g less than was credited')
}

t.test('full bin → pickup → collected → reconciled [sqlite]', async t => fullBinToReconciliation(t, {}))
t.test('full bin → pickup → collected → reconciled [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => fullBinToReconciliation(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
