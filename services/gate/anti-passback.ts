// Pure rule: anti-passback per zone. A card that passed a zone's gates in one
// direction must pass the other way before it may pass the same way again
// (no handing the card back through the fence). `soft` lets it pass and flags
// the passage for staff; `hard` denies. With a reset, the last passage is
// forgotten after resetAfterMs, so one missed exit (a door held open for a
// group) does not lock a resident out for good.
import type { Direction } from '../../schemas/gate.ts'

export interface AntiPassbackRule {
  mode: 'off' | 'soft' | 'hard'
  resetAfterMs: number | null
}

/** The card's last passage in the zone, from the access log; null if none. */
export interface LastPassage {
  direction: Direction
  atMs: number
}

export function antiPassbackViolated (rule: AntiPassbackRule, last: LastPassage | null, direction: Direction, nowMs: number): boolean {
  if (rule.mode === 'off' || last == null) return false
  if (rule.resetAfterMs != null && nowMs - last.atMs >= rule.resetAfterMs) return false
  return last.direction === direction
}
