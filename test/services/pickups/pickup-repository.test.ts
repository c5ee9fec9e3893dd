// Pickups in the real stores: a full bin opens one pickup task (through the
// alarm sweep, and never two for one bin); collecting it reconciles the weight
// against the deposits into that bin since its previous collection; a second
// collection is refused and changes nothing, also when two collectors on
// separate connections record it at once.
import t from 'tap'
import { parseAlarmConfig } from '../../../services/alarms/alarm-config.ts'
import { runAlarmSweep } from '../../../services/alarms/alarm-sweep.ts'
import { collectPickup, findPickup, listPickups, openPickup } from '../../../services/pickups/pickup-repository.ts'
import { localDay } from '../../../services/points/local-day.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore, eachStoreConnections } from '../../helpers/stores.ts'

const T0 = Date.UTC(2026, 2, 4, 9, 30)
let n = 0
async function deposit (db: Executor, site: { id: string, timezone: string }, deviceId: string, atMs: number, lines: Array<{ category: string, grams: number }>) {
  await db.insertInto('deposits').values({
    id: `dep${process.pid}x${++n}`, device_id: deviceId, site_id: site.id, session_id: `ses${n}`, household_id: 'hh', event_id: `e${n}`,
    lines: JSON.stringify(lines.map(l => ({ ...l, points: 0 }))), total_grams: lines.reduce((s, l) => s + l.grams, 0),
    points_computed: 0, points_credited: 0, outcome: 'credited', entry_id: null, local_day: localDay(atMs, site.timezone), device_ts: atMs, received_at_ms: atMs
  }).execute()
}

eachStore(t, 'a full bin opens one pickup; collecting reconciles against the deposits since the last pickup', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const { device: kiosk } = await aKiosk(db, site.id)
  const status = (paper: number) => db.updateTable('devices').set({ last_status: JSON.stringify({ online: true, bins: [{ category: 'paper', fillPct: paper }] }) }).where('id', '=', kiosk.id).execute()

  await deposit(db, site, kiosk.id, T0 - 3000, [{ category: 'paper', grams: 4000 }, { category: 'metal', grams: 500 }])
  await deposit(db, site, kiosk.id, T0 - 2000, [{ category: 'paper', grams: 6000 }])
  await status(95)
  await runAlarmSweep(db, parseAlarmConfig({}), {}, T0)
  const [first] = await listPickups(db, site.id, { status: 'open' })
  t.match(first, { deviceId: kiosk.id, category: 'paper', status: 'open', createdBy: 'rule:bin-full', reconciliation: null }, 'the bin-full rule opened the task')
  t.type(first?.alarmId, 'string', 'tied to its alarm')
  const again = await openPickup(db, { siteId: site.id, deviceId: kiosk.id, category: 'paper', by: 'staff-1', nowMs: T0 + 1 })
  t.same([again.created, again.pickup.id], [false, first?.id], 'staff asking again get the open task, not a second one')

  const collected = await collectPickup(db, first?.id ?? '', { grams: 9200, by: 'collector-1', nowMs: T0 + 60_000 })
  t.match(collected, { status: 'collected', collectedBy: 'collector-1', collectedAtMs: T0 + 60_000, sinceMs: null, reconciliation: { collectedGrams: 9200, depositedGrams: 10_000, differenceGrams: -800, differencePct: -8 } })
  await t.rejects(collectPickup(db, first?.id ?? '', { grams: 1, by: 'collector-2', nowMs: T0 + 70_000 }), { code: 'CONFLICT' }, 'collected once')
  t.match(await findPickup(db, first?.id ?? ''), { collectedBy: 'collector-1', reconciliation: { collectedGrams: 9200 } }, 'the refusal changed nothing')
  await t.rejects(collectPickup(db, 'pku_nope', { grams: 1, by: 'c', nowMs: T0 }), { code: 'NOT_FOUND' })

  // the next task counts only the deposits after that collection
  await deposit(db, site, kiosk.id, T0 + 120_000, [{ category: 'paper', grams: 3000 }])
  const next = await openPickup(db, { siteId: site.id, deviceId: kiosk.id, category: 'paper', by: 'staff-1', nowMs: T0 + 130_000 })
  t.equal(next.created, true, 'a new task once the last was collected')
  t.match(await collectPickup(db, next.pickup.id, { grams: 3000, by: 'collector-1', nowMs: T0 + 140_000 }), { sinceMs: T0 + 60_000, reconciliation: { depositedGrams: 3000, differenceGrams: 0, differencePct: 0 } })
  t.same((await listPickups(db, site.id)).map(p => p.id), [next.pickup.id, first?.id], 'newest first')
})

eachStoreConnections(t, 'two collectors at once on separate connections: one collection', 2, async (t, [a, b]) => {
  if (a == null || b == null) throw new Error('two connections')
  const site = await aSite(a.db)
  const { device: kiosk } = await aKiosk(a.db, site.id)
  await deposit(a.db, site, kiosk.id, T0 - 1000, [{ category: 'glass', grams: 2500 }])
  const { pickup } = await openPickup(a.db, { siteId: site.id, deviceId: kiosk.id, category: 'glass', by: 'staff', nowMs: T0 })
  const results = await Promise.allSettled([
    collectPickup(a.db, pickup.id, { grams: 2400, by: 'collector-a', nowMs: T0 + 1000 }),
    collectPickup(b.db, pickup.id, { grams: 2600, by: 'collector-b', nowMs: T0 + 1000 })
  ])
  t.same(results.map(r => r.status).sort(), ['fulfilled', 'rejected'], 'exactly one collection')
  const refused = results.find(r => r.status === 'rejected')
  t.match(refused?.status === 'rejected' ? refused.reason : undefined, { code: 'CONFLICT' })
  const won = results.find(r => r.status === 'fulfilled')
  const stored = await findPickup(b.db, pickup.id)
  t.same(stored?.reconciliation, won?.status === 'fulfilled' ? won.value.reconciliation : 'missing', 'the stored collection is the one that won')
})
