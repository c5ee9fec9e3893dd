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
//
// With several nodes, a device's row names the node holding its connection
// (`online_node`): a node marks a device online as its own, and offline only
// while it is still its own. A device that reconnected to another node is not
// marked offline by the old node's late disconnect, and a node's restart
// clears only its own devices (those of a node that died are cleared by the
// others, node-heartbeat.ts).
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
  /** This node (NODE_ID). */
  nodeId: string
  flushMs?: number
}

export function createPresence ({ db, log, isConnected, nodeId, flushMs = 500 }: PresenceOptions): Presence {
  let pending: PresenceChanges = new Map()
  let flushing: Promise<void> = Promise.resolve()

  async function write (changes: PresenceChanges): Promise<void> {
    if (changes.size === 0) return
    try {
      await db.transaction().execute(async trx => {
        for (const [deviceId, seenAtMs] of changes) {
          // looked up here, inside the serialised write: a later flush always writes a later truth
          if (isConnected(deviceId)) {
            await trx.updateTable('devices').set({ online: 1, online_node: nodeId, last_seen_at_ms: seenAtMs }).where('id', '=', deviceId).execute()
          } else {
            await trx.updateTable('devices').set({ online: 0, online_node: null, last_seen_at_ms: seenAtMs })
              .where('id', '=', deviceId).where(eb => eb.or([eb('online_node', '=', nodeId), eb('online_node', 'is', null)])).execute()
          }
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

/**
 * At startup no device is connected to this node yet: none of its own is shown online until it
 * connects (nor one left online without an owner, by a run before owners were recorded). The
 * devices of other nodes stay as they are.
 */
export async function markOwnOffline (db: Executor, nodeId: string): Promise<number> {
  const result = await db.updateTable('devices').set({ online: 0, online_node: null }).where('online', '=', 1)
    .where(eb => eb.or([eb('online_node', '=', nodeId), eb('online_node', 'is', null)])).executeTakeFirst()
  return Number(result.numUpdatedRows)
}
