// Presence probes over real sockets: a kiosk-like connection (retained
// status online:true after CONNACK, last will online:false), the broker-side
// view of its connections, and the devices.online flag as stored.
import mqtt, { type MqttClient } from 'mqtt'
import type { Client } from 'aedes'
import type { Backend } from '../../services/backend.ts'

/** Connects like a kiosk: clean session, last will {"online":false} retained on its status topic. */
export async function connectKiosk (mqttUrl: string, deviceId: string, secret: string): Promise<MqttClient> {
  return mqtt.connectAsync(mqttUrl, {
    clientId: deviceId, username: deviceId, password: secret, protocolVersion: 4, reconnectPeriod: 0, clean: true, connectTimeout: 5000,
    will: { topic: `devices/${deviceId}/status`, payload: Buffer.from('{"online":false}'), qos: 1, retain: true }
  })
}

/** What a kiosk publishes after each CONNACK: a retained status saying online (acked, so stored). */
export async function publishOnline (client: MqttClient, deviceId: string): Promise<void> {
  await client.publishAsync(`devices/${deviceId}/status`, JSON.stringify({ online: true, ts: Date.now() }), { qos: 1, retain: true })
}

/** Ends a connection the way a power cut does (no DISCONNECT: the broker publishes the will). */
export function dropSocket (client: MqttClient): void {
  client.stream.destroy()
  client.end(true)
}

/** Resolves once `condition()` holds; fails after `timeoutMs`. Checks on each event-loop turn, no fixed sleeps. */
export async function waitUntil (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise(resolve => setImmediate(resolve))
  }
}

/**
 * The broker's side of every authenticated connection, to wait for aedes to
 * finish closing them: `closing` counts those whose close has begun (will
 * still pending), `openCount` those not fully closed.
 */
export function watchServerConnections (backend: Backend) {
  const all: Client[] = []
  backend.broker.aedes.on('clientReady', client => all.push(client))
  const of = (deviceId: string) => all.filter(c => c.id === deviceId)
  return {
    closing: (deviceId: string) => of(deviceId).filter(c => c.closed && c.connected).length,
    openCount: (deviceId: string) => of(deviceId).filter(c => !c.closed || c.connected).length
  }
}

export async function storedOnline (backend: Backend, deviceId: string): Promise<number> {
  const row = await backend.store.db.selectFrom('devices').select('online').where('id', '=', deviceId).executeTakeFirstOrThrow()
  return row.online
}

/** Lets every write in flight land (ingest batches, presence), so the stored flag is the settled one. */
export async function settle (backend: Backend): Promise<void> {
  await backend.ingest.drain()
  await backend.presence.flush()
}
