// Device secrets end to end, on both stores, through a real broker over TCP:
// HMAC secrets connect and wrong ones are refused; a row from an earlier
// release (scrypt) still connects and is replaced by the HMAC form on that
// connect; rotation stores the HMAC form; a changed pepper refuses every
// secret hashed with the old one.
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { pino } from 'pino'
import { createMqttBroker } from '../../../broker/mqtt-broker.ts'
import type { AuthFailure } from '../../../broker/device-authentication-hook.ts'
import { rotateDeviceSecret, noDeviceSessions } from '../../../services/devices/credentials.ts'
import { sweepCredentials } from '../../../services/devices/credential-sweep.ts'
import { createDeviceVerifier } from '../../../services/devices/secret-verifier.ts'
import { loadPepper, type Pepper } from '../../../services/devices/pepper.ts'
import { scryptHash } from '../../../services/devices/scrypt-hash.ts'
import { hashDeviceSecret } from '../../../services/devices/secrets.ts'
import type { Store } from '../../../services/store/open-database.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { mqttConnect, tryConnect } from '../../broker/helpers/guarded-broker.ts'
import { eachStore, tempDir } from '../../helpers/stores.ts'
import { waitUntil } from '../../helpers/wait-until.ts'

const BAD = /Bad username or password/

/** A broker as the backend wires it, with its own verifier (a fresh process: nothing remembered). */
async function startBroker (t: Test, store: Store, pepper: Pepper) {
  const verifier = createDeviceVerifier(store.db, pepper)
  const failures: AuthFailure[] = []
  const broker = await createMqttBroker({
    log: pino({ level: 'silent' }),
    hooks: { verifyDevice: verifier, onDevicePublish: async () => {}, onAuthFailure: f => { failures.push(f) } }
  })
  const port = await broker.listen(0, '127.0.0.1')
  t.teardown(() => broker.close())
  return { broker, verifier, failures, url: `mqtt://127.0.0.1:${port}` }
}

const storedHash = async (store: Store, id: string) =>
  (await store.db.selectFrom('devices').select('secret_hash').where('id', '=', id).executeTakeFirstOrThrow()).secret_hash

const login = (id: string, password: string) => ({ clientId: id, username: id, password })
/** The secret with its last character changed (to another one: a secret may end in any base64url character). */
const oneOff = (secret: string) => `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`

eachStore(t, 'a device with an HMAC secret connects; a wrong secret is refused', async (t, store) => {
  const pepper = loadPepper(join(tempDir(t), 'pepper'))
  const site = await aSite(store.db)
  const { device, secret } = await aKiosk(store.db, site.id, undefined, pepper)
  t.equal(await storedHash(store, device.id), hashDeviceSecret(pepper, secret), 'provisioning stores the HMAC form')
  const b = await startBroker(t, store, pepper)
  t.equal(await tryConnect(b.url, login(device.id, secret)), 'connected')
  t.match(await tryConnect(b.url, login(device.id, oneOff(secret))), BAD, 'one character off')
  t.match(await tryConnect(b.url, login(device.id, '')), BAD, 'empty')
  t.match(b.failures, [{ clientId: device.id, reason: 'bad-secret' }, { clientId: device.id, reason: 'bad-secret' }])
  t.equal(await storedHash(store, device.id), hashDeviceSecret(pepper, secret), 'refusals change nothing')
})

eachStore(t, 'a legacy scrypt row connects and is upgraded to the HMAC form on that connect', async (t, store) => {
  const pepper = loadPepper(join(tempDir(t), 'pepper'))
  const site = await aSite(store.db)
  const { device, secret } = await aKiosk(store.db, site.id, undefined, pepper)
  const legacy = await scryptHash(secret) // what the previous release stored
  await store.db.updateTable('devices').set({ secret_hash: legacy }).where('id', '=', device.id).execute()
  const b = await startBroker(t, store, pepper)

  t.match(await tryConnect(b.url, login(device.id, 'not-the-secret')), BAD, 'a wrong secret against the scrypt row')
  t.equal(await storedHash(store, device.id), legacy, 'a failed check does not upgrade')

  const client = await mqttConnect(t, b.url, login(device.id, secret))
  const upgraded = await storedHash(store, device.id)
  t.equal(upgraded, hashDeviceSecret(pepper, secret), 'the row now holds the HMAC form')
  t.match(upgraded, new RegExp(`^hmac-sha256\\$${pepper.id}\\$`))
  t.equal(b.verifier.verifiedHashOf(device.id), upgraded, 'remembered against the new hash')
  await waitUntil(() => b.broker.connectedDeviceIds().includes(device.id), 'the broker counts the device as connected')
  const closed = await sweepCredentials({ db: store.db, log: pino({ level: 'silent' }), connectedDeviceIds: b.broker.connectedDeviceIds, verifiedHashOf: b.verifier.verifiedHashOf, disconnect: id => { b.broker.disconnectDevice(id) } })
  t.same(closed, [], 'the credential sweep does not take the upgrade for a rotation')
  t.ok(client.connected)
  await client.endAsync()

  const restarted = await startBroker(t, store, pepper)
  t.equal(await tryConnect(restarted.url, login(device.id, secret)), 'connected', 'after a restart (nothing remembered) it connects with the HMAC row')
  t.match(await tryConnect(restarted.url, login(device.id, 'not-the-secret')), BAD)
})

eachStore(t, 'a fleet that shared one legacy hash pays one scrypt, and each device gets its own HMAC row', async (t, store) => {
  const pepper = loadPepper(join(tempDir(t), 'pepper'))
  const site = await aSite(store.db)
  const secret = 'one-secret-for-the-whole-old-fleet'
  const legacy = await scryptHash(secret)
  const ids = [(await aKiosk(store.db, site.id, undefined, pepper)).device.id, (await aKiosk(store.db, site.id, undefined, pepper)).device.id]
  await store.db.updateTable('devices').set({ secret_hash: legacy }).where('id', 'in', ids).execute()
  const b = await startBroker(t, store, pepper)
  for (const id of ids) t.equal(await tryConnect(b.url, login(id, secret)), 'connected', id)
  for (const id of ids) t.equal(await storedHash(store, id), hashDeviceSecret(pepper, secret), `${id} upgraded`)
})

eachStore(t, 'rotate-secret stores the HMAC form; only the new secret connects', async (t, store) => {
  const pepper = loadPepper(join(tempDir(t), 'pepper'))
  const site = await aSite(store.db)
  const { device, secret } = await aKiosk(store.db, site.id, undefined, pepper)
  await store.db.updateTable('devices').set({ secret_hash: await scryptHash(secret) }).where('id', '=', device.id).execute()
  const rotated = await rotateDeviceSecret(store.db, pepper, noDeviceSessions, device.id)
  t.equal(await storedHash(store, device.id), hashDeviceSecret(pepper, rotated.secret), 'even a legacy row is rotated to the HMAC form')
  const b = await startBroker(t, store, pepper)
  t.equal(await tryConnect(b.url, login(device.id, rotated.secret)), 'connected')
  t.match(await tryConnect(b.url, login(device.id, secret)), BAD, 'the old secret')
})

eachStore(t, 'a changed pepper refuses secrets hashed with the old one', async (t, store) => {
  const dir = tempDir(t)
  const old = loadPepper(join(dir, 'old-pepper'))
  const site = await aSite(store.db)
  const { device, secret } = await aKiosk(store.db, site.id, undefined, old)
  const b = await startBroker(t, store, loadPepper(join(dir, 'new-pepper')))
  t.not(old.id, loadPepper(join(dir, 'new-pepper')).id, 'another key')
  t.match(await tryConnect(b.url, login(device.id, secret)), BAD, 'the right secret, the wrong pepper')
  t.match(b.failures, [{ clientId: device.id, reason: 'pepper-mismatch' }], 'recorded as a pepper mismatch, not a bad secret')
  t.equal(await storedHash(store, device.id), hashDeviceSecret(old, secret), 'nothing changed')
  const back = await startBroker(t, store, loadPepper(join(dir, 'old-pepper')))
  t.equal(await tryConnect(back.url, login(device.id, secret)), 'connected', 'with the old pepper restored it connects again')
})
