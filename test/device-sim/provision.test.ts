// provisionFleet through its two adapters, both on real stores: straight
// into the database (SQLite and PostgreSQL), and over the real HTTP API of a
// running backend, whose kiosks then connect with the secrets it handed out.
import t from 'tap'
import { fleetDescriptionSchema } from '../../device-sim/fleet-description.ts'
import { SimKiosk } from '../../device-sim/kiosk.ts'
import { createHttpProvisioner, provisionFleet, type Provisioner } from '../../device-sim/provision.ts'
import { createHousehold } from '../../services/households/household-registry.ts'
import { createSite } from '../../services/sites/site-registry.ts'
import { linkCard } from '../../services/households/card-registry.ts'
import { provisionDevice } from '../../services/devices/device-registry.ts'
import { checkDeviceSecret } from '../../services/devices/secrets.ts'
import { testPepper } from '../fixtures/builders.ts'
import { createStaff } from '../../services/staff/staff.ts'
import type { Executor } from '../../services/store/executor.ts'
import { eachStore } from '../helpers/stores.ts'
import { eachBackend } from './helpers/sim-backend.ts'

function storeProvisioner (db: Executor): Provisioner {
  return {
    createSite: name => createSite(db, { name }),
    createKiosk: async (siteId, deviceId) => {
      const { device, secret } = await provisionDevice(db, testPepper(), { id: deviceId, siteId, kind: 'kiosk' })
      return { deviceId: device.id, secret }
    },
    createHousehold: (siteId, label) => createHousehold(db, { siteId, label }),
    addCard: (householdId, uid) => linkCard(db, { uid, householdId })
  }
}

eachStore(t, 'provisionFleet straight into the store: site, kiosks with working secrets, one card per household', async (t, store) => {
  const { db } = store
  const fleet = await provisionFleet(storeProvisioner(db), { mqttUrl: 'mqtt://x:1883', kiosks: 3, residents: 12, prefix: 'run1' })
  t.ok(fleetDescriptionSchema.safeParse(fleet).success, 'a valid fleet description')
  t.same(fleet.kiosks.map(k => k.deviceId), ['run1-kiosk-001', 'run1-kiosk-002', 'run1-kiosk-003'])
  t.equal(fleet.cards.length, 12)
  t.equal(fleet.cards[11], 'run1-card-012')

  t.match(await db.selectFrom('sites').selectAll().where('id', '=', fleet.siteId).executeTakeFirstOrThrow(), { name: 'Simulated compound run1' })
  const devices = await db.selectFrom('devices').select(['id', 'kind', 'site_id', 'secret_hash']).orderBy('id').execute()
  t.same(devices.map(d => [d.id, d.kind, d.site_id]), fleet.kiosks.map(k => [k.deviceId, 'kiosk', fleet.siteId]))
  for (const [i, k] of fleet.kiosks.entries()) t.equal(await checkDeviceSecret(testPepper(), k.secret, devices[i]!.secret_hash), 'match', `${k.deviceId}: the secret matches its stored hash`)
  const cards = await db.selectFrom('cards').innerJoin('households', 'households.id', 'cards.household_id')
    .select(['cards.uid', 'cards.status', 'households.label', 'households.site_id']).orderBy('cards.uid').execute()
  t.same(cards.map(c => c.uid), fleet.cards, 'every card is stored')
  t.same(cards[0], { uid: 'run1-card-001', status: 'active', label: 'run1 household 001', site_id: fleet.siteId })
  t.equal(new Set(cards.map(c => c.label)).size, 12, 'one household per card')
})

eachBackend(t, 'the HTTP provisioner against the real API: created resources, working secrets, coded errors', async (t, scene) => {
  const { token } = await createStaff(scene.db, { username: 'provisioner', name: 'Provisioning admin', role: 'admin', siteId: null })
  const http = createHttpProvisioner({ httpUrl: scene.backend.httpUrl, token })
  const fleet = await provisionFleet(http, { mqttUrl: scene.backend.mqttUrl, kiosks: 2, residents: 3, prefix: 'p' })
  t.same(fleet.kiosks.map(k => k.deviceId), ['p-kiosk-001', 'p-kiosk-002'])
  t.same(fleet.cards, ['p-card-001', 'p-card-002', 'p-card-003'])
  t.match(await scene.api('GET', `/api/sites/${fleet.siteId}`), { id: fleet.siteId, name: 'Simulated compound p' })
  const card = await scene.api('GET', '/api/cards/p-card-002')
  t.match(card, { card: { uid: 'p-card-002', status: 'active', siteId: fleet.siteId }, household: { label: 'p household 002' }, balancePoints: 0 })
  for (const k of fleet.kiosks) {
    const kiosk = new SimKiosk({ mqttUrl: fleet.mqttUrl, deviceId: k.deviceId, secret: k.secret, heartbeatS: 0 })
    await kiosk.start()
    t.ok(kiosk.online, `${k.deviceId} connects with the secret the API handed out`)
    await kiosk.close()
  }

  await t.rejects(http.addCard(card.household.id, 'p-card-001'), { name: 'ProvisioningError', status: 409, code: 'CONFLICT', message: /CONFLICT: card is already active/ })
  await t.rejects(createHttpProvisioner({ httpUrl: scene.backend.httpUrl, token: 'not-a-token' }).createSite('x'), { status: 401, code: 'UNAUTHENTICATED' })
  const counter = await createStaff(scene.db, { username: 'counter1', name: 'Counter', role: 'counter', siteId: fleet.siteId })
  await t.rejects(createHttpProvisioner({ httpUrl: scene.backend.httpUrl, token: counter.token }).createKiosk(fleet.siteId, 'p-kiosk-009'), { status: 403, code: 'FORBIDDEN' })
  await t.rejects(createHttpProvisioner({ httpUrl: 'http://127.0.0.1:1', token: 'x' }).createSite('x'), { code: 'UNREACHABLE' })
  t.equal((await scene.db.selectFrom('sites').select('id').execute()).length, 2, 'refused requests created nothing (the scene site and the fleet site)')
  t.equal((await scene.db.selectFrom('devices').select('id').where('site_id', '=', fleet.siteId).execute()).length, 2)
})
