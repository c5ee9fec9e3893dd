// Per-device publish rate and topic limits over real sockets. Over the rate
// the PUBACK waits (backpressure): every publish the device saw acknowledged
// was handed to the services, none is dropped.
import t from 'tap'
import { closesWithin, mqttConnect, startGuardedBroker } from './helpers/guarded-broker.ts'

t.test('a publish flood from one device is slowed down, nothing acked is lost, others are not slowed', async t => {
  const b = await startGuardedBroker(t, { publishesPerSecondPerDevice: 40, publishBurstPerDevice: 10 })
  const flooder = await b.newKiosk()
  const other = await b.newKiosk()
  const f = await mqttConnect(t, b.url, { clientId: flooder.id, username: flooder.id, password: flooder.secret })
  const o = await mqttConnect(t, b.url, { clientId: other.id, username: other.id, password: other.secret })
  const started = Date.now()
  const acked: string[] = []
  const flood = Promise.all(Array.from({ length: 90 }, async (_, i) => {
    await f.publishAsync(`devices/${flooder.id}/events/swipe`, JSON.stringify({ eventId: `f${i}` }), { qos: 1 })
    acked.push(`f${i}`)
  }))
  await new Promise(resolve => setTimeout(resolve, 200))
  const otherStarted = Date.now()
  await o.publishAsync(`devices/${other.id}/events/swipe`, JSON.stringify({ eventId: 'o1' }), { qos: 1 })
  t.ok(Date.now() - otherStarted < 500, 'another device is acked at once while the flooder waits')
  await flood
  const elapsedMs = Date.now() - started
  t.ok(elapsedMs >= 1500, `90 publishes at 40/s after a burst of 10 took ${elapsedMs} ms (≥ 2 s expected, minus timer slack)`)
  const storedIds = b.stored.filter(p => p.deviceId === flooder.id).map(p => (JSON.parse(p.payload.toString()) as { eventId: string }).eventId)
  t.same([...acked].sort(), [...storedIds].sort(), 'every acked publish reached the services')
  t.same(storedIds, Array.from({ length: 90 }, (_, i) => `f${i}`), 'in the order sent')
  t.ok(b.broker.guardCounters().publishesDelayed > 0)
  t.ok(f.connected, 'the flooder stays connected')
})

t.test('a device far over its rate is disconnected without PUBACK; what was acked is kept', async t => {
  const b = await startGuardedBroker(t, { publishesPerSecondPerDevice: 5, publishBurstPerDevice: 5, maxPublishDelayMs: 500 })
  const kiosk = await b.newKiosk()
  const c = await mqttConnect(t, b.url, { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret })
  const acked: string[] = []
  const closed = new Promise<void>(resolve => c.once('close', () => resolve()))
  for (let i = 0; i < 40; i++) {
    c.publishAsync(`devices/${kiosk.id}/events/swipe`, JSON.stringify({ eventId: `e${i}` }), { qos: 1 }).then(() => acked.push(`e${i}`), () => {})
  }
  t.ok(await closesWithin(closed, 3000), 'disconnected')
  await new Promise(resolve => setTimeout(resolve, 200))
  const storedIds = new Set(b.stored.map(p => (JSON.parse(p.payload.toString()) as { eventId: string }).eventId))
  t.ok(acked.length < 40, `${acked.length} of 40 acked`)
  t.ok(acked.every(id => storedIds.has(id)), 'each acked one was stored (the rest the device sends again)')
  t.ok(b.broker.guardCounters().publishRateDisconnects >= 1)
})

t.test('topics too long or too deep are refused', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  const prefix = `devices/${kiosk.id}/`
  const connectOpts = { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret }

  const sub = await mqttConnect(t, b.url, connectOpts)
  await t.rejects(sub.subscribeAsync(`${prefix}${'x'.repeat(300)}`, { qos: 1 }), /Subscribe error/, 'subscription to a 300-byte topic: SUBACK failure')
  t.ok(sub.connected, 'the connection stays up after a refused subscription')
  const subClosed = new Promise<void>(resolve => sub.once('close', () => resolve()))
  sub.subscribe(`${prefix}a/b/c/d/e/f/g`, { qos: 1 })
  t.ok(await closesWithin(subClosed, 2000), 'subscription 9 levels deep: closed (aedes\' own depth check)')

  for (const [name, topic] of [['300 bytes long', `${prefix}${'x'.repeat(300)}`], ['9 levels deep', `${prefix}a/b/c/d/e/f/g`]] as const) {
    const c = await mqttConnect(t, b.url, connectOpts)
    const closed = new Promise<void>(resolve => c.once('close', () => resolve()))
    c.publish(topic, '{}', { qos: 1 })
    t.ok(await closesWithin(closed, 2000), `publish to a topic ${name}: connection closed`)
  }
  t.same(b.stored.map(p => p.topic), [], 'nothing reached the services')
  t.equal(b.broker.guardCounters().topicRefused, 2, 'the two over-long ones were refused by the guard (depth: by aedes)')
})
