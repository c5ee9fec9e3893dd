// Every transition of the alarm state machine, and every refusal, as a table.
import t from 'tap'
import { MAX_SHELVE_MS, transition, type AlarmAction } from '../../../services/alarms/alarm-lifecycle.ts'
import { isClosed, stateOf, type Actor, type Alarm, type Severity } from '../../../services/alarms/alarm.ts'
import { aKey, anAlarm, device, minutes, rule, staff, system, T0 } from './alarm-builders.ts'

const now = T0 + minutes(5)
const raise = (severity: Severity = 'major', message: string | null = null): Extract<AlarmAction, { kind: 'raise' }> => ({ kind: 'raise', key: aKey(), severity, message, newId: 'alm_new' })
const shelf = { reason: 'sensor known bad', untilMs: T0 + minutes(60), by: 'stf_bob', sinceMs: T0 }
const maintenance = { reason: 'scale replaced', by: 'stf_bob', sinceMs: T0 }
const cleared = { active: false, clearedAtMs: T0 + 1 }
const acked = { acknowledged: true, acknowledgedBy: 'stf_bob', acknowledgedAtMs: T0 + 2 }

interface Allowed { state: string, set: Partial<Alarm>, opened?: boolean, reason?: string | null, details?: Record<string, unknown> }
type Case = [name: string, before: Alarm | undefined, action: AlarmAction, actor: Actor, expected: Allowed | { code: string }]

const cases: Case[] = [
  // raising
  ['first raise opens an alarm', undefined, raise('minor', 'offline 12 min'), rule,
    { state: 'active-unacknowledged', opened: true, set: { id: 'alm_new', severity: 'minor', message: 'offline 12 min', count: 1, firstAtMs: now, lastAtMs: now }, details: { severity: 'minor', count: 1 } }],
  ['raising an open alarm counts it', anAlarm({ count: 3 }), raise('critical'), device,
    { state: 'active-unacknowledged', opened: false, set: { id: 'alm_1', severity: 'critical', count: 4, firstAtMs: T0, activeSinceMs: T0, lastAtMs: now }, details: { severity: 'critical', count: 4 } }],
  ['raising keeps an acknowledgement of the open alarm', anAlarm(acked), raise(), rule,
    { state: 'active-acknowledged', opened: false, set: { count: 2, acknowledgedBy: 'stf_bob' }, details: { severity: 'major', count: 2 } }],
  ['raising a cleared, unacknowledged alarm makes it active again', anAlarm(cleared), raise(), rule,
    { state: 'active-unacknowledged', opened: false, set: { id: 'alm_1', count: 2, clearedAtMs: null, firstAtMs: T0, activeSinceMs: now }, details: { severity: 'major', count: 2 } }],
  ['a grouped alarm raised again after it cleared leaves its flood group: it notifies again', anAlarm({ ...cleared, groupId: 'alm_flood' }), raise(), rule,
    { state: 'active-unacknowledged', opened: false, set: { id: 'alm_1', count: 2, groupId: null }, details: { severity: 'major', count: 2, leftGroup: 'alm_flood' } }],
  ['a repeat of an active grouped alarm stays in its group', anAlarm({ groupId: 'alm_flood' }), raise(), device,
    { state: 'active-unacknowledged', opened: false, set: { count: 2, groupId: 'alm_flood' }, details: { severity: 'major', count: 2 } }],
  ['raising after clear + acknowledge opens a new alarm', anAlarm({ ...cleared, ...acked, count: 7 }), raise(), rule,
    { state: 'active-unacknowledged', opened: true, set: { id: 'alm_new', count: 1, acknowledged: false, acknowledgedBy: null }, details: { severity: 'major', count: 1 } }],
  ['a shelved alarm that cleared and was acknowledged stays the open one', anAlarm({ ...cleared, ...acked, shelf }), raise(), rule,
    { state: 'active-acknowledged+shelved', opened: false, set: { id: 'alm_1', count: 2, shelf }, details: { severity: 'major', count: 2 } }],
  ['a late replay counts without moving times backwards', anAlarm({ firstAtMs: now + 10, lastAtMs: now + 20 }), raise(), device,
    { state: 'active-unacknowledged', set: { count: 2, firstAtMs: now, activeSinceMs: now, lastAtMs: now + 20 }, details: { severity: 'major', count: 2 } }],
  ['raising without a message keeps the last one', anAlarm({ message: 'bin paper 93 %' }), raise('minor', null), rule,
    { state: 'active-unacknowledged', set: { message: 'bin paper 93 %' }, details: { severity: 'minor', count: 2 } }],
  ['staff may not raise', undefined, raise(), staff, { code: 'ACTOR_NOT_ALLOWED' }],
  ['an unknown severity is refused', undefined, { ...raise(), severity: 'fatal' as Severity }, rule, { code: 'SEVERITY_UNKNOWN' }],
  ['an alarm needs a type', undefined, { ...raise(), key: aKey({ type: '' }) }, rule, { code: 'ALARM_TYPE_REQUIRED' }],
  // clearing
  ['a rule clears an active alarm', anAlarm(), { kind: 'clear' }, rule, { state: 'cleared-unacknowledged', set: { active: false, clearedAtMs: now } }],
  ['staff clear an acknowledged alarm: closed', anAlarm(acked), { kind: 'clear' }, staff, { state: 'cleared-acknowledged', set: { active: false } }],
  ['clearing twice is refused', anAlarm(cleared), { kind: 'clear' }, device, { code: 'ALREADY_CLEARED' }],
  ['the system does not clear', anAlarm(), { kind: 'clear' }, system, { code: 'ACTOR_NOT_ALLOWED' }],
  // acknowledging
  ['staff acknowledge an active alarm', anAlarm(), { kind: 'acknowledge' }, staff,
    { state: 'active-acknowledged', set: { acknowledged: true, acknowledgedBy: 'stf_ann', acknowledgedAtMs: now } }],
  ['acknowledging a cleared alarm closes it', anAlarm(cleared), { kind: 'acknowledge' }, staff, { state: 'cleared-acknowledged', set: { acknowledged: true } }],
  ['acknowledging twice is refused', anAlarm(acked), { kind: 'acknowledge' }, staff, { code: 'ALREADY_ACKNOWLEDGED' }],
  ['a device may not acknowledge', anAlarm(), { kind: 'acknowledge' }, device, { code: 'ACTOR_NOT_ALLOWED' }],
  ['an actor needs an id', anAlarm(), { kind: 'acknowledge' }, { kind: 'staff', id: '' }, { code: 'ACTOR_NOT_ALLOWED' }],
  ['no action on a missing alarm', undefined, { kind: 'acknowledge' }, staff, { code: 'ALARM_UNKNOWN' }],
  ['no action on a closed alarm', anAlarm({ ...cleared, ...acked }), { kind: 'shelve', reason: 'x', untilMs: now + 1 }, staff, { code: 'ALARM_CLOSED' }],
  // shelving
  ['shelve with reason and expiry', anAlarm(), { kind: 'shelve', reason: '  chattering sensor ', untilMs: now + minutes(30) }, staff,
    { state: 'active-unacknowledged+shelved', set: { shelf: { reason: 'chattering sensor', untilMs: now + minutes(30), by: 'stf_ann', sinceMs: now } }, reason: 'chattering sensor', details: { untilMs: now + minutes(30) } }],
  ['shelving again replaces the shelf', anAlarm({ shelf }), { kind: 'shelve', reason: 'still bad', untilMs: now + minutes(90) }, staff,
    { state: 'active-unacknowledged+shelved', set: { shelf: { reason: 'still bad', untilMs: now + minutes(90), by: 'stf_ann', sinceMs: now } }, reason: 'still bad', details: { untilMs: now + minutes(90) } }],
  ['shelving needs a reason', anAlarm(), { kind: 'shelve', reason: '   ', untilMs: now + 1 }, staff, { code: 'SHELVE_REASON_REQUIRED' }],
  ['shelving needs an expiry', anAlarm(), { kind: 'shelve', reason: 'x', untilMs: undefined as unknown as number }, staff, { code: 'SHELVE_EXPIRY_REQUIRED' }],
  ['an expiry in the past is refused', anAlarm(), { kind: 'shelve', reason: 'x', untilMs: now }, staff, { code: 'SHELVE_EXPIRY_INVALID' }],
  ['an expiry beyond the limit is refused', anAlarm(), { kind: 'shelve', reason: 'x', untilMs: now + MAX_SHELVE_MS + 1 }, staff, { code: 'SHELVE_EXPIRY_INVALID' }],
  ['a fractional expiry is refused', anAlarm(), { kind: 'shelve', reason: 'x', untilMs: now + 0.5 }, staff, { code: 'SHELVE_EXPIRY_INVALID' }],
  ['a reason with U+0000 is refused', anAlarm(), { kind: 'shelve', reason: 'a\u0000b', untilMs: now + 1 }, staff, { code: 'REASON_INVALID' }],
  ['a reason of 501 characters is refused', anAlarm(), { kind: 'shelve', reason: 'x'.repeat(501), untilMs: now + 1 }, staff, { code: 'REASON_INVALID' }],
  ['staff unshelve', anAlarm({ shelf }), { kind: 'unshelve' }, staff, { state: 'active-unacknowledged', set: { shelf: null } }],
  ['unshelving an unshelved alarm is refused', anAlarm(), { kind: 'unshelve' }, staff, { code: 'NOT_SHELVED' }],
  ['the shelf expires back', anAlarm({ shelf: { ...shelf, untilMs: now } }), { kind: 'expire-shelf' }, system,
    { state: 'active-unacknowledged', set: { shelf: null }, details: { untilMs: now } }],
  ['an expiry that closes the alarm', anAlarm({ ...cleared, ...acked, shelf: { ...shelf, untilMs: now - 1 } }), { kind: 'expire-shelf' }, system,
    { state: 'cleared-acknowledged', set: { shelf: null }, details: { untilMs: now - 1 } }],
  ['a shelf does not expire early', anAlarm({ shelf: { ...shelf, untilMs: now + 1 } }), { kind: 'expire-shelf' }, system, { code: 'SHELF_NOT_EXPIRED' }],
  ['only the system expires shelves', anAlarm({ shelf }), { kind: 'expire-shelf' }, staff, { code: 'ACTOR_NOT_ALLOWED' }],
  // out of service
  ['staff take an alarm out of service', anAlarm(), { kind: 'remove-from-service', reason: 'scale replaced' }, staff,
    { state: 'active-unacknowledged+out-of-service', set: { outOfService: { reason: 'scale replaced', by: 'stf_ann', sinceMs: now } }, reason: 'scale replaced' }],
  ['out of service needs a reason', anAlarm(), { kind: 'remove-from-service', reason: '' }, staff, { code: 'OUT_OF_SERVICE_REASON_REQUIRED' }],
  ['out of service twice is refused', anAlarm({ outOfService: maintenance }), { kind: 'remove-from-service', reason: 'again' }, staff, { code: 'ALREADY_OUT_OF_SERVICE' }],
  ['a cleared, acknowledged alarm under maintenance returns to service: closed', anAlarm({ ...cleared, ...acked, outOfService: maintenance }), { kind: 'return-to-service' }, staff,
    { state: 'cleared-acknowledged', set: { outOfService: null } }],
  ['returning an alarm in service is refused', anAlarm(), { kind: 'return-to-service' }, staff, { code: 'NOT_OUT_OF_SERVICE' }],
  // flood grouping
  ['the flood rule groups an alarm', anAlarm(), { kind: 'group', floodAlarmId: 'alm_flood' }, rule,
    { state: 'active-unacknowledged', set: { groupId: 'alm_flood' }, details: { floodAlarmId: 'alm_flood' } }],
  ['an alarm is grouped once', anAlarm({ groupId: 'alm_flood' }), { kind: 'group', floodAlarmId: 'alm_other' }, rule, { code: 'ALREADY_GROUPED' }]
]

t.test('alarm transitions', async t => {
  for (const [name, before, action, actor, expected] of cases) {
    const frozen = before == null ? undefined : structuredClone(before)
    const result = transition(before, action, actor, now)
    t.same(before, frozen, `${name}: the input alarm is not changed`)
    if ('code' in expected) {
      t.match(result, { ok: false, code: expected.code }, name)
      if (!result.ok) t.ok(result.message.length > 0, `${name}: says why`)
      continue
    }
    if (!result.ok) {
      t.fail(`${name}: refused ${result.code}`)
      continue
    }
    t.equal(stateOf(result.alarm), expected.state, name)
    t.match(result.alarm, { ...expected.set, updatedAtMs: now }, `${name}: fields`)
    t.equal(result.opened, expected.opened ?? false, `${name}: opened`)
    t.same(result.change, {
      alarmId: result.alarm.id,
      action: action.kind,
      atMs: now,
      actor,
      fromState: result.opened ? null : stateOf(before as Alarm),
      toState: expected.state,
      reason: expected.reason ?? null,
      details: expected.details ?? {}
    }, `${name}: change record`)
  }
})

t.test('closed means cleared, acknowledged, unshelved and in service', async t => {
  t.equal(isClosed(anAlarm({ ...cleared, ...acked })), true)
  t.equal(isClosed(anAlarm(cleared)), false)
  t.equal(isClosed(anAlarm(acked)), false)
  t.equal(isClosed(anAlarm({ ...cleared, ...acked, shelf })), false)
  t.equal(isClosed(anAlarm({ ...cleared, ...acked, outOfService: maintenance })), false)
})
