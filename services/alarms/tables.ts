// Kysely table types of the alarms domain: alarms and their change history.
// services/store/database.ts joins every domain's tables into one Database.
import type { Generated } from 'kysely'
import type { DepositCategoryDaysTable } from '../reports/tables.ts'

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
  /** When the current active episode began: the first raise, or the raise after the last clear. */
  active_since_ms: number
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

/** Each notification sent, under the key that names it once (escalation.ts; migration 0104). */
export interface AlarmNotificationsTable {
  key: string
  alarm_id: string
  site_id: string | null
  kind: 'raised' | 'reminder' | 'escalation'
  n: number
  recipient: string
  at_ms: number
}

/** A site's webhook: notifications of its alarms are POSTed there, signed with `secret` (HMAC-SHA256). */
export interface WebhooksTable {
  id: string
  site_id: string
  url: string
  secret: string
  active: number
  created_at_ms: number
}

/** The durable outbox of webhook calls: one row per (webhook, notification), done once confirmed. */
export interface WebhookDeliveriesTable {
  id: Generated<number>
  webhook_id: string
  notification_key: string
  /** The JSON body, signed as sent. */
  body: string
  attempts: number
  next_attempt_at_ms: number
  delivered_at_ms: number | null
  last_error: string | null
  created_at_ms: number
}

export interface AlarmTables {
  alarms: AlarmsTable
  alarm_changes: AlarmChangesTable
  alarm_notifications: AlarmNotificationsTable
  webhooks: WebhooksTable
  webhook_deliveries: WebhookDeliveriesTable
  deposit_category_days: DepositCategoryDaysTable
}
