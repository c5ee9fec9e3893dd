// Online/offline from the broker's own connect and disconnect events (the
// retained status and last will say the same from the device's side).
// Presence changes are collected and written together every `flushMs`: a
// reconnect storm of thousands of devices costs a few commits, not one fsync
// per device on the broker's event loop.
import type { Logger } from 'pino'
import type { Executor } from '../store/executor.ts'

export interface Presence {
  connected: (deviceId: string) => void
  disconnected: (deviceId: string) => void
  flush: () => Promise<void>
  close: () => Promise<void>
}

export function createPresence (db: Executor, log: Logger, flushMs = 500): Presence {
  let pending = new Map<string, { online: boolean, atMs: number }>()
  let flushing: Promise<void> = Promise.resolve()

  async function write (changes: Map<string, { online: boolean, atMs: number }>): Promise<void> {
    if (changes.size === 0) return
    await db.transaction().execute(async trx => {
      for (const [deviceId, { online, atMs }] of changes) {
        await trx.updateTable('devices').set({ online: online ? 1 : 0, last_seen_at_ms: atMs }).where('id', '=', deviceId).execute()
      }
    })
  }

  function flush (): Promise<void> {
    const changes = pending
    pending = new Map()
    flushing = flushing.then(() => write(changes)).catch((err: unknown) => log.warn({ err, devices: changes.size }, 'presence not recorded'))
    return flushing
  }

  const timer = setInterval(() => { void flush() }, flushMs)
  timer.unref()
  const mark = (deviceId: string, online: boolean) => { pending.set(deviceId, { online, atMs: Date.now() }) }

  return {
    connected: deviceId => mark(deviceId, true),
    disconnected: deviceId => mark(deviceId, false),
    flush,
    async close () {
      clearInterval(timer)
      await flush()
    }
  }
}
