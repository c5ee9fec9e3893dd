// Sends the webhook outbox (webhook-outbox.ts). A pass gives every active
// webhook with due calls its turn: webhooks are served `concurrency` at a
// time, the one with the oldest waiting call first, and each sends at most
// `callsPerWebhook` calls, so a receiver that never answers costs its own turn
// one timeout per pass and delays no other site's webhooks. A 2xx marks a call
// delivered; anything else (an error status, a refused connection, a timeout)
// schedules a retry after a growing pause. A deactivated webhook's queued
// calls are not sent (they stay in the table, not counted as pending).
//
// Per webhook, calls go out in the order they were queued, one at a time: a
// webhook whose oldest call failed sends nothing newer until that call is
// delivered. Each body carries the alarm as it was when the notification was
// due, so a receiver that shows an alarm's latest state (or a chat room read by
// people) would otherwise be left with an older state ("raised" after
// "escalated", active after cleared). The cost falls on that webhook alone.
//
// A call is never dropped: a receiver that is down for a day gets everything,
// in order, when it is back. It may see a call twice only when its 2xx was
// lost on the way back; it de-duplicates by the `key` field (also in the
// `X-Alarm-Delivery` header). No call starts after `passBudgetMs`, so a pass
// ends within `passBudgetMs + timeoutMs` however many receivers are slow.
import type { Executor } from '../store/executor.ts'
import { signWebhook } from './webhook-outbox.ts'

export const SIGNATURE_HEADER = 'x-alarm-signature'
export const DELIVERY_HEADER = 'x-alarm-delivery'

/** Pause before retry `attempts` (1 = after the first failure): 1 s doubling, at most 5 minutes. */
export function retryDelayMs (attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000)
}

export interface DeliveryOptions {
  timeoutMs: number
  /** Calls one webhook may send in a pass, in order, stopping at its first failure. */
  callsPerWebhook: number
  /** Webhooks served at the same time. */
  concurrency: number
  /** No call starts later than this after the pass began (wall clock). */
  passBudgetMs: number
}
export interface DeliveryReport { delivered: number, failed: number }

interface Call { id: number, key: string, body: string, attempts: number, dueAtMs: number, url: string, secret: string }

export async function deliverDueWebhooks (db: Executor, opts: DeliveryOptions, nowMs: number): Promise<DeliveryReport> {
  const turns = await webhookTurns(db, opts.callsPerWebhook, nowMs)
  const deadline = performance.now() + opts.passBudgetMs
  const report: DeliveryReport = { delivered: 0, failed: 0 }
  async function serve (calls: Call[]): Promise<void> {
    for (const call of calls) {
      if (performance.now() > deadline) return
      const error = await post(call.url, call.body, call.secret, call.key, opts.timeoutMs)
      const attempts = call.attempts + 1
      if (error == null) {
        await db.updateTable('webhook_deliveries').set({ delivered_at_ms: nowMs, attempts, last_error: null }).where('id', '=', call.id).execute()
        report.delivered++
      } else {
        await db.updateTable('webhook_deliveries').set({ attempts, next_attempt_at_ms: nowMs + retryDelayMs(attempts), last_error: error.slice(0, 500) }).where('id', '=', call.id).execute()
        report.failed++
        return // later calls wait behind it
      }
    }
  }
  let next = 0
  const worker = async (): Promise<void> => { while (next < turns.length) await serve(turns[next++] ?? []) }
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, turns.length) }, worker))
  return report
}

/**
 * Per active webhook, the calls it may send now: its oldest undelivered calls (at most `perWebhook`)
 * up to the first that is not due. Webhooks whose first call has been due longest come first, so one
 * skipped when a pass ran out of time goes before those that were just served.
 */
async function webhookTurns (db: Executor, perWebhook: number, nowMs: number): Promise<Call[][]> {
  const rows = await db.selectFrom(qb => qb.selectFrom('webhook_deliveries').innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .where('webhooks.active', '=', 1).where('webhook_deliveries.delivered_at_ms', 'is', null)
    .select(eb => ['webhook_deliveries.id', 'webhook_deliveries.webhook_id', 'webhook_deliveries.notification_key', 'webhook_deliveries.body', 'webhook_deliveries.attempts',
      'webhook_deliveries.next_attempt_at_ms', 'webhooks.url', 'webhooks.secret',
      eb.fn.agg<number>('row_number').over(ob => ob.partitionBy('webhook_deliveries.webhook_id').orderBy('webhook_deliveries.id')).as('place')])
    .as('pending'))
    .selectAll().where('place', '<=', perWebhook).orderBy('webhook_id').orderBy('id').execute()
  const byWebhook = new Map<string, Call[]>()
  const blocked = new Set<string>()
  for (const r of rows) {
    if (blocked.has(r.webhook_id)) continue
    if (Number(r.next_attempt_at_ms) > nowMs) { blocked.add(r.webhook_id); continue }
    const calls = byWebhook.get(r.webhook_id) ?? []
    calls.push({ id: Number(r.id), key: r.notification_key, body: r.body, attempts: r.attempts, dueAtMs: Number(r.next_attempt_at_ms), url: r.url, secret: r.secret })
    byWebhook.set(r.webhook_id, calls)
  }
  const first = (calls: Call[]): Call => calls[0] as Call
  return [...byWebhook.values()].sort((a, b) => first(a).dueAtMs - first(b).dueAtMs || first(a).id - first(b).id)
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
