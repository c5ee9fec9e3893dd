// Kysely table types of the sites domain: sites: a compound with its time zone and rate table.
// services/store/database.ts joins every domain's tables into one Database.
import type { Selectable } from 'kysely'

export interface SitesTable {
  id: string
  name: string
  timezone: string
  rate_table: string
  created_at_ms: number
}

export interface SiteTables {
  sites: SitesTable
}

export type Site = Selectable<SitesTable>
