// The audit log of staff actions: who (staff id, role, site), what (method,
// route pattern, params, a short body summary, status), when and from where
// (ip, user agent, request id). Append-only: this module inserts and reads,
// nothing updates or deletes, and the database refuses both (migration 0004).
// When rows are written: services/audit/audited-transaction.ts (a committed
// action, in its own transaction) and services/audit/audit-writer.ts (refused
// and failed requests, before their answer is sent).
import type { Executor } from '../store/executor.ts'
import type { AuditLogRow, StaffRole } from '../store/database.ts'
import { redactedValue, sensitivity } from '../redaction.ts'

export interface AuditRecord {
  atMs: number
  staffId: string
  staffRole: StaffRole
  staffSiteId: string | null
  method: string
  route: string
  params: Record<string, unknown>
  bodySummary: unknown
  statusCode: number
  ip: string
  userAgent: string | undefined
  requestId: string
  durationMs: number
}

/** Inserts audit rows, in the caller's transaction when it passes one. */
export async function insertAuditRecords (db: Executor, records: AuditRecord[]): Promise<void> {
  if (records.length > 0) await db.insertInto('audit_log').values(records.map(toRow)).execute()
}

function toRow (r: AuditRecord) {
  return {
    at_ms: r.atMs,
    staff_id: r.staffId,
    staff_role: r.staffRole,
    staff_site_id: r.staffSiteId,
    method: r.method,
    route: r.route,
    params: JSON.stringify(r.params),
    body_summary: r.bodySummary === undefined ? null : JSON.stringify(r.bodySummary),
    status_code: r.statusCode,
    ip: r.ip,
    user_agent: r.userAgent?.slice(0, 256) ?? null,
    request_id: r.requestId,
    duration_ms: Math.round(r.durationMs)
  }
}

// ---- body summary ----------------------------------------------------------

const maxStringChars = 80
const maxKeys = 20
const maxArrayItems = 5
const maxDepth = 3

/**
 * A short, secret-free picture of a request body: the fields that
 * services/redaction.ts names are redacted (secrets) or masked (card
 * numbers), long strings are cut, deep or wide structures are summarised. Enough to see what a staff member asked for (a redemption of 300
 * points for card X), not a copy of the request.
 */
export function summarizeBody (body: unknown, depth = 0): unknown {
  if (body == null || typeof body === 'number' || typeof body === 'boolean') return body
  if (typeof body === 'string') return body.length > maxStringChars ? `${body.slice(0, maxStringChars)}…(${body.length} chars)` : body
  if (Array.isArray(body)) {
    if (depth >= maxDepth) return `[array of ${body.length}]`
    const items = body.slice(0, maxArrayItems).map(v => summarizeBody(v, depth + 1))
    return body.length > maxArrayItems ? [...items, `…(${body.length - maxArrayItems} more)`] : items
  }
  if (typeof body === 'object') {
    if (depth >= maxDepth) return '{…}'
    const out: Record<string, unknown> = {}
    const entries = Object.entries(body as Record<string, unknown>)
    for (const [key, value] of entries.slice(0, maxKeys)) {
      // a card logged whole is summarised with its own fields masked; any other sensitive value is replaced
      const kind = sensitivity(key)
      out[key] = kind == null || (kind === 'card' && isRecord(value)) ? summarizeBody(value, depth + 1) : redactedValue(key, value)
    }
    if (entries.length > maxKeys) out['…'] = `${entries.length - maxKeys} more keys`
    return out
  }
  return `[${typeof body}]`
}

function isRecord (value: unknown): value is Record<string, unknown> {
  return value != null && typeof value === 'object' && !Array.isArray(value)
}

// ---- reading ---------------------------------------------------------------

export interface AuditQuery {
  /** Entries at or after this time (ms since the epoch). */
  sinceMs?: number | undefined
  staffId?: string | undefined
  /** Entries with a smaller id (paging back from the last page's smallest id). */
  beforeId?: number | undefined
  limit?: number | undefined
  /** Only staff bound to this site (a site-bound admin sees their site's staff). */
  staffSiteId?: string | undefined
}

export interface AuditEntry extends Omit<AuditRecord, 'userAgent'> {
  id: number
  userAgent: string | null
}

/** Newest first. */
export async function listAuditEntries (db: Executor, q: AuditQuery): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(Math.max(q.limit ?? 100, 1), 1000))
  if (q.sinceMs != null) query = query.where('at_ms', '>=', q.sinceMs)
  if (q.staffId != null) query = query.where('staff_id', '=', q.staffId)
  if (q.beforeId != null) query = query.where('id', '<', q.beforeId)
  if (q.staffSiteId != null) query = query.where('staff_site_id', '=', q.staffSiteId)
  return (await query.execute()).map(toEntry)
}

function toEntry (row: AuditLogRow): AuditEntry {
  return {
    id: Number(row.id),
    atMs: Number(row.at_ms),
    staffId: row.staff_id,
    staffRole: row.staff_role,
    staffSiteId: row.staff_site_id,
    method: row.method,
    route: row.route,
    params: JSON.parse(row.params) as Record<string, unknown>,
    bodySummary: row.body_summary == null ? null : JSON.parse(row.body_summary) as unknown,
    statusCode: row.status_code,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    durationMs: row.duration_ms
  }
}
