// Reconciliation of a pickup (pure): the weight the collector found against
// the weight the kiosk's scale credited into that bin since the last pickup.
// A bin that holds much less than was credited points to fraud (deposits that
// were never made) or a scale drifting high; much more, to a scale drifting low.

export interface Reconciliation {
  collectedGrams: number
  depositedGrams: number
  /** collected − deposited: negative when the bin held less than was credited. */
  differenceGrams: number
  /** The difference in % of the deposited weight, one decimal; null when nothing was deposited. */
  differencePct: number | null
}

/** Deposited grams of one bin from deposit lines: negative weights (a faulty scale, sent to review) put nothing in the bin. */
export function depositedInto (category: string, deposits: ReadonlyArray<ReadonlyArray<{ category: string, grams: number }>>): number {
  let grams = 0
  for (const lines of deposits) for (const line of lines) if (line.category === category) grams += Math.max(0, line.grams)
  return grams
}

export function reconcile (collectedGrams: number, depositedGrams: number): Reconciliation {
  const differenceGrams = collectedGrams - depositedGrams
  return {
    collectedGrams,
    depositedGrams,
    differenceGrams,
    differencePct: depositedGrams === 0 ? null : Math.round((differenceGrams / depositedGrams) * 1000) / 10
  }
}
