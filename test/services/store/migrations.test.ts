// The migration names are stored in every database (kysely_migration): a
// database that applied a name this code no longer has refuses to migrate.
// So the names are pinned here, and a migrated store of each kind has applied
// exactly these, in order; migrating it again changes nothing.
import { sql, type Kysely } from 'kysely'
import t from 'tap'
import { migrateToLatest, migrations } from '../../../services/store/migrations/index.ts'
import { eachStore } from '../../helpers/stores.ts'

const shipped = [
  '0001_kiosk_points',
  '0002_telemetry_outbox',
  '0003_device_security',
  '0004_audit_log',
  '0005_dead_letter_payload_encoding',
  '0006_reply_delivery',
  '0007_registry_version',
  '0100_alarms',
  '0101_job_leases',
  '0102_gates',
  '0103_charging',
  '0104_health_reports',
  '0105_staff_web_sessions',
  '0106_report_gates_charging',
  '0107_pickups',
  '0108_residents',
  '0109_command_retention',
  '0110_command_relay',
  '0111_presence_owner',
  '0112_charging_silence_timeout',
  '0113_access_log_request_event',
  '0114_alarm_active_since'
]

async function appliedNames (db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.map(r => r.name)
}

t.same(Object.keys(migrations), shipped, 'every shipped migration keeps its name')

eachStore(t, 'a migrated store has applied exactly the shipped migrations', async (t, store) => {
  const db = store.db as unknown as Kysely<unknown>
  t.same(await appliedNames(db), shipped)
  await migrateToLatest(db)
  t.same(await appliedNames(db), shipped, 'migrating again applies nothing')
})

eachStore(t, 'a migration numbered below one already applied (merged from another branch) is still applied', async (t, store) => {
  const db = store.db as unknown as Kysely<unknown>
  const late = { up: async (db: Kysely<unknown>) => { await db.schema.createTable('merged_late').addColumn('id', 'text').execute() } }
  await migrateToLatest(db, { ...migrations, '0100a_merged_late': late })
  t.same(await appliedNames(db), [...shipped, '0100a_merged_late'].sort(), 'applied after the higher numbers')
  await sql`insert into merged_late (id) values ('x')`.execute(db)
  t.pass('its table exists')
})
