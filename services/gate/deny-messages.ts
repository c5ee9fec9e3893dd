// What a gate shows for each deny reason (the gate-deny command's `message`):
// short, in the resident's terms. Codes are the contract; these are only text.
import type { GateDenyReason } from '../../schemas/gate.ts'

export const denyMessages: Record<GateDenyReason, string> = {
  CARD_UNKNOWN: 'Card not registered',
  CARD_LOST: 'Card reported lost',
  CARD_BLOCKED: 'Card blocked',
  CARD_WRONG_SITE: 'Card belongs to another compound',
  HOUSEHOLD_INACTIVE: 'Household not active',
  DEVICE_DISABLED: 'Gate out of service',
  DIRECTION_NOT_SERVED: 'This reader does not serve that direction',
  OUTSIDE_DATE_RANGE: 'Outside your access dates',
  OUTSIDE_SCHEDULE: 'Outside your access hours',
  ANTI_PASSBACK: 'Already passed this way: pass the other way first',
  FORGED: 'Pass not valid',
  EXPIRED: 'Pass expired',
  NOT_YET_VALID: 'Pass not valid yet',
  REVOKED: 'Pass revoked',
  EXHAUSTED: 'Pass used up',
  WRONG_SITE: 'Pass is for another compound',
  WRONG_GATE: 'Pass not valid at this gate',
  UNKNOWN_KEY: 'Pass not valid (unknown key)',
  CLOCK_UNTRUSTED: 'Gate clock not synced',
  NOT_IN_ALLOW_LIST: 'Card not in this gate\'s list'
}
