// A device that subscribes to its commands gets everything pending re-sent
// (command-delivery.ts). A command that the gate sync records and sends straight
// to the device while that connect is being prepared (a new list version, the
// time) was delivered twice: once directly, once in the re-send. Devices drop
// the repeat by cmdId, so this is legal, but a gate at a busy site got its full
// list twice whenever a round met its connect, and a gate reading "the next
// three commands" missed its settings.
//
// So, per device, from the SUBSCRIBE until the re-send has gone out, such
// direct sends are held. When the re-send is done, a held message it did not
// carry goes out (if still pending: the connect may have superseded it, and a
// stale time must never follow a fresh one). For a short while after, a direct
// send of a message the re-send has just carried is skipped: its commit may
// have preceded the re-send's read while its send came after. And the other
// way round: the broker puts a subscription in place before it reports the
// SUBSCRIBE, so a direct send can reach the new subscription before the window
// opens. What the sync wrote to a connection is remembered for a short while,
// and the re-send on that same connection leaves it out (hog run 3: the gate
// read the list twice, the walkthrough missed its settings). Only the same
// connection: a write to a connection since gone was never received.
//
// Only the gate sync's own sends go through here. Replies to a device's events
// (and the re-send a replayed event brings) are never held: docs/protocol.md
// promises that a replay re-sends its pending commands on the same connection.
// Held messages live in this process only; losing them (a crash) loses no
// command, which stays pending in the store and goes out at the next connect.
import type { OutgoingMessage } from './command-delivery.ts'

/** How long after a re-send a direct send of the same message is still taken for a repeat. */
export const RECENTLY_RESENT_MS = 30_000

export interface ConnectWindows {
  /** The device subscribed: its connect is being prepared. */
  opened: (deviceId: string) => void
  /** True when the message is not to be sent now: held for the re-send, or just carried by it. */
  absorbs: (message: OutgoingMessage) => boolean
  /** The re-send went out (`resent`: what it sent; empty when it failed). Returns the held messages it did not carry, to send if still pending. */
  closed: (deviceId: string, resent: OutgoingMessage[]) => OutgoingMessage[]
  /** The sync wrote this message to the device's connection `connection` (the broker's token). */
  written: (message: OutgoingMessage, connection: object) => void
  /** Payloads the sync wrote to `connection` lately: the re-send on that connection leaves them out. */
  writtenTo: (deviceId: string, connection: object | undefined) => ReadonlySet<string>
}

interface Window { depth: number, held: OutgoingMessage[], resent: Set<string> }

export function createConnectWindows (options: { now?: () => number, recentlyResentMs?: number } = {}): ConnectWindows {
  const now = options.now ?? Date.now
  const recentlyResentMs = options.recentlyResentMs ?? RECENTLY_RESENT_MS
  const open = new Map<string, Window>()
  /** Payloads a finished re-send carried, per device, and until when they count as just sent. */
  const recent = new Map<string, { payloads: Set<string>, untilMs: number }>()
  /** Payloads the sync wrote, per device, to which connection, and until when they count as just written. */
  const written = new Map<string, { connection: object, payloads: Set<string>, untilMs: number }>()

  function recentlyResent (message: OutgoingMessage): boolean {
    const entry = recent.get(message.deviceId)
    if (entry == null) return false
    if (now() >= entry.untilMs) { recent.delete(message.deviceId); return false }
    return entry.payloads.has(message.payload)
  }

  return {
    opened (deviceId) {
      const window = open.get(deviceId)
      if (window != null) window.depth++
      else open.set(deviceId, { depth: 1, held: [], resent: new Set() })
    },
    absorbs (message) {
      const window = open.get(message.deviceId)
      if (window == null) return recentlyResent(message)
      if (!window.held.some(m => m.payload === message.payload)) window.held.push(message)
      return true
    },
    written (message, connection) {
      const entry = written.get(message.deviceId)
      if (entry != null && entry.connection === connection && now() < entry.untilMs) {
        entry.payloads.add(message.payload)
        return
      }
      // kept in expiry order, like `recent`: the expired ones go from the front
      for (const [id, old] of written) {
        if (now() < old.untilMs) break
        written.delete(id)
      }
      written.delete(message.deviceId)
      written.set(message.deviceId, { connection, payloads: new Set([message.payload]), untilMs: now() + recentlyResentMs })
    },
    writtenTo (deviceId, connection) {
      const entry = written.get(deviceId)
      if (entry == null || connection == null || entry.connection !== connection || now() >= entry.untilMs) return new Set()
      return entry.payloads
    },
    closed (deviceId, resent) {
      const window = open.get(deviceId)
      if (window == null) return []
      for (const m of resent) window.resent.add(m.payload)
      // a second SUBSCRIBE while the first connect was prepared: its own re-send is still to come
      if (--window.depth > 0) return []
      open.delete(deviceId)
      // devices that never come back must not pile up here. Entries are kept in expiry order
      // (each is re-inserted at the end), so the expired ones are at the front.
      for (const [id, entry] of recent) {
        if (now() < entry.untilMs) break
        recent.delete(id)
      }
      recent.delete(deviceId)
      if (window.resent.size > 0) recent.set(deviceId, { payloads: window.resent, untilMs: now() + recentlyResentMs })
      return window.held.filter(m => !window.resent.has(m.payload))
    }
  }
}
