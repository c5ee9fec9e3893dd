// Kysely table types of the points domain: deposits and the daily earnings the cap counts.
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export interface DailyEarningsTable {
  household_id: string
  local_day: string
  points: number
}

export type DepositOutcome = 'credited' | 'capped' | 'review'
export interface DepositsTable {
  id: string
  device_id: string
  site_id: string
  session_id: string
  household_id: string
  event_id: string
  lines: string
  total_grams: number
  points_computed: number
  points_credited: number
  outcome: DepositOutcome
  entry_id: string | null
  local_day: string
  device_ts: number
  received_at_ms: number
}

export interface PointsTables {
  daily_earnings: DailyEarningsTable
  deposits: DepositsTable
}

export type Deposit = Selectable<DepositsTable>
