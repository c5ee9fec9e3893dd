// Gauges read from the store at scrape time, so every process reports the
// same truth about shared state: open alarms by severity, unacknowledged
// ones, devices offline, webhook calls waiting and the oldest one's age.
import { severities } from './alarm.ts'
import type { Executor } from '../store/executor.ts'
import type { Family } from '../metrics-exposition.ts'

export async function operatorGauges (db: Executor, nowMs: number): Promise<Family[]> {
  const open = await db.selectFrom('alarms').select(eb => ['severity', 'acknowledged', 'active', eb.fn.countAll<string>().as('n')])
    .where('open_key', 'is not', null).groupBy(['severity', 'acknowledged', 'active']).execute()
  const offline = await db.selectFrom('devices').select(eb => eb.fn.countAll<string>().as('n')).where('status', '=', 'active').where('online', '=', 0).executeTakeFirstOrThrow()
  const webhooks = await db.selectFrom('webhook_deliveries').innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select(eb => [eb.fn.countAll<string>().as('n'), eb.fn.min('webhook_deliveries.created_at_ms').as('oldest')])
    .where('webhook_deliveries.delivered_at_ms', 'is', null).where('webhooks.active', '=', 1).executeTakeFirstOrThrow() // a deactivated webhook's calls are not sent: not pending
  const count = (match: (r: typeof open[number]) => boolean) => open.filter(match).reduce((s, r) => s + Number(r.n), 0)
  return [
    { name: 'kiosk_alarms_open', help: 'Open alarms (not cleared and acknowledged) by severity.', type: 'gauge', samples: severities.map(severity => ({ labels: { severity }, value: count(r => r.severity === severity) })) },
    { name: 'kiosk_alarms_active_unacknowledged', help: 'Active alarms nobody has acknowledged yet.', type: 'gauge', samples: [{ value: count(r => r.active === 1 && r.acknowledged === 0) }] },
    { name: 'kiosk_devices_offline', help: 'Enabled devices without a live connection.', type: 'gauge', samples: [{ value: Number(offline.n) }] },
    { name: 'kiosk_webhook_deliveries_pending', help: 'Webhook calls of active webhooks not yet confirmed by their receiver.', type: 'gauge', samples: [{ value: Number(webhooks.n) }] },
    { name: 'kiosk_webhook_oldest_pending_seconds', help: 'Age of the oldest unconfirmed webhook call (0 when none).', type: 'gauge', samples: [{ value: webhooks.oldest == null ? 0 : Math.max(0, (nowMs - Number(webhooks.oldest)) / 1000) }] }
  ]
}
