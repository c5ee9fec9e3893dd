// The late close of a taken-over connection must not unregister its
// successor. The race: A's socket is lost just as B (same id) registers, so
// A's close has begun but not finished when aedes registers B, and A's close
// ends with `unregisterClient(A)` while B is registered. Over plain sockets
// the window is a few ticks wide; the test opens it on purpose by starting
// A's close (what aedes does on a lost socket) at the moment B registers.
import t from 'tap'
import type { Client } from 'aedes'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'
import { settle, storedOnline, waitUntil } from '../helpers/presence.ts'

t.test('an old connection finishing its close after a takeover leaves the new one registered, reachable and online', async t => {
  const backend = await startTestBackend(t)
  const site = await aSite(backend.store.db)
  const { device, secret } = await aKiosk(backend.store.db, site.id)
  const serverSide: Client[] = []
  backend.broker.aedes.on('clientReady', client => serverSide.push(client))

  const a = await connectDevice(t, backend.mqttUrl, device.id, secret)
  const internals = backend.broker.aedes as unknown as { registerClient: (c: Client) => void }
  const register = internals.registerClient
  internals.registerClient = function (this: unknown, client: Client) {
    serverSide.find(c => c.id === client.id && !c.closed)?.close() // A's socket is lost right now
    register.call(this, client)
  }
  const b = await connectDevice(t, backend.mqttUrl, device.id, secret)
  internals.registerClient = register
  await waitUntil(() => serverSide.length === 2 && serverSide[0]!.closed && !serverSide[0]!.connected, 'A has finished closing')
  t.equal(a.client.connected, false, 'A is gone')

  await settle(backend)
  t.equal(backend.broker.isConnected(device.id), true, 'B is still registered')
  t.equal(backend.broker.connectedCount(), 1, 'one connection counted')
  t.equal(await storedOnline(backend, device.id), 1, 'online')
  t.equal(backend.broker.sendToDevice(device.id, `devices/${device.id}/commands`, '{"type":"ping"}'), true, 'commands are routed to B')
  await b.waitFor(m => m.topic.endsWith('/commands'))

  await b.end()
  await waitUntil(() => serverSide[1]!.closed && !serverSide[1]!.connected, 'B is closed')
  await settle(backend)
  t.equal(backend.broker.isConnected(device.id), false)
  t.equal(backend.broker.connectedCount(), 0, 'no connection counted')
  t.equal(await storedOnline(backend, device.id), 0, 'offline once B is gone')
})
