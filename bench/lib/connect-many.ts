// Opens many MQTT connections at a bounded rate and concurrency (so device
// authentication is not a connect storm), optionally subscribing each.
import { RawClient } from './mqtt-wire.ts'

export interface DeviceLogin { id: string, secret?: string | undefined }

export interface ConnectManyOptions {
  port: number
  /** Connections started per second, at most. */
  ratePerS: number
  /** Connections awaiting CONNACK at once, at most. */
  concurrency: number
  keepaliveS?: number
  /** Subscribe each to this filter (e.g. the device inbox) with QoS 1. */
  subscribe?: (id: string) => string
  /** Runs once connected, before subscribing: where a device sets its message handler, so nothing sent on subscribe is missed. */
  onConnected?: (client: RawClient, login: DeviceLogin) => void
  deadlineMs: number
}

export async function connectMany (logins: DeviceLogin[], o: ConnectManyOptions): Promise<{ clients: RawClient[], failed: number, lastError: string | null, elapsedMs: number }> {
  const clients: RawClient[] = new Array(logins.length)
  const started = Date.now()
  let next = 0
  let failed = 0
  let lastError: string | null = null
  async function worker (): Promise<void> {
    while (next < logins.length && Date.now() - started < o.deadlineMs) {
      const i = next++
      const due = started + (i * 1000) / o.ratePerS
      const wait = due - Date.now()
      if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait))
      const login = logins[i] as DeviceLogin
      try {
        const c = await RawClient.connect({ port: o.port, clientId: login.id, username: login.secret != null ? login.id : undefined, password: login.secret, keepaliveS: o.keepaliveS ?? 60, timeoutMs: 30_000 })
        o.onConnected?.(c, login)
        if (o.subscribe != null) await c.subscribe(o.subscribe(login.id), 1)
        clients[i] = c
      } catch (err) {
        failed++
        lastError = err instanceof Error ? err.message : String(err)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, () => worker()))
  return { clients: clients.filter(c => c != null), failed: failed + (logins.length - next), lastError, elapsedMs: Date.now() - started }
}
