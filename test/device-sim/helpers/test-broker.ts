// A real aedes broker on port 0 for simulator tests. It checks client id =
// username = device id and the secret, records every CONNECT and every
// PUBLISH with its QoS/retain flags, and can cut or refuse connections.
import { once } from 'node:events'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { Aedes, type AedesPublishPacket, type AuthenticateError, type Client, type ConnectPacket } from 'aedes'

export interface WirePublish { clientId: string | null, topic: string, payload: string, qos: number, retain: boolean, atMs: number }

export interface TestBroker {
  aedes: Aedes
  url: string
  connects: ConnectPacket[]
  publishes: WirePublish[]
  /** While true, CONNECTs are refused with "server unavailable" (code 3). */
  refuseConnects: boolean
  /** Destroys the device's socket from the broker side (a network drop: no DISCONNECT). */
  cut: (clientId: string) => void
  /** Publishes from the broker to a topic (QoS 1), e.g. a command to a device. */
  send: (topic: string, body: unknown) => Promise<void>
  eventsOf: (clientId: string, type?: string) => WirePublish[]
  waitFor: (predicate: (p: WirePublish) => boolean, timeoutMs?: number) => Promise<WirePublish>
  close: () => Promise<void>
}

interface TapLike { teardown: (fn: () => unknown) => void }

export async function startTestBroker (t: TapLike, secrets: Record<string, string>): Promise<TestBroker> {
  const connects: ConnectPacket[] = []
  const publishes: WirePublish[] = []
  const clients = new Map<string, Client>()
  const waiters = new Set<() => void>()
  const broker: TestBroker = {} as TestBroker
  const aedes = await Aedes.createBroker({
    preConnect: (_client, packet, done) => { connects.push(packet); done(null, true) },
    authenticate: (client, username, password, done) => {
      if (broker.refuseConnects) return done(Object.assign(new Error('refused by test'), { returnCode: 3 as AuthenticateError['returnCode'] }), null)
      const ok = username === client.id && secrets[client.id] != null && password?.toString() === secrets[client.id]
      if (ok) return done(null, true)
      done(Object.assign(new Error('bad credentials'), { returnCode: 4 as AuthenticateError['returnCode'] }), null)
    }
  })
  aedes.on('client', client => clients.set(client.id, client))
  aedes.on('publish', (packet: AedesPublishPacket, client: Client | null) => {
    if (packet.topic.startsWith('$SYS')) return
    publishes.push({ clientId: client?.id ?? null, topic: packet.topic, payload: packet.payload.toString(), qos: packet.qos, retain: packet.retain, atMs: Date.now() })
    // After the other 'publish' listeners (e.g. the stand-in backend) have run.
    setImmediate(() => { for (const wake of [...waiters]) wake() })
  })
  const server: Server = createServer(aedes.handle)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  Object.assign(broker, {
    aedes,
    url: `mqtt://127.0.0.1:${port}`,
    connects,
    publishes,
    refuseConnects: false,
    cut: (clientId: string) => clients.get(clientId)?.conn.destroy(),
    send: (topic: string, body: unknown) => new Promise<void>((resolve, reject) => {
      aedes.publish({ cmd: 'publish', topic, payload: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), qos: 1, retain: false, dup: false }, err => err != null ? reject(err) : resolve())
    }),
    eventsOf: (clientId: string, type?: string) => publishes.filter(p => p.topic.startsWith(`devices/${clientId}/events/${type ?? ''}`)),
    waitFor: (predicate: (p: WirePublish) => boolean, timeoutMs = 3000) => new Promise<WirePublish>((resolve, reject) => {
      const found = publishes.find(predicate)
      if (found != null) return resolve(found)
      const timer = setTimeout(() => { waiters.delete(check); reject(new Error('waitFor: no matching publish')) }, timeoutMs)
      const check = () => {
        const hit = publishes.find(predicate)
        if (hit == null) return
        clearTimeout(timer)
        waiters.delete(check)
        resolve(hit)
      }
      waiters.add(check)
    }),
    close: async () => {
      for (const client of clients.values()) client.conn.destroy()
      await new Promise<void>(resolve => aedes.close(() => resolve()))
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  } satisfies Partial<TestBroker>)
  t.teardown(() => broker.close())
  return broker
}
