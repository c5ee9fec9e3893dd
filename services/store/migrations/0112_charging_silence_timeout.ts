// Each charging session's silence timeout as a column
// (services/charging/charging-sweep.ts): the sweep selects the sessions whose
// pile has been silent past their own timeout in SQL. Before, it read the
// 500 oldest open sessions heard from more than a minute ago and judged them
// one by one, so with 500 busy sessions older than it a silent newer one was
// never reached (its hold kept, its port busy, until the stale-hold pass).
// The timeout lived only in the state JSON; sessions that can still go
// silent get it from there.
import { sql, type Kysely, type Migration } from 'kysely'
import { ms } from './columns.ts'

/** chargingLimitsSchema's default silenceTimeoutMinutes (30). */
const DEFAULT_SILENCE_TIMEOUT_MS = 30 * 60_000

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('charging_sessions').addColumn('silence_timeout_ms', ms, c => c.notNull().defaultTo(DEFAULT_SILENCE_TIMEOUT_MS)).execute()
    const live = await sql<{ id: string, state: string }>`select id, state from charging_sessions where status in ('starting', 'open')`.execute(db)
    for (const row of live.rows) {
      const minutes = (JSON.parse(row.state) as { limits?: { silenceTimeoutMinutes?: unknown } }).limits?.silenceTimeoutMinutes
      if (typeof minutes !== 'number' || minutes * 60_000 === DEFAULT_SILENCE_TIMEOUT_MS) continue
      await sql`update charging_sessions set silence_timeout_ms = ${minutes * 60_000} where id = ${row.id}`.execute(db)
    }
    await db.schema.createIndex('charging_sessions_silence').on('charging_sessions').columns(['status', 'last_heard_at_ms', 'silence_timeout_ms']).execute()
  }
}
