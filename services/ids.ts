// Server-made ids: a prefix naming the kind, then time (sortable) and randomness.
import { randomBytes } from 'node:crypto'

export function newId (prefix: string, nowMs = Date.now()): string {
  return `${prefix}_${nowMs.toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`
}
