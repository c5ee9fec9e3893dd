// Server-made ids: a prefix naming the kind, then time (sortable) and randomness.
// Random bytes come from a pooled buffer: one getrandom call per 820 ids
// instead of one per id (ids are minted several times per device event).
import { randomFillSync } from 'node:crypto'

const pool = Buffer.alloc(4096)
let offset = pool.length

function randomHex (bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  const hex = pool.toString('hex', offset, offset + bytes)
  offset += bytes
  return hex
}

export function newId (prefix: string, nowMs = Date.now()): string {
  return `${prefix}_${nowMs.toString(36).padStart(9, '0')}${randomHex(5)}`
}
