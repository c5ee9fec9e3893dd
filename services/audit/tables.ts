// Kysely table types of the audit domain: the audit log of staff actions.
// services/store/database.ts joins every domain's tables into one Database.
import type { Generated, Selectable } from 'kysely'
import type { StaffRole } from '../staff/tables.ts'

/** One staff action through the HTTP API (migration 0004): who, what, when, from where. Append-only. */
export interface AuditLogTable {
  id: Generated<number>
  at_ms: number
  staff_id: string
  staff_role: StaffRole
  /** Null: staff for all sites. */
  staff_site_id: string | null
  method: string
  /** Route pattern, e.g. `/api/cards/:uid/block`. */
  route: string
  /** Route params as JSON. */
  params: string
  /** Short JSON summary of the request body, secrets removed (services/audit/audit-log.ts). */
  body_summary: string | null
  status_code: number
  ip: string
  user_agent: string | null
  request_id: string
  duration_ms: number
}
export type AuditLogRow = Selectable<AuditLogTable>

export interface AuditTables {
  audit_log: AuditLogTable
}
