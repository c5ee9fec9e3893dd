// Gates in the simulator's fleet: the CLI options, provisioning over the real
// HTTP API (kind gate), and a provisioned gate connecting with its secret and
// converging on the list and the clock.
import t from 'tap'
import { parseCliArgs } from '../../device-sim/cli-args.ts'
import { fleetDescriptionSchema } from '../../device-sim/fleet-description.ts'
import { SimGate } from '../../device-sim/gate.ts'
import { createHttpProvisioner, provisionFleet } from '../../device-sim/provision.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { startBackendOn } from '../helpers/gate-backend.ts'
import { waitUntil } from '../helpers/wait-until.ts'

t.test('the gate options of the CLI', async t => {
  t.match(parseCliArgs(['--token', 'x', '--gates', '4', '--gate-rate', '10', '--gate-offline-rate', '0.1', '--clock-drift-s', '300', '--passback-rate', '0.05']),
    { gates: 4, gateRate: 10, gateOfflineRate: 0.1, clockDriftS: 300, passbackRate: 0.05 })
  t.match(parseCliArgs(['--token', 'x']), { gates: undefined, gateRate: 2, gateOfflineRate: 0, clockDriftS: 0, passbackRate: 0 })
  t.throws(() => parseCliArgs(['--token', 'x', '--gate-offline-rate', '2']), /gateOfflineRate/)
  t.same(fleetDescriptionSchema.parse({ mqttUrl: 'mqtt://x', siteId: 's1', kiosks: [{ deviceId: 'k1', secret: 's' }], cards: ['CARD0001'] }).gates, [], 'fleet files written before gates still load')
})

t.test('provisioned over HTTP, a gate connects and converges', async t => {
  const backend = await startBackendOn(t, 'sqlite')
  const { token } = await createStaff(backend.store.db, { username: 'provisioner', name: 'Admin', role: 'admin', siteId: null })
  const fleet = await provisionFleet(createHttpProvisioner({ httpUrl: backend.httpUrl, token }), { mqttUrl: backend.mqttUrl, kiosks: 1, gates: 2, residents: 3, prefix: 'g' })
  t.same(fleet.gates?.map(g => g.deviceId), ['g-gate-001', 'g-gate-002'])
  const kinds = await backend.store.db.selectFrom('devices').select(['id', 'kind']).where('site_id', '=', fleet.siteId).orderBy('id').execute()
  t.same(kinds.map(d => [d.id, d.kind]), [['g-gate-001', 'gate'], ['g-gate-002', 'gate'], ['g-kiosk-001', 'kiosk']])
  const first = fleet.gates![0]!
  const gate = new SimGate({ mqttUrl: fleet.mqttUrl, siteId: fleet.siteId, deviceId: first.deviceId, secret: first.secret })
  t.teardown(() => gate.close())
  await gate.start()
  await waitUntil(() => gate.listVersion > 0 && gate.clockSynced, 'the gate holds the list and the time')
  t.match(await gate.present({ kind: 'card', card: fleet.cards[0]! }, 'in'), { decidedBy: 'backend', result: 'allow' })
})
