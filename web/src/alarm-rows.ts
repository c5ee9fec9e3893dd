// The alarms page's pure rules: a flood shown as one row (its grouped alarms
// folded under it), and which live change deserves the critical-alarm cue.
import type { Alarm, LiveAlarmEvent } from './api/types.ts'

/** The backend's flood alarm type (services/alarms/flood.ts). */
export const FLOOD_TYPE = 'alarm-flood'

export type AlarmRow = Alarm & { children?: Alarm[] }

/**
 * Keeps the server's order (most severe, then oldest) and folds every alarm
 * grouped under a flood alarm of the list into that flood's row. A grouped
 * alarm whose flood alarm is not in the list (closed already) stays a row of
 * its own, so nothing open disappears.
 */
export function foldFloods (alarms: readonly Alarm[]): AlarmRow[] {
  const floods = new Set(alarms.filter(a => a.type === FLOOD_TYPE).map(a => a.id))
  const children = new Map<string, Alarm[]>()
  for (const a of alarms) {
    if (a.groupId != null && floods.has(a.groupId)) children.set(a.groupId, [...(children.get(a.groupId) ?? []), a])
  }
  return alarms
    .filter(a => a.groupId == null || !floods.has(a.groupId))
    .map(a => children.has(a.id) ? { ...a, children: children.get(a.id) } : { ...a })
}

/**
 * A critical alarm raised (new, or active again): the page flashes and, when
 * staff turned the sound on, beeps. An alarm grouped in a flood does not: the
 * flood alarm speaks for all of them, as in the notifications.
 */
export function wantsCriticalCue (event: LiveAlarmEvent): boolean {
  return event.action === 'raise' && event.alarm.severity === 'critical' && event.alarm.groupId == null
}

/** Shelving lasts one of these (the API allows up to 7 days). */
export const shelveHours = [1, 8, 24, 72, 168] as const
