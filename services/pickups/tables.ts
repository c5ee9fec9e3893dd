// Pickups (issue 12): a full bin becomes a pickup task; the collector records
// the weight collected, reconciled against the deposits since the last pickup
// of that bin (migration 0107_pickups).
import type { Selectable } from 'kysely'

export type PickupStatus = 'open' | 'collected'

export interface PickupsTable {
  id: string
  site_id: string
  device_id: string
  category: string
  status: PickupStatus
  /** `device|category` while open, null once collected: one open pickup per bin (unique). */
  open_key: string | null
  /** The bin-full alarm that asked for it, when a rule did. */
  alarm_id: string | null
  created_by: string
  created_at_ms: number
  collected_by: string | null
  collected_at_ms: number | null
  collected_grams: number | null
  /** Deposits into this bin since `since_ms` (the previous collection; null: since the first deposit). */
  deposited_grams: number | null
  since_ms: number | null
}

export interface PickupTables { pickups: PickupsTable }
export type PickupRow = Selectable<PickupsTable>
