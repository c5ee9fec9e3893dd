// Online/offline as the broker's live connection table says, written in
// batches every `flushMs`: a reconnect storm of thousands of devices costs a
// few commits, not one fsync per device on the broker's event loop.
//
// Connect and disconnect events only say *which* devices changed. What is
// written is looked up at flush time (`isConnected`), never taken from the
// event: aedes reports a taken-over connection's disconnect after its
// successor is ready, and a reconnect can overtake the old connection's
// close, so the event order is not the truth (issue #9). A flush that fails
// keeps its devices pending; the next one writes their state as it is then.
import type { Logger } from 'pino'
import type { Executor } from '../store/executor.ts'
import { mergeChanges, type PresenceChanges } from './presence-changes.ts'

export interface Presence {
  /** A connection of this device opened or closed: its state is written at the next flush. */
  changed: (deviceId: string) => void
  /** Writes the current state of every changed device; never rejects (failed writes stay pending). */
  flush: () => Promise<void>
  /** Devices whose state is not written yet. */
  pending: () => number
  close: () => Promise<void>
}

export interface PresenceOptions {
  db: Executor
  log: Logger
  /** Whether the device has a live connection to this node now. */
  isConnected: (deviceId: string) => boolean
  flushMs?: number
}

export function createPresence ({ db, log, isConnected, flushMs = 500 }: PresenceOptions): Presence {
  let pending: PresenceChanges = new Map()
  let flushing: Promise<void> = Promise.resolve()

  async function write (changes: PresenceChanges): Promise<void> {
    if (changes.size === 0) return
    try {
      await db.transaction().execute(async trx => {
        for (const [deviceId, seenAtMs] of changes) {
          // looked up here, inside the serialised write: a later flush always writes a later truth
          await trx.updateTable('devices').set({ online: isConnected(deviceId) ? 1 : 0, last_seen_at_ms: seenAtMs }).where('id', '=', deviceId).execute()
        }
      })
    } catch (err) {
      pending = mergeChanges(changes, pending)
      log.warn({ err, devices: changes.size }, 'presence not recorded: retried at the next flush')
    }
  }

  function flush (): Promise<void> {
    const changes = pending
    pending = new Map()
    flushing = flushing.then(() => write(changes))
    return flushing
  }

  const timer = setInterval(() => { void flush() }, flushMs)
  timer.unref()

  return {
    changed: deviceId => { pending.set(deviceId, Date.now()) },
    flush,
    pending: () => pending.size,
    async close () {
      clearInterval(timer)
      await flush()
    }
  }
}

/** At startup no device is connected to this node yet: none is shown online until it connects. */
export async function markAllOffline (db: Executor): Promise<number> {
  const result = await db.updateTable('devices').set({ online: 0 }).where('online', '=', 1).executeTakeFirst()
  return Number(result.numUpdatedRows)
}
