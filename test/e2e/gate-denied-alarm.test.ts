// Repeated denied swipes at a gate, end to end: unknown cards tried at a gate
// through the real broker are denied and logged; the backend's own alarm sweep
// (under its lease) raises the gate's denied-swipes alarm from the access log,
// and clears it once the window has moved past the denials. Both stores.
import t from 'tap'
import { parseAlarmConfig } from '../../services/alarms/alarm-config.ts'
import { findOpenAlarm } from '../../services/alarms/alarm-repository.ts'
import { alarmTypes } from '../../services/alarms/alarm-rules.ts'
import { aSite } from '../fixtures/builders.ts'
import { aGate } from '../fixtures/gate-builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const windowMs = 4000
let seq = 0

await eachBackendStore(t, 'four denials at one gate raise its alarm; quiet clears it', async (t, store) => {
  const backend = await startBackendOn(t, store, { ALARM_SWEEP_MS: 100, ALARM_SETTINGS: parseAlarmConfig({ deniedSwipes: { windowMs, perGate: 4, perCard: 100 } }) })
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aGate(db, site.id)
  const gate = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const key = { siteId: site.id, deviceId: device.id, type: alarmTypes.deniedGate, source: '' }

  const tryCard = async (uid: string) => {
    const request = { eventId: `d${++seq}`, ts: Date.now(), reader: 0, direction: 'in', credential: { kind: 'card', card: uid } }
    await gate.publishJson('events/access-request', request)
    t.match((await gate.waitFor(m => m.payload.requestEventId === request.eventId)).payload, { type: 'gate-deny', reason: 'CARD_UNKNOWN' })
  }
  for (const uid of ['NOPE0001', 'NOPE0002', 'NOPE0003']) await tryCard(uid)
  t.equal(await backend.alarmSweep?.runOnce(), 'ran', 'a pass after three denials')
  t.equal(await findOpenAlarm(db, key), undefined, 'three denials: no alarm')

  await tryCard('NOPE0004')
  await waitUntil(async () => (await findOpenAlarm(db, key))?.active === true, 'the sweep raises the gate\'s alarm', 15_000)
  t.match(await findOpenAlarm(db, key), { severity: 'minor', count: 1, message: /^4 denied swipes/ })

  await waitUntil(async () => (await findOpenAlarm(db, key))?.active === false, 'quiet for the window: the alarm clears', 15_000)
  const alarm = await findOpenAlarm(db, key)
  const changes = await db.selectFrom('alarm_changes').select(['action', 'actor_id']).where('alarm_id', '=', alarm?.id ?? '').orderBy('id').execute()
  t.same(changes, [{ action: 'raise', actor_id: 'denied-swipes' }, { action: 'clear', actor_id: 'denied-swipes' }], 'raised and cleared by the rule, once each')
})
