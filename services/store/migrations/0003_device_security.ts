// The last failed authentication per device (services/devices/auth-failures.ts).
import type { Kysely, Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    // the last failed authentication per device (services/devices/auth-failures.ts)
    await db.schema.createTable('device_auth_failures')
      .addColumn('device_id', 'text', c => c.primaryKey())
      .addColumn('failed_at_ms', ms, c => c.notNull())
      .addColumn('reason', 'text', c => c.notNull())
      .addColumn('remote_address', 'text')
      .addColumn('failures', 'integer', c => c.notNull())
      .execute()
  }
}
