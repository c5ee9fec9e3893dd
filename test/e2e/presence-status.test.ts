// What the status topic may and may not say about presence, over real sockets
// against the real backend: a status payload (retained, or a last will) never
// overrides a live connection; a kiosk that falls silent is dropped at its
// keep-alive timeout and shown offline, with its will as the last status.
import t, { type Test } from 'tap'
import mqttPacket from 'mqtt-packet'
import type { Config } from '../../services/config.ts'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { connectKiosk, publishOnline, settle, storedOnline, waitUntil, watchServerConnections } from '../helpers/presence.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { rawConnect } from '../broker/helpers/guarded-broker.ts'

const skipPostgres = await postgresSkipReasonIfAny()

async function scene (t: Test, overrides: Partial<Config> = {}) {
  const backend = await startTestBackend(t, overrides)
  const site = await aSite(backend.store.db)
  const { device, secret } = await aKiosk(backend.store.db, site.id)
  const lastStatus = async () => JSON.parse((await backend.store.db.selectFrom('devices').select('last_status').where('id', '=', device.id).executeTakeFirstOrThrow()).last_status ?? 'null') as unknown
  return { backend, connections: watchServerConnections(backend), deviceId: device.id, secret, lastStatus }
}

async function statusDoesNotOverride (t: Test, overrides: Partial<Config>) {
  const { backend, connections, deviceId, secret, lastStatus } = await scene(t, overrides)
  const kiosk = await connectKiosk(backend.mqttUrl, deviceId, secret)
  await publishOnline(kiosk, deviceId)
  await settle(backend)
  t.equal(await storedOnline(backend, deviceId), 1, 'online once connected')
  // the clean-shutdown goodbye, sent while the connection is still up
  await kiosk.publishAsync(`devices/${deviceId}/status`, '{"online":false}', { qos: 1, retain: true })
  await settle(backend)
  t.same(await lastStatus(), { online: false }, 'the status is recorded')
  t.equal(await storedOnline(backend, deviceId), 1, 'but the device is connected, so online')

  await kiosk.endAsync()
  await waitUntil(() => connections.openCount(deviceId) === 0, 'the broker closed the connection')
  await settle(backend)
  t.equal(await storedOnline(backend, deviceId), 0, 'offline after DISCONNECT')
}

async function keepaliveTimeout (t: Test, overrides: Partial<Config>) {
  const { backend, connections, deviceId, secret, lastStatus } = await scene(t, overrides)
  const raw = await rawConnect(t, backend.mqttPort)
  raw.send({
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 1, clientId: deviceId, username: deviceId, password: Buffer.from(secret),
    will: { topic: `devices/${deviceId}/status`, payload: Buffer.from('{"online":false}'), qos: 1, retain: true }
  } satisfies mqttPacket.IConnectPacket)
  t.match(await raw.next('connack'), { returnCode: 0 })
  raw.send({ cmd: 'publish', topic: `devices/${deviceId}/status`, payload: Buffer.from('{"online":true}'), qos: 0, retain: true, dup: false } satisfies mqttPacket.IPublishPacket)
  await waitUntil(async () => { await settle(backend); return (await storedOnline(backend, deviceId)) === 1 }, 'the kiosk is shown online')

  // then it falls silent: no PINGREQ, the socket stays open
  await raw.closed // the broker closes it after 1.5 × keep-alive [MQTT-3.1.2-24]
  await waitUntil(() => connections.openCount(deviceId) === 0, 'the broker finished closing it')
  await settle(backend)
  t.equal(await storedOnline(backend, deviceId), 0, 'offline after the keep-alive timeout')
  t.same(await lastStatus(), { online: false }, 'its will is the last status')
}

t.test('a status saying offline does not override a live connection [sqlite]', async t => statusDoesNotOverride(t, {}))
t.test('a status saying offline does not override a live connection [postgres]', { skip: skipPostgres }, async t => statusDoesNotOverride(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
t.test('a silent kiosk is offline after its keep-alive timeout [sqlite]', async t => keepaliveTimeout(t, {}))
t.test('a silent kiosk is offline after its keep-alive timeout [postgres]', { skip: skipPostgres }, async t => keepaliveTimeout(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) }))
