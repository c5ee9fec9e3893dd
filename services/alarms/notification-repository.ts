// Notifications in the store: which were sent (the keys escalation.ts names
// them by), and recording new ones. Recording is insert-if-absent on the key,
// so two sweeps that compute the same notification send it once; the webhook
// calls of a notification are queued in the same transaction (webhooks.ts).
import type { Executor } from '../store/executor.ts'
import { inTransaction } from '../store/executor.ts'
import type { Alarm } from './alarm.ts'
import type { Notification } from './escalation.ts'
import { enqueueWebhookCalls } from './webhook-outbox.ts'

/**
 * Keys of the notifications already sent for open alarms that can still matter: every `raised`
 * and escalation, and only the reminders sent since `remindersSinceMs`. A sweep asks only whether
 * the *current* reminder went out (escalation.ts), and that one was sent within the last reminder
 * period; without the bound an alarm unacknowledged for a week would load ~700 keys per pass.
 */
export async function sentNotificationKeys (db: Executor, remindersSinceMs: number): Promise<Set<string>> {
  const rows = await db.selectFrom('alarm_notifications').innerJoin('alarms', 'alarms.id', 'alarm_notifications.alarm_id')
    .select('alarm_notifications.key').where('alarms.open_key', 'is not', null)
    .where(eb => eb.or([eb('alarm_notifications.kind', '!=', 'reminder'), eb('alarm_notifications.at_ms', '>=', remindersSinceMs)]))
    .execute()
  return new Set(rows.map(r => r.key))
}

/** Records each notification once and queues its webhook calls; returns those recorded now (not before). */
export async function recordNotifications (db: Executor, due: readonly Notification[], alarms: ReadonlyMap<string, Alarm>): Promise<Notification[]> {
  if (due.length === 0) return []
  return inTransaction(db, async trx => {
    const recorded: Notification[] = []
    for (const n of due) {
      const alarm = alarms.get(n.alarmId)
      const inserted = await trx.insertInto('alarm_notifications')
        .values({ key: n.key, alarm_id: n.alarmId, site_id: alarm?.key.siteId ?? null, kind: n.kind, n: n.n, recipient: n.to, at_ms: n.atMs })
        .onConflict(oc => oc.column('key').doNothing()).executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) continue
      recorded.push(n)
      if (alarm?.key.siteId != null) await enqueueWebhookCalls(trx, alarm.key.siteId, n, alarm)
    }
    return recorded
  })
}

/** Notifications of one alarm, oldest first (history, tests). */
export async function notificationsOf (db: Executor, alarmId: string) {
  return db.selectFrom('alarm_notifications').selectAll().where('alarm_id', '=', alarmId).orderBy('at_ms').orderBy('key').execute()
}
