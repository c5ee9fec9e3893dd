// Kysely table types of the households domain: households and their cards.
// services/store/database.ts joins every domain's tables into one Database.
import type { Generated, Selectable } from 'kysely'

export interface HouseholdsTable {
  id: string
  site_id: string
  /** Building-unit-room label as the property office writes it, e.g. "3-2-501". */
  label: string
  status: 'active' | 'inactive'
  balance_points: number
  /** Points reserved by open holds (migration 0103): the counter may redeem only balance − held. */
  held_points: Generated<number>
  created_at_ms: number
}

export type CardStatus = 'active' | 'lost' | 'blocked' | 'unlinked'
export interface CardsTable {
  uid: string
  household_id: string | null
  site_id: string
  status: CardStatus
  created_at_ms: number
  updated_at_ms: number
}

export interface HouseholdTables {
  households: HouseholdsTable
  cards: CardsTable
}

export type Household = Selectable<HouseholdsTable>
export type Card = Selectable<CardsTable>
