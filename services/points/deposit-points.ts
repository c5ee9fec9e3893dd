// Pure rules: what a deposit earns. No I/O; table-driven tests in
// test/services/points/.
//
// Rounding rule (one, documented in docs/protocol.md): each deposit line earns
// floor(grams × pointsPerKg / 1000) points, computed in integers; fractions
// of a point are dropped per line and never carried over. Per-item categories
// earn count × pointsPerItem. Categories with mode `none` or without a rate
// earn nothing.
import type { DepositLine } from '../../schemas/device-events.ts'
import type { RateTable } from '../../schemas/rate-table.ts'

export interface LinePoints { category: DepositLine['category'], grams: number, points: number }

export type ReviewReason =
  | { code: 'NON_POSITIVE_WEIGHT', category: string, grams: number }
  | { code: 'ABOVE_CAPACITY', category: string, grams: number, maxGrams: number }
  | { code: 'ITEM_COUNT_MISSING', category: string }
  | { code: 'ITEMS_ABOVE_LIMIT', category: string, count: number, maxItems: number }
  | { code: 'POINTS_ABOVE_LIMIT', points: number, maxPoints: number }
  /** Replayed after its session stopped taking deposits (a kiosk offline for long): staff decide. */
  | { code: 'LATE_REPLAY', sessionId: string, depositExpiredAtMs: number }

export interface DepositAssessment {
  lines: LinePoints[]
  totalGrams: number
  pointsComputed: number
  /** Non-empty: the deposit is implausible and goes to staff review, not to the balance. */
  reviewReasons: ReviewReason[]
}

export function linePoints (line: DepositLine, rates: RateTable): number {
  const rate = rates.rates[line.category]
  if (rate == null) return 0
  switch (rate.mode) {
    case 'per_kg': return Math.floor((Math.max(0, line.grams) * rate.pointsPerKg) / 1000)
    case 'per_item': return (line.count ?? 0) * rate.pointsPerItem
    case 'none': return 0
  }
}

function reviewReasonsFor (line: DepositLine, rates: RateTable): ReviewReason[] {
  const reasons: ReviewReason[] = []
  if (line.grams <= 0) reasons.push({ code: 'NON_POSITIVE_WEIGHT', category: line.category, grams: line.grams })
  if (line.grams > rates.maxGramsPerLine) reasons.push({ code: 'ABOVE_CAPACITY', category: line.category, grams: line.grams, maxGrams: rates.maxGramsPerLine })
  if (rates.rates[line.category]?.mode === 'per_item' && line.count == null) reasons.push({ code: 'ITEM_COUNT_MISSING', category: line.category })
  if (line.count != null && line.count > rates.maxItemsPerLine) reasons.push({ code: 'ITEMS_ABOVE_LIMIT', category: line.category, count: line.count, maxItems: rates.maxItemsPerLine })
  return reasons
}

export function assessDeposit (lines: readonly DepositLine[], rates: RateTable): DepositAssessment {
  const scored = lines.map(line => ({ category: line.category, grams: line.grams, points: linePoints(line, rates) }))
  const pointsComputed = scored.reduce((sum, l) => sum + l.points, 0)
  const reviewReasons = lines.flatMap(line => reviewReasonsFor(line, rates))
  if (pointsComputed > rates.maxPointsPerDeposit) reviewReasons.push({ code: 'POINTS_ABOVE_LIMIT', points: pointsComputed, maxPoints: rates.maxPointsPerDeposit })
  return {
    lines: scored,
    totalGrams: lines.reduce((sum, l) => sum + Math.max(0, l.grams), 0),
    pointsComputed,
    reviewReasons
  }
}

/**
 * How many of `points` may still be credited today under the daily cap.
 * `dailyCapPoints` 0 means no cap.
 */
export function applyDailyCap (points: number, earnedTodayPoints: number, dailyCapPoints: number): number {
  if (dailyCapPoints === 0) return points
  return Math.max(0, Math.min(points, dailyCapPoints - earnedTodayPoints))
}
