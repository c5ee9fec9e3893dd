// The packet-size guard: the scanner on its own, then over real sockets a
// 20 MiB PUBLISH from a client that never authenticated and a 64 KiB + 1
// packet from an authenticated device. Both connections are closed; the broker
// holds no more than a packet's worth; other devices carry on.
import t from 'tap'
import mqttPacket from 'mqtt-packet'
import { createPacketScanner } from '../../broker/guard/packet-size-guard.ts'
import { closesWithin, mqttConnect, rawConnect, startGuardedBroker } from './helpers/guarded-broker.ts'

const LIMIT = 64 * 1024

function publishOfTotalSize (totalBytes: number, topic = 'devices/x/events/swipe'): Buffer {
  // fixed header (1 + 3 length bytes at these sizes) + topic (2 + length) + packet id (2)
  const payloadBytes = totalBytes - (1 + 3) - (2 + topic.length) - 2
  const packet = mqttPacket.generate({ cmd: 'publish', topic, payload: Buffer.alloc(payloadBytes, 0x61), qos: 1, messageId: 1, retain: false, dup: false })
  if (packet.length !== totalBytes) throw new Error(`built ${packet.length} bytes, wanted ${totalBytes}`)
  return packet
}

t.test('the scanner follows packet boundaries across chunks and flags oversize headers', async t => {
  const ok = publishOfTotalSize(LIMIT)
  const feed = createPacketScanner(LIMIT)
  const bytes = Buffer.concat([ok, mqttPacket.generate({ cmd: 'pingreq' }), ok])
  const flagged: number[] = []
  for (let i = 0; i < bytes.length; i += 777) flagged.push(feed(bytes.subarray(i, i + 777)))
  t.ok(flagged.every(f => f === 0), 'packets of exactly the limit, in 777-byte chunks, pass')
  t.equal(createPacketScanner(LIMIT)(publishOfTotalSize(LIMIT + 1)), LIMIT + 1, 'one byte over: flagged from the header alone')
  const split = createPacketScanner(LIMIT)
  const big = publishOfTotalSize(LIMIT + 1)
  t.equal(split(big.subarray(0, 2)), 0, 'not decided before the length is known')
  t.equal(split(big.subarray(2, 4)), LIMIT + 1, 'decided as soon as it is')
  t.equal(createPacketScanner(LIMIT)(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01])) > LIMIT, true, 'five length bytes: malformed')
  t.equal(createPacketScanner(LIMIT)(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x01])), 1 + 4 + 128 ** 3, 'a zero-padded length is still read')
})

t.test('a 20 MiB PUBLISH from an unauthenticated client is cut off at its header', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  const device = await mqttConnect(t, b.url, { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret })
  globalThis.gc?.()
  const before = process.memoryUsage()
  const raw = await rawConnect(t, b.port)
  const header = mqttPacket.generate({ cmd: 'publish', topic: 'a', payload: Buffer.alloc(0), qos: 0, retain: false, dup: false })
  // a header declaring 20 MiB, then the body streamed in 64 KiB pieces until the broker hangs up
  const declared = 20 * 1024 * 1024
  const lengthBytes: number[] = []
  for (let n = declared; n > 0; n = Math.floor(n / 128)) lengthBytes.push((n % 128) | (n >= 128 ? 0x80 : 0))
  raw.send(Buffer.concat([Buffer.from([header[0] as number, ...lengthBytes]), Buffer.from([0, 1, 0x61])]))
  const piece = Buffer.alloc(64 * 1024, 0x62)
  let written = 0
  let isClosed = false
  void raw.closed.then(() => { isClosed = true })
  while (!isClosed && written < declared) {
    if (!raw.socket.write(piece)) await Promise.race([new Promise(resolve => raw.socket.once('drain', resolve)), raw.closed])
    written += piece.length
    await new Promise(resolve => setImmediate(resolve))
  }
  t.ok(await closesWithin(raw.closed, 2000), 'the connection is closed')
  t.ok(written < 4 * 1024 * 1024, `closed after ${(written / 1024).toFixed(0)} KiB of 20 MiB (what was in flight)`)
  t.equal(b.broker.guardCounters().oversizePackets, 1, 'counted')
  globalThis.gc?.()
  const after = process.memoryUsage()
  const grewBy = (after.arrayBuffers + after.heapUsed) - (before.arrayBuffers + before.heapUsed)
  t.ok(grewBy < 8 * 1024 * 1024, `memory grew by ${(grewBy / 1024 / 1024).toFixed(1)} MiB, not ~20`)
  await device.publishAsync(`devices/${kiosk.id}/events/swipe`, '{"eventId":"e1","ts":1,"card":"ABCD1234"}', { qos: 1 })
  t.ok(device.connected, 'another device is unaffected')
  t.equal(b.stored.length, 1)
})

t.test('an authenticated device sending 64 KiB + 1 is disconnected; 64 KiB exactly passes', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  const topic = `devices/${kiosk.id}/events/swipe`
  const device = await mqttConnect(t, b.url, { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret })
  const overhead = (1 + 3) + (2 + topic.length) + 2
  await device.publishAsync(topic, Buffer.alloc(LIMIT - overhead, 0x61), { qos: 1 })
  t.equal(b.stored.length, 1, 'a packet of exactly the limit is taken')
  const closed = new Promise<void>(resolve => device.once('close', () => resolve()))
  device.publish(topic, Buffer.alloc(LIMIT - overhead + 1, 0x61), { qos: 1 })
  t.ok(await closesWithin(closed, 2000), 'one byte more: disconnected')
  t.equal(b.stored.length, 1, 'and nothing of it stored')
  t.equal(b.broker.guardCounters().oversizePackets, 1)
})
