// Kysely table types of the gate domain (migration 0102, docs/gate.md).
// services/store/database.ts joins every domain's tables into one Database.
import type { Generated, Selectable } from 'kysely'

/** A site's gate settings: the card-hash salt (hex), holidays (JSON local dates) and the allow-list's current version. */
export interface GateSitesTable {
  site_id: string
  card_hash_salt: string
  holidays: string
  allow_list_version: number
  updated_at_ms: number
}

export type AntiPassbackMode = 'off' | 'soft' | 'hard'
export interface GateZonesTable {
  id: string
  site_id: string
  anti_passback: AntiPassbackMode
  reset_after_ms: number | null
}

/** A gate device's settings and the state of its allow-list delivery. */
export interface GatesTable {
  device_id: string
  /** 'in', 'out' or 'in,out'. */
  directions: string
  zone_id: string | null
  release_ms: number
  /** The list version the gate acknowledged (0: none). */
  list_acked_version: number
  /** The version of the last list command sent (0: none). */
  list_sent_version: number
  list_cmd_id: string | null
  time_synced_at_ms: number | null
}

export interface AccessSchedulesTable {
  site_id: string
  id: string
  /** AccessSchedule as JSON. */
  body: string
}

export interface CardSchedulesTable {
  card_uid: string
  schedule_id: string
}

/** The last passage of a card in a zone: the anti-passback state. */
export interface GatePassagesTable {
  zone_id: string
  card_uid: string
  direction: 'in' | 'out'
  at_ms: number
}

export type AccessMode = 'online' | 'offline' | 'remote'
export interface AccessLogTable {
  seq: Generated<number>
  site_id: string
  gate_id: string
  /** The device event (or, for a remote open, the command id): unique per gate, so a replay enters once. */
  event_id: string
  /** When it happened: the backend's time online, the gate's own `ts` offline. */
  at_ms: number
  received_at_ms: number
  mode: AccessMode
  credential_kind: 'card' | 'pass' | 'staff'
  card_uid: string | null
  household_id: string | null
  pass_id: string | null
  staff_id: string | null
  /** A remote open: the reason the staff member gave. */
  note: string | null
  direction: 'in' | 'out' | null
  reader: number | null
  decision: 'allow' | 'deny'
  reason: string | null
  /** JSON array: ANTI_PASSBACK for a soft violation. */
  flags: string
  allow_list_version: number | null
  clock_synced: number | null
  /** 1 when received more than LATE_AFTER_MS after it happened (access-log.ts): the report roll-ups leave it out. */
  late: Generated<number>
  /** An offline decision: the access request it replaces (its answer came too late), whose own row it took (replaced-request.ts). */
  request_event_id: string | null
}

export interface AllowListSnapshotsTable {
  site_id: string
  version: number
  /** AllowList as JSON. */
  list: string
  created_at_ms: number
}

export interface PassKeysTable {
  site_id: string
  kid: string
  /** Raw 32 bytes, base64url. */
  public_key: string
  /** PKCS#8 DER, base64. */
  private_key: string
  created_at_ms: number
  retired_at_ms: number | null
}

export interface VisitorPassesTable {
  id: string
  site_id: string
  kid: string
  /** JSON array of gate ids. */
  gates: string
  valid_from_ms: number
  valid_until_ms: number
  max_uses: number
  uses: number
  visitor: string | null
  issued_by: string
  issued_at_ms: number
  revoked_at_ms: number | null
  revoked_by: string | null
}

export interface GateTables {
  gate_sites: GateSitesTable
  gate_zones: GateZonesTable
  gates: GatesTable
  access_schedules: AccessSchedulesTable
  card_schedules: CardSchedulesTable
  gate_passages: GatePassagesTable
  access_log: AccessLogTable
  allow_list_snapshots: AllowListSnapshotsTable
  pass_keys: PassKeysTable
  visitor_passes: VisitorPassesTable
}

export type GateRow = Selectable<GatesTable>
export type AccessLogRow = Selectable<AccessLogTable>
export type VisitorPass = Selectable<VisitorPassesTable>
