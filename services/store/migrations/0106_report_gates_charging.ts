// Gate traffic and charging in the reports (issue 12, services/reports/, docs/http-api.md#reports):
// - access_log.late: 1 for a row received more than a day after it happened (an offline gate
//   replaying its log late; services/gate/access-log.ts LATE_AFTER_MS). A day's roll-up counts
//   only rows that are not late, so it is final a day after the day ended; the few late rows are
//   added at report time from their own partial index. The (site, time) index is widened with
//   the columns a day's count reads, so counting reads the index only.
// - gate_traffic_days: the roll-up of the access log per site and site-local day.
// - charging_sessions.energy_wh: the energy a settled session delivered (set at settlement and
//   corrected by a late stop), filled here from the sessions' stored state; the reports sum it
//   by (site, settlement time).
// - ledger_site_time widened with kind and points: the report's ledger sums read the index only.
import { sql, type Kysely, type Migration } from 'kysely'

/** services/gate/access-log.ts LATE_AFTER_MS when this migration shipped. */
const lateAfterMs = 86_400_000

interface StoredSession { readings?: Array<{ seq: number, energyWh: number }>, stop?: { seq: number, energyWh: number } | null }

/** The energy of a session's stored state, as services/charging/session-events.ts usageOf counts it. */
function energyOf (state: string): number {
  const s = JSON.parse(state) as StoredSession
  const readings = (s.readings ?? []).filter(r => s.stop == null || r.seq < s.stop.seq)
  return Math.max(0, s.stop?.energyWh ?? 0, ...readings.map(r => r.energyWh))
}

export const migration: Migration = {
  async up (db: Kysely<unknown>) {
    await db.schema.alterTable('access_log').addColumn('late', 'integer', c => c.notNull().defaultTo(0)).execute()
    await sql`update access_log set late = 1 where received_at_ms - at_ms > ${lateAfterMs}`.execute(db)
    // literal `late = 1`: SQLite uses a partial index only when the query says the same; covering
    // the counted columns, or the planner prefers scanning the wide index below for them
    const counted = ['decision', 'direction', 'mode', 'credential_kind']
    await db.schema.createIndex('access_log_late').on('access_log').columns(['site_id', 'at_ms', ...counted]).where(sql.ref('late'), '=', sql.lit(1)).execute()
    // the site-and-time index, widened with what a day's count reads: counting a month of a busy
    // site (~280,000 rows) reads the index alone, never the rows; paging by (site, time, seq) as before
    await db.schema.dropIndex('access_log_site_at').execute()
    await db.schema.createIndex('access_log_site_at').on('access_log').columns(['site_id', 'at_ms', 'seq', 'late', ...counted]).execute()

    await db.schema.createTable('gate_traffic_days')
      .addColumn('site_id', 'text', c => c.notNull())
      .addColumn('local_day', 'text', c => c.notNull())
      .addColumn('granted_in', 'integer', c => c.notNull())
      .addColumn('granted_out', 'integer', c => c.notNull())
      .addColumn('remote_opens', 'integer', c => c.notNull())
      .addColumn('denied', 'integer', c => c.notNull())
      .addColumn('offline', 'integer', c => c.notNull())
      .addColumn('visitor_entries', 'integer', c => c.notNull())
      .addPrimaryKeyConstraint('gate_traffic_days_pk', ['site_id', 'local_day'])
      .execute()

    // charging adds a ledger entry per session: the report's sums by (site, time) read the index alone
    await db.schema.dropIndex('ledger_site_time').execute()
    await db.schema.createIndex('ledger_site_time').on('ledger_entries').columns(['site_id', 'created_at_ms', 'kind', 'points']).execute()

    await db.schema.alterTable('charging_sessions').addColumn('energy_wh', 'integer').execute()
    const ended = await sql<{ id: string, state: string }>`select id, state from charging_sessions where status in ('stopped', 'silent', 'reconciled')`.execute(db)
    for (const row of ended.rows) await sql`update charging_sessions set energy_wh = ${energyOf(row.state)} where id = ${row.id}`.execute(db)
    // covering: the report's sums read the index alone
    await db.schema.createIndex('charging_sessions_site_ended').on('charging_sessions').columns(['site_id', 'ended_at_ms', 'status', 'end_reason', 'energy_wh']).execute()
  }
}
