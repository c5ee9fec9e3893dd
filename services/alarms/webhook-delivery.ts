// Sends the webhook outbox (webhook-outbox.ts): due calls, oldest first, each
// POSTed with its HMAC signature; a 2xx marks it delivered, anything else
// (an error status, a refused connection, a timeout) schedules a retry after
// a growing pause. A call is never dropped: a receiver that is down for a day
// gets everything when it is back. A receiver may see a call twice only when
// its 2xx was lost on the way back; it de-duplicates by the `key` field (also
// in the `X-Alarm-Delivery` header).
import type { Executor } from '../store/executor.ts'
import { signWebhook } from './webhook-outbox.ts'

export const SIGNATURE_HEADER = 'x-alarm-signature'
export const DELIVERY_HEADER = 'x-alarm-delivery'

/** Pause before retry `attempts` (1 = after the first failure): 1 s doubling, at most 5 minutes. */
export function retryDelayMs (attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000)
}

export interface DeliveryOptions { timeoutMs: number, batch: number }
export interface DeliveryReport { delivered: number, failed: number }

export async function deliverDueWebhooks (db: Executor, opts: DeliveryOptions, nowMs: number): Promise<DeliveryReport> {
  const due = await db.selectFrom('webhook_deliveries').innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select(['webhook_deliveries.id', 'webhook_deliveries.notification_key', 'webhook_deliveries.body', 'webhook_deliveries.attempts', 'webhooks.url', 'webhooks.secret'])
    .where('webhook_deliveries.delivered_at_ms', 'is', null).where('webhook_deliveries.next_attempt_at_ms', '<=', nowMs)
    .orderBy('webhook_deliveries.next_attempt_at_ms').orderBy('webhook_deliveries.id').limit(opts.batch).execute()
  const report: DeliveryReport = { delivered: 0, failed: 0 }
  // one at a time, in order: a receiver sees a site's notifications in the order they were made
  for (const call of due) {
    const error = await post(call.url, call.body, call.secret, call.notification_key, opts.timeoutMs)
    const attempts = call.attempts + 1
    if (error == null) {
      await db.updateTable('webhook_deliveries').set({ delivered_at_ms: nowMs, attempts, last_error: null }).where('id', '=', call.id).execute()
      report.delivered++
    } else {
      await db.updateTable('webhook_deliveries').set({ attempts, next_attempt_at_ms: nowMs + retryDelayMs(attempts), last_error: error.slice(0, 500) }).where('id', '=', call.id).execute()
      report.failed++
    }
  }
  return report
}

/** Undefined when the receiver answered 2xx; otherwise why not. */
async function post (url: string, body: string, secret: string, key: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(secret, body, Date.now()), [DELIVERY_HEADER]: key },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error'
    })
    await res.body?.cancel()
    return res.ok ? undefined : `HTTP ${res.status}`
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code
    return `${(err as Error).name}: ${(err as Error).message}${cause != null ? ` (${cause})` : ''}`
  }
}
