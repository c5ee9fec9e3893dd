// The CONNACK return codes of docs/protocol.md §1 ("Refused connections"),
// one row each, over a real socket: a kiosk maker reads the code off the wire.
// The client id is checked first: an empty one (mosquitto_pub/sub 2.x without
// -i send one) is refused with 2 whether or not a username came with it.
import t from 'tap'
import { disableDevice, noDeviceSessions } from '../../services/devices/credentials.ts'
import { closesWithin, rawConnect, startGuardedBroker } from './helpers/guarded-broker.ts'

interface Connect { clientId: string, username?: string, password?: string, protocolVersion?: 4 | 5 }

t.test('each refusal gets the return code the protocol document lists', async t => {
  const b = await startGuardedBroker(t)
  const kiosk = await b.newKiosk()
  const disabled = await b.newKiosk()
  await disableDevice(b.store.db, noDeviceSessions, disabled.id)
  const cases: Array<{ name: string, connect: Connect, code: number }> = [
    { name: 'the device id and its secret', connect: { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret }, code: 0 },
    { name: 'MQTT 5', connect: { clientId: kiosk.id, username: kiosk.id, password: kiosk.secret, protocolVersion: 5 }, code: 1 },
    { name: 'client id differs from the username', connect: { clientId: 'someone-else', username: kiosk.id, password: kiosk.secret }, code: 2 },
    { name: 'empty client id', connect: { clientId: '', username: kiosk.id, password: kiosk.secret }, code: 2 },
    { name: 'empty client id and no username (mosquitto_pub without -i and -u)', connect: { clientId: '' }, code: 2 },
    { name: 'no username and no password', connect: { clientId: kiosk.id }, code: 4 },
    { name: 'username without password', connect: { clientId: kiosk.id, username: kiosk.id }, code: 4 },
    { name: 'unknown device id', connect: { clientId: 'kiosk-nobody', username: 'kiosk-nobody', password: 'whatever' }, code: 4 },
    { name: 'wrong secret', connect: { clientId: kiosk.id, username: kiosk.id, password: 'not-the-secret' }, code: 4 },
    { name: 'disabled device', connect: { clientId: disabled.id, username: disabled.id, password: disabled.secret }, code: 5 }
  ]
  for (const c of cases) {
    const raw = await rawConnect(t, b.port)
    raw.send({
      cmd: 'connect', protocolId: 'MQTT', protocolVersion: c.connect.protocolVersion ?? 4, clean: true, keepalive: 60, clientId: c.connect.clientId,
      ...(c.connect.username != null ? { username: c.connect.username } : {}),
      ...(c.connect.password != null ? { password: Buffer.from(c.connect.password) } : {})
    })
    const connack = await raw.next('connack') as { returnCode?: number, reasonCode?: number }
    t.equal(connack.returnCode ?? connack.reasonCode, c.code, `${c.name}: CONNACK ${c.code}`)
    if (c.code !== 0) t.ok(await closesWithin(raw.closed, 2000), `${c.name}: connection closed`)
    raw.socket.destroy()
  }
})
