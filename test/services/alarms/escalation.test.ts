// Notifications due: the first one, reminders, escalation levels; never twice.
import t from 'tap'
import { notificationsDue, type EscalationConfig } from '../../../services/alarms/escalation.ts'
import type { Alarm } from '../../../services/alarms/alarm.ts'
import { anAlarm, minutes, T0 } from './alarm-builders.ts'

const config: EscalationConfig = {
  notify: 'site-staff',
  reminderEveryMs: minutes(10),
  levels: [{ afterMs: minutes(30), notify: 'site-manager' }, { afterMs: minutes(120), notify: 'operator' }]
}
const raised = 'alm_1:raised'
const keysDue = (alarm: Alarm, sent: string[], atMin: number) =>
  notificationsDue([alarm], new Set(sent), config, T0 + minutes(atMin)).map(n => `${n.key} → ${n.to}`)

t.test('notifications due, table-driven', async t => {
  const cases: Array<[string, Alarm, string[], number, string[]]> = [
    ['a new alarm notifies at once', anAlarm(), [], 0, ['alm_1:raised → site-staff']],
    ['once sent, not again', anAlarm(), [raised], 5, []],
    ['a late first sweep sends the first notification alone', anAlarm(), [], 45, ['alm_1:raised → site-staff']],
    ['reminder 1 after 10 minutes', anAlarm(), [raised], 10, ['alm_1:reminder:1 → site-staff']],
    ['reminder 1 is not sent twice', anAlarm(), [raised, 'alm_1:reminder:1'], 19, []],
    ['a late sweep sends only the latest reminder', anAlarm(), [raised, 'alm_1:reminder:1'], 29, ['alm_1:reminder:2 → site-staff']],
    ['escalation with the third reminder', anAlarm(), [raised, 'alm_1:reminder:1', 'alm_1:reminder:2'], 30,
      ['alm_1:reminder:3 → site-staff', 'alm_1:escalation:1 → site-manager']],
    ['each level once', anAlarm(), [raised, 'alm_1:reminder:3', 'alm_1:escalation:1'], 39, []],
    ['both levels reached while no sweep ran: both told', anAlarm(), [raised], 125,
      ['alm_1:reminder:12 → site-staff', 'alm_1:escalation:1 → site-manager', 'alm_1:escalation:2 → operator']],
    ['counted from when it opened, not from its last repeat', anAlarm({ count: 5, lastAtMs: T0 + minutes(19) }), [raised], 20, ['alm_1:reminder:2 → site-staff']],
    ['acknowledged: nothing', anAlarm({ acknowledged: true, acknowledgedBy: 'stf', acknowledgedAtMs: T0 }), [], 60, []],
    ['cleared: nothing', anAlarm({ active: false, clearedAtMs: T0 }), [], 60, []],
    ['shelved: nothing until the expiry', anAlarm({ shelf: { reason: 'r', untilMs: T0 + minutes(60), by: 'stf', sinceMs: T0 } }), [], 59, []],
    ['a shelf past its expiry no longer holds back', anAlarm({ shelf: { reason: 'r', untilMs: T0 + minutes(60), by: 'stf', sinceMs: T0 } }), [], 60, ['alm_1:raised → site-staff']],
    ['out of service: nothing', anAlarm({ outOfService: { reason: 'r', by: 'stf', sinceMs: T0 } }), [], 60, []],
  ]
  for (const [name, alarm, sent, atMin, expected] of cases) t.same(keysDue(alarm, sent, atMin), expected, name)
})

t.test('raised again after it cleared unacknowledged: reminders and escalation count from the new episode', async t => {
  // first raised 3 weeks before T0, escalated both levels then, cleared; raised again at T0
  const weeks = minutes(3 * 7 * 24 * 60)
  const again = anAlarm({ firstAtMs: T0 - weeks, activeSinceMs: T0, count: 2 })
  const firstEpisode = [raised, 'alm_1:reminder:1', 'alm_1:reminder:3', 'alm_1:escalation:1', 'alm_1:escalation:2']
  t.same(keysDue(again, firstEpisode, 1), [], 'a minute in: nothing (the first raise was told; no escalation at once)')
  t.same(keysDue(again, firstEpisode, 10), [`alm_1@${T0}:reminder:1 → site-staff`], 'its own first reminder, which carries it')
  t.same(keysDue(again, [...firstEpisode, `alm_1@${T0}:reminder:1`, `alm_1@${T0}:reminder:2`], 30),
    [`alm_1@${T0}:reminder:3 → site-staff`, `alm_1@${T0}:escalation:1 → site-manager`], 'escalated again after 30 minutes of this episode')
})

t.test('a grouped alarm is spoken for only while its flood alarm is open', async t => {
  const flood = (over: Partial<Alarm> = {}) => anAlarm({ id: 'alm_flood', acknowledged: true, acknowledgedBy: 'stf', acknowledgedAtMs: T0, ...over })
  const member = anAlarm({ groupId: 'alm_flood' })
  const due = (alarms: Alarm[]) => notificationsDue(alarms, new Set(['alm_flood:raised']), config, T0 + minutes(5)).map(n => n.key)
  const cases: Array<[string, Alarm[], string[]]> = [
    ['under an open flood alarm: nothing', [flood(), member], []],
    ['under a flood that cleared but is not acknowledged: nothing (the flood reminds)', [flood({ active: false, acknowledged: false }), member], []],
    ['under a flood cleared and acknowledged (closed): it notifies on its own', [flood({ active: false }), member], [raised]],
    ['under a flood no longer open (not listed): it notifies on its own', [member], [raised]]
  ]
  for (const [name, alarms, expected] of cases) t.same(due(alarms), expected, name)
})

t.test('a notification in full', async t => {
  t.same(notificationsDue([anAlarm()], new Set([raised]), config, T0 + minutes(31)), [
    { key: 'alm_1:reminder:3', alarmId: 'alm_1', kind: 'reminder', n: 3, to: 'site-staff', atMs: T0 + minutes(31) },
    { key: 'alm_1:escalation:1', alarmId: 'alm_1', kind: 'escalation', n: 1, to: 'site-manager', atMs: T0 + minutes(31) }
  ])
})

t.test('a flood alarm speaks for its group, even after it cleared', async t => {
  const flood = (over: Partial<Alarm> = {}) => anAlarm({ id: 'alm_flood', active: false, clearedAtMs: T0 + minutes(11), ...over })
  const member = (over: Partial<Alarm> = {}) => anAlarm({ id: 'alm_m', groupId: 'alm_flood', ...over })
  const due = (alarms: Alarm[]) => notificationsDue(alarms, new Set(['alm_flood:raised']), config, T0 + minutes(20)).map(n => n.key)
  const cases: Array<[string, Alarm[], string[]]> = [
    ['a live member keeps the cleared flood reminding', [flood(), member()], ['alm_flood:reminder:2']],
    ['not once the flood is acknowledged: closed, it speaks for no one and its live member notifies itself', [flood({ acknowledged: true, acknowledgedBy: 'stf', acknowledgedAtMs: T0 }), member()], ['alm_m:raised']],
    ['not once its members cleared', [flood(), member({ active: false })], []],
    ['not once its members are acknowledged', [flood(), member({ acknowledged: true })], []],
    ['not while the flood is shelved', [flood({ shelf: { reason: 'r', untilMs: T0 + minutes(60), by: 'stf', sinceMs: T0 } }), member()], []],
    ['a member of another flood (not open) does not count: it notifies itself', [flood(), member({ groupId: 'alm_other' })], ['alm_m:raised']]
  ]
  for (const [name, alarms, expected] of cases) t.same(due(alarms), expected, name)
})
