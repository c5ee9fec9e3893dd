// What live pages are told, read from the store: alarm changes after a cursor
// (the append-only alarm_changes id, so a reconnecting page resumes with
// Last-Event-ID and misses nothing, whichever process made the change) and
// the presence of a site's devices. Polling the store, not an in-process
// bus: changes come from the ingest worker, the sweep and other nodes too.
import type { Executor } from '../store/executor.ts'
import type { Alarm } from './alarm.ts'
import { fromRow } from './alarm-repository.ts'

export interface AlarmChangeEvent { changeId: number, action: string, atMs: number, actorKind: string, actorId: string, toState: string, alarm: Alarm }

export async function latestAlarmChangeId (db: Executor): Promise<number> {
  const row = await db.selectFrom('alarm_changes').select(eb => eb.fn.max('id').as('id')).executeTakeFirst()
  return Number(row?.id ?? 0)
}

/** Changes after `afterId`, oldest first, with the alarm as it is now; of one site, or all (backend alarms included). */
export async function alarmChangesAfter (db: Executor, afterId: number, siteId: string | undefined, limit = 500): Promise<AlarmChangeEvent[]> {
  let query = db.selectFrom('alarm_changes').innerJoin('alarms', 'alarms.id', 'alarm_changes.alarm_id')
    .select(['alarm_changes.id as change_id', 'alarm_changes.action', 'alarm_changes.at_ms', 'alarm_changes.actor_kind', 'alarm_changes.actor_id', 'alarm_changes.to_state'])
    .selectAll('alarms')
    .where('alarm_changes.id', '>', afterId)
  if (siteId != null) query = query.where('alarms.site_id', '=', siteId)
  const rows = await query.orderBy('alarm_changes.id').limit(limit).execute()
  return rows.map(r => ({ changeId: Number(r.change_id), action: r.action, atMs: Number(r.at_ms), actorKind: r.actor_kind, actorId: r.actor_id, toState: r.to_state, alarm: fromRow(r) }))
}

export interface PresenceState { deviceId: string, siteId: string, online: boolean, lastSeenAtMs: number | null }

export async function presenceStates (db: Executor, siteId: string | undefined): Promise<PresenceState[]> {
  let query = db.selectFrom('devices').select(['id', 'site_id', 'online', 'last_seen_at_ms'])
  if (siteId != null) query = query.where('site_id', '=', siteId)
  const rows = await query.execute()
  return rows.map(r => ({ deviceId: r.id, siteId: r.site_id, online: r.online === 1, lastSeenAtMs: r.last_seen_at_ms == null ? null : Number(r.last_seen_at_ms) }))
}

/** Devices whose online state differs from `before` (all of them the first time). */
export function presenceChanges (before: ReadonlyMap<string, boolean> | undefined, now: readonly PresenceState[]): PresenceState[] {
  return now.filter(p => before?.get(p.deviceId) !== p.online)
}
