// Port states in a pile's status heartbeat, over the real broker on both
// stores: a valid status shows its ports in device health (by port number,
// with power while charging); a status listing a port twice or an unknown
// state is dead-lettered with SCHEMA_VIOLATION and leaves the last good
// status in place.
import t from 'tap'
import { deviceHealth } from '../../services/devices/device-health.ts'
import { aCharger } from '../fixtures/charging-scene.ts'
import { aSite } from '../fixtures/builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { eachBackendStore, startBackendOn } from '../helpers/gate-backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'

await eachBackendStore(t, 'a pile\'s port states reach device health; a bad port list is dead-lettered', async (t, store) => {
  const backend = await startBackendOn(t, store)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aCharger(db, site.id)
  const pile = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const health = async () => (await deviceHealth(db, { deviceId: device.id }, Date.now()))[0]

  t.same((await health())?.ports, [], 'no status yet: no ports')
  await pile.publishJson('status', {
    online: true, firmware: 'pile-1.2',
    ports: [{ port: 2, state: 'charging', powerW: 480 }, { port: 1, state: 'idle' }, { port: 3, state: 'fault' }, { port: 4, state: 'offline' }]
  })
  await waitUntil(async () => (await health())?.firmware === 'pile-1.2', 'the status is recorded')
  t.same((await health())?.ports, [
    { port: 1, state: 'idle' }, { port: 2, state: 'charging', powerW: 480 }, { port: 3, state: 'fault' }, { port: 4, state: 'offline' }
  ], 'every port with its state, by port number')

  const bad = [
    [{ port: 1, state: 'idle' }, { port: 1, state: 'charging' }],
    [{ port: 1, state: 'sleeping' }],
    [{ port: 0, state: 'idle' }],
    [{ port: 1, state: 'charging', powerW: -5 }]
  ]
  for (const ports of bad) await pile.publishJson('status', { online: true, firmware: 'pile-9.9', ports })
  await waitUntil(async () => (await db.selectFrom('dead_letters').select('code').where('device_id', '=', device.id).execute()).length === bad.length, 'each bad status is dead-lettered')
  const letters = await db.selectFrom('dead_letters').select(['code', 'reason']).where('device_id', '=', device.id).orderBy('received_at_ms').execute()
  t.same(letters.map(l => l.code), bad.map(() => 'SCHEMA_VIOLATION'))
  t.match(letters[0]?.reason, /each port may be listed once/, 'a repeated port says so')
  t.match(await health(), { firmware: 'pile-1.2', ports: [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }] }, 'the last good status stays')
})
