// A minimal MQTT 3.1.1 client over a raw TCP socket, for load generators.
// mqtt.js costs more CPU per message than the broker under test on a 2-core
// machine; this client only encodes CONNECT/SUBSCRIBE/PUBLISH/PUBACK/PINGREQ
// and decodes what comes back, so the load generator stays light.
import { connect as netConnect, type Socket } from 'node:net'

export interface ConnectOptions {
  port: number
  host?: string
  clientId: string
  username?: string
  password?: string
  keepaliveS?: number
  clean?: boolean
  timeoutMs?: number
}

export type OnMessage = (topic: string, payload: Buffer) => void

function encodeLength (n: number): number[] {
  const out: number[] = []
  do {
    let byte = n % 128
    n = Math.floor(n / 128)
    if (n > 0) byte |= 0x80
    out.push(byte)
  } while (n > 0)
  return out
}

function str (s: string): Buffer {
  const b = Buffer.from(s, 'utf8')
  const len = Buffer.allocUnsafe(2)
  len.writeUInt16BE(b.length)
  return Buffer.concat([len, b])
}

function packet (first: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([first, ...encodeLength(body.length)]), body])
}

export function encodeConnect (o: ConnectOptions): Buffer {
  let flags = o.clean === false ? 0 : 0x02
  if (o.username != null) flags |= 0x80
  if (o.password != null) flags |= 0x40
  const ka = Buffer.allocUnsafe(2)
  ka.writeUInt16BE(o.keepaliveS ?? 60)
  const parts = [str('MQTT'), Buffer.from([4, flags]), ka, str(o.clientId)]
  if (o.username != null) parts.push(str(o.username))
  if (o.password != null) parts.push(str(o.password))
  return packet(0x10, Buffer.concat(parts))
}

export function encodePublish (topic: string, payload: Buffer | string, qos: 0 | 1, packetId = 0): Buffer {
  const t = str(topic)
  const p = typeof payload === 'string' ? Buffer.from(payload) : payload
  const idLen = qos > 0 ? 2 : 0
  const bodyLen = t.length + idLen + p.length
  const head = encodeLength(bodyLen)
  const out = Buffer.allocUnsafe(1 + head.length + bodyLen)
  let o = 0
  out[o++] = 0x30 | (qos << 1)
  for (const b of head) out[o++] = b
  t.copy(out, o); o += t.length
  if (qos > 0) { out.writeUInt16BE(packetId, o); o += 2 }
  p.copy(out, o)
  return out
}

const puback = (id: number) => Buffer.from([0x40, 0x02, id >> 8, id & 0xff])
const PINGREQ = Buffer.from([0xc0, 0x00])
const DISCONNECT = Buffer.from([0xe0, 0x00])

export class RawClient {
  socket: Socket
  onMessage: OnMessage = () => {}
  onClose: () => void = () => {}
  connected = false
  private buf: Buffer = Buffer.alloc(0)
  private nextId = 1
  private acks = new Map<number, () => void>()
  private connack: ((rc: number) => void) | null = null
  private pinger: NodeJS.Timeout | null = null

  private constructor (socket: Socket) {
    this.socket = socket
    socket.setNoDelay(true)
    socket.on('data', chunk => this.read(chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      this.connected = false
      if (this.pinger != null) clearInterval(this.pinger)
      this.connack?.(-1)
      this.onClose()
    })
  }

  /** Connects and resolves on CONNACK 0; rejects with the return code otherwise. */
  static connect (o: ConnectOptions): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ port: o.port, host: o.host ?? '127.0.0.1' })
      const client = new RawClient(socket)
      const timer = setTimeout(() => { socket.destroy(); reject(new Error(`CONNACK timeout for ${o.clientId}`)) }, o.timeoutMs ?? 10_000)
      client.connack = rc => {
        clearTimeout(timer)
        client.connack = null
        if (rc === 0) { client.connected = true; resolve(client) } else { socket.destroy(); reject(new Error(`CONNACK ${rc} for ${o.clientId}`)) }
      }
      socket.once('connect', () => socket.write(encodeConnect(o)))
    })
  }

  /** Sends PINGREQ every `seconds` (keep-alive for clients that publish rarely). */
  ping (seconds: number): void {
    this.pinger = setInterval(() => { if (this.connected) this.socket.write(PINGREQ) }, seconds * 1000)
  }

  subscribe (filter: string, qos: 0 | 1): Promise<void> {
    const id = this.id()
    const body = Buffer.concat([Buffer.from([id >> 8, id & 0xff]), str(filter), Buffer.from([qos])])
    return new Promise(resolve => { this.acks.set(id, resolve); this.socket.write(packet(0x82, body)) })
  }

  /** QoS 1: `onAck` runs at PUBACK. QoS 0: nothing comes back. */
  publish (topic: string, payload: Buffer | string, qos: 0 | 1, onAck?: () => void): void {
    if (qos === 0) { this.socket.write(encodePublish(topic, payload, 0)); return }
    const id = this.id()
    this.acks.set(id, onAck ?? noop)
    this.socket.write(encodePublish(topic, payload, 1, id))
  }

  inFlight (): number { return this.acks.size }

  end (): void {
    if (this.socket.writable) this.socket.end(DISCONNECT)
    this.socket.destroy()
  }

  private id (): number {
    for (;;) {
      const id = this.nextId
      this.nextId = this.nextId === 0xffff ? 1 : this.nextId + 1
      if (!this.acks.has(id)) return id
    }
  }

  private read (chunk: Buffer): void {
    const buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk])
    let off = 0
    while (buf.length - off >= 2) {
      let mul = 1
      let len = 0
      let i = off + 1
      let complete = false
      for (; i < buf.length && i < off + 5; i++) {
        const b = buf[i] as number
        len += (b & 0x7f) * mul
        mul *= 128
        if ((b & 0x80) === 0) { complete = true; i++; break }
      }
      if (!complete || buf.length - i < len) break
      this.handle(buf[off] as number, buf.subarray(i, i + len))
      off = i + len
    }
    this.buf = off === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(off))
  }

  private handle (first: number, body: Buffer): void {
    switch (first >> 4) {
      case 2: this.connack?.(body[1] as number); break
      case 3: {
        const qos = (first >> 1) & 3
        const tlen = body.readUInt16BE(0)
        const topic = body.toString('utf8', 2, 2 + tlen)
        let o = 2 + tlen
        if (qos > 0) {
          const id = body.readUInt16BE(o)
          o += 2
          this.socket.write(puback(id))
        }
        this.onMessage(topic, body.subarray(o))
        break
      }
      case 4: case 9: { // PUBACK, SUBACK
        const id = body.readUInt16BE(0)
        const done = this.acks.get(id)
        if (done != null) { this.acks.delete(id); done() }
        break
      }
      default: break // PINGRESP and the rest: nothing to do
    }
  }
}

function noop (): void {}
