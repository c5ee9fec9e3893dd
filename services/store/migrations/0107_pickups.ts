// Pickup tasks for full bins and their reconciliation (services/pickups/,
// docs/pickups.md). `open_key` is unique, so a bin has at most one open task
// however many sweeps or staff ask for one at once.
import type { Kysely, Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createTable('pickups')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
      .addColumn('device_id', 'text', c => c.notNull().references('devices.id'))
      .addColumn('category', 'text', c => c.notNull())
      .addColumn('status', 'text', c => c.notNull())
      .addColumn('open_key', 'text', c => c.unique())
      .addColumn('alarm_id', 'text')
      .addColumn('created_by', 'text', c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addColumn('collected_by', 'text')
      .addColumn('collected_at_ms', ms)
      .addColumn('collected_grams', 'integer')
      .addColumn('deposited_grams', 'integer')
      .addColumn('since_ms', ms)
      .execute()
    await db.schema.createIndex('pickups_site_created').on('pickups').columns(['site_id', 'created_at_ms']).execute()
    await db.schema.createIndex('pickups_bin_collected').on('pickups').columns(['device_id', 'category', 'collected_at_ms']).execute()
  }
}
