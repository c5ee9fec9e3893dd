// Per-device publish rate and topic limits over real sockets. Over the rate
// the PUBACK waits (backpressure): every publish the device saw acknowledged
// was handed to the services, none is dropped.
import t from 'tap'
import mqttPacket from 'mqtt-packet'
import { closesWithin, mqttConnect, rawConnect, startGuardedBroker } from './helpers/guarded-broker.ts'
import { waitUntil } from '../helpers/wait-until.ts'

t.test('a publish flood from one device is slowed down, nothing acked is lost, others are not slowed', async t => {
  // 2/s after a burst of 10: publishes 11, 12 and 13 each owe half a second,
  // long enough that the other device's round trip fits inside the hold
  const b = await startGuardedBroker(t, { publishesPerSecondPerDevice: 2, publishBurstPerDevice: 10 })
  const flooder = await b.newKiosk()
  const other = await b.newKiosk()
  const f = await mqttConnect(t, b.url, { clientId: flooder.id, username: flooder.id, password: flooder.secret })
  const o = await mqttConnect(t, b.url, { clientId: other.id, username: other.id, password: other.secret })
  const sent = Array.from({ length: 13 }, (_, i) => `f${i}`)
  const pubacks: string[] = []
  const flood = Promise.all(sent.map(async id => {
    await f.publishAsync(`devices/${flooder.id}/events/swipe`, JSON.stringify({ eventId: id }), { qos: 1 })
    pubacks.push(id)
  }))
  const eventIdsOf = (deviceId?: string) => b.stored.filter(p => deviceId == null || p.deviceId === deviceId).map(p => (JSON.parse(p.payload.toString()) as { eventId: string }).eventId)
  await waitUntil(() => pubacks.length >= 10 && b.broker.guardCounters().publishesDelayed >= 1, 'the burst of 10 is acked and the 11th is held')
  t.same(pubacks, sent.slice(0, 10), 'the burst of 10 is acknowledged at once, the rest wait')
  t.same(eventIdsOf(flooder.id), sent.slice(0, 10), 'and only the burst has reached the services')

  await o.publishAsync(`devices/${other.id}/events/swipe`, JSON.stringify({ eventId: 'o1' }), { qos: 1 })
  pubacks.push('o1')
  t.same(eventIdsOf(), [...sent.slice(0, 10), 'o1'], 'another device is handed over and acked while the flooder\'s publishes are held')

  await flood
  t.same(pubacks, [...sent.slice(0, 10), 'o1', ...sent.slice(10)], 'the flooder\'s PUBACKs come in the order sent, the held ones after the other device\'s')
  t.same(eventIdsOf(flooder.id), sent, 'every acked publish reached the services, in the order sent')
  t.equal(b.broker.guardCounters().publishesDelayed, 3, 'exactly the 3 publishes beyond the burst were held; the other device\'s was not')
  t.equal(b.broker.guardCounters().publishRateDisconnects, 0)
  t.ok(f.connected, 'the flooder stays connected')
})

t.test('a device far over its rate is disconnected without PUBACK; what was acked is kept', async t => {
  const b = await startGuardedBroker(t, { publishesPerSecondPerDevice: 5, publishBurstPerDevice: 5, maxPublishDelayMs: 500 })
  const kiosk = await b.newKiosk()
  const raw = await rawConnect(t, b.port)
  raw.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 60, clientId: kiosk.id, username: kiosk.id, password: Buffer.from(kiosk.secret) })
  t.match(await raw.next('connack'), { returnCode: 0 })
  const sent = Array.from({ length: 40 }, (_, i) => `e${i}`)
  const publish = (i: number) => mqttPacket.generate({ cmd: 'publish', topic: `devices/${kiosk.id}/events/swipe`, payload: JSON.stringify({ eventId: sent[i] }), qos: 1, messageId: i + 1, retain: false, dup: false })
  const pubacks = () => raw.packets.filter(p => p.cmd === 'puback').map(p => sent[(p.messageId ?? 0) - 1])
  raw.send(Buffer.concat([0, 1, 2, 3, 4].map(publish)))
  await waitUntil(() => pubacks().length >= 5, 'the burst of 5 is acked')
  // the other 35 in one write: the broker takes them as one batch with the bucket empty,
  // so each is held longer than the one before until one would wait past 500 ms
  raw.send(Buffer.concat(sent.slice(5).map((_, i) => publish(i + 5))))
  t.ok(await closesWithin(raw.closed, 3000), 'disconnected')
  const { publishRateDisconnects, publishesDelayed } = b.broker.guardCounters()
  t.equal(publishRateDisconnects, 1, 'closed for the rate')
  t.ok(publishesDelayed >= 2 && publishesDelayed <= 4, `${publishesDelayed} held before that (2 unless the burst's PUBACKs took 100 ms)`)
  t.same(pubacks(), sent.slice(0, 5), 'exactly the burst was acked: the held ones and the refused one got no PUBACK')
  // the held ones are handed over when their wait ends, although nobody can ack them
  // any more: the device sends them again and the services drop the repeat by eventId
  await waitUntil(() => b.stored.length >= 5 + publishesDelayed, 'the held publishes are handed over')
  const eventIds = b.stored.map(p => (JSON.parse(p.payload.toString()) as { eventId: string }).eventId)
  t.same(eventIds, sent.slice(0, 5 + publishesDelayed), 'the services got every acked one, then the held ones; nothing from the refused one on')
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
