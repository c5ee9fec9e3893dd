// Telemetry outbox (docs/telemetry.md): points wait here, written in the
// same transaction as the event that produced them, until InfluxDB
// confirmed them; rows InfluxDB refused move to telemetry_dead_letters.
// Ids only grow (SQLite AUTOINCREMENT, PostgreSQL identity), so `order by
// id` is the order points were accepted in.
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter
    const id = (c: ColumnDefinitionBuilder) => postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()
    const idType = postgres ? 'bigint' : 'integer'
    await db.schema.createTable('telemetry_outbox')
      .addColumn('id', idType, id)
      .addColumn('line', 'text', c => c.notNull())
      .addColumn('at_ms', ms, c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createTable('telemetry_dead_letters')
      .addColumn('id', idType, id)
      .addColumn('line', 'text', c => c.notNull())
      .addColumn('at_ms', ms, c => c.notNull())
      .addColumn('status_code', 'integer', c => c.notNull())
      .addColumn('reason', 'text', c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addColumn('dead_lettered_at_ms', ms, c => c.notNull())
      .execute()
  }
}
