// A kiosk goes offline → the offline alarm is raised within the configured
// time by the backend's own sweep → the kiosk comes back → the alarm clears,
// and its staff got exactly one notification, delivered to the site's webhook
// (registered over HTTP) on a real receiver. Real broker, real sockets, the
// backend's periodic jobs under their leases; both stores.
import t, { type Test } from 'tap'
import { parseAlarmConfig } from '../../services/alarms/alarm-config.ts'
import { findOpenAlarm } from '../../services/alarms/alarm-repository.ts'
import { alarmTypes } from '../../services/alarms/alarm-rules.ts'
import { notificationsOf } from '../../services/alarms/notification-repository.ts'
import type { Config } from '../../services/config.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { connectDevice, startKioskScene } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { startWebhookReceiver } from '../helpers/webhook-receiver.ts'

const skipPostgres = await postgresSkipReasonIfAny()
const offlineAfterMs = 1000

async function offlineAndBack (t: Test, overrides: Partial<Config>) {
  const { backend, db, site, device, secret, kiosk } = await startKioskScene(t, { ...overrides, ALARM_SWEEP_MS: 100, WEBHOOK_DELIVERY_MS: 100, ALARM_SETTINGS: parseAlarmConfig({ offline: { offlineAfterMs } }) })
  const key = { siteId: site.id, deviceId: device.id, type: alarmTypes.offline, source: '' }
  const { url: hookUrl, received } = await startWebhookReceiver(t)
  const { token } = await createStaff(db, { username: 'site-admin', name: 'Admin', role: 'admin', siteId: site.id })
  const made = await fetch(`${backend.httpUrl}/api/sites/${site.id}/webhooks`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: hookUrl })
  })
  t.equal(made.status, 201, 'webhook registered over HTTP')
  await waitUntil(async () => (await db.selectFrom('devices').select('online').where('id', '=', device.id).executeTakeFirstOrThrow()).online === 1, 'the kiosk is shown online')

  await kiosk.end()
  await waitUntil(async () => (await findOpenAlarm(db, key))?.active === true, 'the offline alarm is raised', 15_000)
  const alarm = await findOpenAlarm(db, key)
  const lastSeen = (await db.selectFrom('devices').select('last_seen_at_ms').where('id', '=', device.id).executeTakeFirstOrThrow()).last_seen_at_ms
  t.ok(alarm != null && lastSeen != null && alarm.firstAtMs - Number(lastSeen) >= offlineAfterMs, 'raised once the kiosk was offline for the configured time, not before')
  t.match(alarm, { severity: 'major', count: 1 })

  await connectDevice(t, backend.mqttUrl, device.id, secret)
  await waitUntil(async () => (await findOpenAlarm(db, key))?.active === false, 'the alarm clears once the kiosk is back', 15_000)
  t.equal(await backend.alarmSweep?.runOnce(), 'ran', 'another pass runs in this process (it holds the lease)')
  await waitUntil(() => received.length >= 1, 'the webhook receives the notification')
  t.equal(await backend.webhookDelivery?.runOnce(), 'ran')
  t.same(received.map(r => [r.kind, r.alarm.type]), [['raised', alarmTypes.offline]], 'the receiver got it once')
  const sent = await notificationsOf(db, alarm?.id ?? '')
  t.same(sent.map(n => [n.kind, n.recipient]), [['raised', 'site-staff']], 'one notification: the raise')
  const changes = await db.selectFrom('alarm_changes').select(['action', 'actor_id']).where('alarm_id', '=', alarm?.id ?? '').orderBy('id').execute()
  t.same(changes, [{ action: 'raise', actor_id: 'offline' }, { action: 'clear', actor_id: 'offline' }], 'raised and cleared by the offline rule, once each')
}

t.test('offline → alarm → back → cleared, one notification [sqlite]', async t => offlineAndBack(t, {}))
t.test('offline → alarm → back → cleared, one notification [postgres]', { skip: skipPostgres }, async t => offlineAndBack(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
