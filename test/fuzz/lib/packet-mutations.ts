// Raw MQTT packets for fuzzing: well-formed packets of every type a client may
// send, built with mqtt-packet, then damaged: bytes flipped, inserted or cut,
// remaining lengths truncated, inflated or made five bytes long, or plain noise.
import mqttPacket, { type Packet } from 'mqtt-packet'
import type { Prng } from './prng.ts'

export interface Credentials { deviceId: string, secret: string }

const topicFor = (rng: Prng, deviceId: string) => rng.pick([
  `devices/${deviceId}/events/swipe`, `devices/${deviceId}/status`, `devices/${deviceId}/+`, 'devices/other/events/deposit',
  '#', '$SYS/x', 'a/'.repeat(rng.int(20)), `devices/${deviceId}/${'x'.repeat(rng.int(400))}`
])

export function connectPacket (rng: Prng, creds: Credentials, honest: boolean): Packet {
  return {
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: honest || rng.chance(0.5), keepalive: honest ? 30 : rng.int(70_000), clientId: honest || rng.chance(0.5) ? creds.deviceId : `x${rng.int(1000)}`,
    username: creds.deviceId, password: Buffer.from(honest || rng.chance(0.3) ? creds.secret : 'wrong'),
    ...(rng.chance(0.3) ? { will: { topic: `devices/${creds.deviceId}/status`, payload: Buffer.from('{"online":false}'), qos: 1 as const, retain: true } } : {})
  }
}

export function somePacket (rng: Prng, creds: Credentials): Packet {
  const messageId = 1 + rng.int(65535)
  switch (rng.int(9)) {
    case 0: return connectPacket(rng, creds, false)
    case 1: case 2: return { cmd: 'publish', topic: topicFor(rng, creds.deviceId), payload: rng.bytes(rng.pick([0, 10, 300, 5000])), qos: rng.pick([0, 1, 2] as const), messageId, retain: rng.chance(0.2), dup: rng.chance(0.1) }
    case 3: return { cmd: 'subscribe', messageId, subscriptions: [{ topic: topicFor(rng, creds.deviceId), qos: rng.pick([0, 1, 2] as const) }] }
    case 4: return { cmd: 'unsubscribe', messageId, unsubscriptions: [topicFor(rng, creds.deviceId)] }
    case 5: return { cmd: rng.pick(['puback', 'pubrec', 'pubrel', 'pubcomp'] as const), messageId }
    case 6: return { cmd: 'pingreq' }
    case 7: return { cmd: 'disconnect' }
    default: return { cmd: 'pingresp' }
  }
}

function varint (n: number): number[] {
  const out: number[] = []
  do { let b = n % 128; n = Math.floor(n / 128); if (n > 0) b |= 0x80; out.push(b) } while (n > 0 && out.length < 4)
  return out
}

/** The bytes of `packet`, damaged one way or another (or, now and then, left whole). */
export function damage (rng: Prng, bytes: Buffer): Buffer {
  const b = Buffer.from(bytes)
  switch (rng.int(8)) {
    case 0: return b
    case 1: { for (let i = 0; i < 1 + rng.int(4); i++) b[rng.int(b.length)] = rng.int(256); return b }
    case 2: return b.subarray(0, rng.int(b.length))
    case 3: { const i = rng.int(b.length); return Buffer.concat([b.subarray(0, i), rng.bytes(1 + rng.int(16)), b.subarray(i)]) }
    case 4: return Buffer.concat([Buffer.from([b[0] ?? 0x30, ...varint(rng.pick([70_000, 1_000_000, 268_435_455]))]), b.subarray(2)])
    case 5: return Buffer.concat([Buffer.from([b[0] ?? 0x30, 0xff, 0xff, 0xff, 0xff, 0x7f]), b.subarray(2)])
    case 6: return Buffer.concat([Buffer.from([rng.int(256)]), b.subarray(1)])
    default: return rng.bytes(1 + rng.int(200))
  }
}

/** One connection's worth of bytes: maybe an honest CONNECT first, then damaged packets. */
export function fuzzSession (rng: Prng, creds: Credentials): Buffer[] {
  const chunks: Buffer[] = []
  if (rng.chance(0.6)) chunks.push(mqttPacket.generate(connectPacket(rng, creds, true)))
  for (let i = 0; i < 1 + rng.int(6); i++) {
    let bytes: Buffer
    try { bytes = mqttPacket.generate(somePacket(rng, creds)) } catch { bytes = rng.bytes(20) }
    chunks.push(damage(rng, bytes))
  }
  return chunks
}
