// What residents drop: 1–3 categories per visit with plausible weights, from
// a seeded PRNG so a run can be repeated. Implausible weights (a jammed load
// cell, a brick in the paper bin) appear only when asked for.
import type { Category } from '../schemas/common.ts'
import type { DepositLine } from '../schemas/device-events.ts'
import { chance, intBetween, mulberry32, pick, pickWeighted, type Rng } from './random.ts'

/** Plausible grams per line, per category (hazardous: per-piece weight range). */
export const plausibleGrams: Readonly<Record<Category, { min: number, max: number }>> = {
  paper: { min: 200, max: 3000 },
  plastic: { min: 50, max: 800 },
  metal: { min: 20, max: 500 },
  glass: { min: 200, max: 2000 },
  textile: { min: 300, max: 3000 },
  kitchen: { min: 200, max: 2500 },
  hazardous: { min: 15, max: 25 },
  other: { min: 50, max: 1500 }
}

/** Batteries and other hazardous items are counted in pieces. */
export const hazardousPieces = { min: 1, max: 6 }

/** How often each category shows up in a visit (kitchen and paper dominate). */
const categoryWeights: Readonly<Record<Category, number>> = {
  kitchen: 30, paper: 25, plastic: 20, glass: 8, metal: 7, textile: 4, other: 4, hazardous: 2
}

/** Grams far beyond any plausible line (default site cap is 50 kg per line). */
const implausibleGrams = { min: 60_000, max: 250_000 }

export interface DepositMixOptions {
  seed: number
  /** Probability (0–1) that a visit carries one implausible line. Default 0. */
  implausibleRate?: number
}

export interface DepositMix {
  /** The lines of the next visit: 1–3 distinct categories. */
  next: () => DepositLine[]
}

export function createDepositMix (opts: DepositMixOptions): DepositMix {
  const rng = mulberry32(opts.seed)
  const implausibleRate = opts.implausibleRate ?? 0
  return {
    next () {
      const lines = pickCategories(rng, intBetween(rng, 1, 3)).map(category => plausibleLine(rng, category))
      if (chance(rng, implausibleRate)) {
        const line = pick(rng, lines)
        line.grams = intBetween(rng, implausibleGrams.min, implausibleGrams.max)
      }
      return lines
    }
  }
}

function pickCategories (rng: Rng, n: number): Category[] {
  const chosen = new Set<Category>()
  while (chosen.size < n) chosen.add(pickWeighted(rng, categoryWeights))
  return [...chosen]
}

function plausibleLine (rng: Rng, category: Category): DepositLine {
  const range = plausibleGrams[category]
  if (category === 'hazardous') {
    const count = intBetween(rng, hazardousPieces.min, hazardousPieces.max)
    let grams = 0
    for (let i = 0; i < count; i++) grams += intBetween(rng, range.min, range.max)
    return { category, grams, count }
  }
  return { category, grams: intBetween(rng, range.min, range.max) }
}
