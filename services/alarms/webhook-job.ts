// Webhook delivery as a periodic job under a lease (one sender across
// processes, so calls go out in order and not twice at once). A pass serves
// up to CONCURRENCY webhooks at a time, CALLS_PER_WEBHOOK calls each, and
// starts no call after PASS_BUDGET_MS; with each call bounded by `timeoutMs`
// a pass ends within PASS_BUDGET_MS + timeoutMs, which the lease (ttl)
// outlasts, so no second process starts the same calls.
import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../jobs/periodic-job.ts'
import type { Executor } from '../store/executor.ts'
import { deliverDueWebhooks, type DeliveryReport } from './webhook-delivery.ts'

export const WEBHOOK_JOB = 'webhook-delivery'
const CALLS_PER_WEBHOOK = 5
const CONCURRENCY = 8
const PASS_BUDGET_MS = 10_000

export function startWebhookDelivery (opts: { db: Executor, log: Logger, everyMs: number, timeoutMs: number, holder?: string, onReport?: (report: DeliveryReport) => void }): PeriodicJob {
  return startPeriodicJob({
    db: opts.db,
    name: WEBHOOK_JOB,
    everyMs: opts.everyMs,
    ttlMs: Math.max(opts.everyMs * 3, PASS_BUDGET_MS + opts.timeoutMs + 10_000),
    log: opts.log,
    ...(opts.holder != null ? { holder: opts.holder } : {}),
    async run ({ nowMs }) {
      const report = await deliverDueWebhooks(opts.db, { timeoutMs: opts.timeoutMs, callsPerWebhook: CALLS_PER_WEBHOOK, concurrency: CONCURRENCY, passBudgetMs: PASS_BUDGET_MS }, nowMs)
      if (report.failed > 0) opts.log.warn(report, 'webhook calls failed; retried later')
      opts.onReport?.(report)
    }
  })
}
