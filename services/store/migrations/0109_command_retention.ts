// Finished commands are pruned after a retention period
// (services/devices/command-retention.ts): an index on their age lets each
// pass read only the old rows, not the whole table.
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createIndex('commands_created').on('commands').columns(['created_at_ms']).execute()
  }
}
