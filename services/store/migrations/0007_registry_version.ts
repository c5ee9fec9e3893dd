// One row counting registry writes (sites, devices, cards): the ingest caches those rows across
// batches and drops its cache when the count moved (services/devices/registry-cache.ts).
import { sql, type Kysely, type Migration } from 'kysely'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createTable('registry_version')
      .addColumn('id', 'integer', c => c.primaryKey())
      .addColumn('version', 'bigint', c => c.notNull())
      .execute()
    await sql`insert into registry_version (id, version) values (1, 0)`.execute(db)
  }
}
