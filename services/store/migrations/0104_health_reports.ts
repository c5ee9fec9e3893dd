// Alarm notifications, per-site webhooks and their durable delivery outbox
// (services/alarms/, docs/alarms.md). `alarm_notifications.key` names each
// notification once and for all (escalation.ts), so a sweep that runs twice,
// late, or on two processes sends none twice; a delivery row is made in the
// same transaction as its notification and is done only when the receiver
// confirmed it. Reports (services/reports/): the ledger by site and time, and
// a roll-up of deposit weights per site, day and category for days that can no
// longer change.
import { PostgresAdapter, type Kysely, type Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter
    const serial = postgres ? 'bigint' : 'integer'
    await db.schema.createTable('alarm_notifications')
      .addColumn('key', 'text', c => c.primaryKey())
      .addColumn('alarm_id', 'text', c => c.notNull().references('alarms.id'))
      .addColumn('site_id', 'text')
      .addColumn('kind', 'text', c => c.notNull())
      .addColumn('n', 'integer', c => c.notNull())
      .addColumn('recipient', 'text', c => c.notNull())
      .addColumn('at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createIndex('alarm_notifications_alarm').on('alarm_notifications').column('alarm_id').execute()

    await db.schema.createTable('webhooks')
      .addColumn('id', 'text', c => c.primaryKey())
      .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
      .addColumn('url', 'text', c => c.notNull())
      .addColumn('secret', 'text', c => c.notNull())
      .addColumn('active', 'integer', c => c.notNull())
      .addColumn('created_at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createIndex('webhooks_site').on('webhooks').column('site_id').execute()

    await db.schema.createTable('webhook_deliveries')
      .addColumn('id', serial, c => postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement())
      .addColumn('webhook_id', 'text', c => c.notNull().references('webhooks.id'))
      .addColumn('notification_key', 'text', c => c.notNull())
      .addColumn('body', 'text', c => c.notNull())
      .addColumn('attempts', 'integer', c => c.notNull())
      .addColumn('next_attempt_at_ms', ms, c => c.notNull())
      .addColumn('delivered_at_ms', ms)
      .addColumn('last_error', 'text')
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addUniqueConstraint('webhook_deliveries_once', ['webhook_id', 'notification_key'])
      .execute()
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['delivered_at_ms', 'next_attempt_at_ms']).execute()

    await db.schema.createIndex('ledger_site_time').on('ledger_entries').columns(['site_id', 'created_at_ms']).execute()
    await db.schema.createTable('deposit_category_days')
      .addColumn('site_id', 'text', c => c.notNull())
      .addColumn('local_day', 'text', c => c.notNull())
      .addColumn('category', 'text', c => c.notNull())
      .addColumn('grams', 'bigint', c => c.notNull())
      .addColumn('lines', 'integer', c => c.notNull())
      .addPrimaryKeyConstraint('deposit_category_days_pk', ['site_id', 'local_day', 'category'])
      .execute()
  }
}
