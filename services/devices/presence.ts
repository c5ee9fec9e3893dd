// Online/offline from the broker's own connect and disconnect events (the
// retained status and last will say the same from the device's side).
import type { Logger } from 'pino'
import type { Executor } from '../store/executor.ts'

export function createPresence (db: Executor, log: Logger) {
  const mark = (deviceId: string, online: boolean) => {
    db.updateTable('devices').set({ online: online ? 1 : 0, last_seen_at_ms: Date.now() }).where('id', '=', deviceId).execute()
      .catch((err: unknown) => log.warn({ err, deviceId }, 'presence not recorded'))
  }
  return {
    connected: (deviceId: string) => mark(deviceId, true),
    disconnected: (deviceId: string) => mark(deviceId, false)
  }
}
