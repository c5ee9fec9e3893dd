// A kiosk raises and clears an alarm over real MQTT against the whole backend:
// the PUBACK means the alarm is stored (durable before acknowledged), on both stores.
import t, { type Test } from 'tap'
import { findOpenAlarm } from '../../services/alarms/alarm-repository.ts'
import type { Config } from '../../services/config.ts'
import { startKioskScene } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'

const skipPostgres = await postgresSkipReasonIfAny()

async function raiseAndClear (t: Test, overrides: Partial<Config>) {
  const { db, site, device, kiosk } = await startKioskScene(t, overrides)
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
}

t.test('a kiosk raises and clears an alarm over MQTT [sqlite]', async t => raiseAndClear(t, {}))
t.test('a kiosk raises and clears an alarm over MQTT [postgres]', { skip: skipPostgres }, async t => raiseAndClear(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
