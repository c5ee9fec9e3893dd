// Table types for Kysely. The same types serve SQLite and PostgreSQL: times
// are integer milliseconds, booleans are 0/1, JSON is text, money is integer
// points (1 point = 1 fen).
import type { Generated, Insertable, Selectable } from 'kysely'

export interface SitesTable {
  id: string
  name: string
  timezone: string
  rate_table: string
  created_at_ms: number
}

export interface HouseholdsTable {
  id: string
  site_id: string
  /** Building-unit-room label as the property office writes it, e.g. "3-2-501". */
  label: string
  status: 'active' | 'inactive'
  balance_points: number
  created_at_ms: number
}

export type CardStatus = 'active' | 'lost' | 'blocked' | 'unlinked'
export interface CardsTable {
  uid: string
  household_id: string | null
  site_id: string
  status: CardStatus
  created_at_ms: number
  updated_at_ms: number
}

export type DeviceKind = 'kiosk' | 'gate' | 'charger'
export interface DevicesTable {
  id: string
  site_id: string
  kind: DeviceKind
  name: string
  secret_hash: string
  status: 'active' | 'disabled'
  created_at_ms: number
  online: number
  last_seen_at_ms: number | null
  last_status: string | null
}

export interface KioskSessionsTable {
  id: string
  device_id: string
  site_id: string
  household_id: string
  swipe_event_id: string
  opened_at_ms: number
  open_expires_at_ms: number
  deposit_expires_at_ms: number
  /** Site-local calendar day (YYYY-MM-DD) the daily cap counts against. */
  local_day: string
  status: 'open' | 'deposited'
  door_state: 'closed' | 'opened' | null
  deposit_event_id: string | null
}

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

export type EntryKind = 'earn' | 'redeem' | 'reverse' | 'adjust'
export interface LedgerEntriesTable {
  id: string
  household_id: string
  site_id: string
  kind: EntryKind
  /** Signed: positive credits, negative debits. */
  points: number
  balance_after: number
  idempotency_key: string
  ref_type: string | null
  ref_id: string | null
  reason: string | null
  /** Staff member who caused it (null for device-driven entries). */
  staff_id: string | null
  approved_by: string | null
  created_at_ms: number
}

export interface DailyEarningsTable {
  household_id: string
  local_day: string
  points: number
}

export type DepositOutcome = 'credited' | 'capped' | 'review'
export interface DepositsTable {
  id: string
  device_id: string
  site_id: string
  session_id: string
  household_id: string
  event_id: string
  lines: string
  total_grams: number
  points_computed: number
  points_credited: number
  outcome: DepositOutcome
  entry_id: string | null
  local_day: string
  device_ts: number
  received_at_ms: number
}

export interface ReviewItemsTable {
  id: string
  deposit_id: string
  household_id: string
  site_id: string
  reasons: string
  points_computed: number
  status: 'pending' | 'approved' | 'rejected'
  decided_by: string | null
  decided_at_ms: number | null
  entry_id: string | null
  created_at_ms: number
}

export type CommandStatus = 'pending' | 'acked' | 'failed' | 'expired'
export interface CommandsTable {
  cmd_id: string
  device_id: string
  type: string
  payload: string
  status: CommandStatus
  created_at_ms: number
  expires_at_ms: number
  sent_count: number
  last_sent_at_ms: number | null
  acked_at_ms: number | null
  ack_error: string | null
  /** The event whose handling made this command (migration 0006); null for older rows. */
  event_id: string | null
}

export type StaffRole = 'counter' | 'manager' | 'admin'
export interface StaffTable {
  id: string
  username: string
  name: string
  role: StaffRole
  /** Null: all sites (operators). */
  site_id: string | null
  token_hash: string
  active: number
  created_at_ms: number
}

export interface ShopItemsTable {
  id: string
  site_id: string
  name: string
  price_points: number
  stock: number
  active: number
  created_at_ms: number
}

export interface RedemptionsTable {
  id: string
  household_id: string
  site_id: string
  kind: 'cash' | 'item'
  item_id: string | null
  quantity: number
  points: number
  entry_id: string
  staff_id: string
  created_at_ms: number
  reversed_entry_id: string | null
}

export interface IdempotencyKeysTable {
  scope: string
  key: string
  request_hash: string
  status_code: number
  response: string
  created_at_ms: number
}

export interface AdjustmentRequestsTable {
  id: string
  household_id: string
  site_id: string
  points: number
  reason: string
  requested_by: string
  status: 'pending' | 'approved' | 'rejected'
  decided_by: string | null
  decided_at_ms: number | null
  entry_id: string | null
  created_at_ms: number
}

export interface Database {
  sites: SitesTable
  households: HouseholdsTable
  cards: CardsTable
  devices: DevicesTable
  kiosk_sessions: KioskSessionsTable
  device_events: DeviceEventsTable
  dead_letters: DeadLettersTable
  ledger_entries: LedgerEntriesTable
  daily_earnings: DailyEarningsTable
  deposits: DepositsTable
  review_items: ReviewItemsTable
  commands: CommandsTable
  staff: StaffTable
  shop_items: ShopItemsTable
  redemptions: RedemptionsTable
  idempotency_keys: IdempotencyKeysTable
  adjustment_requests: AdjustmentRequestsTable
  telemetry_outbox: TelemetryOutboxTable
  telemetry_dead_letters: TelemetryDeadLettersTable
}

export type Site = Selectable<SitesTable>
export type Household = Selectable<HouseholdsTable>
export type Card = Selectable<CardsTable>
export type Device = Selectable<DevicesTable>
export type KioskSession = Selectable<KioskSessionsTable>
export type LedgerEntry = Selectable<LedgerEntriesTable>
export type NewLedgerEntry = Insertable<LedgerEntriesTable>
export type Staff = Selectable<StaffTable>
export type ShopItem = Selectable<ShopItemsTable>
export type Redemption = Selectable<RedemptionsTable>
export type CommandRow = Selectable<CommandsTable>
export type Deposit = Selectable<DepositsTable>
export type ReviewItem = Selectable<ReviewItemsTable>
export type DeadLetter = Selectable<DeadLettersTable>
export type AdjustmentRequest = Selectable<AdjustmentRequestsTable>

// Keeps `Generated` importable for future auto columns without a lint error.
export type _Generated<T> = Generated<T>

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

/** The last failed authentication of a device, and how many there were (migration 0003). */
export interface DeviceAuthFailuresTable {
  device_id: string
  failed_at_ms: number
  /** bad-secret, disabled, throttled … (broker/device-authentication-hook.ts). */
  reason: string
  remote_address: string | null
  failures: number
}
export type DeviceAuthFailure = Selectable<DeviceAuthFailuresTable>

// Declaration merging adds the table to Database without editing the list above.
export interface Database {
  device_auth_failures: DeviceAuthFailuresTable
}

/** One staff action through the HTTP API (migration 0004): who, what, when, from where. Append-only. */
export interface AuditLogTable {
  id: Generated<number>
  at_ms: number
  staff_id: string
  staff_role: StaffRole
  /** Null: staff for all sites. */
  staff_site_id: string | null
  method: string
  /** Route pattern, e.g. `/api/cards/:uid/block`. */
  route: string
  /** Route params as JSON. */
  params: string
  /** Short JSON summary of the request body, secrets removed (services/audit/audit-log.ts). */
  body_summary: string | null
  status_code: number
  ip: string
  user_agent: string | null
  request_id: string
  duration_ms: number
}
export type AuditLogRow = Selectable<AuditLogTable>

export interface Database {
  audit_log: AuditLogTable
}

/** One row (id 1) counting registry writes (migration 0007; services/devices/registry-cache.ts). */
export interface RegistryVersionTable {
  id: number
  version: number
}
export interface Database {
  registry_version: RegistryVersionTable
}

/** One alarm episode (migration 0100, services/alarms/alarm-repository.ts, docs/alarms.md). */
export interface AlarmsTable {
  id: string
  /** Null: a backend alarm (telemetry outbox). */
  site_id: string | null
  /** Null: a site alarm (flood) or a backend alarm. */
  device_id: string | null
  type: string
  /** Bin category or port; '' for the whole device. */
  source: string
  /** The key while the alarm is open (unique), null once it is closed. */
  open_key: string | null
  severity: 'critical' | 'major' | 'minor' | 'warning' | 'indeterminate'
  message: string | null
  active: number
  acknowledged: number
  acknowledged_by: string | null
  acknowledged_at_ms: number | null
  cleared_at_ms: number | null
  shelved_reason: string | null
  shelved_until_ms: number | null
  shelved_by: string | null
  shelved_at_ms: number | null
  out_of_service_reason: string | null
  out_of_service_by: string | null
  out_of_service_at_ms: number | null
  /** The flood alarm this one is grouped under. */
  group_id: string | null
  count: number
  first_at_ms: number
  last_at_ms: number
  updated_at_ms: number
}

/** Who changed an alarm, when, from which state to which (append-only). */
export interface AlarmChangesTable {
  id: Generated<number>
  alarm_id: string
  action: string
  at_ms: number
  actor_kind: 'staff' | 'device' | 'rule' | 'system'
  actor_id: string
  from_state: string | null
  to_state: string
  reason: string | null
  /** JSON: severity, count, shelf expiry, flood id. */
  details: string
}

export interface Database {
  alarms: AlarmsTable
  alarm_changes: AlarmChangesTable
}
