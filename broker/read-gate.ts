// Stops aedes from reading further packets from one connection, and lets it
// read again. aedes pulls a connection with conn.read(null) each time the
// packets of the previous read are handled; while the gate is shut that read
// returns nothing, so the stream's buffer fills, the packet-size guard pauses
// the socket, and TCP slows the device down: its bytes wait in the kernel, not
// in our heap. aedes' own client.pause()/resume() is not used: while paused it
// drops the completion count of packets in flight, and such a connection is
// then never read again.
import type { Readable } from 'node:stream'

interface Gate { shut: boolean }

const gates = new WeakMap<Readable, Gate>()

export function pauseReads (conn: Readable): void {
  let gate = gates.get(conn)
  if (gate == null) {
    const g: Gate = { shut: false }
    const read = conn.read.bind(conn)
    conn.read = (size?: number) => g.shut ? null : read(size)
    gates.set(conn, g)
    gate = g
  }
  gate.shut = true
}

export function resumeReads (conn: Readable): void {
  const gate = gates.get(conn)
  if (gate == null || !gate.shut) return
  gate.shut = false
  // a refused read left the stream waiting to be read before it signals again: aedes reads on 'readable'
  if (!conn.destroyed) conn.emit('readable')
}

export function readsPaused (conn: Readable): boolean {
  return gates.get(conn)?.shut === true
}
