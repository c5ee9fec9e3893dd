// Pure settlement math: what a session's hold turns into. The repository
// (next session) writes these amounts as ledger entries in one transaction
// under the idempotency keys below, so a session settles exactly once.
//
// Rules (docs/charging.md):
// - charge = min(cost, hold); release = hold − charge. A balance never goes
//   negative and a resident never pays more than the points held.
// - cost above the hold is NOT charged: it is recorded as a shortfall the
//   operator bears. The hold-exhausted stop keeps it to what accrued between
//   the last meter value and the pile switching off.
// - A late stop after a PILE_SILENT settlement never charges a second time:
//   had the stop come in time the charge would have been min(trueCost, hold).
//   If the silent charge was higher, the difference is refunded once; if it
//   was lower, the difference is written off and recorded.
import { DomainError } from '../errors.ts'

export interface Settlement {
  sessionId: string
  holdPoints: number
  costPoints: number
  chargePoints: number
  releasePoints: number
  shortfallPoints: number
  chargeKey: string
  releaseKey: string
}

export interface Reconciliation {
  sessionId: string
  chargedPoints: number
  trueCostPoints: number
  refundPoints: number
  /** All of the true cost that was not charged; supersedes the silent settlement's shortfall. */
  writtenOffPoints: number
  refundKey: string
}

/** The ledger idempotency keys of a session: one charge, one release, at most one refund. */
export const settlementKeys = (sessionId: string) => ({
  charge: `charging:${sessionId}:charge`,
  release: `charging:${sessionId}:release`,
  refund: `charging:${sessionId}:refund`
})

function requirePoints (name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('VALIDATION_FAILED', `${name} must be a non-negative integer number of points`, { [name]: value })
  }
}

export function settle (sessionId: string, holdPoints: number, costPoints: number): Settlement {
  requirePoints('holdPoints', holdPoints)
  requirePoints('costPoints', costPoints)
  const chargePoints = Math.min(costPoints, holdPoints)
  const keys = settlementKeys(sessionId)
  return {
    sessionId,
    holdPoints,
    costPoints,
    chargePoints,
    releasePoints: holdPoints - chargePoints,
    shortfallPoints: costPoints - chargePoints,
    chargeKey: keys.charge,
    releaseKey: keys.release
  }
}

/** A stop that arrives after the session was settled as PILE_SILENT. */
export function reconcileLateStop (settled: Settlement, trueCostPoints: number): Reconciliation {
  requirePoints('trueCostPoints', trueCostPoints)
  const dueCharge = Math.min(trueCostPoints, settled.holdPoints)
  return {
    sessionId: settled.sessionId,
    chargedPoints: settled.chargePoints,
    trueCostPoints,
    refundPoints: Math.max(0, settled.chargePoints - dueCharge),
    writtenOffPoints: Math.max(0, trueCostPoints - settled.chargePoints),
    refundKey: settlementKeys(settled.sessionId).refund
  }
}
