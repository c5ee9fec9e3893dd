// Kysely table types of the reports domain (migration 0104). Joined into the
// Database through services/alarms/tables.ts' AlarmTables (issue 12 ships them together).
/** Deposit weight per site, site-local day and category, for finished days ('' = the day's marker row; its `lines` = the deposits it summed, checked at every read). */
export interface DepositCategoryDaysTable {
  site_id: string
  local_day: string
  category: string
  grams: number
  lines: number
}

/** The access log per site and site-local day, rows not received late only (migration 0106). */
export interface GateTrafficDaysTable {
  site_id: string
  local_day: string
  granted_in: number
  granted_out: number
  remote_opens: number
  denied: number
  offline: number
  visitor_entries: number
}

export interface ReportTables {
  gate_traffic_days: GateTrafficDaysTable
}
