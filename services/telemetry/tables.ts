// Kysely table types of the telemetry domain: the telemetry outbox and the points InfluxDB refused.
// services/store/database.ts joins every domain's tables into one Database.
import type { Generated } from 'kysely'

/** A telemetry point waiting for InfluxDB's confirmation (docs/telemetry.md). */
export interface TelemetryOutboxTable {
  id: Generated<number>
  /** Line protocol without timestamp. */
  line: string
  at_ms: number
  created_at_ms: number
}

/** A telemetry point InfluxDB refused (4xx), with the server's reason. */
export interface TelemetryDeadLettersTable {
  id: Generated<number>
  line: string
  at_ms: number
  status_code: number
  reason: string
  created_at_ms: number
  dead_lettered_at_ms: number
}

export interface TelemetryTables {
  telemetry_outbox: TelemetryOutboxTable
  telemetry_dead_letters: TelemetryDeadLettersTable
}
