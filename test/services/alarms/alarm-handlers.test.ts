// The device `alarm` event through the real processor on both stores: raise
// opens or counts, a replay counts once, clear clears, bins and ports are
// separate alarms, every device kind may send it, and bad alarm events are
// dead-lettered with the reason and change nothing. Pure parts table-driven.
import t, { type Test } from 'tap'
import { topics } from '../../../schemas/topics.ts'
import { alarmTimeMs, deviceAlarmKey } from '../../../services/alarms/alarm-handlers.ts'
import { findOpenAlarm } from '../../../services/alarms/alarm-repository.ts'
import { provisionDevice } from '../../../services/devices/device-registry.ts'
import { createRegistryCache } from '../../../services/devices/registry-cache.ts'
import { processDevicePublish, type ProcessorSettings } from '../../../services/ingest/device-event-processor.ts'
import type { DeviceKind } from '../../../services/store/database.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aSite, testPepper } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const settings: ProcessorSettings = { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: 86_400_000 }
const nowMs = Date.UTC(2026, 2, 4, 9, 30)
const day = 86_400_000

t.test('alarmTimeMs: the device time unless it is ahead or older than the window', async t => {
  const cases: Array<[string, number, number]> = [
    ['a minute ago: the device time', nowMs - 60_000, nowMs - 60_000],
    ['exactly now', nowMs, nowMs],
    ['a day ago, at the edge: the device time', nowMs - day, nowMs - day],
    ['older than the window (unset clock): received time', nowMs - day - 1, nowMs],
    ['1970: received time', 0, nowMs],
    ['ahead of the backend: received time', nowMs + 1, nowMs]
  ]
  for (const [name, ts, expected] of cases) t.equal(alarmTimeMs(ts, nowMs, day), expected, name)
})

t.test('deviceAlarmKey: one alarm per device, type and bin or port', async t => {
  const device = { id: 'k1', site_id: 's1' }
  t.same(deviceAlarmKey(device, { type: 'smoke' }), { siteId: 's1', deviceId: 'k1', type: 'smoke', source: '' })
  t.same(deviceAlarmKey(device, { type: 'scale-fault', bin: 'paper' }), { siteId: 's1', deviceId: 'k1', type: 'scale-fault', source: 'paper' })
  t.same(deviceAlarmKey(device, { type: 'over-power', port: 3 }), { siteId: 's1', deviceId: 'k1', type: 'over-power', source: 'port-3' })
})

async function scene (store: Store, kind: DeviceKind = 'kiosk') {
  const { db } = store
  const site = await aSite(db)
  const { device } = await provisionDevice(db, testPepper(), { id: `${kind}-${site.id}`, siteId: site.id, kind })
  const publish = async (body: Record<string, unknown>, atMs = nowMs) =>
    processDevicePublish(db, { deviceId: device.id, topic: topics.event(device.id, 'alarm'), payload: Buffer.from(JSON.stringify(body)), qos: 1, receivedAtMs: atMs }, settings, await createRegistryCache().forBatch(db))
  const key = (over: { type: string, source?: string }) => ({ siteId: site.id, deviceId: device.id, source: '', ...over })
  const counts = async () => ({
    alarms: (await db.selectFrom('alarms').select('id').execute()).length,
    changes: (await db.selectFrom('alarm_changes').select('id').execute()).length,
    deadLetters: (await db.selectFrom('dead_letters').select('id').execute()).length
  })
  return { db, site, device, publish, key, counts }
}

eachStore(t, 'raise opens, a repeat counts, a replay counts once, clear clears', async (t, store) => {
  const s = await scene(store)
  const raise = { eventId: 'a1', ts: nowMs - 5000, type: 'smoke', state: 'raised', bin: 'paper', message: 'smoke in the paper bin' }
  t.equal((await s.publish(raise)).result, 'applied')
  let alarm = await findOpenAlarm(s.db, s.key({ type: 'smoke', source: 'paper' }))
  t.match(alarm, { severity: 'critical', active: true, acknowledged: false, count: 1, firstAtMs: nowMs - 5000, message: 'smoke in the paper bin' }, 'opened at the device time with the default severity')

  t.equal((await s.publish(raise)).result, 'replayed', 'the same eventId again is a replay')
  t.equal((await findOpenAlarm(s.db, s.key({ type: 'smoke', source: 'paper' })))?.count, 1, 'and is not counted')

  t.equal((await s.publish({ ...raise, eventId: 'a2', ts: nowMs - 1000, severity: 'major' })).result, 'applied')
  alarm = await findOpenAlarm(s.db, s.key({ type: 'smoke', source: 'paper' }))
  t.match(alarm, { count: 2, severity: 'major', lastAtMs: nowMs - 1000, firstAtMs: nowMs - 5000 }, 'a new raise counts, with the severity the device gave')

  t.equal((await s.publish({ eventId: 'a3', ts: nowMs, type: 'smoke', state: 'cleared', bin: 'paper' })).result, 'applied')
  alarm = await findOpenAlarm(s.db, s.key({ type: 'smoke', source: 'paper' }))
  t.match(alarm, { active: false, clearedAtMs: nowMs, acknowledged: false }, 'cleared, and still open until someone acknowledges it')
  const history = await s.db.selectFrom('alarm_changes').select(['action', 'actor_kind', 'actor_id']).where('alarm_id', '=', alarm?.id ?? '').orderBy('id').execute()
  t.same(history.map(h => [h.action, h.actor_kind, h.actor_id]), [['raise', 'device', s.device.id], ['raise', 'device', s.device.id], ['clear', 'device', s.device.id]], 'each change is attributed to the device')
  t.equal((await s.counts()).deadLetters, 0)
})

eachStore(t, 'a clear with nothing to clear is applied and changes nothing', async (t, store) => {
  const s = await scene(store)
  const before = await s.counts()
  const processed = await s.publish({ eventId: 'c1', ts: nowMs, type: 'tamper', state: 'cleared' })
  t.equal(processed.result, 'applied')
  t.same(await s.counts(), before, 'no alarm, no change, no dead letter')
  const outcome = await s.db.selectFrom('device_events').select('outcome').where('event_id', '=', 'c1').executeTakeFirstOrThrow()
  t.same(JSON.parse(outcome.outcome), { alarmId: null, state: 'cleared', changed: false }, 'the outcome says nothing changed')
})

eachStore(t, 'bins and ports are separate alarms of one type', async (t, store) => {
  const s = await scene(store, 'charger')
  await s.publish({ eventId: 'p1', ts: nowMs, type: 'over-power', state: 'raised', port: 1 })
  await s.publish({ eventId: 'p2', ts: nowMs, type: 'over-power', state: 'raised', port: 2 })
  await s.publish({ eventId: 'p3', ts: nowMs, type: 'over-power', state: 'cleared', port: 1 })
  t.match(await findOpenAlarm(s.db, s.key({ type: 'over-power', source: 'port-1' })), { active: false, severity: 'major' })
  t.match(await findOpenAlarm(s.db, s.key({ type: 'over-power', source: 'port-2' })), { active: true, count: 1 })
})

for (const kind of ['kiosk', 'gate', 'charger'] as const) {
  eachStore(t, `a ${kind} may raise an alarm`, async (t, store) => {
    const s = await scene(store, kind)
    t.equal((await s.publish({ eventId: 'k1', ts: nowMs, type: 'door-held', state: 'raised' })).result, 'applied')
    t.match(await findOpenAlarm(s.db, s.key({ type: 'door-held' })), { severity: 'minor', active: true })
  })
}

eachStore(t, 'bad alarm events are dead-lettered with the reason and change nothing', async (t, store) => {
  const s = await scene(store)
  const cases: Array<[string, Record<string, unknown>]> = [
    ['a type no device may raise (a backend rule\'s)', { eventId: 'b1', ts: nowMs, type: 'device-offline', state: 'raised' }],
    ['an unknown state', { eventId: 'b2', ts: nowMs, type: 'smoke', state: 'on' }],
    ['a bin and a port', { eventId: 'b3', ts: nowMs, type: 'smoke', state: 'raised', bin: 'paper', port: 1 }],
    ['an unknown bin', { eventId: 'b4', ts: nowMs, type: 'smoke', state: 'raised', bin: 'uranium' }],
    ['port 0', { eventId: 'b5', ts: nowMs, type: 'over-power', state: 'raised', port: 0 }],
    ['an unknown severity', { eventId: 'b6', ts: nowMs, type: 'smoke', state: 'raised', severity: 'apocalyptic' }],
    ['U+0000 in the message', { eventId: 'b7', ts: nowMs, type: 'smoke', state: 'raised', message: 'a\u0000b' }],
    ['no eventId', { ts: nowMs, type: 'smoke', state: 'raised' }]
  ]
  for (const [name, body] of cases) {
    const before = await s.counts()
    const processed = await s.publish(body)
    t.equal(processed.deadLetterCode, 'SCHEMA_VIOLATION', name)
    t.same(await s.counts(), { ...before, deadLetters: before.deadLetters + 1 }, `${name}: only the dead letter is stored`)
  }
})

async function replayOrder (t: Test, store: Store) {
  // a device back from an outage replays raise and clear in order: both apply, at the device's times
  const s = await scene(store)
  await s.publish({ eventId: 'r1', ts: nowMs - 600_000, type: 'temperature', state: 'raised', message: '61 °C' })
  await s.publish({ eventId: 'r2', ts: nowMs - 300_000, type: 'temperature', state: 'cleared' })
  t.match(await findOpenAlarm(s.db, s.key({ type: 'temperature' })), { firstAtMs: nowMs - 600_000, clearedAtMs: nowMs - 300_000, active: false })
}
eachStore(t, 'a replayed raise and clear keep the device times', replayOrder)
