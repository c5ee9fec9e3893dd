// Alarm episodes for the history page: open and closed, newest first, with
// their durations (EMQX shows historical alarms with duration).
import type { Executor } from '../store/executor.ts'
import type { Alarm } from './alarm.ts'
import { fromRow } from './alarm-repository.ts'

export interface AlarmHistoryFilter { siteId?: string | undefined, deviceId?: string | undefined, fromMs?: number | undefined, toMs?: number | undefined, limit: number }

export async function alarmEpisodes (db: Executor, f: AlarmHistoryFilter): Promise<Alarm[]> {
  let query = db.selectFrom('alarms').selectAll()
  if (f.siteId != null) query = query.where('site_id', '=', f.siteId)
  if (f.deviceId != null) query = query.where('device_id', '=', f.deviceId)
  if (f.fromMs != null) query = query.where('first_at_ms', '>=', f.fromMs)
  if (f.toMs != null) query = query.where('first_at_ms', '<', f.toMs)
  const rows = await query.orderBy('first_at_ms', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(fromRow)
}

/** How long an episode lasted: until it cleared, or until now while it is active. */
export function durationMs (alarm: Alarm, nowMs: number): number {
  return Math.max(0, (alarm.active ? nowMs : alarm.clearedAtMs ?? alarm.lastAtMs) - alarm.firstAtMs)
}
