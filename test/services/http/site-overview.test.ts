// GET /api/sites/{siteId}/overview on both stores: devices by state, bins,
// today's deposits and points, pending decisions, open alarms by severity;
// site refusal.
import tap from 'tap'
import { changeAlarm, raiseAlarm } from '../../../services/alarms/alarm-repository.ts'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { localDay } from '../../../services/points/local-day.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard, aKiosk } from '../../fixtures/builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)
let n = 0

/** A deposit row as the kiosk handler stores it. */
async function aDeposit (db: Executor, deviceId: string, siteId: string, householdId: string, grams: number, points: number, day: string) {
  n++
  await db.insertInto('deposits').values({
    id: `dep_t${n}`, device_id: deviceId, site_id: siteId, session_id: `ses_t${n}`, household_id: householdId, event_id: `e${n}`,
    lines: '[]', total_grams: grams, points_computed: points, points_credited: points, outcome: 'credited', entry_id: null,
    local_day: day, device_ts: Date.now(), received_at_ms: Date.now()
  }).execute()
}

t.test('overview counts what the store holds for the site, today only', async t => {
  const h = await harness(t)
  const online = await aKiosk(h.db, h.siteId)
  const offline = await aKiosk(h.db, h.siteId)
  const disabled = await aKiosk(h.db, h.siteId)
  await h.db.updateTable('devices').set({ online: 1, last_status: JSON.stringify({ online: true, bins: [{ category: 'paper', fillPct: 91 }, { category: 'glass', fillPct: 20 }] }) }).where('id', '=', online.device.id).execute()
  await h.db.updateTable('devices').set({ status: 'disabled', last_status: JSON.stringify({ online: true, bins: [{ category: 'metal', fillPct: 99 }] }) }).where('id', '=', disabled.device.id).execute()
  const { household, card } = await aHouseholdWithCard(h.db, h.siteId)
  const today = localDay(Date.now(), 'Asia/Shanghai')
  await aDeposit(h.db, online.device.id, h.siteId, household.id, 1200, 36, today)
  await aDeposit(h.db, online.device.id, h.siteId, household.id, 800, 24, today)
  await aDeposit(h.db, online.device.id, h.siteId, household.id, 5000, 150, '2020-01-01')
  await appendEntry(h.db, { householdId: household.id, kind: 'earn', points: 1000, idempotencyKey: `seed:${household.id}`, nowMs: Date.now() })
  const redeem = await h.counter.call('POST', '/api/redemptions', { cardUid: card.uid, kind: 'cash', points: 250 }, { 'idempotency-key': 'ov-1' })
  t.equal(redeem.statusCode, 201)
  t.equal((await h.counter.call('POST', '/api/adjustments', { householdId: household.id, points: 50, reason: 'scale fault' })).statusCode, 201)

  // open alarms: two critical (one acknowledged), one minor; a closed one and another site's do not count
  const raise = async (siteId: string, deviceId: string, type: string, severity: 'critical' | 'minor') => {
    const raised = await raiseAlarm(h.db, { key: { siteId, deviceId, type, source: '' }, severity, message: null }, { kind: 'device', id: deviceId }, Date.now())
    if (!raised.ok) throw new Error(raised.message)
    return raised.alarm.id
  }
  await raise(h.siteId, online.device.id, 'smoke', 'critical')
  const acked = await raise(h.siteId, offline.device.id, 'smoke', 'critical')
  await changeAlarm(h.db, acked, { kind: 'acknowledge' }, { kind: 'staff', id: 'st' }, Date.now())
  await raise(h.siteId, online.device.id, 'tamper', 'minor')
  const closed = await raise(h.siteId, offline.device.id, 'tamper', 'minor')
  await changeAlarm(h.db, closed, { kind: 'clear' }, { kind: 'device', id: offline.device.id }, Date.now())
  await changeAlarm(h.db, closed, { kind: 'acknowledge' }, { kind: 'staff', id: 'st' }, Date.now())
  const elsewhere = await aKiosk(h.db, h.otherSiteId)
  await raise(h.otherSiteId, elsewhere.device.id, 'smoke', 'critical')

  const res = await h.counter.call('GET', `/api/sites/${h.siteId}/overview`)
  t.equal(res.statusCode, 200)
  t.same(res.json(), {
    siteId: h.siteId,
    localDay: today,
    devices: { total: 3, online: 1, offline: 1, disabled: 1 },
    binsNearlyFull: [{ deviceId: online.device.id, category: 'paper', fillPct: 91 }],
    binFullThresholdPct: 80,
    today: { deposits: 2, grams: 2000, pointsEarned: 60, pointsRedeemed: 250 },
    pending: { adjustments: 1, reviewItems: 0 },
    alarms: { open: 3, unacknowledged: 2, bySeverity: { critical: 2, major: 0, minor: 1, warning: 0, indeterminate: 0 } }
  })
  t.equal(offline.device.site_id, h.siteId)
  t.equal(errorCode(await h.otherManager.call('GET', `/api/sites/${h.siteId}/overview`)), 'FORBIDDEN', 'another site\'s staff are refused')
  t.equal(errorCode(await h.admin.call('GET', '/api/sites/nope/overview')), 'SITE_UNKNOWN')
  t.equal(errorCode(await h.anonymous.call('GET', `/api/sites/${h.siteId}/overview`)), 'UNAUTHENTICATED')
})
