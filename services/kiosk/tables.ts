// Kysely table types of the kiosk domain: kiosk sessions: a swipe opens one, a deposit closes it.
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export interface KioskSessionsTable {
  id: string
  device_id: string
  site_id: string
  household_id: string
  swipe_event_id: string
  opened_at_ms: number
  open_expires_at_ms: number
  deposit_expires_at_ms: number
  /** Site-local calendar day (YYYY-MM-DD) the daily cap counts against. */
  local_day: string
  status: 'open' | 'deposited'
  door_state: 'closed' | 'opened' | null
  deposit_event_id: string | null
}

export interface KioskTables {
  kiosk_sessions: KioskSessionsTable
}

export type KioskSession = Selectable<KioskSessionsTable>
