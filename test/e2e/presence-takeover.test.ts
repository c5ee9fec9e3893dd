// The takeover probe from issues #9 and #12, over real sockets against the
// real backend: connection A with id X, connection B with the same id and
// secret (the broker closes A), then B ends too. While B is up the device is
// online; once no socket is open for X the stored flag is 0, whatever order
// aedes reports the disconnects in and whatever wills and retained statuses
// said. Repeated to catch ordering; on SQLite (ingest worker) and PostgreSQL.
import t, { type Test } from 'tap'
import type { MqttClient } from 'mqtt'
import type { Backend } from '../../services/backend.ts'
import type { Config } from '../../services/config.ts'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from '../helpers/backend.ts'
import { connectKiosk, dropSocket, publishOnline, settle, storedOnline, waitUntil, watchServerConnections } from '../helpers/presence.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'

const skipPostgres = await postgresSkipReasonIfAny()
const pgVariant = async (t: Test) => ({ DATABASE_URL: await postgresTestDatabaseUrl(t) })

async function kioskScene (t: Test, overrides: Partial<Config>) {
  const backend = await startTestBackend(t, overrides)
  const site = await aSite(backend.store.db)
  const { device, secret } = await aKiosk(backend.store.db, site.id)
  return { backend, connections: watchServerConnections(backend), deviceId: device.id, secret }
}

/** While only B is up: the broker routes to it and the device shows online. */
async function assertOnlyBConnected (t: Test, backend: Backend, connections: ReturnType<typeof watchServerConnections>, deviceId: string, round: number) {
  await waitUntil(() => connections.openCount(deviceId) === 1, 'A is fully closed on the broker and B is open')
  await settle(backend)
  t.equal(backend.broker.isConnected(deviceId), true, `round ${round}: the broker knows B is connected`)
  t.equal(backend.broker.connectedCount(), 1, `round ${round}: one connection counted`)
  t.equal(await storedOnline(backend, deviceId), 1, `round ${round}: online while B is connected`)
}

async function closeBAndAssertOffline (t: Test, backend: Backend, connections: ReturnType<typeof watchServerConnections>, deviceId: string, b: MqttClient, round: number) {
  // B says goodbye, or its socket just dies (its will is published)
  if (round % 2 === 0) await b.endAsync()
  else dropSocket(b)
  await waitUntil(() => connections.openCount(deviceId) === 0, 'the broker closed both connections')
  await settle(backend)
  t.equal(backend.broker.isConnected(deviceId), false, `round ${round}: the broker holds no connection`)
  t.equal(backend.broker.connectedCount(), 0, `round ${round}: no connection counted`)
  t.equal(await storedOnline(backend, deviceId), 0, `round ${round}: offline once both connections are gone`)
}

async function plainTakeover (t: Test, overrides: Partial<Config>): Promise<void> {
  const { backend, connections, deviceId, secret } = await kioskScene(t, overrides)
  for (let round = 0; round < 10; round++) {
    const a = await connectKiosk(backend.mqttUrl, deviceId, secret)
    await publishOnline(a, deviceId)
    const aClosed = new Promise<void>(resolve => a.once('close', () => resolve()))
    const bConnecting = connectKiosk(backend.mqttUrl, deviceId, secret)
    // one round in three A's socket also dies while B connects (a kiosk reconnecting after a network loss)
    if (round % 3 === 2) dropSocket(a)
    const b = await bConnecting
    await publishOnline(b, deviceId)
    await aClosed
    await assertOnlyBConnected(t, backend, connections, deviceId, round)
    await closeBAndAssertOffline(t, backend, connections, deviceId, b, round)
  }
}

t.test('takeover, then both closed [sqlite]', async t => plainTakeover(t, {}))
t.test('takeover, then both closed [postgres]', { skip: skipPostgres }, async t => plainTakeover(t, await pgVariant(t)))
