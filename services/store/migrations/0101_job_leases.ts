// Leases for periodic jobs (services/jobs/lease.ts): with several backend
// processes on one PostgreSQL, each periodic job runs in one of them at a time.
import type { Kysely, Migration } from 'kysely'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createTable('job_leases')
      .addColumn('name', 'text', c => c.primaryKey())
      .addColumn('holder', 'text', c => c.notNull())
      .addColumn('expires_at_ms', 'bigint', c => c.notNull())
      .addColumn('fencing_token', 'bigint', c => c.notNull())
      .execute()
  }
}
