// Kysely table types of the ingest domain: what the ingest remembers of device events: each one applied, and those dead-lettered.
// services/store/database.ts joins every domain's tables into one Database.
import type { Generated, Selectable } from 'kysely'

export interface DeviceEventsTable {
  device_id: string
  event_id: string
  type: string
  device_ts: number
  received_at_ms: number
  /** SHA-256 of the validated event: a replay must match, a reused eventId must not pass as one. */
  payload_hash: string
  /** JSON summary of what the event did, for replays and support. */
  outcome: string
}

export interface DeadLettersTable {
  id: string
  device_id: string
  topic: string
  event_id: string | null
  code: string
  reason: string
  /** The payload as sent: UTF-8 text, or base64 when it was not storable text (migration 0005). */
  payload: string
  payload_encoding: Generated<'utf8' | 'base64'>
  received_at_ms: number
  /** When the device acked the error reply (migration 0006); null: still re-sent until it expires. */
  reply_acked_at_ms: number | null
}

export interface IngestTables {
  device_events: DeviceEventsTable
  dead_letters: DeadLettersTable
}

export type DeadLetter = Selectable<DeadLettersTable>
