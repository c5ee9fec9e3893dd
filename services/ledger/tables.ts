// Kysely table types of the ledger domain: the points ledger.
// services/store/database.ts joins every domain's tables into one Database.
import type { Insertable, Selectable } from 'kysely'

export type EntryKind = 'earn' | 'redeem' | 'reverse' | 'adjust'
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

export interface LedgerTables {
  ledger_entries: LedgerEntriesTable
}

export type LedgerEntry = Selectable<LedgerEntriesTable>
export type NewLedgerEntry = Insertable<LedgerEntriesTable>
