// Schema migrations, written with Kysely's schema builder so one definition
// creates the same tables on SQLite and PostgreSQL: one file per migration,
// named as its record key. Append new migrations; never edit one that has
// shipped, and never rename a key: the names are stored in each database's
// kysely_migration table, and a database whose applied names are unknown here
// refuses to migrate.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { migration as kioskPoints } from './0001_kiosk_points.ts'
import { migration as telemetryOutbox } from './0002_telemetry_outbox.ts'
import { migration as deviceSecurity } from './0003_device_security.ts'
import { migration as auditLog } from './0004_audit_log.ts'
import { migration as deadLetterPayloadEncoding } from './0005_dead_letter_payload_encoding.ts'
import { migration as replyDelivery } from './0006_reply_delivery.ts'
import { migration as registryVersion } from './0007_registry_version.ts'
import { migration as alarms } from './0100_alarms.ts'
import { migration as jobLeases } from './0101_job_leases.ts'
import { migration as gates } from './0102_gates.ts'
import { migration as charging } from './0103_charging.ts'
import { migration as healthReports } from './0104_health_reports.ts'
import { migration as staffWebSessions } from './0105_staff_web_sessions.ts'
import { migration as reportGatesCharging } from './0106_report_gates_charging.ts'
import { migration as pickups } from './0107_pickups.ts'
import { migration as residents } from './0108_residents.ts'
import { migration as commandRetention } from './0109_command_retention.ts'
import { migration as commandRelay } from './0110_command_relay.ts'
import { migration as presenceOwner } from './0111_presence_owner.ts'
import { migration as chargingSilenceTimeout } from './0112_charging_silence_timeout.ts'
import { migration as accessLogRequestEvent } from './0113_access_log_request_event.ts'
import { migration as alarmActiveSince } from './0114_alarm_active_since.ts'

export const migrations: Record<string, Migration> = {
  '0001_kiosk_points': kioskPoints,
  '0002_telemetry_outbox': telemetryOutbox,
  '0003_device_security': deviceSecurity,
  '0004_audit_log': auditLog,
  '0005_dead_letter_payload_encoding': deadLetterPayloadEncoding,
  '0006_reply_delivery': replyDelivery,
  '0007_registry_version': registryVersion,
  '0100_alarms': alarms,
  '0101_job_leases': jobLeases,
  '0102_gates': gates,
  '0103_charging': charging,
  '0104_health_reports': healthReports,
  '0105_staff_web_sessions': staffWebSessions,
  '0106_report_gates_charging': reportGatesCharging,
  '0107_pickups': pickups,
  '0108_residents': residents,
  '0109_command_retention': commandRetention,
  '0110_command_relay': commandRelay,
  '0111_presence_owner': presenceOwner,
  '0112_charging_silence_timeout': chargingSilenceTimeout,
  '0113_access_log_request_event': accessLogRequestEvent,
  '0114_alarm_active_since': alarmActiveSince
}

/**
 * Brings the schema up to date; throws if any migration fails. Unordered migrations are
 * allowed: work merged from parallel branches can add a number below one a store has
 * already applied (0106 after 0107), and such a store must still start and take it.
 */
export async function migrateToLatest (db: Kysely<unknown>, set: Record<string, Migration> = migrations): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => set }
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest()
  const failed = results?.find(r => r.status === 'Error')
  if (error != null || failed != null) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}
