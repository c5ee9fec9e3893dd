// Kysely table types of the staff domain: staff members and their roles.
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export type StaffRole = 'counter' | 'manager' | 'admin'
export interface StaffTable {
  id: string
  username: string
  name: string
  role: StaffRole
  /** Null: all sites (operators). */
  site_id: string | null
  token_hash: string
  active: number
  created_at_ms: number
}

export interface StaffTables {
  staff: StaffTable
}

export type Staff = Selectable<StaffTable>
