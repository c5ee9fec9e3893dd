// The durable outbox of webhook calls (as services/telemetry/ ships points):
// a call is a row made in the notification's transaction, sent by the
// delivery job, and done only when the receiver answered 2xx. Until then it is
// retried with a growing pause; the receiver de-duplicates by `key`.
import { createHmac } from 'node:crypto'
import type { Executor } from '../store/executor.ts'
import type { Alarm } from './alarm.ts'
import type { Notification } from './escalation.ts'

/** The JSON a receiver gets: the notification and the alarm as it was when it was due. */
export interface WebhookBody {
  key: string
  kind: Notification['kind']
  n: number
  to: string
  atMs: number
  alarm: {
    id: string, siteId: string | null, deviceId: string | null, type: string, source: string,
    severity: string, message: string | null, active: boolean, count: number, firstAtMs: number, lastAtMs: number
  }
}

export function webhookBody (n: Notification, alarm: Alarm): WebhookBody {
  const { key } = alarm
  return {
    key: n.key, kind: n.kind, n: n.n, to: n.to, atMs: n.atMs,
    alarm: {
      id: alarm.id, siteId: key.siteId, deviceId: key.deviceId, type: key.type, source: key.source,
      severity: alarm.severity, message: alarm.message, active: alarm.active, count: alarm.count, firstAtMs: alarm.firstAtMs, lastAtMs: alarm.lastAtMs
    }
  }
}

/**
 * The signature header value: `t=<ms>,v1=<hex HMAC-SHA256 of "<ms>.<body>">`, as Stripe signs,
 * so a receiver can refuse replays of old calls by the time and forged ones by the MAC.
 */
export function signWebhook (secret: string, body: string, atMs: number): string {
  const mac = createHmac('sha256', secret).update(`${atMs}.${body}`).digest('hex')
  return `t=${atMs},v1=${mac}`
}

export async function enqueueWebhookCalls (trx: Executor, siteId: string, n: Notification, alarm: Alarm): Promise<number> {
  const hooks = await trx.selectFrom('webhooks').select('id').where('site_id', '=', siteId).where('active', '=', 1).execute()
  if (hooks.length === 0) return 0
  const body = JSON.stringify(webhookBody(n, alarm))
  await trx.insertInto('webhook_deliveries')
    .values(hooks.map(h => ({ webhook_id: h.id, notification_key: n.key, body, attempts: 0, next_attempt_at_ms: n.atMs, delivered_at_ms: null, last_error: null, created_at_ms: n.atMs })))
    .onConflict(oc => oc.columns(['webhook_id', 'notification_key']).doNothing())
    .execute()
  return hooks.length
}
