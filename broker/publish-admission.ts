// Back-pressure for device publishes. The ingest queue is bounded; when it is
// full a QoS ≥ 1 publish is held (its PUBACK waits) and its connection is no
// longer read (read-gate.ts), so the device is slowed by TCP instead of the
// backend buffering without end. A held publish is not acknowledged, so
// nothing acked can be lost. When room appears, held publishes go in one per
// connection per round, the connection with the fewest publishes in the
// ingest first: a kiosk with one deposit does not wait behind a device
// replaying thousands, and the busiest devices stay paused longest. QoS 0
// publishes (status) are dropped while the queue is full, and counted.
import type { Readable } from 'node:stream'
import type { Client } from 'aedes'
import { pauseReads, resumeReads } from './read-gate.ts'

/** The ingest's bounded queue as the broker sees it. */
export interface IngestRoom {
  hasRoom: () => boolean
  /** `listener` runs each time room appears after the queue was full. */
  onRoom: (listener: () => void) => void
}

export interface BackpressureStats {
  /** Connections with publishes in the ingest or held (aedes reads no more from a connection until its publishes are handled). */
  busyDevices: number
  /** Connections not read now because they have held publishes. */
  pausedDevices: number
  heldPublishes: number
  /** The connections with the most publishes in the ingest or held, busiest first (at most 5). */
  busiest: Array<{ deviceId: string, inIngest: number, held: number }>
  /** Publishes held so far (each waited for room before going in). */
  publishesHeldTotal: number
  /** QoS 0 publishes dropped so far because the queue was full. */
  qos0Dropped: number
}

export interface PublishAdmission {
  /** QoS ≥ 1: runs `start` now, or holds it until there is room; `start` settles when the ingest is done with it. */
  admit: (client: Client, start: () => Promise<void>) => void
  /** QoS 0: runs `start` now when there is room; false when it was dropped. */
  admitOrDrop: (client: Client, start: () => Promise<void>) => boolean
  /** The connection is gone: its held publishes are dropped (never acked, so the device sends them again). */
  forget: (client: Client) => void
  stats: () => BackpressureStats
}

interface Held { start: () => Promise<void> }

const BUSIEST_SHOWN = 5

export function createPublishAdmission (room: IngestRoom | undefined): PublishAdmission {
  const inIngest = new Map<Client, number>()
  const held = new Map<Client, Held[]>()
  let heldPublishes = 0
  let publishesHeldTotal = 0
  let qos0Dropped = 0
  const hasRoom = (): boolean => room?.hasRoom() ?? true
  const connOf = (client: Client): Readable => client.conn as unknown as Readable

  function run (client: Client, start: () => Promise<void>): void {
    inIngest.set(client, (inIngest.get(client) ?? 0) + 1)
    const settled = (): void => {
      const left = (inIngest.get(client) ?? 1) - 1
      if (left > 0) inIngest.set(client, left)
      else inIngest.delete(client)
    }
    start().then(settled, settled)
  }

  function release (): void {
    const drained: Client[] = []
    while (heldPublishes > 0 && hasRoom()) {
      const order = [...held.keys()].sort((a, b) => (inIngest.get(a) ?? 0) - (inIngest.get(b) ?? 0))
      for (const client of order) {
        if (!hasRoom()) break
        const waiting = held.get(client) as Held[]
        const next = waiting.shift() as Held
        heldPublishes--
        if (waiting.length === 0) {
          held.delete(client)
          drained.push(client)
        }
        // a connection that closed meanwhile: not acked, the device sends it again
        if (!client.closed) run(client, next.start)
      }
    }
    // only now: a resumed connection is read at once, and its publishes must not take the room counted above
    for (const client of drained) resumeReads(connOf(client))
  }
  room?.onRoom(release)

  return {
    admit (client, start) {
      const waiting = held.get(client)
      // behind its own held publishes too: a device's events go in in the order it sent them
      if (waiting == null && hasRoom()) return run(client, start)
      if (waiting == null) {
        held.set(client, [{ start }])
        pauseReads(connOf(client))
      } else {
        waiting.push({ start })
      }
      heldPublishes++
      publishesHeldTotal++
    },
    admitOrDrop (client, start) {
      if (!hasRoom()) {
        qos0Dropped++
        return false
      }
      run(client, start)
      return true
    },
    forget (client) {
      const waiting = held.get(client)
      if (waiting == null) return
      held.delete(client)
      heldPublishes -= waiting.length
    },
    stats () {
      const clients = new Set([...inIngest.keys(), ...held.keys()])
      const busiest = [...clients]
        .map(c => ({ deviceId: c.id, inIngest: inIngest.get(c) ?? 0, held: held.get(c)?.length ?? 0 }))
        .sort((a, b) => (b.inIngest + b.held) - (a.inIngest + a.held))
        .slice(0, BUSIEST_SHOWN)
      return { busyDevices: clients.size, pausedDevices: held.size, heldPublishes, busiest, publishesHeldTotal, qos0Dropped }
    }
  }
}
