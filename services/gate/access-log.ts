// The access log: every decision at a gate, online, offline (replayed by the
// gate later) or a remote open by staff. One row per (gate, eventId): a
// replayed event enters once. Read with filters and a cursor, newest first.
import type { Executor } from '../store/executor.ts'
import { prepare } from '../store/prepared.ts'
import type { AccessLogRow, AccessLogTable } from './tables.ts'
import type { Insertable } from 'kysely'

export type NewAccessLogRow = Omit<Insertable<AccessLogTable>, 'seq' | 'flags' | 'late'> & { flags?: string }
type Columns = Required<Omit<Insertable<AccessLogTable>, 'seq'>>

/**
 * A row received more than this after it happened (an offline gate replaying its log late) is
 * `late`: the reports' per-day roll-up leaves it out, so a day's roll-up is final this long
 * after the day ended, and adds late rows at report time (services/reports/gate-traffic.ts).
 */
export const LATE_AFTER_MS = 86_400_000

const columns = ['site_id', 'gate_id', 'event_id', 'at_ms', 'received_at_ms', 'mode', 'credential_kind', 'card_uid', 'household_id', 'pass_id', 'staff_id', 'note',
  'direction', 'reader', 'decision', 'reason', 'flags', 'allow_list_version', 'clock_synced', 'late', 'request_event_id'] as const satisfies ReadonlyArray<keyof Columns>

const insert = prepare<Columns>((db, p) => db.insertInto('access_log')
  .values(Object.fromEntries(columns.map(c => [c, p[c]])) as Columns)
  .onConflict(oc => oc.columns(['gate_id', 'event_id']).doNothing()))

const blank = { card_uid: null, household_id: null, pass_id: null, staff_id: null, note: null, direction: null, reader: null, reason: null, flags: '[]', allow_list_version: null, clock_synced: null, request_event_id: null }

/** True when the row was added; false when this gate's event is already logged. */
export async function recordAccess (db: Executor, row: NewAccessLogRow): Promise<boolean> {
  const late = Number(row.received_at_ms) - Number(row.at_ms) > LATE_AFTER_MS ? 1 : 0
  return await insert.affected(db, { ...blank, ...row, late } as Columns) === 1
}

export interface AccessLogFilter {
  siteId?: string | undefined
  gateId?: string | undefined
  cardUid?: string | undefined
  householdId?: string | undefined
  decision?: 'allow' | 'deny' | undefined
  mode?: AccessLogRow['mode'] | undefined
  /** Inclusive. */
  fromMs?: number | undefined
  /** Exclusive. */
  untilMs?: number | undefined
}

/** Where the previous page ended: the last row's time and sequence number. */
export interface AccessLogCursor { atMs: number, seq: number }

export const encodeCursor = (c: AccessLogCursor): string => Buffer.from(`${c.atMs}.${c.seq}`).toString('base64url')
export function decodeCursor (text: string): AccessLogCursor | null {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString('utf8'))
  return match == null ? null : { atMs: Number(match[1]), seq: Number(match[2]) }
}

/** One page, newest first (by the time of the passage, then by arrival), and the cursor of the next page. */
export async function listAccess (db: Executor, filter: AccessLogFilter, limit: number, after?: AccessLogCursor): Promise<{ rows: AccessLogRow[], next: AccessLogCursor | null }> {
  let query = db.selectFrom('access_log').selectAll()
  if (filter.siteId != null) query = query.where('site_id', '=', filter.siteId)
  if (filter.gateId != null) query = query.where('gate_id', '=', filter.gateId)
  if (filter.cardUid != null) query = query.where('card_uid', '=', filter.cardUid)
  if (filter.householdId != null) query = query.where('household_id', '=', filter.householdId)
  if (filter.decision != null) query = query.where('decision', '=', filter.decision)
  if (filter.mode != null) query = query.where('mode', '=', filter.mode)
  if (filter.fromMs != null) query = query.where('at_ms', '>=', filter.fromMs)
  if (filter.untilMs != null) query = query.where('at_ms', '<', filter.untilMs)
  if (after != null) query = query.where(eb => eb.or([eb('at_ms', '<', after.atMs), eb.and([eb('at_ms', '=', after.atMs), eb('seq', '<', after.seq)])]))
  const rows = (await query.orderBy('at_ms', 'desc').orderBy('seq', 'desc').limit(limit + 1).execute()).map(r => ({ ...r, seq: Number(r.seq) }))
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { rows: page, next: rows.length > limit && last != null ? { atMs: last.at_ms, seq: last.seq } : null }
}
