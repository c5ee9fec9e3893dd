// docs/protocol.md §6: pending commands are sent again every time a device
// subscribes to a filter covering its commands topic, so the broker reports
// each such SUBSCRIBE exactly once. A SUBSCRIBE that lands while the broker is
// still finishing the connect (CONNACK sent, session not ready) used to be
// reported twice: once by `clientReady`, which saw the new subscription, and
// once by the `subscribe` event that followed (a gate then got its time,
// settings and list twice). Real broker, raw sockets.
import t from 'tap'
import mqttPacket from 'mqtt-packet'
import { rawConnect, startGuardedBroker, type GuardedBroker, type RawConnection } from './helpers/guarded-broker.ts'
import { waitUntil } from '../helpers/wait-until.ts'

const connectPacket = (id: string, secret: string, clean = true): mqttPacket.IConnectPacket =>
  ({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean, clientId: id, keepalive: 30, username: id, password: Buffer.from(secret) })

const subscribePacket = (messageId: number, topic: string): mqttPacket.ISubscribePacket =>
  ({ cmd: 'subscribe', messageId, subscriptions: [{ topic, qos: 1 }] })

const subAcks = (conn: RawConnection): number => conn.packets.filter(p => p.cmd === 'suback').length
const reportsOf = (scene: GuardedBroker, id: string): number => scene.commandsSubscribed.filter(d => d === id).length

/** SUBACK n received and the session ready: every report this SUBSCRIBE causes has been made by then. */
async function settled (scene: GuardedBroker, conn: RawConnection, id: string, n: number): Promise<void> {
  await waitUntil(() => subAcks(conn) >= n && scene.broker.isConnected(id), `SUBACK ${n} and ${id} ready`)
}

t.test('a SUBSCRIBE sent the moment CONNACK arrives is reported once, for each of 40 devices', async t => {
  const scene = await startGuardedBroker(t)
  const kiosks = await Promise.all(Array.from({ length: 40 }, () => scene.newKiosk()))
  await Promise.all(kiosks.map(async ({ id, secret }) => {
    const conn = await rawConnect(t, scene.port)
    // subscribe from inside the CONNACK's own read: the broker may still be finishing the connect
    const subscribed = conn.next('connack').then(() => { conn.send(subscribePacket(1, `devices/${id}/+`)) })
    conn.send(connectPacket(id, secret))
    await subscribed
    await settled(scene, conn, id, 1)
  }))
  t.same(kiosks.map(k => reportsOf(scene, k.id)), kiosks.map(() => 1), 'one report per device')
})

t.test('every further SUBSCRIBE covering the commands topic is reported again; other filters are not', async t => {
  const scene = await startGuardedBroker(t)
  const { id, secret } = await scene.newKiosk()
  const conn = await rawConnect(t, scene.port)
  conn.send(connectPacket(id, secret))
  await conn.next('connack')
  conn.send(subscribePacket(1, `devices/${id}/+`))
  await settled(scene, conn, id, 1)
  t.equal(reportsOf(scene, id), 1, 'the first subscribe')

  conn.send(subscribePacket(2, `devices/${id}/commands`))
  await settled(scene, conn, id, 2)
  t.equal(reportsOf(scene, id), 2, 'the same device subscribing again: its pending commands go out again')

  conn.send(subscribePacket(3, `devices/${id}/status`))
  conn.send(subscribePacket(4, 'devices/someone-else/+'))
  await settled(scene, conn, id, 4)
  t.equal(reportsOf(scene, id), 2, 'a filter without the commands topic, or refused, is no report')
})

t.test('a persistent session brought back at CONNECT is reported once, without a new SUBSCRIBE', async t => {
  const scene = await startGuardedBroker(t)
  const { id, secret } = await scene.newKiosk()
  const first = await rawConnect(t, scene.port)
  first.send(connectPacket(id, secret, false))
  await first.next('connack')
  first.send(subscribePacket(1, `devices/${id}/+`))
  await settled(scene, first, id, 1)
  first.send({ cmd: 'disconnect' })
  await first.closed
  await waitUntil(() => !scene.broker.isConnected(id), 'first connection gone')

  const second = await rawConnect(t, scene.port)
  second.send(connectPacket(id, secret, false))
  t.match(await second.next('connack'), { sessionPresent: true }, 'the session came back')
  await waitUntil(() => scene.broker.isConnected(id), 'second connection ready')
  t.equal(reportsOf(scene, id), 2, 'one report for the first connection, one for the restored subscription')
})
