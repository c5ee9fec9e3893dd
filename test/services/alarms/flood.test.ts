// Flood detection per site, table-driven, and a compound's power failure run
// through the pure parts together (rule → lifecycle → flood → notifications):
// 300 devices offline within a minute give one flood alarm, not 300 notifications.
import t from 'tap'
import { defaultFloodConfig, FLOOD_TYPE, floodDecisions, floodKey } from '../../../services/alarms/flood.ts'
import { transition, type AlarmAction } from '../../../services/alarms/alarm-lifecycle.ts'
import { offlineRule, type DevicePresence } from '../../../services/alarms/alarm-rules.ts'
import { notificationsDue } from '../../../services/alarms/escalation.ts'
import { keyString, type Actor, type Alarm } from '../../../services/alarms/alarm.ts'
import { aKey, anAlarm, minutes, system, T0 } from './alarm-builders.ts'

const now = T0 + minutes(60)
/** `n` alarms of site s1 that opened `agoMin` minutes ago. */
const opened = (n: number, agoMin: number, over: Partial<Alarm> = {}) => Array.from({ length: n }, (_, i) =>
  anAlarm({ id: `alm_${agoMin}_${i}`, key: aKey({ deviceId: `k${agoMin}_${i}` }), firstAtMs: now - minutes(agoMin), ...over }))
const floodAlarm = (over: Partial<Alarm> = {}) => anAlarm({ id: 'alm_flood', key: floodKey('s1'), severity: 'critical', firstAtMs: now - minutes(30), ...over })

t.test('flood decisions, table-driven', async t => {
  const cases: Array<[string, Alarm[], { action: string, group: number, newInWindow: number, floodAlarmId?: string | null }]> = [
    ['10 new alarms in 10 minutes is no flood', opened(10, 1), { action: 'none', group: 0, newInWindow: 10 }],
    ['11 new alarms is a flood: all 11 grouped', opened(11, 1), { action: 'raise', group: 11, newInWindow: 11 }],
    ['alarms that opened exactly 10 minutes ago are outside the window', [...opened(6, 1), ...opened(6, 10)], { action: 'none', group: 0, newInWindow: 6 }],
    ['a closed alarm counts but is not grouped', [...opened(10, 2), ...opened(1, 1, { active: false, acknowledged: true })], { action: 'raise', group: 10, newInWindow: 11 }],
    ['repeats of older alarms are not new', opened(20, 30, { count: 9, lastAtMs: now }), { action: 'none', group: 0, newInWindow: 0 }],
    ['during a flood new alarms join it', [floodAlarm(), ...opened(8, 1), ...opened(3, 5, { groupId: 'alm_flood' })], { action: 'none', group: 8, newInWindow: 11, floodAlarmId: 'alm_flood' }],
    ['during a flood, a cleared alarm raised again (it left its old group) joins it without counting as new',
      [floodAlarm(), ...opened(11, 2, { groupId: 'alm_flood' }), ...opened(1, 60 * 24 * 7, { count: 2, lastAtMs: now - minutes(1) })],
      { action: 'none', group: 1, newInWindow: 11, floodAlarmId: 'alm_flood' }],
    ['the flood holds above the lower mark', [floodAlarm(), ...opened(6, 3, { groupId: 'alm_flood' })], { action: 'none', group: 0, newInWindow: 6, floodAlarmId: 'alm_flood' }],
    ['5 or fewer new alarms: the flood clears and they notify alone', [floodAlarm(), ...opened(5, 3)], { action: 'clear', group: 0, newInWindow: 5, floodAlarmId: 'alm_flood' }],
    ['a cleared flood alarm is no flood: a new one is raised', [floodAlarm({ active: false }), ...opened(12, 1)], { action: 'raise', group: 12, newInWindow: 12, floodAlarmId: null }]
  ]
  for (const [name, alarms, expected] of cases) {
    const [decision, ...others] = floodDecisions(alarms, defaultFloodConfig, now)
    t.equal(others.length, 0, `${name}: one site, one decision`)
    t.match(decision, { siteId: 's1', action: expected.action, newInWindow: expected.newInWindow, floodAlarmId: expected.floodAlarmId ?? null }, name)
    t.equal(decision?.group.length, expected.group, `${name}: grouped`)
  }
})

t.test('per site: a flood at one site does not group another site\'s alarms; backend alarms belong to none', async t => {
  const alarms = [...opened(11, 1), ...opened(3, 1, { key: aKey({ siteId: 's2' }) }), ...opened(20, 1, { key: aKey({ siteId: null, deviceId: null }) })]
  const decisions = floodDecisions(alarms, defaultFloodConfig, now)
  t.same(decisions.map(d => [d.siteId, d.action, d.group.length]), [['s1', 'raise', 11], ['s2', 'none', 0]])
})

t.test('a compound power failure: 300 devices offline within a minute → one flood alarm', async t => {
  const alarms = new Map<string, Alarm>()
  let ids = 0
  const apply = (alarm: Alarm | undefined, action: AlarmAction, actor: Actor, atMs: number): Alarm => {
    const result = transition(alarm, action, actor, atMs)
    if (!result.ok) throw new Error(`${action.kind} refused: ${result.code}`)
    alarms.set(keyString(result.alarm.key), result.alarm)
    return result.alarm
  }
  const floodRule: Actor = { kind: 'rule', id: 'flood' }
  const offline: Actor = { kind: 'rule', id: 'offline' }
  const sent = new Set<string>()
  const notifications: string[] = []
  const escalation = { notify: 'site-staff', reminderEveryMs: minutes(10), levels: [{ afterMs: minutes(30), notify: 'site-manager' }] }

  /** One backend sweep: the offline rule, then flood grouping, then notifications. */
  function sweep (devices: DevicePresence[], atMs: number): void {
    const activeKeys = [...alarms.values()].filter(a => a.active).map(a => a.key)
    for (const d of offlineRule({ devices, active: activeKeys }, { offlineAfterMs: minutes(10) }, atMs)) {
      const current = alarms.get(keyString(d.key))
      if (d.action === 'raise') apply(current, { kind: 'raise', key: d.key, severity: d.severity, message: d.message, newId: `alm_${++ids}` }, offline, atMs)
      else apply(current, { kind: 'clear' }, offline, atMs)
    }
    for (const f of floodDecisions([...alarms.values()], defaultFloodConfig, atMs)) {
      let floodId = f.floodAlarmId
      if (f.action === 'raise') {
        const action: AlarmAction = { kind: 'raise', key: floodKey(f.siteId), severity: 'critical', message: `${f.newInWindow} new alarms in 10 min`, newId: `alm_${++ids}` }
        floodId = apply(alarms.get(keyString(floodKey(f.siteId))), action, floodRule, atMs).id
      }
      if (f.action === 'clear' && floodId != null) apply(alarms.get(keyString(floodKey(f.siteId))), { kind: 'clear' }, floodRule, atMs)
      for (const id of f.group) {
        const alarm = [...alarms.values()].find(a => a.id === id)
        apply(alarm, { kind: 'group', floodAlarmId: floodId ?? '' }, system, atMs)
      }
    }
    for (const n of notificationsDue([...alarms.values()], sent, escalation, atMs)) {
      sent.add(n.key)
      const alarm = [...alarms.values()].find(a => a.id === n.alarmId)
      notifications.push(`${n.kind} ${alarm?.key.type} ${alarm?.key.deviceId ?? alarm?.key.siteId}`)
    }
  }

  // the power fails at T0: the 300 devices' connections drop over one minute (last seen every 200 ms)
  const devices = (online: boolean): DevicePresence[] => Array.from({ length: 300 }, (_, i) => ({ id: `d${i}`, siteId: 's1', online, lastSeenAtMs: T0 + i * 200 }))
  for (let at = T0; at <= T0 + minutes(45); at += 15_000) sweep(devices(false), at)

  const all = [...alarms.values()]
  t.equal(all.filter(a => a.key.type === 'device-offline' && a.active).length, 300, 'every device has its offline alarm')
  const flood = all.filter(a => a.key.type === FLOOD_TYPE)
  t.equal(flood.length, 1, 'one flood alarm')
  t.match(flood[0], { active: false, clearedAtMs: T0 + minutes(21), count: 1 }, 'the flood cleared when no new alarm came for 10 minutes')
  t.equal(all.filter(a => a.groupId === flood[0]?.id).length, 300, 'all 300 grouped under it')
  t.same(notifications, [
    'raised device-offline d0', // the first sweep after 10 min sees one device: no flood yet
    'raised alarm-flood s1', // 15 s later 76 more: the flood, and everything joins it
    'reminder alarm-flood s1', // 10 min after the flood opened
    'reminder alarm-flood s1', // the flood has cleared, but its 300 alarms are active and unacknowledged
    'reminder alarm-flood s1',
    'escalation alarm-flood s1' // 30 min unacknowledged
  ], 'the staff hear of it twice, then reminders and an escalation of the flood only')

  // power returns at T0 + 50 min: the devices reconnect and their alarms clear
  const back = devices(true).map(d => ({ ...d, lastSeenAtMs: T0 + minutes(50) }))
  sweep(back, T0 + minutes(50))
  sweep(back, T0 + minutes(61))
  const after = [...alarms.values()]
  t.equal(after.filter(a => a.active).length, 0, 'every alarm cleared')
  t.match(after.find(a => a.key.type === FLOOD_TYPE), { active: false, acknowledged: false }, 'the flood waits for an acknowledgement')
  t.equal(notifications.length, 6, 'clearing notifies no one, and a flood whose alarms cleared stops reminding')
})
