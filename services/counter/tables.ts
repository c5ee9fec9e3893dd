// Kysely table types of the counter domain: the counter: shop items, redemptions, adjustment requests and idempotency keys of its HTTP writes.
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export interface ShopItemsTable {
  id: string
  site_id: string
  name: string
  price_points: number
  stock: number
  active: number
  created_at_ms: number
}

export interface RedemptionsTable {
  id: string
  household_id: string
  site_id: string
  kind: 'cash' | 'item'
  item_id: string | null
  quantity: number
  points: number
  entry_id: string
  staff_id: string
  created_at_ms: number
  reversed_entry_id: string | null
}

export interface IdempotencyKeysTable {
  scope: string
  key: string
  request_hash: string
  status_code: number
  response: string
  created_at_ms: number
}

export interface AdjustmentRequestsTable {
  id: string
  household_id: string
  site_id: string
  points: number
  reason: string
  requested_by: string
  status: 'pending' | 'approved' | 'rejected'
  decided_by: string | null
  decided_at_ms: number | null
  entry_id: string | null
  created_at_ms: number
}

export interface CounterTables {
  shop_items: ShopItemsTable
  redemptions: RedemptionsTable
  idempotency_keys: IdempotencyKeysTable
  adjustment_requests: AdjustmentRequestsTable
}

export type ShopItem = Selectable<ShopItemsTable>
export type Redemption = Selectable<RedemptionsTable>
export type AdjustmentRequest = Selectable<AdjustmentRequestsTable>
