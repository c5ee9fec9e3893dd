// A device that writes many QoS 1 publishes at once over a raw TCP socket and
// notes when each PUBACK arrives. Its publishes are encoded into one buffer
// before it connects, so while the broker does not read, what waits is that
// one buffer (and the kernel's socket buffers), not a heap object per message:
// the test's heap stays flat and any growth is the broker's.
import { connect, type Socket } from 'node:net'
import { encodeConnect, encodePublish } from '../../bench/lib/mqtt-wire.ts'

export interface RawPublisher {
  deviceId: string
  /** Writes every prepared publish now (packet ids 1…n, in order). */
  send: () => void
  /** PUBACK arrival time (ms since epoch) by packet id. */
  ackedAtMs: Map<number, number>
  /** Event id of packet id `n`. */
  eventIdOf: (packetId: number) => string
  close: () => void
}

export async function connectRawPublisher (port: number, deviceId: string, secret: string, payloads: Array<(eventId: string) => string>): Promise<RawPublisher> {
  if (payloads.length > 0xffff) throw new Error('at most 65535 publishes in flight per connection')
  const eventIdOf = (packetId: number): string => `${deviceId}-e${packetId}`
  const wire = Buffer.concat(payloads.map((payload, i) => encodePublish(`devices/${deviceId}/events/swipe`, payload(eventIdOf(i + 1)), 1, i + 1)))
  const socket: Socket = connect({ port, host: '127.0.0.1' })
  socket.setNoDelay(true)
  socket.on('error', () => {})
  const ackedAtMs = new Map<number, number>()
  let pending = Buffer.alloc(0)
  const connacked = new Promise<void>((resolve, reject) => {
    socket.once('close', () => reject(new Error(`${deviceId}: connection closed`)))
    socket.on('data', chunk => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      let off = 0
      // what comes back is CONNACK, PUBACK, PINGRESP: two-byte fixed headers, remaining length < 128
      while (pending.length - off >= 2 && pending.length - off >= 2 + (pending[off + 1] as number)) {
        const type = (pending[off] as number) >> 4
        if (type === 2) {
          if (pending[off + 3] === 0) resolve()
          else reject(new Error(`${deviceId}: CONNACK ${pending[off + 3]}`))
        }
        if (type === 4) ackedAtMs.set(pending.readUInt16BE(off + 2), Date.now())
        off += 2 + (pending[off + 1] as number)
      }
      pending = pending.subarray(off)
    })
  })
  socket.once('connect', () => socket.write(encodeConnect({ port, clientId: deviceId, username: deviceId, password: secret, keepaliveS: 300 })))
  await connacked
  return {
    deviceId,
    send: () => { socket.write(wire) },
    ackedAtMs,
    eventIdOf,
    close: () => { socket.destroy() }
  }
}
