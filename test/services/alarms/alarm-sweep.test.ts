// The alarm sweep against real stores with a clock the test sets: backend
// rules raise and clear from what the store holds (presence, the last status,
// deposits, the telemetry outbox), shelves expire, a flood groups a site's
// alarms under one, reminders and escalations go out once each, and two
// sweeps at once on separate connections record each notification once.
import t from 'tap'
import { parseAlarmConfig } from '../../../services/alarms/alarm-config.ts'
import { alarmHistory, changeAlarm, findAlarm, findOpenAlarm, raiseAlarm } from '../../../services/alarms/alarm-repository.ts'
import { alarmTypes } from '../../../services/alarms/alarm-rules.ts'
import { runAlarmSweep } from '../../../services/alarms/alarm-sweep.ts'
import { FLOOD_TYPE } from '../../../services/alarms/flood.ts'
import { notificationsOf } from '../../../services/alarms/notification-repository.ts'
import { localDay } from '../../../services/points/local-day.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { recordAccess } from '../../../services/gate/access-log.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { aGate } from '../../fixtures/gate-builders.ts'
import { eachStore, eachStoreConnections } from '../../helpers/stores.ts'
import { minutes, staff } from './alarm-builders.ts'

const T0 = Date.UTC(2026, 2, 4, 9, 30)
const config = parseAlarmConfig({})
const deviceActor = (id: string) => ({ kind: 'device' as const, id })

async function kioskAt (db: Executor, siteId: string, presence: { online: number, lastSeenAtMs: number | null } = { online: 1, lastSeenAtMs: T0 }) {
  const { device } = await aKiosk(db, siteId)
  await db.updateTable('devices').set({ online: presence.online, last_seen_at_ms: presence.lastSeenAtMs }).where('id', '=', device.id).execute()
  return device
}
const allNotifications = (db: Executor) => db.selectFrom('alarm_notifications').select(['key', 'kind', 'recipient']).orderBy('at_ms').orderBy('key').execute()

eachStore(t, 'offline rule: raised after N minutes, never for a device never seen, cleared when back', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const gone = await kioskAt(db, site.id, { online: 0, lastSeenAtMs: T0 - minutes(10) })
  const recent = await kioskAt(db, site.id, { online: 0, lastSeenAtMs: T0 - minutes(9) })
  await kioskAt(db, site.id, { online: 0, lastSeenAtMs: null })
  const report = await runAlarmSweep(db, config, {}, T0)
  t.equal(report.raised, 1, 'one alarm: only the kiosk gone for 10 minutes')
  t.match(await findOpenAlarm(db, { siteId: site.id, deviceId: gone.id, type: alarmTypes.offline, source: '' }), { active: true, message: 'offline for 10 min' })
  t.equal(await findOpenAlarm(db, { siteId: site.id, deviceId: recent.id, type: alarmTypes.offline, source: '' }), undefined)
  t.equal((await runAlarmSweep(db, config, {}, T0 + minutes(1))).raised, 1, 'a minute later the second kiosk has been gone 10 minutes too')
  const again = await runAlarmSweep(db, config, {}, T0 + minutes(2))
  t.same([again.raised, again.cleared], [0, 0], 'an hour offline is one occurrence, not one per sweep')
  await db.updateTable('devices').set({ online: 1, last_seen_at_ms: T0 + minutes(3) }).where('id', '=', gone.id).execute()
  t.equal((await runAlarmSweep(db, config, {}, T0 + minutes(3))).cleared, 1, 'back online: cleared')
  t.match(await findOpenAlarm(db, { siteId: site.id, deviceId: gone.id, type: alarmTypes.offline, source: '' }), { active: false, count: 1 })
})

eachStore(t, 'a device disabled while its offline alarm is open: the alarm clears and stops reminding', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosk = await kioskAt(db, site.id, { online: 0, lastSeenAtMs: T0 - minutes(10) })
  t.equal((await runAlarmSweep(db, config, {}, T0)).raised, 1)
  await db.updateTable('devices').set({ status: 'disabled' }).where('id', '=', kiosk.id).execute()
  const pass = await runAlarmSweep(db, config, {}, T0 + minutes(15))
  t.equal(pass.cleared, 1, 'disabled: cleared')
  t.same(pass.notifications, [], 'no reminder')
  t.match(await findOpenAlarm(db, { siteId: site.id, deviceId: kiosk.id, type: alarmTypes.offline, source: '' }), { active: false }, 'open until acknowledged, as any cleared alarm')
  const later = await runAlarmSweep(db, config, {}, T0 + minutes(45))
  t.same([later.raised, later.cleared, later.notifications.length], [0, 0, 0], 'nor raised again, nor escalated')
})

eachStore(t, 'denied swipes from the gates\' access log: per gate and per card, at the gate\'s time, cleared when quiet', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const { device: gate } = await aGate(db, site.id)
  const { device: other } = await aGate(db, site.id)
  const settings = parseAlarmConfig({ deniedSwipes: { windowMs: minutes(10), perCard: 3, perGate: 4 } })
  let n = 0
  const deny = (gateId: string, cardUid: string | null, atMs: number, decision: 'allow' | 'deny' = 'deny') => recordAccess(db, {
    site_id: site.id, gate_id: gateId, event_id: `d${++n}`, at_ms: atMs, received_at_ms: T0, mode: cardUid == null ? 'offline' : 'online',
    credential_kind: cardUid == null ? 'pass' : 'card', card_uid: cardUid, decision, reason: decision === 'deny' ? 'CARD_UNKNOWN' : null
  })
  const gateKey = { siteId: site.id, deviceId: gate.id, type: alarmTypes.deniedGate, source: '' }
  const cardKey = { siteId: site.id, deviceId: null, type: alarmTypes.deniedCard, source: 'BAD1' }
  // last night's denials replayed by an offline gate, allows, and another gate's denials do not count for this gate
  for (let i = 0; i < 5; i++) await deny(gate.id, `OLD${i}`, T0 - 12 * 3600_000 + i)
  for (let i = 0; i < 5; i++) await deny(gate.id, `OK${i}`, T0 - minutes(1), 'allow')
  await deny(other.id, 'X1', T0 - minutes(2))
  await deny(gate.id, 'A1', T0 - minutes(9))
  await deny(gate.id, null, T0 - minutes(8))
  await deny(gate.id, 'BAD1', T0 - minutes(3))
  t.equal((await runAlarmSweep(db, settings, {}, T0)).raised, 0, 'three recent denials at the gate, one of the card: nothing yet')
  await deny(other.id, 'BAD1', T0 - minutes(2))
  await deny(gate.id, 'BAD1', T0 - minutes(1))
  t.equal((await runAlarmSweep(db, settings, {}, T0)).raised, 2, 'the fourth at the gate and the third of the card (at two gates)')
  t.match(await findOpenAlarm(db, gateKey), { active: true, severity: 'minor', message: '4 denied swipes in 10 min' })
  t.match(await findOpenAlarm(db, cardKey), { active: true, severity: 'warning', message: '3 denied swipes in 10 min' })
  t.equal(await findOpenAlarm(db, { ...gateKey, deviceId: other.id }), undefined, 'the other gate saw two')
  t.same([(await runAlarmSweep(db, settings, {}, T0 + 1000)).raised], [0], 'still denying: one occurrence, not one per pass')
  const quiet = await runAlarmSweep(db, settings, {}, T0 + minutes(9))
  t.equal(quiet.cleared, 2, 'the window has moved past the denials: both clear')
  t.match(await findOpenAlarm(db, gateKey), { active: false, count: 1 })
  t.match(await findOpenAlarm(db, cardKey), { active: false, count: 1 })
})

eachStore(t, 'bin full from the last status, cleared only below the clear mark', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosk = await kioskAt(db, site.id)
  const status = async (paper: number, plastic: number) => db.updateTable('devices').set({ last_status: JSON.stringify({ online: true, bins: [{ category: 'paper', fillPct: paper }, { category: 'plastic', fillPct: plastic }] }) }).where('id', '=', kiosk.id).execute()
  const paperKey = { siteId: site.id, deviceId: kiosk.id, type: alarmTypes.binFull, source: 'paper' }
  await status(92, 50)
  t.equal((await runAlarmSweep(db, config, {}, T0)).raised, 1, 'the paper bin at 92 %')
  t.match(await findOpenAlarm(db, paperKey), { active: true, severity: 'minor', message: 'paper bin 92 % full' })
  await status(85, 50)
  t.equal((await runAlarmSweep(db, config, {}, T0 + 1000)).cleared, 0, '85 %: still above the clear mark')
  await status(10, 50)
  t.equal((await runAlarmSweep(db, config, {}, T0 + 2000)).cleared, 1, 'emptied: cleared')
})

/** Writes credited deposits of a site's kiosks straight to the store, at the times given. */
function depositsAt (db: Executor, site: { id: string, timezone: string }) {
  let n = 0
  return async (deviceId: string, atMs: number) => db.insertInto('deposits').values({
    id: `dep${++n}`, device_id: deviceId, site_id: site.id, session_id: `ses${n}`, household_id: 'hh', event_id: `e${n}`, lines: '[]', total_grams: 1000,
    points_computed: 40, points_credited: 40, outcome: 'credited', entry_id: null, local_day: localDay(atMs, site.timezone), device_ts: atMs, received_at_ms: atMs
  }).execute()
}

eachStore(t, 'no deposits for a day at a normally busy kiosk; the next deposit clears it', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const busy = await kioskAt(db, site.id)
  const quiet = await kioskAt(db, site.id)
  const deposit = depositsAt(db, site)
  // seven days of 20 deposits at the busy kiosk, 2 a day at the quiet one; nothing for the last 25 hours
  for (let day = 2; day <= 8; day++) {
    for (let i = 0; i < 20; i++) await deposit(busy.id, T0 - day * 86_400_000 + i * 60_000)
    for (let i = 0; i < 2; i++) await deposit(quiet.id, T0 - day * 86_400_000 + i * 60_000)
  }
  await deposit(busy.id, T0 - 25 * 3600_000)
  const report = await runAlarmSweep(db, config, {}, T0)
  t.equal(report.raised, 1, 'only the busy kiosk is suspicious')
  const key = { siteId: site.id, deviceId: busy.id, type: alarmTypes.noDeposits, source: '' }
  t.match(await findOpenAlarm(db, key), { active: true, severity: 'warning' })
  t.equal((await runAlarmSweep(db, config, {}, T0 + minutes(30))).raised, 0, 'not raised twice')
  await deposit(busy.id, T0 + minutes(40))
  t.equal((await runAlarmSweep(db, config, {}, T0 + minutes(41))).cleared, 1, 'a deposit clears it')
})

eachStore(t, 'no deposits at a disabled kiosk: not raised, and disabling a quiet kiosk clears its alarm', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const stored = await kioskAt(db, site.id)
  const broken = await kioskAt(db, site.id)
  const deposit = depositsAt(db, site)
  // two busy kiosks, both quiet for 25 hours; one was taken out of use (in storage) meanwhile
  for (let day = 2; day <= 8; day++) {
    for (let i = 0; i < 20; i++) for (const k of [stored, broken]) await deposit(k.id, T0 - day * 86_400_000 + i * 60_000)
  }
  const disable = (id: string) => db.updateTable('devices').set({ status: 'disabled' }).where('id', '=', id).execute()
  await disable(stored.id)
  t.equal((await runAlarmSweep(db, config, {}, T0)).raised, 1, 'only the kiosk in use is suspicious')
  const key = { siteId: site.id, deviceId: broken.id, type: alarmTypes.noDeposits, source: '' }
  t.match(await findOpenAlarm(db, key), { active: true })
  t.equal(await findOpenAlarm(db, { ...key, deviceId: stored.id }), undefined)
  await disable(broken.id)
  t.equal((await runAlarmSweep(db, config, {}, T0 + minutes(1))).cleared, 1, 'disabled: its alarm clears')
  t.match(await findOpenAlarm(db, key), { active: false })
})

eachStore(t, 'telemetry outbox near full: a backend alarm at 80 %, cleared below 70 %', async (t, store) => {
  const { db } = store
  let depth = 800
  const inputs = { outbox: () => ({ depth, maxRows: 1000 }) }
  const key = { siteId: null, deviceId: null, type: alarmTypes.outboxNearFull, source: '' }
  t.equal((await runAlarmSweep(db, config, inputs, T0)).raised, 1)
  t.match(await findOpenAlarm(db, key), { active: true, severity: 'major' })
  depth = 750
  t.equal((await runAlarmSweep(db, config, inputs, T0 + 1000)).cleared, 0, '75 %: stays')
  depth = 699
  t.equal((await runAlarmSweep(db, config, inputs, T0 + 2000)).cleared, 1, 'below 70 %: cleared')
  t.equal((await runAlarmSweep(db, config, {}, T0 + 3000)).raised, 0, 'telemetry off: nothing to judge')
})

eachStore(t, 'reminders and escalation while unacknowledged, each once; none after acknowledgement', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosk = await kioskAt(db, site.id)
  const raised = await raiseAlarm(db, { key: { siteId: site.id, deviceId: kiosk.id, type: 'smoke', source: '' }, severity: 'critical' }, deviceActor(kiosk.id), T0)
  if (!raised.ok) throw new Error(raised.message)
  const id = raised.alarm.id
  const kinds = async () => (await notificationsOf(db, id)).map(n => `${n.kind}:${n.n}:${n.recipient}`)
  await runAlarmSweep(db, config, {}, T0)
  t.same(await kinds(), ['raised:0:site-staff'])
  await runAlarmSweep(db, config, {}, T0 + minutes(15))
  await runAlarmSweep(db, config, {}, T0 + minutes(15) + 1000)
  t.same(await kinds(), ['raised:0:site-staff', 'reminder:1:site-staff'], 'the first reminder after 15 minutes, once')
  await runAlarmSweep(db, config, {}, T0 + minutes(31))
  t.same((await kinds()).slice(2).sort(), ['escalation:1:site-manager', 'reminder:2:site-staff'], 'after 30 minutes: the site manager hears of it')
  t.ok((await changeAlarm(db, id, { kind: 'acknowledge' }, staff, T0 + minutes(32))).ok)
  await runAlarmSweep(db, config, {}, T0 + minutes(200))
  t.equal((await kinds()).length, 4, 'acknowledged: no more reminders, no operator escalation')
})

eachStore(t, 'raised again weeks after it cleared unacknowledged: no escalation at once; its own reminders and escalation', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosk = await kioskAt(db, site.id)
  const key = { siteId: site.id, deviceId: kiosk.id, type: 'door-jammed', source: '' }
  const raised = await raiseAlarm(db, { key, severity: 'major' }, deviceActor(kiosk.id), T0)
  if (!raised.ok) throw new Error(raised.message)
  const id = raised.alarm.id
  const kinds = async () => (await notificationsOf(db, id)).map(n => `${n.kind}:${n.n}:${n.recipient}`)
  for (const minute of [0, 15, 31]) await runAlarmSweep(db, config, {}, T0 + minutes(minute))
  t.equal((await kinds()).length, 4, 'first episode: raised, two reminders, escalation 1')
  t.ok((await changeAlarm(db, id, { kind: 'clear' }, deviceActor(kiosk.id), T0 + minutes(40))).ok)
  const again = T0 + minutes(3 * 7 * 24 * 60)
  const second = await raiseAlarm(db, { key, severity: 'major' }, deviceActor(kiosk.id), again)
  t.match(second, { ok: true, opened: false, alarm: { id, activeSinceMs: again, firstAtMs: T0 } }, 'the same open alarm, a new episode')
  await runAlarmSweep(db, config, {}, again + minutes(1))
  t.equal((await kinds()).length, 4, 'a minute in: nothing new (before: both escalation levels at once)')
  await runAlarmSweep(db, config, {}, again + minutes(15))
  t.same((await kinds()).slice(4), ['reminder:1:site-staff'], 'its own first reminder')
  await runAlarmSweep(db, config, {}, again + minutes(31))
  t.same((await kinds()).slice(5).sort(), ['escalation:1:site-manager', 'reminder:2:site-staff'], 'escalated after 30 minutes of this episode')
})

eachStore(t, 'an alarm unacknowledged for days: one reminder per period, no old one again', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosk = await kioskAt(db, site.id)
  const raised = await raiseAlarm(db, { key: { siteId: site.id, deviceId: kiosk.id, type: 'tamper', source: '' }, severity: 'major' }, deviceActor(kiosk.id), T0)
  if (!raised.ok) throw new Error(raised.message)
  for (let minute = 0; minute <= 24 * 60; minute += 5) await runAlarmSweep(db, config, {}, T0 + minutes(minute))
  const sent = (await notificationsOf(db, raised.alarm.id)).map(n => `${n.kind}:${n.n}`)
  t.equal(sent.filter(k => k.startsWith('reminder')).length, 96, 'a day of 15-minute reminders: 96, each once')
  t.equal(new Set(sent).size, sent.length, 'no key twice')
  t.same(sent.filter(k => !k.startsWith('reminder')).sort(), ['escalation:1', 'escalation:2', 'raised:0'])
})

eachStore(t, 'a shelf expires: the sweep unshelves the alarm and it notifies again', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosk = await kioskAt(db, site.id)
  const raised = await raiseAlarm(db, { key: { siteId: site.id, deviceId: kiosk.id, type: 'door-held', source: '' }, severity: 'minor' }, deviceActor(kiosk.id), T0)
  if (!raised.ok) throw new Error(raised.message)
  const id = raised.alarm.id
  t.ok((await changeAlarm(db, id, { kind: 'shelve', reason: 'door closer being replaced', untilMs: T0 + minutes(60) }, staff, T0 + 1000)).ok)
  const during = await runAlarmSweep(db, config, {}, T0 + minutes(30))
  t.same([during.shelvesExpired, during.notifications.length], [0, 0], 'shelved: quiet')
  const after = await runAlarmSweep(db, config, {}, T0 + minutes(60))
  t.equal(after.shelvesExpired, 1, 'expired at its time')
  t.match(await findAlarm(db, id), { shelf: null, active: true })
  t.same(after.notifications.map(n => n.kind), ['raised'], 'and staff hear of it now')
  const history = await db.selectFrom('alarm_changes').select(['action', 'actor_kind']).where('alarm_id', '=', id).orderBy('id').execute()
  t.same(history.map(h => `${h.action}/${h.actor_kind}`), ['raise/device', 'shelve/staff', 'expire-shelf/system'])
})

eachStore(t, 'a flood: more than 10 new alarms in 10 minutes at a site become one notification', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const other = await aSite(db)
  const kiosks = []
  for (let i = 0; i < 12; i++) kiosks.push(await kioskAt(db, site.id))
  const lone = await kioskAt(db, other.id)
  // a power failure: 11 kiosks report smoke-free "tamper" (lid sensors lose power) within two minutes
  for (const [i, k] of kiosks.slice(0, 11).entries()) await raiseAlarm(db, { key: { siteId: site.id, deviceId: k.id, type: 'tamper', source: '' }, severity: 'major' }, deviceActor(k.id), T0 + i * 10_000)
  await raiseAlarm(db, { key: { siteId: other.id, deviceId: lone.id, type: 'tamper', source: '' }, severity: 'major' }, deviceActor(lone.id), T0)
  const report = await runAlarmSweep(db, config, {}, T0 + minutes(2))
  t.same(report.floods, { raised: 1, cleared: 0, grouped: 11 })
  const flood = await findOpenAlarm(db, { siteId: site.id, deviceId: null, type: FLOOD_TYPE, source: '' })
  t.match(flood, { severity: 'critical', active: true, message: '11 new alarms in 10 min' })
  t.same((await allNotifications(db)).map(n => n.key).sort(), [`${flood?.id ?? ''}:raised`, `${(await findOpenAlarm(db, { siteId: other.id, deviceId: lone.id, type: 'tamper', source: '' }))?.id ?? ''}:raised`].sort(), 'one notification for the flooded site, one for the other site')

  await raiseAlarm(db, { key: { siteId: site.id, deviceId: kiosks[11]?.id ?? '', type: 'tamper', source: '' }, severity: 'major' }, deviceActor('k12'), T0 + minutes(3))
  const joined = await runAlarmSweep(db, config, {}, T0 + minutes(3))
  t.same([joined.floods.grouped, joined.notifications.length], [1, 0], 'a new alarm during the flood joins it silently')

  const over = await runAlarmSweep(db, config, {}, T0 + minutes(13) + 1)
  t.equal(over.floods.cleared, 1, 'the window holds 5 or fewer new alarms: the flood clears')
  const reminders = await runAlarmSweep(db, config, {}, T0 + minutes(17) + 1)
  const siteAlarms = new Set((await db.selectFrom('alarms').select('id').where('site_id', '=', site.id).execute()).map(r => r.id))
  t.same(reminders.notifications.filter(n => siteAlarms.has(n.alarmId)).map(n => [n.alarmId, n.kind]), [[flood?.id, 'reminder']], 'the flood alarm reminds while its alarms are unacknowledged; they do not')
})

eachStore(t, 'a flood over and acknowledged silences none of its alarms: raised again a week later, one notifies on its own', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosks = []
  for (let i = 0; i < 12; i++) kiosks.push(await kioskAt(db, site.id, { online: 0, lastSeenAtMs: T0 - minutes(10) }))
  const offlineKey = (id: string) => ({ siteId: site.id, deviceId: id, type: alarmTypes.offline, source: '' })
  const floodKey = { siteId: site.id, deviceId: null, type: FLOOD_TYPE, source: '' }
  t.same((await runAlarmSweep(db, config, {}, T0)).floods, { raised: 1, cleared: 0, grouped: 12 }, '12 kiosks offline: one flood')
  const flood = await findOpenAlarm(db, floodKey)
  await changeAlarm(db, flood?.id ?? '', { kind: 'acknowledge' }, staff, T0 + minutes(1))
  // power returns: the offline alarms clear but stay open (nobody acknowledged them one by one), the flood clears and closes
  await db.updateTable('devices').set({ online: 1, last_seen_at_ms: T0 + minutes(2) }).where('site_id', '=', site.id).execute()
  t.equal((await runAlarmSweep(db, config, {}, T0 + minutes(2))).cleared, 12)
  t.equal((await runAlarmSweep(db, config, {}, T0 + minutes(30))).floods.cleared, 1)
  t.equal(await findOpenAlarm(db, floodKey), undefined, 'the flood is closed')

  const week = T0 + 7 * 24 * 3600_000
  const gone = kiosks[0]?.id ?? ''
  await db.updateTable('devices').set({ online: 0, last_seen_at_ms: week - minutes(15) }).where('id', '=', gone).execute()
  const raised = await runAlarmSweep(db, config, {}, week)
  const alarm = await findOpenAlarm(db, offlineKey(gone))
  t.match(alarm, { active: true, count: 2, groupId: null }, 'the same alarm, active again, out of the closed flood')
  t.same(raised.notifications.map(n => [n.alarmId, n.kind]), [[alarm?.id, 'raised']], 'the staff hear of it')
  t.match((await alarmHistory(db, alarm?.id ?? '')).at(-1), { action: 'raise', details: { count: 2, leftGroup: flood?.id } }, 'the change record says which group it left')
  const later = await runAlarmSweep(db, config, {}, week + minutes(15))
  t.ok(later.notifications.some(n => n.alarmId === alarm?.id && n.kind === 'reminder'), 'and it reminds while nobody acts')
})

eachStore(t, 'an alarm still active when its acknowledged flood closes notifies on its own', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kiosks = []
  for (let i = 0; i < 12; i++) kiosks.push(await kioskAt(db, site.id, { online: 0, lastSeenAtMs: T0 - minutes(10) }))
  await runAlarmSweep(db, config, {}, T0)
  const flood = await findOpenAlarm(db, { siteId: site.id, deviceId: null, type: FLOOD_TYPE, source: '' })
  await changeAlarm(db, flood?.id ?? '', { kind: 'acknowledge' }, staff, T0 + minutes(1))
  // 11 come back, one stays offline; the flood clears (and, acknowledged, closes)
  await db.updateTable('devices').set({ online: 1, last_seen_at_ms: T0 + minutes(2) }).where('site_id', '=', site.id).where('id', '!=', kiosks[0]?.id ?? '').execute()
  await runAlarmSweep(db, config, {}, T0 + minutes(2))
  const over = await runAlarmSweep(db, config, {}, T0 + minutes(11))
  t.equal(over.floods.cleared, 1)
  const still = await findOpenAlarm(db, { siteId: site.id, deviceId: kiosks[0]?.id ?? '', type: alarmTypes.offline, source: '' })
  t.match(still, { active: true, groupId: flood?.id })
  t.same(over.notifications.map(n => [n.alarmId, n.kind]), [[still?.id, 'raised']], 'its flood is closed: it speaks for itself')
})

eachStoreConnections(t, 'two sweeps at once on separate connections send each notification once', 2, async (t, [a, b]) => {
  if (a == null || b == null) throw new Error('two connections')
  const site = await aSite(a.db)
  const kiosk = await kioskAt(a.db, site.id, { online: 0, lastSeenAtMs: T0 - minutes(20) })
  await Promise.all([runAlarmSweep(a.db, config, {}, T0), runAlarmSweep(b.db, config, {}, T0)])
  const alarm = await findOpenAlarm(a.db, { siteId: site.id, deviceId: kiosk.id, type: alarmTypes.offline, source: '' })
  t.equal(alarm?.count, 1, 'raised once: the later raise found it active and left it (an edge, not a repeat)')
  t.same((await allNotifications(a.db)).map(n => n.kind), ['raised'], 'one notification')
})
