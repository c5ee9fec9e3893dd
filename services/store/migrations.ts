// Schema migrations, written with Kysely's schema builder so one definition
// creates the same tables on SQLite and PostgreSQL. Append new migrations;
// never edit one that has shipped.
import { Migrator, PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely'

const ms = 'bigint'

const migrations: Record<string, Migration> = {
  '0001_kiosk_points': {
    async up (db: Kysely<unknown>) {
      await db.schema.createTable('sites')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('timezone', 'text', c => c.notNull())
        .addColumn('rate_table', 'text', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .execute()

      await db.schema.createTable('households')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
        .addColumn('label', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('balance_points', 'integer', c => c.notNull().defaultTo(0).check(sqlCheck('balance_points >= 0')))
        .addColumn('created_at_ms', ms, c => c.notNull())
        .addUniqueConstraint('households_site_label', ['site_id', 'label'])
        .execute()

      await db.schema.createTable('cards')
        .addColumn('uid', 'text', c => c.primaryKey())
        .addColumn('household_id', 'text', c => c.references('households.id'))
        .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .addColumn('updated_at_ms', ms, c => c.notNull())
        .execute()
      await db.schema.createIndex('cards_household').on('cards').column('household_id').execute()

      await db.schema.createTable('devices')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
        .addColumn('kind', 'text', c => c.notNull())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('secret_hash', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .addColumn('online', 'integer', c => c.notNull().defaultTo(0))
        .addColumn('last_seen_at_ms', ms)
        .addColumn('last_status', 'text')
        .execute()

      await db.schema.createTable('kiosk_sessions')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('device_id', 'text', c => c.notNull().references('devices.id'))
        .addColumn('site_id', 'text', c => c.notNull())
        .addColumn('household_id', 'text', c => c.notNull().references('households.id'))
        .addColumn('swipe_event_id', 'text', c => c.notNull())
        .addColumn('opened_at_ms', ms, c => c.notNull())
        .addColumn('open_expires_at_ms', ms, c => c.notNull())
        .addColumn('deposit_expires_at_ms', ms, c => c.notNull())
        .addColumn('local_day', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('door_state', 'text')
        .addColumn('deposit_event_id', 'text')
        .execute()

      await db.schema.createTable('device_events')
        .addColumn('device_id', 'text', c => c.notNull())
        .addColumn('event_id', 'text', c => c.notNull())
        .addColumn('type', 'text', c => c.notNull())
        .addColumn('device_ts', ms, c => c.notNull())
        .addColumn('received_at_ms', ms, c => c.notNull())
        .addColumn('payload_hash', 'text', c => c.notNull())
        .addColumn('outcome', 'text', c => c.notNull())
        .addPrimaryKeyConstraint('device_events_pk', ['device_id', 'event_id'])
        .execute()

      await db.schema.createTable('dead_letters')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('device_id', 'text', c => c.notNull())
        .addColumn('topic', 'text', c => c.notNull())
        .addColumn('event_id', 'text')
        .addColumn('code', 'text', c => c.notNull())
        .addColumn('reason', 'text', c => c.notNull())
        .addColumn('payload', 'text', c => c.notNull())
        .addColumn('received_at_ms', ms, c => c.notNull())
        .execute()
      await db.schema.createIndex('dead_letters_device').on('dead_letters').columns(['device_id', 'received_at_ms']).execute()

      await db.schema.createTable('ledger_entries')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('household_id', 'text', c => c.notNull().references('households.id'))
        .addColumn('site_id', 'text', c => c.notNull())
        .addColumn('kind', 'text', c => c.notNull())
        .addColumn('points', 'integer', c => c.notNull())
        .addColumn('balance_after', 'integer', c => c.notNull().check(sqlCheck('balance_after >= 0')))
        .addColumn('idempotency_key', 'text', c => c.notNull().unique())
        .addColumn('ref_type', 'text')
        .addColumn('ref_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('staff_id', 'text')
        .addColumn('approved_by', 'text')
        .addColumn('created_at_ms', ms, c => c.notNull())
        .execute()
      await db.schema.createIndex('ledger_household_time').on('ledger_entries').columns(['household_id', 'created_at_ms']).execute()

      await db.schema.createTable('daily_earnings')
        .addColumn('household_id', 'text', c => c.notNull())
        .addColumn('local_day', 'text', c => c.notNull())
        .addColumn('points', 'integer', c => c.notNull())
        .addPrimaryKeyConstraint('daily_earnings_pk', ['household_id', 'local_day'])
        .execute()

      await db.schema.createTable('deposits')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('device_id', 'text', c => c.notNull())
        .addColumn('site_id', 'text', c => c.notNull())
        .addColumn('session_id', 'text', c => c.notNull().unique())
        .addColumn('household_id', 'text', c => c.notNull())
        .addColumn('event_id', 'text', c => c.notNull())
        .addColumn('lines', 'text', c => c.notNull())
        .addColumn('total_grams', 'integer', c => c.notNull())
        .addColumn('points_computed', 'integer', c => c.notNull())
        .addColumn('points_credited', 'integer', c => c.notNull())
        .addColumn('outcome', 'text', c => c.notNull())
        .addColumn('entry_id', 'text')
        .addColumn('local_day', 'text', c => c.notNull())
        .addColumn('device_ts', ms, c => c.notNull())
        .addColumn('received_at_ms', ms, c => c.notNull())
        .execute()
      await db.schema.createIndex('deposits_site_day').on('deposits').columns(['site_id', 'local_day']).execute()

      await db.schema.createTable('review_items')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('deposit_id', 'text', c => c.notNull().unique())
        .addColumn('household_id', 'text', c => c.notNull())
        .addColumn('site_id', 'text', c => c.notNull())
        .addColumn('reasons', 'text', c => c.notNull())
        .addColumn('points_computed', 'integer', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at_ms', ms)
        .addColumn('entry_id', 'text')
        .addColumn('created_at_ms', ms, c => c.notNull())
        .execute()

      await db.schema.createTable('commands')
        .addColumn('cmd_id', 'text', c => c.primaryKey())
        .addColumn('device_id', 'text', c => c.notNull())
        .addColumn('type', 'text', c => c.notNull())
        .addColumn('payload', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .addColumn('expires_at_ms', ms, c => c.notNull())
        .addColumn('sent_count', 'integer', c => c.notNull().defaultTo(0))
        .addColumn('last_sent_at_ms', ms)
        .addColumn('acked_at_ms', ms)
        .addColumn('ack_error', 'text')
        .execute()
      await db.schema.createIndex('commands_device_status').on('commands').columns(['device_id', 'status']).execute()

      await db.schema.createTable('staff')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('username', 'text', c => c.notNull().unique())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('role', 'text', c => c.notNull())
        .addColumn('site_id', 'text')
        .addColumn('token_hash', 'text', c => c.notNull().unique())
        .addColumn('active', 'integer', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .execute()

      await db.schema.createTable('shop_items')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('site_id', 'text', c => c.notNull().references('sites.id'))
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('price_points', 'integer', c => c.notNull())
        .addColumn('stock', 'integer', c => c.notNull().check(sqlCheck('stock >= 0')))
        .addColumn('active', 'integer', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .execute()

      await db.schema.createTable('redemptions')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('household_id', 'text', c => c.notNull())
        .addColumn('site_id', 'text', c => c.notNull())
        .addColumn('kind', 'text', c => c.notNull())
        .addColumn('item_id', 'text')
        .addColumn('quantity', 'integer', c => c.notNull())
        .addColumn('points', 'integer', c => c.notNull())
        .addColumn('entry_id', 'text', c => c.notNull())
        .addColumn('staff_id', 'text', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .addColumn('reversed_entry_id', 'text')
        .execute()

      await db.schema.createTable('idempotency_keys')
        .addColumn('scope', 'text', c => c.notNull())
        .addColumn('key', 'text', c => c.notNull())
        .addColumn('request_hash', 'text', c => c.notNull())
        .addColumn('status_code', 'integer', c => c.notNull())
        .addColumn('response', 'text', c => c.notNull())
        .addColumn('created_at_ms', ms, c => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute()

      await db.schema.createTable('adjustment_requests')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('household_id', 'text', c => c.notNull())
        .addColumn('site_id', 'text', c => c.notNull())
        .addColumn('points', 'integer', c => c.notNull())
        .addColumn('reason', 'text', c => c.notNull())
        .addColumn('requested_by', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at_ms', ms)
        .addColumn('entry_id', 'text')
        .addColumn('created_at_ms', ms, c => c.notNull())
        .execute()
    }
  },
  // Telemetry outbox (docs/telemetry.md): points wait here, written in the
  // same transaction as the event that produced them, until InfluxDB
  // confirmed them; rows InfluxDB refused move to telemetry_dead_letters.
  // Ids only grow (SQLite AUTOINCREMENT, PostgreSQL identity), so `order by
  // id` is the order points were accepted in.
  '0002_telemetry_outbox': {
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
  },
  '0003_device_security': {
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
  },
  // Audit log of staff actions (services/audit/audit-log.ts, docs/security.md):
  // append-only. No code path updates or deletes a row, and the database
  // refuses it too (a trigger on each dialect), so a change needs someone
  // with direct write access to the database and its own migration.
  '0004_audit_log': {
    async up (db: Kysely<unknown>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter
      await db.schema.createTable('audit_log')
        .addColumn('id', postgres ? 'bigint' : 'integer', c => postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement())
        .addColumn('at_ms', ms, c => c.notNull())
        .addColumn('staff_id', 'text', c => c.notNull())
        .addColumn('staff_role', 'text', c => c.notNull())
        .addColumn('staff_site_id', 'text')
        .addColumn('method', 'text', c => c.notNull())
        .addColumn('route', 'text', c => c.notNull())
        .addColumn('params', 'text', c => c.notNull())
        .addColumn('body_summary', 'text')
        .addColumn('status_code', 'integer', c => c.notNull())
        .addColumn('ip', 'text', c => c.notNull())
        .addColumn('user_agent', 'text')
        .addColumn('request_id', 'text', c => c.notNull())
        .addColumn('duration_ms', 'integer', c => c.notNull())
        .execute()
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at_ms').execute()
      await db.schema.createIndex('audit_log_staff').on('audit_log').columns(['staff_id', 'id']).execute()
      if (postgres) {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db)
        await sql`create trigger audit_log_append_only before update or delete on audit_log
          for each row execute function audit_log_append_only()`.execute(db)
      } else {
        await sql`create trigger audit_log_no_update before update on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
        await sql`create trigger audit_log_no_delete before delete on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
      }
    }
  },
  // A dead letter stores any byte sequence (services/ingest/storable-text.ts): payloads that are
  // not text without U+0000 are kept as base64, and this column says which.
  '0005_dead_letter_payload_encoding': {
    async up (db: Kysely<unknown>) {
      await db.schema.alterTable('dead_letters').addColumn('payload_encoding', 'text', c => c.notNull().defaultTo('utf8')).execute()
    }
  },
  // Delivery that survives a lost reply (docs/protocol.md §6, §7): a command remembers the event
  // that caused it, so a replay of that event sends it again while it is pending; an error reply
  // stays with its dead letter and is re-sent at each subscribe until the device acks it or it expires.
  '0006_reply_delivery': {
    async up (db: Kysely<unknown>) {
      await db.schema.alterTable('commands').addColumn('event_id', 'text').execute()
      await db.schema.createIndex('commands_device_event').on('commands').columns(['device_id', 'event_id']).execute()
      await db.schema.alterTable('dead_letters').addColumn('reply_acked_at_ms', ms).execute()
    }
  },
  // One row counting registry writes (sites, devices, cards): the ingest caches those rows across
  // batches and drops its cache when the count moved (services/devices/registry-cache.ts).
  '0007_registry_version': {
    async up (db: Kysely<unknown>) {
      await db.schema.createTable('registry_version')
        .addColumn('id', 'integer', c => c.primaryKey())
        .addColumn('version', 'bigint', c => c.notNull())
        .execute()
      await sql`insert into registry_version (id, version) values (1, 0)`.execute(db)
    }
  },
  // Alarms and their change history (services/alarms/, docs/alarms.md). Numbered 0100 so that a
  // migration another branch appends meanwhile (0007 …) sorts before it. `open_key` is the
  // alarm's key while it is open and null once it is closed: the unique constraint keeps one
  // open alarm per key under concurrent raises, and NULLs leave closed history unconstrained.
  '0100_alarms': {
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
}

function sqlCheck (expression: string) {
  return sql.raw(expression)
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Brings the schema up to date; throws if any migration fails. */
export async function migrateToLatest (db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest()
  const failed = results?.find(r => r.status === 'Error')
  if (error != null || failed != null) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}
