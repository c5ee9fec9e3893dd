// A kiosk raises and clears an alarm over real MQTT against the whole backend:
// the PUBACK means the alarm is stored (durable before acknowledged), and
// GET /metrics shows it to Prometheus; on both stores.
import t, { type Test } from 'tap'
import { findOpenAlarm } from '../../services/alarms/alarm-repository.ts'
import type { Config } from '../../services/config.ts'
import { startKioskScene } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const skipPostgres = await postgresSkipReasonIfAny()

async function raiseAndClear (t: Test, overrides: Partial<Config>) {
  const { backend, db, site, device, kiosk } = await startKioskScene(t, { ...overrides, ALARM_SWEEP_MS: 0 })
  const key = { siteId: site.id, deviceId: device.id, type: 'scale-fault', source: 'glass' }
  const ts = Date.now()
  const raise = { eventId: 'al-1', ts, type: 'scale-fault', state: 'raised', bin: 'glass', message: 'load cell reads -40 kg' }
  await kiosk.publishJson('events/alarm', raise)
  t.match(await findOpenAlarm(db, key), { active: true, severity: 'minor', count: 1, message: 'load cell reads -40 kg' }, 'stored before the PUBACK')
  await kiosk.publishJson('events/alarm', raise)
  t.equal((await findOpenAlarm(db, key))?.count, 1, 'a resent event is not counted twice')
  await kiosk.publishJson('events/alarm', { eventId: 'al-2', ts: ts + 1, type: 'scale-fault', state: 'cleared', bin: 'glass' })
  t.match(await findOpenAlarm(db, key), { active: false }, 'cleared')
  t.same(kiosk.received.filter(m => m.topic.endsWith('/errors')), [], 'no error replies')

  await kiosk.publishJson('events/alarm', { eventId: 'al-3', ts: ts + 2, type: 'smoke', state: 'raised' })
  // presence is written in batches: wait until the store shows the kiosk online
  await waitUntil(async () => (await db.selectFrom('devices').select('online').where('id', '=', device.id).executeTakeFirstOrThrow()).online === 1, 'the kiosk is shown online')
  const metrics = await fetch(`${backend.httpUrl}/metrics`)
  t.equal(metrics.status, 200, '/metrics needs no token')
  t.match(metrics.headers.get('content-type'), /^text\/plain; version=0\.0\.4/)
  const text = await metrics.text()
  const sample = (line: string) => text.split('\n').includes(line)
  t.ok(sample('kiosk_alarms_open{severity="critical"} 1'), 'the smoke alarm is open')
  t.ok(sample('kiosk_alarms_open{severity="minor"} 1'), 'the cleared scale fault is open until acknowledged')
  t.ok(sample('kiosk_alarms_active_unacknowledged 1'))
  t.ok(sample('kiosk_events_accepted_total 3'), 'raise, clear, raise (the replay not counted)')
  t.ok(sample('kiosk_events_replayed_total 1'))
  t.ok(sample('kiosk_mqtt_connected_devices 1'))
  t.ok(sample('kiosk_devices_offline 0'))
  t.ok(sample('kiosk_webhook_deliveries_pending 0'))
}

t.test('a kiosk raises and clears an alarm over MQTT [sqlite]', async t => raiseAndClear(t, {}))
t.test('a kiosk raises and clears an alarm over MQTT [postgres]', { skip: skipPostgres }, async t => raiseAndClear(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
