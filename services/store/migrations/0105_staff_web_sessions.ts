// Staff sign-in for the web app (services/web-sessions/, docs/web.md): a password per staff
// member (scrypt, set by an admin) and the browser sessions it opens. A session row is found by
// the SHA-256 of its id, so a leaked table holds no usable cookie. Numbered 0105 so that it sorts
// after 0100_alarms and beside the other branches' 01xx migrations.
import type { Kysely, Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.createTable('staff_passwords')
      .addColumn('staff_id', 'text', c => c.primaryKey().references('staff.id'))
      .addColumn('password_hash', 'text', c => c.notNull())
      .addColumn('updated_at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createTable('staff_web_sessions')
      .addColumn('id_hash', 'text', c => c.primaryKey())
      .addColumn('staff_id', 'text', c => c.notNull().references('staff.id'))
      .addColumn('created_at_ms', ms, c => c.notNull())
      .addColumn('last_seen_at_ms', ms, c => c.notNull())
      .execute()
    await db.schema.createIndex('staff_web_sessions_staff').on('staff_web_sessions').column('staff_id').execute()
  }
}
