// The pickup API on both stores: staff open a task for a kiosk's bin (once:
// asking again returns the open one), list a site's tasks, and record the
// collection with its reconciliation; a second collection is a 409 that
// changes nothing; staff of another site are refused; bad input is a 400.
import tap from 'tap'
import { localDay } from '../../../services/points/local-day.ts'
import { aKiosk } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { errorCode, harness, onEachStore } from './harness.ts'

const t = onEachStore(tap)

t.test('open, list, collect with reconciliation; once; scoped to the site', async t => {
  const h = await harness(t)
  const { device: kiosk } = await aKiosk(h.db, h.siteId)
  const { device: gate } = await aGate(h.db, h.siteId)
  const { device: far } = await aKiosk(h.db, h.otherSiteId)
  const now = Date.now()
  let n = 0
  for (const grams of [2500, 1500]) {
    n++
    await h.db.insertInto('deposits').values({
      id: `hp${n}`, device_id: kiosk.id, site_id: h.siteId, session_id: `s${n}`, household_id: 'hh', event_id: `e${n}`,
      lines: JSON.stringify([{ category: 'plastic', grams, points: 0 }, { category: 'paper', grams: 999, points: 0 }]), total_grams: grams + 999,
      points_computed: 0, points_credited: 0, outcome: 'credited', entry_id: null, local_day: localDay(now, 'Asia/Shanghai'), device_ts: now - 60_000, received_at_ms: now - 60_000
    }).execute()
  }

  const opened = await h.counter.call('POST', `/api/sites/${h.siteId}/pickups`, { deviceId: kiosk.id, category: 'plastic' })
  t.equal(opened.statusCode, 201)
  const pickup = opened.json() as { id: string }
  t.match(pickup, { deviceId: kiosk.id, category: 'plastic', status: 'open', reconciliation: null })
  const again = await h.manager.call('POST', `/api/sites/${h.siteId}/pickups`, { deviceId: kiosk.id, category: 'plastic' })
  t.same([again.statusCode, (again.json() as { id: string }).id], [200, pickup.id], 'the open task, not a second one')

  t.equal(errorCode(await h.counter.call('POST', `/api/sites/${h.siteId}/pickups`, { deviceId: gate.id, category: 'plastic' })), 'DEVICE_UNKNOWN', 'a gate has no bins')
  t.equal(errorCode(await h.counter.call('POST', `/api/sites/${h.siteId}/pickups`, { deviceId: far.id, category: 'plastic' })), 'DEVICE_UNKNOWN', 'another site\'s kiosk')
  t.equal(errorCode(await h.counter.call('POST', `/api/sites/${h.siteId}/pickups`, { deviceId: kiosk.id, category: 'gold' })), 'VALIDATION_FAILED')
  t.equal(errorCode(await h.otherManager.call('GET', `/api/sites/${h.siteId}/pickups`)), 'FORBIDDEN')
  t.equal(errorCode(await h.otherManager.call('POST', `/api/pickups/${pickup.id}/collect`, { grams: 1 })), 'FORBIDDEN')
  t.equal(errorCode(await h.counter.call('POST', `/api/pickups/${pickup.id}/collect`, { grams: -1 })), 'VALIDATION_FAILED')
  t.equal(errorCode(await h.counter.call('POST', '/api/pickups/pku_nope/collect', { grams: 1 })), 'NOT_FOUND')

  const collected = await h.counter.call('POST', `/api/pickups/${pickup.id}/collect`, { grams: 3600 })
  t.equal(collected.statusCode, 200)
  t.match(collected.json(), { status: 'collected', sinceMs: null, reconciliation: { collectedGrams: 3600, depositedGrams: 4000, differenceGrams: -400, differencePct: -10 } })
  const twice = await h.manager.call('POST', `/api/pickups/${pickup.id}/collect`, { grams: 1 })
  t.equal(errorCode(twice), 'CONFLICT', 'collected once')

  const list = (await h.manager.call('GET', `/api/sites/${h.siteId}/pickups?status=collected`)).json() as { pickups: Array<{ id: string, reconciliation: { collectedGrams: number } }> }
  t.same(list.pickups.map(p => [p.id, p.reconciliation.collectedGrams]), [[pickup.id, 3600]], 'the first collection stands')
  t.same((await h.manager.call('GET', `/api/sites/${h.siteId}/pickups?status=open`)).json(), { pickups: [] })
})
