// When an alarm's current active episode began (services/alarms/escalation.ts).
// An open alarm that cleared without being acknowledged and was raised again
// weeks later counted its reminders and escalation from its first raise, so its
// first sweep escalated it at once, past every level. Existing alarms began
// their episode when they were first raised.
import { sql, type Kysely, type Migration } from 'kysely'
import { ms } from './columns.ts'

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('alarms').addColumn('active_since_ms', ms, c => c.notNull().defaultTo(0)).execute()
    await sql`update alarms set active_since_ms = first_at_ms`.execute(db)
  }
}
