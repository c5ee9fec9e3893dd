// Pure rule: may this card open this kiosk? (card, household, device) → decision.
import type { Card, Device, Household } from '../store/database.ts'

export type DenyReason = 'CARD_UNKNOWN' | 'CARD_LOST' | 'CARD_BLOCKED' | 'CARD_WRONG_SITE' | 'HOUSEHOLD_INACTIVE' | 'DEVICE_DISABLED'

export type SwipeDecision =
  | { kind: 'open', household: Household }
  | { kind: 'deny', reason: DenyReason }

export function decideSwipe (device: Pick<Device, 'site_id' | 'status'>, card: Card | undefined, household: Household | undefined): SwipeDecision {
  if (device.status !== 'active') return { kind: 'deny', reason: 'DEVICE_DISABLED' }
  if (card == null || card.status === 'unlinked' || card.household_id == null) return { kind: 'deny', reason: 'CARD_UNKNOWN' }
  if (card.status === 'lost') return { kind: 'deny', reason: 'CARD_LOST' }
  if (card.status === 'blocked') return { kind: 'deny', reason: 'CARD_BLOCKED' }
  if (household == null) return { kind: 'deny', reason: 'CARD_UNKNOWN' }
  if (card.site_id !== device.site_id || household.site_id !== device.site_id) return { kind: 'deny', reason: 'CARD_WRONG_SITE' }
  if (household.status !== 'active') return { kind: 'deny', reason: 'HOUSEHOLD_INACTIVE' }
  return { kind: 'open', household }
}
