// Alarms in the store: the pure lifecycle (alarm-lifecycle.ts) decides, this
// file locks, reads and writes, one transaction per change with its history row.
//
// Raising is an upsert on the unique `open_key`: two raises of the same key on
// separate connections end as one alarm counted twice. The INSERT … ON CONFLICT
// DO UPDATE (a no-op update) either inserts the new alarm or locks the open one
// and returns it; the second raise then waits for the first to commit
// (PostgreSQL) or for the one writer (SQLite) and counts on top of it.
import { newId } from '../ids.ts'
import type { AlarmsTable } from '../store/database.ts'
import { inTransaction, type Executor } from '../store/executor.ts'
import { isClosed, keyString, severities, type Actor, type Alarm, type AlarmKey, type Severity } from './alarm.ts'
import { transition, type AlarmAction, type AlarmChange, type Transition } from './alarm-lifecycle.ts'

export interface RaiseInput { key: AlarmKey, severity: Severity, message?: string | null }

/**
 * Raises an alarm: opens one for the key, or counts the open one. A refusal changes nothing.
 * `edge`: a backend rule's raise, which means "the condition began": an alarm of the key that is
 * already active is left as it is (ALREADY_ACTIVE), so two sweeps that overlap (a lease holder
 * that outlived its lease) do not count one condition twice.
 */
export async function raiseAlarm (db: Executor, input: RaiseInput, actor: Actor, nowMs: number, opts: { edge?: boolean } = {}): Promise<Transition> {
  const action: AlarmAction = { kind: 'raise', ...input, newId: newId('alm', nowMs) }
  const opened = transition(undefined, action, actor, nowMs)
  if (!opened.ok) return opened
  return inTransaction(db, async trx => {
    const row = await trx.insertInto('alarms').values(toRow(opened.alarm))
      .onConflict(oc => oc.column('open_key').doUpdateSet(eb => ({ open_key: eb.ref('excluded.open_key') })))
      .returningAll()
      .executeTakeFirstOrThrow()
    if (row.id === opened.alarm.id) {
      await insertChange(trx, opened.change)
      return opened
    }
    if (opts.edge === true && row.active === 1) return { ok: false, code: 'ALREADY_ACTIVE', message: 'the alarm is already active' }
    const counted = transition(fromRow(row), action, actor, nowMs)
    if (counted.ok) await write(trx, counted)
    return counted
  })
}

/** Any other change (clear, acknowledge, shelve …) of one alarm, by id. */
export async function changeAlarm (db: Executor, alarmId: string, action: Exclude<AlarmAction, { kind: 'raise' }>, actor: Actor, nowMs: number): Promise<Transition> {
  return inTransaction(db, async trx => {
    // lock the row before reading it (as the ledger does): concurrent changes queue on PostgreSQL
    await trx.updateTable('alarms').set(eb => ({ count: eb.ref('count') })).where('id', '=', alarmId).execute()
    const row = await trx.selectFrom('alarms').selectAll().where('id', '=', alarmId).executeTakeFirst()
    const result = transition(row == null ? undefined : fromRow(row), action, actor, nowMs)
    if (result.ok) await write(trx, result)
    return result
  })
}

export async function findAlarm (db: Executor, alarmId: string): Promise<Alarm | undefined> {
  const row = await db.selectFrom('alarms').selectAll().where('id', '=', alarmId).executeTakeFirst()
  return row == null ? undefined : fromRow(row)
}

/** The open alarm of a key, if any. */
export async function findOpenAlarm (db: Executor, key: AlarmKey): Promise<Alarm | undefined> {
  const row = await db.selectFrom('alarms').selectAll().where('open_key', '=', keyString(key)).executeTakeFirst()
  return row == null ? undefined : fromRow(row)
}

export interface CurrentAlarmFilter {
  siteId?: string | undefined
  deviceId?: string | undefined
  severity?: Severity | undefined
  type?: string | undefined
  active?: boolean | undefined
  acknowledged?: boolean | undefined
  limit?: number | undefined
}

/** Open alarms (of a site, or all, filtered), most severe first, then oldest first. */
export async function currentAlarms (db: Executor, opts: CurrentAlarmFilter = {}): Promise<Alarm[]> {
  let query = db.selectFrom('alarms').selectAll().where('open_key', 'is not', null)
  if (opts.siteId != null) query = query.where('site_id', '=', opts.siteId)
  if (opts.deviceId != null) query = query.where('device_id', '=', opts.deviceId)
  if (opts.severity != null) query = query.where('severity', '=', opts.severity)
  if (opts.type != null) query = query.where('type', '=', opts.type)
  if (opts.active != null) query = query.where('active', '=', opts.active ? 1 : 0)
  if (opts.acknowledged != null) query = query.where('acknowledged', '=', opts.acknowledged ? 1 : 0)
  const rows = await query
    .orderBy(eb => {
      // severity rank: critical 0 … indeterminate 4
      let rank = eb.case().when('severity', '=', severities[0]).then(0)
      severities.forEach((severity, i) => { if (i > 0) rank = rank.when('severity', '=', severity).then(i) })
      return rank.else(severities.length).end()
    })
    .orderBy('first_at_ms')
    .orderBy('id')
    .limit(opts.limit ?? 1000)
    .execute()
  return rows.map(fromRow)
}

/** Site alarms that are open or opened after `sinceMs` (closed since or not): what flood detection counts. */
export async function siteAlarmsOpenOrSince (db: Executor, sinceMs: number): Promise<Alarm[]> {
  const rows = await db.selectFrom('alarms').selectAll().where('site_id', 'is not', null)
    .where(eb => eb.or([eb('open_key', 'is not', null), eb('first_at_ms', '>', sinceMs)]))
    .orderBy('first_at_ms').orderBy('id').execute()
  return rows.map(fromRow)
}

/** Shelved alarms whose expiry has come: the sweep unshelves them ('expire-shelf'). */
export async function expiredShelves (db: Executor, nowMs: number, limit = 1000): Promise<Alarm[]> {
  const rows = await db.selectFrom('alarms').selectAll().where('open_key', 'is not', null).where('shelved_until_ms', '<=', nowMs)
    .orderBy('shelved_until_ms').limit(limit).execute()
  return rows.map(fromRow)
}

/** Who changed the alarm and when, oldest first. */
export async function alarmHistory (db: Executor, alarmId: string): Promise<AlarmChange[]> {
  const rows = await db.selectFrom('alarm_changes').selectAll().where('alarm_id', '=', alarmId).orderBy('id').execute()
  return rows.map(r => ({
    alarmId: r.alarm_id,
    action: r.action as AlarmChange['action'],
    atMs: r.at_ms,
    actor: { kind: r.actor_kind, id: r.actor_id },
    fromState: r.from_state,
    toState: r.to_state,
    reason: r.reason,
    details: JSON.parse(r.details) as Record<string, unknown>
  }))
}

async function write (trx: Executor, result: Extract<Transition, { ok: true }>): Promise<void> {
  const { id, ...row } = toRow(result.alarm)
  await trx.updateTable('alarms').set(row).where('id', '=', id).execute()
  await insertChange(trx, result.change)
}

async function insertChange (trx: Executor, change: AlarmChange): Promise<void> {
  await trx.insertInto('alarm_changes').values({
    alarm_id: change.alarmId,
    action: change.action,
    at_ms: change.atMs,
    actor_kind: change.actor.kind,
    actor_id: change.actor.id,
    from_state: change.fromState,
    to_state: change.toState,
    reason: change.reason,
    details: JSON.stringify(change.details)
  }).execute()
}

function toRow (a: Alarm): AlarmsTable {
  return {
    id: a.id,
    site_id: a.key.siteId,
    device_id: a.key.deviceId,
    type: a.key.type,
    source: a.key.source,
    open_key: isClosed(a) ? null : keyString(a.key),
    severity: a.severity,
    message: a.message,
    active: a.active ? 1 : 0,
    acknowledged: a.acknowledged ? 1 : 0,
    acknowledged_by: a.acknowledgedBy,
    acknowledged_at_ms: a.acknowledgedAtMs,
    cleared_at_ms: a.clearedAtMs,
    shelved_reason: a.shelf?.reason ?? null,
    shelved_until_ms: a.shelf?.untilMs ?? null,
    shelved_by: a.shelf?.by ?? null,
    shelved_at_ms: a.shelf?.sinceMs ?? null,
    out_of_service_reason: a.outOfService?.reason ?? null,
    out_of_service_by: a.outOfService?.by ?? null,
    out_of_service_at_ms: a.outOfService?.sinceMs ?? null,
    group_id: a.groupId,
    count: a.count,
    first_at_ms: a.firstAtMs,
    active_since_ms: a.activeSinceMs,
    last_at_ms: a.lastAtMs,
    updated_at_ms: a.updatedAtMs
  }
}

export function fromRow (r: AlarmsTable): Alarm {
  return {
    id: r.id,
    key: { siteId: r.site_id, deviceId: r.device_id, type: r.type, source: r.source },
    severity: r.severity,
    message: r.message,
    active: r.active === 1,
    acknowledged: r.acknowledged === 1,
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAtMs: r.acknowledged_at_ms,
    clearedAtMs: r.cleared_at_ms,
    shelf: r.shelved_reason == null ? null : { reason: r.shelved_reason, untilMs: r.shelved_until_ms ?? 0, by: r.shelved_by ?? '', sinceMs: r.shelved_at_ms ?? 0 },
    outOfService: r.out_of_service_reason == null ? null : { reason: r.out_of_service_reason, by: r.out_of_service_by ?? '', sinceMs: r.out_of_service_at_ms ?? 0 },
    groupId: r.group_id,
    count: r.count,
    firstAtMs: r.first_at_ms,
    activeSinceMs: r.active_since_ms,
    lastAtMs: r.last_at_ms,
    updatedAtMs: r.updated_at_ms
  }
}
