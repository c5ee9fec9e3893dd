// The alarm as the domain sees it (docs/alarms.md). Store rows map onto this
// in alarm-repository.ts; the lifecycle, rules, escalation and flood logic
// are pure functions of it.

/** ThingsBoard's five levels, most urgent first (the order current alarms are listed in). */
export const severities = ['critical', 'major', 'minor', 'warning', 'indeterminate'] as const
export type Severity = typeof severities[number]

/**
 * What an alarm is about: one alarm per key. `source` names the bin category or port
 * ('' for the whole device). Site alarms (a flood) have no device; backend alarms
 * (the telemetry outbox) have neither site nor device.
 */
export interface AlarmKey {
  siteId: string | null
  deviceId: string | null
  type: string
  source: string
}

/** One string per key, the store's unique column: JSON keeps the parts apart whatever they contain. */
export function keyString (key: AlarmKey): string {
  return JSON.stringify([key.siteId, key.deviceId, key.type, key.source])
}

export type ActorKind = 'staff' | 'device' | 'rule' | 'system'
/** Who made a change: a staff id, a device id, a rule name, or the backend itself. */
export interface Actor { kind: ActorKind, id: string }

export interface Shelf { reason: string, untilMs: number, by: string, sinceMs: number }
export interface OutOfService { reason: string, by: string, sinceMs: number }

export interface Alarm {
  id: string
  key: AlarmKey
  severity: Severity
  message: string | null
  /** Active: the condition holds; cleared: it has passed. */
  active: boolean
  acknowledged: boolean
  acknowledgedBy: string | null
  acknowledgedAtMs: number | null
  clearedAtMs: number | null
  /** Shelved: notifications held back until `untilMs` (ISA-18.2 shelving). */
  shelf: Shelf | null
  /** Out of service: the device is under maintenance; nothing notifies until it returns. */
  outOfService: OutOfService | null
  /** The flood alarm this one is grouped under (flood.ts); grouped alarms notify through it. */
  groupId: string | null
  /** How many times the condition was raised while this alarm was open. */
  count: number
  firstAtMs: number
  /**
   * When the current active episode began: the first raise, or the first raise after the
   * alarm last cleared (it stays open until acknowledged). Reminders and escalation count from it.
   */
  activeSinceMs: number
  lastAtMs: number
  updatedAtMs: number
}

/** A just-raised alarm: active, unacknowledged, counted once. */
export function newAlarm (id: string, key: AlarmKey, severity: Severity, message: string | null, nowMs: number): Alarm {
  return {
    id,
    key,
    severity,
    message,
    active: true,
    acknowledged: false,
    acknowledgedBy: null,
    acknowledgedAtMs: null,
    clearedAtMs: null,
    shelf: null,
    outOfService: null,
    groupId: null,
    count: 1,
    firstAtMs: nowMs,
    activeSinceMs: nowMs,
    lastAtMs: nowMs,
    updatedAtMs: nowMs
  }
}

/**
 * Closed: cleared, acknowledged, not shelved and in service. A closed alarm is history;
 * raising its key again opens a new alarm (alarm-lifecycle.ts).
 */
export function isClosed (alarm: Alarm): boolean {
  return !alarm.active && alarm.acknowledged && alarm.shelf == null && alarm.outOfService == null
}

/** Whether notifications about the alarm are held back now (shelved before its expiry, or out of service). */
export function isSuppressed (alarm: Alarm, nowMs: number): boolean {
  return alarm.outOfService != null || (alarm.shelf != null && nowMs < alarm.shelf.untilMs)
}

/** A readable state for the change history, e.g. `active-unacknowledged+shelved`. */
export function stateOf (alarm: Alarm): string {
  return `${alarm.active ? 'active' : 'cleared'}-${alarm.acknowledged ? 'acknowledged' : 'unacknowledged'}` +
    (alarm.shelf != null ? '+shelved' : '') + (alarm.outOfService != null ? '+out-of-service' : '')
}
