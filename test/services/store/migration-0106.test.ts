// Migration 0106 on stores that existed before it. A store that applied a
// higher-numbered migration first (0107 merged before 0106: numbers are handed
// out to parallel work) still migrates: 0106 is applied then, not refused.
// And 0106 fills what existing rows already say: an access-log row that
// was received more than a day after it happened is `late`, and a settled
// charging session's energy comes from its stored state (the stop's energy, or
// the newest reading of a session settled silent). Run on a store whose 0106
// parts are taken away again, with rows the real code wrote, on both stores.
import { sql, type Kysely } from 'kysely'
import t from 'tap'
import { sweepCharging } from '../../../services/charging/charging-sweep.ts'
import { handleChargingMeter } from '../../../services/charging/charging-events.ts'
import { findDevice } from '../../../services/devices/device-registry.ts'
import { recordAccess } from '../../../services/gate/access-log.ts'
import { appendEntry } from '../../../services/ledger/ledger.ts'
import { migrateToLatest, migrations } from '../../../services/store/migrations/index.ts'
import type { Device } from '../../../services/store/database.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { aCharger, aChargingTariff } from '../../fixtures/charging-scene.ts'
import { aSettledSession, aStartedSession, nextEventId, pileEventContext } from '../../fixtures/charging-sessions.ts'
import { eachStore } from '../../helpers/stores.ts'

const hour = 3_600_000

/** The store as if 0106 had never run (indexes first: SQLite drops no indexed column; 0102's and 0104's indexes as they made them). */
async function undoMigration0106 (db: Kysely<unknown>): Promise<void> {
  await sql`delete from kysely_migration where name = ${'0106_report_gates_charging'}`.execute(db)
  await db.schema.dropIndex('access_log_late').execute()
  await db.schema.dropIndex('access_log_site_at').execute()
  await db.schema.createIndex('access_log_site_at').on('access_log').columns(['site_id', 'at_ms', 'seq']).execute()
  await db.schema.dropIndex('ledger_site_time').execute()
  await db.schema.createIndex('ledger_site_time').on('ledger_entries').columns(['site_id', 'created_at_ms']).execute()
  await db.schema.dropIndex('charging_sessions_site_ended').execute()
  await db.schema.alterTable('access_log').dropColumn('late').execute()
  await db.schema.alterTable('charging_sessions').dropColumn('energy_wh').execute()
  await db.schema.dropTable('gate_traffic_days').execute()
}

await eachStore(t, 'migration 0106 backfills late access-log rows and settled sessions\' energy', async (t, { db }) => {
  const site = await aSite(db)
  const at = Date.UTC(2026, 4, 1, 8)
  const log = (eventId: string, receivedAtMs: number) => recordAccess(db, {
    site_id: site.id, gate_id: 'g1', event_id: eventId, at_ms: at, received_at_ms: receivedAtMs, mode: 'offline', credential_kind: 'card', direction: 'in', decision: 'allow'
  })
  await log('on-time', at + 24 * hour)
  await log('late', at + 24 * hour + 1)
  const device = await findDevice(db, (await aCharger(db, site.id)).device.id) as Device
  await aChargingTariff(db, site.id)
  const { household } = await aHouseholdWithCard(db, site.id)
  await appendEntry(db, { householdId: household.id, kind: 'earn', points: 5000, idempotencyKey: 'seed', nowMs: 1 })
  const stopped = await aSettledSession(db, { device, household, startMs: at, stopMs: at + hour, energyWh: 321, reason: 'FULL' })
  const silent = await aStartedSession(db, { device, household, startMs: at + 2 * hour })
  await handleChargingMeter(pileEventContext(db, device, at + 2 * hour + 60_000), { eventId: nextEventId(), ts: at + 2 * hour + 60_000, sessionId: silent, port: 1, seq: 1, energyWh: 45, powerW: 200, voltageV: 54 })
  await sweepCharging(db, { startAckTimeoutMs: 1000 * hour, staleHoldMs: 1000 * hour }, at + 4 * hour)
  const live = await aStartedSession(db, { device, household, startMs: at + 5 * hour })

  // take 0106 away again, then apply it as shipped
  const raw = db as unknown as Kysely<unknown>
  await undoMigration0106(raw)
  await migrations['0106_report_gates_charging']?.up(raw)

  const late = await db.selectFrom('access_log').select(['event_id', 'late']).orderBy('event_id').execute()
  t.same(late, [{ event_id: 'late', late: 1 }, { event_id: 'on-time', late: 0 }], 'a day is not late, a day and a millisecond is')
  const energy = async (id: string) => (await db.selectFrom('charging_sessions').select('energy_wh').where('id', '=', id).executeTakeFirstOrThrow()).energy_wh
  t.equal(await energy(stopped), 321, 'a stopped session: the stop\'s energy')
  t.equal(await energy(silent), 45, 'a session settled silent: its newest reading')
  t.equal(await energy(live), null, 'a live session: none yet')
  t.same(await db.selectFrom('gate_traffic_days').selectAll().execute(), [], 'the roll-up starts empty')
})

await eachStore(t, 'a migration merged after a higher-numbered one is applied, not refused', async (t, store) => {
  const db = store.db as unknown as Kysely<unknown>
  const { '0106_report_gates_charging': _later, ...before } = migrations
  await undoMigration0106(db)
  await migrateToLatest(db, before)
  await migrateToLatest(db)
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  t.same(rows.map(r => r.name), Object.keys(migrations), 'every migration applied, once')
  t.same(await store.db.selectFrom('gate_traffic_days').selectAll().execute(), [], 'with 0106\'s table')
})
