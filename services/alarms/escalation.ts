// Which notifications are due now: pure (alarms, what was sent, config, now).
// Each notification has a key that names it once and for all (`<alarm>:raised`,
// `<alarm>:reminder:<n>`, `<alarm>:escalation:<level>`); the caller records the
// keys it sent and passes them back, so no notification goes out twice even
// when a sweep runs late, twice, or on two processes that share the record.
import { isClosed, isSuppressed, type Alarm } from './alarm.ts'

export interface EscalationConfig {
  /** Who hears of a new alarm and its reminders (e.g. the site's staff). */
  notify: string
  /** While an alarm stays active and unacknowledged, remind this often (counted from when it became active). */
  reminderEveryMs: number
  /** Then tell more people: each level once, when the alarm has been unacknowledged for `afterMs`. */
  levels: ReadonlyArray<{ afterMs: number, notify: string }>
}

export type NotificationKind = 'raised' | 'reminder' | 'escalation'
export interface Notification {
  key: string
  alarmId: string
  kind: NotificationKind
  /** Reminder number or escalation level (from 1); 0 for `raised`. */
  n: number
  to: string
  atMs: number
}

/**
 * An alarm notifies while it is active, unacknowledged, not shelved or out of service, and
 * not grouped under an open flood alarm (one of `alarms`, not closed: it speaks for it). A group
 * that is closed, or not among the open `alarms`, speaks for no one: its alarms notify on their
 * own, so no alarm is silenced by a flood that is over and acknowledged. A flood alarm keeps reminding, even
 * after the flood itself has cleared (the rate fell back), while any alarm grouped under it is
 * still active and unacknowledged: a power failure that outlasts its flood must not go quiet
 * while nobody has acted. A repeat of an open alarm does
 * not notify again: its count goes up, and the next reminder carries it. Reminders that a late
 * sweep missed are not sent in a burst: only the latest one is.
 */
export function notificationsDue (alarms: readonly Alarm[], sent: ReadonlySet<string>, config: EscalationConfig, nowMs: number): Notification[] {
  const due: Notification[] = []
  const liveGroups = new Set(alarms.filter(a => a.groupId != null && live(a, nowMs)).map(a => a.groupId))
  const openGroups = new Set(alarms.filter(a => !isClosed(a)).map(a => a.id))
  for (const alarm of alarms) {
    const spokenFor = alarm.groupId != null && openGroups.has(alarm.groupId)
    if (spokenFor || !(live(alarm, nowMs) || (liveGroups.has(alarm.id) && !alarm.acknowledged && !isSuppressed(alarm, nowMs)))) continue
    // reminders and escalation belong to an episode: the first one's keys as ever, a later one's
    // (raised again after it cleared unacknowledged) carry its start, so they are sent again
    const episode = alarm.activeSinceMs === alarm.firstAtMs ? '' : `@${alarm.activeSinceMs}`
    const add = (kind: NotificationKind, n: number, to: string) => {
      const key = kind === 'raised' ? `${alarm.id}:raised` : `${alarm.id}${episode}:${kind}:${n}`
      if (!sent.has(key)) due.push({ key, alarmId: alarm.id, kind, n, to, atMs: nowMs })
    }
    const raisedKey = `${alarm.id}:raised`
    if (!sent.has(raisedKey)) {
      add('raised', 0, config.notify)
      continue // reminders and escalations follow the first notification, never arrive with it
    }
    const unacknowledgedMs = nowMs - alarm.activeSinceMs
    const reminder = Math.floor(unacknowledgedMs / config.reminderEveryMs)
    if (reminder >= 1) add('reminder', reminder, config.notify)
    config.levels.forEach((level, i) => {
      if (unacknowledgedMs >= level.afterMs) add('escalation', i + 1, level.notify)
    })
  }
  return due
}

function live (alarm: Alarm, nowMs: number): boolean {
  return alarm.active && !alarm.acknowledged && !isSuppressed(alarm, nowMs)
}
