// Kysely table types of the ledger domain: the points ledger.
// services/store/database.ts joins every domain's tables into one Database.
import type { Insertable, Selectable } from 'kysely'

/** `charge`: a charging session's cost, taken from its hold; `refund`: a late stop's reconciliation (docs/charging.md). */
export type EntryKind = 'earn' | 'redeem' | 'reverse' | 'adjust' | 'charge' | 'refund'
export interface LedgerEntriesTable {
  id: string
  household_id: string
  site_id: string
  kind: EntryKind
  /** Signed: positive credits, negative debits. */
  points: number
  balance_after: number
  idempotency_key: string
  ref_type: string | null
  ref_id: string | null
  reason: string | null
  /** Staff member who caused it (null for device-driven entries). */
  staff_id: string | null
  approved_by: string | null
  created_at_ms: number
}

export type HoldStatus = 'held' | 'settled' | 'released'
/** Points reserved for a purpose (a charging session), closed once (migration 0103; holds.ts). */
export interface PointHoldsTable {
  id: string
  household_id: string
  site_id: string
  points: number
  status: HoldStatus
  ref_type: string
  ref_id: string
  placed_at_ms: number
  closed_at_ms: number | null
  charged_points: number | null
  released_points: number | null
  close_reason: string | null
  charge_entry_id: string | null
}

export interface LedgerTables {
  ledger_entries: LedgerEntriesTable
  point_holds: PointHoldsTable
}

export type PointHold = Selectable<PointHoldsTable>

export type LedgerEntry = Selectable<LedgerEntriesTable>
export type NewLedgerEntry = Insertable<LedgerEntriesTable>
