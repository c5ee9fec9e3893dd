// Connection-level guards over real sockets: connect timeout, connect rate per
// address, keep-alive cap, empty client ids.
import t from 'tap'
import { connect } from 'node:net'
import mqttPacket from 'mqtt-packet'
import { closesWithin, mqttConnect, rawConnect, startGuardedBroker } from './helpers/guarded-broker.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const connectPacket = (clientId: string, opts: { clean?: boolean, keepalive?: number, username?: string, password?: string } = {}) => ({
  cmd: 'connect' as const, protocolId: 'MQTT' as const, protocolVersion: 4 as const, clean: opts.clean ?? true, keepalive: opts.keepalive ?? 60, clientId,
  ...(opts.username != null ? { username: opts.username, password: Buffer.from(opts.password ?? '') } : {})
})

t.test('a connection that sends no CONNECT is closed after the connect timeout', async t => {
  const b = await startGuardedBroker(t, { connectTimeoutMs: 300 })
  const raw = await rawConnect(t, b.port)
  t.ok(await closesWithin(raw.closed, 2000), 'closed')
})

t.test('connects per address are rate limited; loopback only when asked', async t => {
  const attempt = async (port: number, n: number) => {
    const sockets = await Promise.all(Array.from({ length: n }, () => new Promise<{ closed: Promise<void> }>(resolve => {
      const s = connect(port, '127.0.0.1')
      s.on('error', () => {})
      const closed = new Promise<void>(r => s.once('close', () => r()))
      s.once('connect', () => resolve({ closed }))
      t.teardown(() => { s.destroy() })
    })))
    const outcomes = await Promise.all(sockets.map(s => closesWithin(s.closed, 300)))
    return outcomes.filter(closedAtOnce => closedAtOnce).length
  }
  const limited = await startGuardedBroker(t, { limitLoopback: true, connectBurstPerIp: 5, connectsPerSecondPerIp: 1 })
  const refused = await attempt(limited.port, 30)
  t.ok(refused >= 24, `${refused} of 30 refused at once (burst 5)`)
  t.equal(limited.broker.guardCounters().connectsRefused, refused)
  const exempt = await startGuardedBroker(t, { connectBurstPerIp: 5, connectsPerSecondPerIp: 1 })
  t.equal(await attempt(exempt.port, 30), 0, 'loopback is exempt by default (tests, benchmarks, a local proxy)')
})

t.test('keep-alive over the cap, or none, is clamped: a silent client is dropped after 1.5 × cap', async t => {
  const b = await startGuardedBroker(t, { keepaliveMaxS: 1 })
  for (const keepalive of [3600, 0]) {
    const kiosk = await b.newKiosk()
    const raw = await rawConnect(t, b.port)
    raw.send(connectPacket(kiosk.id, { keepalive, username: kiosk.id, password: kiosk.secret }))
    t.match(await raw.next('connack'), { returnCode: 0 }, `keepalive ${keepalive}: accepted (not refused with the reserved code 6)`)
    const started = Date.now()
    t.ok(await closesWithin(raw.closed, 4000), `keepalive ${keepalive}: silent connection closed`)
    t.ok(Date.now() - started < 3000, 'within 1.5 × the cap')
  }
  t.equal(b.broker.guardCounters().keepalivesClamped, 2)
  const kiosk = await b.newKiosk()
  const pinging = await mqttConnect(t, b.url, { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret, keepalive: 1 })
  let pingresps = 0
  let closed = false
  pinging.on('packetreceive', packet => { if (packet.cmd === 'pingresp') pingresps++ })
  pinging.on('close', () => { closed = true })
  // three answered pings span more than 1.5 × the cap, when a silent client is dropped
  await waitUntil(() => pingresps >= 3 || closed, 'three keep-alive rounds, or a close', 15_000)
  t.notOk(closed, 'a device that pings within the cap stays connected')
  t.equal(pingresps, 3, 'through three answered pings')
})

t.test('an empty client id gets CONNACK 2, with cleanSession 0 and 1 ([MQTT-3.1.3-8])', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  for (const clean of [false, true]) {
    const raw = await rawConnect(t, b.port)
    // mqtt-packet will not build this one: build it clean, then clear the clean-session flag
    const bytes = mqttPacket.generate(connectPacket('', { clean: true, username: kiosk.id, password: kiosk.secret }))
    const flagsAt = 1 + 1 + 6 + 1 // fixed header (short length), "MQTT", protocol level
    if (!clean) bytes[flagsAt] = (bytes[flagsAt] as number) & ~0x02
    raw.send(bytes)
    t.match(await raw.next('connack'), { returnCode: 2 }, `clean=${clean}: identifier rejected`)
    t.ok(await closesWithin(raw.closed, 2000), `clean=${clean}: closed`)
  }
  t.equal(b.broker.guardCounters().emptyClientIds, 2)
  t.equal(b.broker.connectedCount(), 0)
})

t.test('packets before CONNACK are bounded', async t => {
  const b = await startGuardedBroker(t, { maxQueuedBeforeConnack: 4 })
  const kiosk = await b.newKiosk()
  const raw = await rawConnect(t, b.port)
  // CONNECT, then a burst of PUBLISHes in the same write while the secret is checked
  const burst = Array.from({ length: 50 }, (_, i) => ({ cmd: 'publish' as const, topic: `devices/${kiosk.id}/status`, payload: Buffer.from('{}'), qos: 0 as const, retain: false, dup: false, messageId: i + 1 }))
  raw.send(Buffer.concat([mqttPacket.generate(connectPacket(kiosk.id, { username: kiosk.id, password: kiosk.secret })), ...burst.map(p => mqttPacket.generate(p))]))
  t.ok(await closesWithin(raw.closed, 3000), 'closed: queue limit reached')
  t.equal(b.stored.length, 0)
})
