// Audit log of staff actions (services/audit/audit-log.ts, docs/security.md):
// append-only. No code path updates or deletes a row, and the database
// refuses it too (a trigger on each dialect), so a change needs someone
// with direct write access to the database and its own migration.
import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
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
}
