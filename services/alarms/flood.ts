// Alarm floods per site (ISA-18.2 / IEC 62682): more than `raiseAbove` new
// alarms in the trailing `windowMs` (10 in 10 minutes) is a flood. Then one
// flood alarm is raised for the site and the new alarms are grouped under it:
// they stay visible, but only the flood alarm notifies (escalation.ts). While
// the flood lasts, every new alarm of the site joins it. The flood clears when
// the window holds `clearAtOrBelow` new alarms or fewer (5: the ISA-18.2 target
// rate of about one alarm every two minutes); the gap between the two marks
// keeps a rate near 10 from raising and clearing floods in turn. Grouped
// alarms stay grouped after the flood clears; alarms after it notify as usual.
// An alarm raised again after it cleared leaves its group: it joins the
// flood that is live then, if any, or notifies on its own.
import { isClosed, type Alarm, type AlarmKey } from './alarm.ts'

export const FLOOD_TYPE = 'alarm-flood'

export interface FloodConfig { windowMs: number, raiseAbove: number, clearAtOrBelow: number }
export const defaultFloodConfig: FloodConfig = { windowMs: 10 * 60_000, raiseAbove: 10, clearAtOrBelow: 5 }

export function floodKey (siteId: string): AlarmKey {
  return { siteId, deviceId: null, type: FLOOD_TYPE, source: '' }
}

export interface FloodDecision {
  siteId: string
  /** raise: open the site's flood alarm; clear: it is over; none: as it is. */
  action: 'raise' | 'clear' | 'none'
  /** The site's active flood alarm, if there is one before this decision. */
  floodAlarmId: string | null
  /** Open alarms to group under the flood alarm (the one raised now, or the active one). */
  group: string[]
  /** New alarms in the window, for the flood alarm's message. */
  newInWindow: number
}

/**
 * One decision per site that has alarms: `alarms` are the open alarms, and those that opened
 * within the window, of any sites (flood alarms included). New alarms are those that opened
 * within the window; repeats of an open alarm are not new.
 */
export function floodDecisions (alarms: readonly Alarm[], config: FloodConfig, nowMs: number): FloodDecision[] {
  const bySite = new Map<string, Alarm[]>()
  for (const alarm of alarms) {
    if (alarm.key.siteId == null) continue // backend alarms belong to no site's operators
    bySite.set(alarm.key.siteId, [...(bySite.get(alarm.key.siteId) ?? []), alarm])
  }
  return [...bySite].map(([siteId, siteAlarms]) => floodDecision(siteId, siteAlarms, config, nowMs))
}

function floodDecision (siteId: string, alarms: readonly Alarm[], config: FloodConfig, nowMs: number): FloodDecision {
  const flood = alarms.find(a => a.key.type === FLOOD_TYPE && a.active)
  const fresh = alarms.filter(a => a.key.type !== FLOOD_TYPE && a.firstAtMs > nowMs - config.windowMs && a.firstAtMs <= nowMs)
  // a cleared alarm raised again in the window left its old group (alarm-lifecycle.ts): it joins
  // the flood too, without counting as new (it is a repeat)
  const again = alarms.filter(a => a.key.type !== FLOOD_TYPE && a.active && !fresh.includes(a) && a.lastAtMs > nowMs - config.windowMs && a.lastAtMs <= nowMs)
  const groupable = [...fresh, ...again].filter(a => a.groupId == null && !isClosed(a)).map(a => a.id)
  const decision = { siteId, floodAlarmId: flood?.id ?? null, newInWindow: fresh.length }
  if (flood == null) {
    return fresh.length > config.raiseAbove ? { ...decision, action: 'raise', group: groupable } : { ...decision, action: 'none', group: [] }
  }
  if (fresh.length <= config.clearAtOrBelow) return { ...decision, action: 'clear', group: [] }
  return { ...decision, action: 'none', group: groupable }
}
