// The alarm state machine as one pure function: (alarm, action, actor, now) →
// the new alarm and the change record, or a coded refusal that changes
// nothing. The rules (docs/alarms.md):
// - one open alarm per key; raising an open alarm again counts it (count + 1,
//   last time, the raised severity) and makes it active again if it had cleared;
//   a cleared alarm raised again also leaves its flood group (it notifies again);
// - an alarm is closed once cleared AND acknowledged (and neither shelved nor
//   out of service): raising its key after that opens a new alarm, so the
//   history keeps one row per episode that someone acknowledged;
// - shelving needs a reason and an expiry (at most MAX_SHELVE_MS ahead); at the
//   expiry the system unshelves it ('expire-shelf') and it notifies again;
// - out of service (maintenance) needs a reason and lasts until staff return it.
import { isClosed, newAlarm, severities, stateOf, type Actor, type ActorKind, type Alarm, type AlarmKey, type Severity } from './alarm.ts'

/** Shelving is for a known nuisance, not for forgetting: a week at most (ISA-18.2 wants it time-limited). */
export const MAX_SHELVE_MS = 7 * 24 * 3600_000
export const MAX_REASON_LENGTH = 500

export type AlarmAction =
  | { kind: 'raise', key: AlarmKey, severity: Severity, message?: string | null, /** id of the alarm if this raise opens one */ newId: string }
  | { kind: 'clear' }
  | { kind: 'acknowledge' }
  | { kind: 'shelve', reason: string, untilMs: number }
  | { kind: 'unshelve' }
  | { kind: 'expire-shelf' }
  | { kind: 'remove-from-service', reason: string }
  | { kind: 'return-to-service' }
  | { kind: 'group', floodAlarmId: string }
export type ActionKind = AlarmAction['kind']

export type RefusalCode =
  | 'ACTOR_NOT_ALLOWED' | 'ALARM_UNKNOWN' | 'ALARM_CLOSED' | 'ALARM_TYPE_REQUIRED' | 'SEVERITY_UNKNOWN'
  | 'ALREADY_CLEARED' | 'ALREADY_ACKNOWLEDGED' | 'ALREADY_GROUPED' | 'ALREADY_ACTIVE'
  | 'SHELVE_REASON_REQUIRED' | 'SHELVE_EXPIRY_REQUIRED' | 'SHELVE_EXPIRY_INVALID' | 'NOT_SHELVED' | 'SHELF_NOT_EXPIRED'
  | 'OUT_OF_SERVICE_REASON_REQUIRED' | 'ALREADY_OUT_OF_SERVICE' | 'NOT_OUT_OF_SERVICE' | 'REASON_INVALID'

export interface AlarmChange {
  alarmId: string
  action: ActionKind
  atMs: number
  actor: Actor
  /** null when the change opened the alarm. */
  fromState: string | null
  toState: string
  reason: string | null
  /** What else the action carried or moved: severity, count, shelf expiry, flood id. */
  details: Record<string, unknown>
}

export type Transition =
  | { ok: true, alarm: Alarm, change: AlarmChange, /** this raise opened a new alarm */ opened: boolean }
  | { ok: false, code: RefusalCode, message: string }

/** Who may do what: devices and rules report conditions, staff decide, the backend keeps time. */
const allowedActors: Record<ActionKind, readonly ActorKind[]> = {
  raise: ['device', 'rule'],
  clear: ['device', 'rule', 'staff'],
  acknowledge: ['staff'],
  shelve: ['staff'],
  unshelve: ['staff'],
  'expire-shelf': ['system'],
  'remove-from-service': ['staff'],
  'return-to-service': ['staff'],
  group: ['rule', 'system']
}

const refuse = (code: RefusalCode, message: string): Transition => ({ ok: false, code, message })

export function transition (alarm: Alarm | undefined, action: AlarmAction, actor: Actor, nowMs: number): Transition {
  if (!allowedActors[action.kind].includes(actor.kind) || actor.id === '') {
    return refuse('ACTOR_NOT_ALLOWED', `a ${actor.kind} may not ${action.kind} an alarm`)
  }
  if (action.kind === 'raise') return raise(alarm, action, actor, nowMs)
  if (alarm == null) return refuse('ALARM_UNKNOWN', 'no such alarm')
  if (isClosed(alarm)) return refuse('ALARM_CLOSED', 'the alarm is cleared and acknowledged')
  const next = apply(alarm, action, actor, nowMs)
  if ('code' in next) return refuse(next.code, next.message)
  const updated = { ...alarm, ...next.set, updatedAtMs: nowMs }
  return { ok: true, alarm: updated, change: changeOf(alarm, updated, action, actor, nowMs, next.reason ?? null, next.details ?? {}), opened: false }
}

type Applied = { set: Partial<Alarm>, reason?: string, details?: Record<string, unknown> } | { code: RefusalCode, message: string }

function apply (alarm: Alarm, action: Exclude<AlarmAction, { kind: 'raise' }>, actor: Actor, nowMs: number): Applied {
  switch (action.kind) {
    case 'clear':
      if (!alarm.active) return { code: 'ALREADY_CLEARED', message: 'the alarm is already cleared' }
      return { set: { active: false, clearedAtMs: nowMs } }
    case 'acknowledge':
      if (alarm.acknowledged) return { code: 'ALREADY_ACKNOWLEDGED', message: `acknowledged by ${alarm.acknowledgedBy ?? '?'}` }
      return { set: { acknowledged: true, acknowledgedBy: actor.id, acknowledgedAtMs: nowMs } }
    case 'shelve': {
      const reason = checkReason(action.reason, 'SHELVE_REASON_REQUIRED')
      if (typeof reason !== 'string') return reason
      if (action.untilMs == null) return { code: 'SHELVE_EXPIRY_REQUIRED', message: 'shelving needs an expiry' }
      if (!Number.isSafeInteger(action.untilMs) || action.untilMs <= nowMs || action.untilMs > nowMs + MAX_SHELVE_MS) {
        return { code: 'SHELVE_EXPIRY_INVALID', message: `the expiry must be a time in the next ${MAX_SHELVE_MS / 3600_000} hours` }
      }
      // shelving again replaces the reason and expiry (extending a shelf is a new decision, recorded as such)
      return { set: { shelf: { reason, untilMs: action.untilMs, by: actor.id, sinceMs: nowMs } }, reason, details: { untilMs: action.untilMs } }
    }
    case 'unshelve':
      if (alarm.shelf == null) return { code: 'NOT_SHELVED', message: 'the alarm is not shelved' }
      return { set: { shelf: null } }
    case 'expire-shelf':
      if (alarm.shelf == null) return { code: 'NOT_SHELVED', message: 'the alarm is not shelved' }
      if (nowMs < alarm.shelf.untilMs) return { code: 'SHELF_NOT_EXPIRED', message: `shelved until ${new Date(alarm.shelf.untilMs).toISOString()}` }
      return { set: { shelf: null }, details: { untilMs: alarm.shelf.untilMs } }
    case 'remove-from-service': {
      if (alarm.outOfService != null) return { code: 'ALREADY_OUT_OF_SERVICE', message: `out of service since ${new Date(alarm.outOfService.sinceMs).toISOString()}` }
      const reason = checkReason(action.reason, 'OUT_OF_SERVICE_REASON_REQUIRED')
      if (typeof reason !== 'string') return reason
      return { set: { outOfService: { reason, by: actor.id, sinceMs: nowMs } }, reason }
    }
    case 'return-to-service':
      if (alarm.outOfService == null) return { code: 'NOT_OUT_OF_SERVICE', message: 'the alarm is in service' }
      return { set: { outOfService: null } }
    case 'group':
      if (alarm.groupId != null) return { code: 'ALREADY_GROUPED', message: `grouped under ${alarm.groupId}` }
      return { set: { groupId: action.floodAlarmId }, details: { floodAlarmId: action.floodAlarmId } }
  }
}

function raise (alarm: Alarm | undefined, action: Extract<AlarmAction, { kind: 'raise' }>, actor: Actor, nowMs: number): Transition {
  if (!severities.includes(action.severity)) return refuse('SEVERITY_UNKNOWN', `severity must be one of ${severities.join(', ')}`)
  if (action.key.type === '') return refuse('ALARM_TYPE_REQUIRED', 'an alarm needs a type')
  const message = action.message ?? null
  if (alarm == null || isClosed(alarm)) {
    const opened = newAlarm(action.newId, action.key, action.severity, message, nowMs)
    return { ok: true, alarm: opened, change: changeOf(undefined, opened, action, actor, nowMs, null, { severity: action.severity, count: 1 }), opened: true }
  }
  // a late replay (older device time) still counts, without moving the times backwards.
  // A cleared alarm raised again leaves its flood group: the flood spoke for the occurrence
  // that cleared, not for this one, which notifies on its own or joins a live flood (flood.ts)
  const leftGroup = alarm.active ? null : alarm.groupId
  const updated: Alarm = {
    ...alarm,
    groupId: leftGroup != null ? null : alarm.groupId,
    severity: action.severity,
    message: message ?? alarm.message,
    active: true,
    clearedAtMs: null,
    count: alarm.count + 1,
    firstAtMs: Math.min(alarm.firstAtMs, nowMs),
    // a new episode when it had cleared; a late replay within the episode moves its start back
    activeSinceMs: alarm.active ? Math.min(alarm.activeSinceMs, nowMs) : nowMs,
    lastAtMs: Math.max(alarm.lastAtMs, nowMs),
    updatedAtMs: nowMs
  }
  const details = { severity: action.severity, count: updated.count, ...(leftGroup != null ? { leftGroup } : {}) }
  return { ok: true, alarm: updated, change: changeOf(alarm, updated, action, actor, nowMs, null, details), opened: false }
}

function checkReason (reason: unknown, requiredCode: RefusalCode): string | { code: RefusalCode, message: string } {
  const text = typeof reason === 'string' ? reason.trim() : ''
  if (text === '') return { code: requiredCode, message: 'a reason is required' }
  // U+0000: PostgreSQL text refuses it (docs/store.md)
  if (text.length > MAX_REASON_LENGTH || text.includes('\u0000')) return { code: 'REASON_INVALID', message: `a reason is text of at most ${MAX_REASON_LENGTH} characters` }
  return text
}

function changeOf (before: Alarm | undefined, after: Alarm, action: AlarmAction, actor: Actor, nowMs: number, reason: string | null, details: Record<string, unknown>): AlarmChange {
  return { alarmId: after.id, action: action.kind, atMs: nowMs, actor, fromState: before == null ? null : stateOf(before), toState: stateOf(after), reason, details }
}
