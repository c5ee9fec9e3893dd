// Kysely table types of the review domain: deposits held for a manager's review.
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export interface ReviewItemsTable {
  id: string
  deposit_id: string
  household_id: string
  site_id: string
  reasons: string
  points_computed: number
  status: 'pending' | 'approved' | 'rejected'
  decided_by: string | null
  decided_at_ms: number | null
  entry_id: string | null
  created_at_ms: number
}

export interface ReviewTables {
  review_items: ReviewItemsTable
}

export type ReviewItem = Selectable<ReviewItemsTable>
