// docs/protocol.md §2: a device's events are not echoed back to it, even when it
// subscribes to its whole prefix (devices/{id}/#); its commands, error replies
// and retained status still reach it. Real backend, real broker, real socket.
import t from 'tap'
import { connectDevice, startKioskScene } from '../helpers/backend.ts'

t.test('a device subscribed to devices/{id}/# gets no echo of its events, but its commands', async t => {
  const { backend, device, secret, card, kiosk } = await startKioskScene(t)
  await kiosk.end()
  const dev = await connectDevice(t, backend.mqttUrl, device.id, secret, { subscribe: false })
  await dev.client.subscribeAsync(`devices/${device.id}/#`, { qos: 1 })

  await dev.publishJson('events/swipe', { eventId: 'echo-1', ts: 1767225600000, card: card.uid })
  const open = await dev.waitFor(m => m.topic === `devices/${device.id}/commands`)
  t.match(open.payload, { type: 'open', swipeEventId: 'echo-1' }, 'the command still arrives')
  await dev.publishRaw(`devices/${device.id}/events/door`, '{not json')
  t.match((await dev.waitFor(m => m.topic === `devices/${device.id}/errors`)).payload, { code: 'MALFORMED_JSON' }, 'the error reply still arrives')
  await dev.publishJson('events/teleport', { eventId: 'echo-2', ts: 1767225600000 })
  await dev.publishJson('events/command-ack', { eventId: 'echo-3', ts: 1767225601000, cmdId: open.payload.cmdId, ok: true })

  // the retained status is routed, after everything above: once it is back, any echo would be too
  await dev.client.publishAsync(`devices/${device.id}/status`, JSON.stringify({ online: true }), { qos: 1, retain: true })
  await dev.waitFor(m => m.topic === `devices/${device.id}/status`)
  t.same(dev.received.filter(m => m.topic.startsWith(`devices/${device.id}/events/`)), [], 'no event came back')
  t.same(dev.received.map(m => m.topic).sort(), [`devices/${device.id}/commands`, `devices/${device.id}/errors`, `devices/${device.id}/errors`, `devices/${device.id}/status`].sort())
})
