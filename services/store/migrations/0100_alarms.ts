// Alarms and their change history (services/alarms/, docs/alarms.md). Numbered 0100 so that a
// migration another branch appends meanwhile (0007 …) sorts before it. `open_key` is the
// alarm's key while it is open and null once it is closed: the unique constraint keeps one
// open alarm per key under concurrent raises, and NULLs leave closed history unconstrained.
import { PostgresAdapter, type Kysely, type Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter
    await db.schema.createTable('alarms')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('site_id', 'text', c => c.references('sites.id'))
      .addColumn('device_id', 'text', c => c.references('devices.id'))
      .addColumn('type', 'text', c => c.notNull())
      .addColumn('source', 'text', c => c.notNull())
      .addColumn('open_key', 'text', c => c.unique())
      .addColumn('severity', 'text', c => c.notNull())
      .addColumn('message', 'text')
      .addColumn('active', 'integer', c => c.notNull())
      .addColumn('acknowledged', 'integer', c => c.notNull())
      .addColumn('acknowledged_by', 'text')
      .addColumn('acknowledged_at_ms', ms)
      .addColumn('cleared_at_ms', ms)
      .addColumn('shelved_reason', 'text')
      .addColumn('shelved_until_ms', ms)
      .addColumn('shelved_by', 'text')
      .addColumn('shelved_at_ms', ms)
      .addColumn('out_of_service_reason', 'text')
      .addColumn('out_of_service_by', 'text')
      .addColumn('out_of_service_at_ms', ms)
      .addColumn('group_id', 'text')
      .addColumn('count', 'integer', c => c.notNull())
      .addColumn('first_at_ms', ms, c => c.notNull())
      .addColumn('last_at_ms', ms, c => c.notNull())
      .addColumn('updated_at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createIndex('alarms_site_first').on('alarms').columns(['site_id', 'first_at_ms']).execute()
    await db.schema.createIndex('alarms_device').on('alarms').column('device_id').execute()
    await db.schema.createIndex('alarms_group').on('alarms').column('group_id').execute()
    await db.schema.createTable('alarm_changes')
      .addColumn('id', postgres ? 'bigint' : 'integer', c => postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement())
      .addColumn('alarm_id', 'text', c => c.notNull().references('alarms.id'))
      .addColumn('action', 'text', c => c.notNull())
      .addColumn('at_ms', ms, c => c.notNull())
      .addColumn('actor_kind', 'text', c => c.notNull())
      .addColumn('actor_id', 'text', c => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', c => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('details', 'text', c => c.notNull())
      .execute()
    await db.schema.createIndex('alarm_changes_alarm').on('alarm_changes').columns(['alarm_id', 'id']).execute()
  }
}
