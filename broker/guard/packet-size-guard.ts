// Bounds MQTT packet size before anything buffers a packet: a Duplex between
// the socket and aedes that follows packet boundaries from each fixed header
// (type byte + remaining-length varint, [MQTT-2.2.3]) and destroys the
// connection as soon as a header declares more than the limit. Bytes are
// passed through unchanged; nothing is held beyond the stream's own buffers.
import { Duplex } from 'node:stream'

export interface OversizePacket { declaredBytes: number, limitBytes: number, remoteAddress: string | undefined }

export interface PacketSizeGuardOptions {
  maxPacketBytes: number
  onOversize: (event: OversizePacket) => void
}

type Inner = Duplex & { remoteAddress?: string | undefined }

/** Scans a byte stream for MQTT fixed headers; `feed` returns the first oversize total, or 0. */
export function createPacketScanner (maxPacketBytes: number) {
  let state: 'type' | 'length' | 'body' = 'type'
  let remaining = 0
  let multiplier = 1
  let lengthBytes = 0
  return function feed (chunk: Buffer): number {
    let i = 0
    while (i < chunk.length) {
      if (state === 'body') {
        const skip = Math.min(remaining, chunk.length - i)
        remaining -= skip
        i += skip
        if (remaining === 0) state = 'type'
        continue
      }
      const byte = chunk[i++] as number
      if (state === 'type') {
        state = 'length'; remaining = 0; multiplier = 1; lengthBytes = 0
        continue
      }
      remaining += (byte & 0x7f) * multiplier
      multiplier *= 128
      lengthBytes++
      const total = 1 + lengthBytes + remaining
      if (total > maxPacketBytes) return total
      if ((byte & 0x80) !== 0) {
        if (lengthBytes === 4) return Number.MAX_SAFE_INTEGER // [MQTT-2.2.3] at most four length bytes: malformed
        continue
      }
      state = remaining === 0 ? 'type' : 'body'
    }
    return 0
  }
}

/** Wraps `inner` (a TCP socket or a WebSocket stream) for aedes.handle(). */
export function guardPacketSize (inner: Inner, options: PacketSizeGuardOptions): Duplex & { remoteAddress: string | undefined } {
  const feed = createPacketScanner(options.maxPacketBytes)
  const guard = new Duplex({
    read () { inner.resume() },
    write (chunk: Buffer, _enc, done) {
      if (inner.write(chunk)) done()
      else inner.once('drain', () => done())
    },
    writev (chunks, done) {
      inner.cork()
      let ok = true
      for (const { chunk } of chunks) ok = inner.write(chunk as Buffer)
      inner.uncork()
      if (ok) done()
      else inner.once('drain', () => done())
    },
    final (done) { inner.end(); done() },
    destroy (err, done) { inner.destroy(); done(err) }
  }) as Duplex & { remoteAddress: string | undefined }
  guard.remoteAddress = inner.remoteAddress
  inner.on('data', (chunk: Buffer) => {
    if (guard.destroyed) return
    const declared = feed(chunk)
    if (declared > 0) {
      options.onOversize({ declaredBytes: declared, limitBytes: options.maxPacketBytes, remoteAddress: inner.remoteAddress })
      guard.destroy()
      return
    }
    if (!guard.push(chunk)) inner.pause()
  })
  inner.on('end', () => guard.push(null))
  inner.on('error', err => guard.destroy(err))
  inner.on('close', () => { if (!guard.destroyed) guard.destroy() })
  return guard
}
