// Checks on the raw CONNECT packet, before aedes makes anything of it
// (aedes' preConnect hook): aedes would give an empty client id a generated
// one even with cleanSession=0, and refuses keep-alives over its limit with
// CONNACK 6, a code MQTT 3.1.1 reserves. Never throws.
import type { Client, ConnectPacket } from 'aedes'
import type { BrokerLimits, GuardCounters } from './limits.ts'

export interface ConnectChecks {
  preConnect: (client: Client, packet: ConnectPacket, done: (err: Error | null, ok: boolean) => void) => void
  /** True when the client sent an empty client id; authentication refuses it with CONNACK 2. */
  hadEmptyClientId: (client: Client) => boolean
}

export function createConnectChecks (limits: BrokerLimits, counters: GuardCounters): ConnectChecks {
  const emptyIds = new WeakSet<Client>()
  return {
    preConnect (client, packet, done) {
      // [MQTT-3.1.3-8] an empty client id with cleanSession=0 must get CONNACK 2; devices are
      // identified by their client id, so an empty one is refused with either flag
      if (packet.clientId == null || packet.clientId === '') {
        emptyIds.add(client)
        counters.emptyClientIds++
      }
      // Clamp instead of refusing: 0 ("no keep-alive") or a longer value would let a dead
      // connection hold its socket for ever; MQTT 3.1.1 cannot tell the client, so a device that
      // stays silent longer than 1.5 × the cap is disconnected and reconnects ([MQTT-3.1.2-24]).
      const keepaliveS = packet.keepalive ?? 0
      if (keepaliveS === 0 || keepaliveS > limits.keepaliveMaxS) {
        packet.keepalive = limits.keepaliveMaxS
        counters.keepalivesClamped++
      }
      done(null, true)
    },
    hadEmptyClientId: client => emptyIds.has(client)
  }
}
