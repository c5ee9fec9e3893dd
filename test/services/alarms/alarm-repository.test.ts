// The alarm repository on both stores: upsert-raise, transitions with their
// history, refusals that change nothing, the current list, concurrent raises.
import t from 'tap'
import { alarmHistory, changeAlarm, currentAlarms, expiredShelves, findAlarm, findOpenAlarm, raiseAlarm } from '../../../services/alarms/alarm-repository.ts'
import type { Transition } from '../../../services/alarms/alarm-lifecycle.ts'
import type { AlarmKey, Severity } from '../../../services/alarms/alarm.ts'
import type { Store } from '../../../services/store/open-database.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore, eachStoreConnections } from '../../helpers/stores.ts'
import { lockWait } from '../points/held-transaction.ts'
import { device, minutes, rule, staff, system, T0 } from './alarm-builders.ts'

async function aSiteWithKiosk (db: Executor) {
  const site = await aSite(db)
  const { device: kiosk } = await aKiosk(db, site.id)
  const key = (type: string, source = ''): AlarmKey => ({ siteId: site.id, deviceId: kiosk.id, type, source })
  return { site, kiosk, key }
}
function opened (result: Transition) {
  if (!result.ok) throw new Error(`refused: ${result.code}`)
  return result.alarm
}

await eachStore(t, 'raise opens, raising again counts, clear + acknowledge closes, the next raise opens anew', async (t, { db }) => {
  const { key } = await aSiteWithKiosk(db)
  const first = await raiseAlarm(db, { key: key('offline'), severity: 'major', message: 'offline 10 min' }, rule, T0)
  t.match(first, { ok: true, opened: true, alarm: { count: 1, active: true, acknowledged: false, firstAtMs: T0 } })
  const id = opened(first).id

  const again = await raiseAlarm(db, { key: key('offline'), severity: 'critical' }, device, T0 + minutes(1))
  t.match(again, { ok: true, opened: false, alarm: { id, count: 2, severity: 'critical', message: 'offline 10 min', firstAtMs: T0, lastAtMs: T0 + minutes(1) } })
  t.same(await findAlarm(db, id), opened(again), 'stored as the lifecycle said')

  t.match(await changeAlarm(db, id, { kind: 'acknowledge' }, staff, T0 + minutes(2)), { ok: true, alarm: { acknowledged: true, acknowledgedBy: 'stf_ann' } })
  t.match(await changeAlarm(db, id, { kind: 'clear' }, rule, T0 + minutes(3)), { ok: true, alarm: { active: false, clearedAtMs: T0 + minutes(3) } })
  t.equal(await findOpenAlarm(db, key('offline')), undefined, 'closed: no longer the open alarm of its key')

  const next = await raiseAlarm(db, { key: key('offline'), severity: 'major' }, rule, T0 + minutes(4))
  t.match(next, { ok: true, opened: true, alarm: { count: 1, firstAtMs: T0 + minutes(4) } })
  t.not(opened(next).id, id, 'a new alarm')
  t.match(await findAlarm(db, id), { active: false, acknowledged: true, count: 2 }, 'the closed one stays as history')

  t.same((await alarmHistory(db, id)).map(c => [c.action, c.actor.id, c.atMs, c.fromState, c.toState]), [
    ['raise', 'offline', T0, null, 'active-unacknowledged'],
    ['raise', 'k1', T0 + minutes(1), 'active-unacknowledged', 'active-unacknowledged'],
    ['acknowledge', 'stf_ann', T0 + minutes(2), 'active-unacknowledged', 'active-acknowledged'],
    ['clear', 'offline', T0 + minutes(3), 'active-acknowledged', 'cleared-acknowledged']
  ], 'who and when for each change')
  t.same((await alarmHistory(db, id))[1]?.details, { severity: 'critical', count: 2 })
})

await eachStore(t, 'shelving, out of service and grouping are stored; refusals change nothing', async (t, { db }) => {
  const { key } = await aSiteWithKiosk(db)
  const id = opened(await raiseAlarm(db, { key: key('bin-full', 'paper'), severity: 'minor' }, rule, T0)).id
  const untouched = await findAlarm(db, id)

  const refusals: Array<[Parameters<typeof changeAlarm>[2], typeof staff, string]> = [
    [{ kind: 'shelve', reason: ' ', untilMs: T0 + minutes(60) }, staff, 'SHELVE_REASON_REQUIRED'],
    [{ kind: 'shelve', reason: 'x', untilMs: T0 }, staff, 'SHELVE_EXPIRY_INVALID'],
    [{ kind: 'acknowledge' }, device, 'ACTOR_NOT_ALLOWED'],
    [{ kind: 'unshelve' }, staff, 'NOT_SHELVED'],
    [{ kind: 'return-to-service' }, staff, 'NOT_OUT_OF_SERVICE']
  ]
  for (const [action, actor, code] of refusals) {
    t.match(await changeAlarm(db, id, action, actor, T0 + 1), { ok: false, code }, code)
  }
  t.match(await changeAlarm(db, 'alm_nope', { kind: 'acknowledge' }, staff, T0 + 1), { ok: false, code: 'ALARM_UNKNOWN' })
  t.match(await raiseAlarm(db, { key: key('bin-full', 'paper'), severity: 'fatal' as Severity }, rule, T0 + 1), { ok: false, code: 'SEVERITY_UNKNOWN' })
  t.match(await raiseAlarm(db, { key: key('bin-full', 'paper'), severity: 'minor' }, staff, T0 + 1), { ok: false, code: 'ACTOR_NOT_ALLOWED' })
  t.same(await findAlarm(db, id), untouched, 'the alarm is as it was')
  t.equal((await alarmHistory(db, id)).length, 1, 'no history written')

  const shelf = { reason: 'sensor known bad', untilMs: T0 + minutes(60), by: 'stf_ann', sinceMs: T0 + 2 }
  t.match(await changeAlarm(db, id, { kind: 'shelve', reason: shelf.reason, untilMs: shelf.untilMs }, staff, T0 + 2), { ok: true })
  t.same((await findAlarm(db, id))?.shelf, shelf, 'the shelf is stored')
  t.same(await expiredShelves(db, T0 + minutes(60) - 1), [], 'not due a millisecond early')
  t.same((await expiredShelves(db, T0 + minutes(60))).map(a => a.id), [id], 'due at the expiry')
  t.match(await changeAlarm(db, id, { kind: 'expire-shelf' }, system, T0 + minutes(59)), { ok: false, code: 'SHELF_NOT_EXPIRED' })
  t.match(await changeAlarm(db, id, { kind: 'expire-shelf' }, system, T0 + minutes(60)), { ok: true, alarm: { shelf: null } })
  t.same(await expiredShelves(db, T0 + minutes(60)), [], 'unshelved: no longer due')
  t.match(await changeAlarm(db, id, { kind: 'remove-from-service', reason: 'bin replaced' }, staff, T0 + minutes(61)), { ok: true })
  t.same((await findAlarm(db, id))?.outOfService, { reason: 'bin replaced', by: 'stf_ann', sinceMs: T0 + minutes(61) })
  t.match(await changeAlarm(db, id, { kind: 'group', floodAlarmId: 'alm_flood' }, system, T0 + minutes(62)), { ok: true })
  t.equal((await findAlarm(db, id))?.groupId, 'alm_flood')

  // cleared and acknowledged, but out of service: still the open alarm of its key until it returns
  await changeAlarm(db, id, { kind: 'clear' }, rule, T0 + minutes(63))
  await changeAlarm(db, id, { kind: 'acknowledge' }, staff, T0 + minutes(64))
  t.equal((await findOpenAlarm(db, key('bin-full', 'paper')))?.id, id)
  await changeAlarm(db, id, { kind: 'return-to-service' }, staff, T0 + minutes(65))
  t.equal(await findOpenAlarm(db, key('bin-full', 'paper')), undefined, 'returned to service: closed')
  t.same((await alarmHistory(db, id)).map(c => c.reason).filter(r => r != null), ['sensor known bad', 'bin replaced'], 'reasons in the history')
})

await eachStore(t, 'current alarms: open ones, most severe first, then oldest first; per site', async (t, { db }) => {
  const a = await aSiteWithKiosk(db)
  const b = await aSiteWithKiosk(db)
  const raise = async (key: AlarmKey, severity: Severity, atMin: number) => opened(await raiseAlarm(db, { key, severity }, rule, T0 + minutes(atMin))).id
  const minorOld = await raise(a.key('bin-full', 'paper'), 'minor', 1)
  const critical = await raise(a.key('smoke'), 'critical', 5)
  const minorNew = await raise(a.key('bin-full', 'metal'), 'minor', 3)
  const indeterminate = await raise(a.key('scale'), 'indeterminate', 0)
  const otherSite = await raise(b.key('offline'), 'major', 2)
  const closed = await raise(a.key('door-held'), 'critical', 0)
  await changeAlarm(db, closed, { kind: 'clear' }, rule, T0 + minutes(6))
  await changeAlarm(db, closed, { kind: 'acknowledge' }, staff, T0 + minutes(7))
  const backend = opened(await raiseAlarm(db, { key: { siteId: null, deviceId: null, type: 'telemetry-outbox-near-full', source: '' }, severity: 'major' }, rule, T0)).id

  t.same((await currentAlarms(db, { siteId: a.site.id })).map(x => x.id), [critical, minorOld, minorNew, indeterminate])
  t.same((await currentAlarms(db)).map(x => x.id), [critical, backend, otherSite, minorOld, minorNew, indeterminate], 'all sites and the backend')
  t.same((await currentAlarms(db, { limit: 2 })).map(x => x.id), [critical, backend])
})

/**
 * Runs `first` in a transaction held open on one connection, starts `second` on the other, and
 * commits the first only once the second waits for it: for the row lock on PostgreSQL (seen in
 * pg_stat_activity), for the one writer on SQLite (it cannot pass the held write lock).
 */
async function overlapping<A, B> (stores: Store[], first: (trx: Executor) => Promise<A>, second: (db: Executor) => Promise<B>): Promise<[A, B]> {
  const [one, two] = stores as [Store, Store]
  let release = () => {}
  const released = new Promise<void>(resolve => { release = resolve })
  let worked = () => {}
  const firstDone = new Promise<void>(resolve => { worked = resolve })
  const committed = one.db.transaction().execute(async trx => {
    const result = await first(trx)
    worked()
    await released
    return result
  })
  await Promise.race([firstDone, committed]) // a failing `first` fails the test instead of hanging it
  const racing = second(two.db)
  if (one.dialect === 'postgres') await lockWait(one.db, { statement: 'insert into "alarms"' })
  release()
  return [await committed, await racing]
}

await eachStoreConnections(t, 'concurrent raises of one alarm on separate connections: one alarm, counted once per raise', 2, async (t, stores) => {
  const [one] = stores as [Store]
  const { key } = await aSiteWithKiosk(one.db)
  const input = { key: key('door-forced'), severity: 'critical' as const }

  const [first, second] = await overlapping(stores, trx => raiseAlarm(trx, input, device, T0), db => raiseAlarm(db, input, device, T0 + 1))
  t.match(first, { ok: true, opened: true })
  t.match(second, { ok: true, opened: false, alarm: { id: opened(first).id, count: 2 } }, 'the second counted on the first')
  const alarms = await currentAlarms(one.db)
  t.equal(alarms.length, 1, 'one alarm')
  t.equal(alarms[0]?.count, 2, 'counted twice')
  t.equal((await alarmHistory(one.db, alarms[0]?.id ?? '')).length, 2, 'two changes recorded')

  // and many at once, spread over both connections
  await Promise.all(Array.from({ length: 20 }, (_, i) => raiseAlarm(stores[i % 2]?.db as Executor, input, device, T0 + 10 + i)))
  t.equal((await findOpenAlarm(one.db, input.key))?.count, 22, 'every raise counted once')
})

await eachStoreConnections(t, 'a raise racing the clear that closes its alarm opens a new one', 2, async (t, stores) => {
  const [one] = stores as [Store]
  const { key } = await aSiteWithKiosk(one.db)
  const input = { key: key('smoke'), severity: 'critical' as const }
  const id = opened(await raiseAlarm(one.db, input, device, T0)).id
  await changeAlarm(one.db, id, { kind: 'acknowledge' }, staff, T0 + 1)

  const [cleared, raised] = await overlapping(stores, trx => changeAlarm(trx, id, { kind: 'clear' }, device, T0 + 2), db => raiseAlarm(db, input, device, T0 + 3))
  t.match(cleared, { ok: true, alarm: { id, active: false, acknowledged: true } })
  t.match(raised, { ok: true, opened: true, alarm: { count: 1, active: true, acknowledged: false } }, 'the raise waited and opened a new alarm')
  t.not(opened(raised).id, id)
  t.same((await currentAlarms(one.db)).map(a => a.id), [opened(raised).id], 'the new one is the open one')
})
