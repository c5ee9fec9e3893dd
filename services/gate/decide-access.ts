// Pure rule: the online decision for a card at a gate. (card, household,
// gate, schedule, anti-passback state, site time zone, now) → allow or deny
// with a reason code. The order of checks is the order of the reasons a
// resident can act on: card and household first (as at a kiosk), then the
// gate's direction, the card's schedule, and last anti-passback.
import type { AccessSchedule, Direction, GateDenyReason } from '../../schemas/gate.ts'
import { decideSwipe } from '../kiosk/swipe-decision.ts'
import type { Card, Device, Household } from '../store/database.ts'
import { antiPassbackViolated, type AntiPassbackRule, type LastPassage } from './anti-passback.ts'
import { checkSchedule } from './schedule.ts'

export interface GateForDecision extends Pick<Device, 'site_id' | 'status'> {
  /** The directions the gate's readers serve. */
  directions: readonly Direction[]
  /** The anti-passback rule of the gate's zone. */
  zone: { id: string, antiPassback: AntiPassbackRule }
}

export interface AccessQuery {
  gate: GateForDecision
  card: Card | undefined
  household: Household | undefined
  /** null: no time limit (a resident's default). */
  schedule: AccessSchedule | null
  /** The site's holidays (local dates). */
  holidays: ReadonlySet<string>
  direction: Direction
  /** The card's last passage in the gate's zone. */
  lastPassage: LastPassage | null
  /** The site's IANA time zone. */
  timeZone: string
  nowMs: number
}

/** `ANTI_PASSBACK`: allowed by a soft rule although it passed this way last; staff see it in the access log. */
export type AccessFlag = 'ANTI_PASSBACK'

export type AccessDecision =
  | { result: 'allow', flags: AccessFlag[] }
  | { result: 'deny', reason: GateDenyReason }

const deny = (reason: GateDenyReason): AccessDecision => ({ result: 'deny', reason })

export function decideAccess (q: AccessQuery): AccessDecision {
  const swipe = decideSwipe(q.gate, q.card, q.household)
  if (swipe.kind === 'deny') return deny(swipe.reason)
  if (!q.gate.directions.includes(q.direction)) return deny('DIRECTION_NOT_SERVED')
  if (q.schedule != null) {
    const refusal = checkSchedule({ schedule: q.schedule, holidays: q.holidays, direction: q.direction, timeZone: q.timeZone, nowMs: q.nowMs })
    if (refusal != null) return deny(refusal)
  }
  const rule = q.gate.zone.antiPassback
  if (antiPassbackViolated(rule, q.lastPassage, q.direction, q.nowMs)) {
    return rule.mode === 'hard' ? deny('ANTI_PASSBACK') : { result: 'allow', flags: ['ANTI_PASSBACK'] }
  }
  return { result: 'allow', flags: [] }
}
