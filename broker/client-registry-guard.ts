// aedes 1.2's `unregisterClient` deletes `clients[id]` whoever holds it. A
// connection that starts closing (socket lost, keep-alive timeout) while a new
// connection with the same id registers finishes its close afterwards, and
// its unregister then removes its *successor*: the live device looks
// disconnected, gets no commands, is not closed by the next takeover
// [MQTT-3.1.4-2], and its own disconnect is never reported (issue #9).
// So only the client that is registered is removed; a stale one is still
// counted out and reported, for observers that track connections.
import type { Aedes, Client } from 'aedes'

interface AedesRegistry { clients: Record<string, Client | undefined>, connectedClients: number, unregisterClient: (client: Client) => void }

export function guardClientRegistry (aedes: Aedes): void {
  const registry = aedes as unknown as AedesRegistry
  const unregister = registry.unregisterClient.bind(aedes)
  registry.unregisterClient = client => {
    if (registry.clients[client.id] === client) return unregister(client)
    registry.connectedClients-- // it was counted when it registered
    aedes.emit('clientDisconnect', client)
  }
}
