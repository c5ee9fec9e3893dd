// Seeded randomness for the simulator: the same seed gives the same visits,
// so a load run or a failing test can be repeated exactly.

/** A function returning floats in [0, 1). */
export type Rng = () => number

/** mulberry32: tiny, fast, good enough for simulation (not for secrets). */
export function mulberry32 (seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Integer in [min, max], both inclusive. */
export function intBetween (rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

export function chance (rng: Rng, probability: number): boolean {
  return probability > 0 && rng() < probability
}

export function pick<T> (rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list')
  return items[Math.floor(rng() * items.length)] as T
}

/** Picks a key with probability proportional to its weight. */
export function pickWeighted<K extends string> (rng: Rng, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as Array<[K, number]>
  const total = entries.reduce((sum, [, w]) => sum + w, 0)
  let r = rng() * total
  for (const [key, w] of entries) {
    r -= w
    if (r < 0) return key
  }
  return entries[entries.length - 1]![0]
}

/** Derives an independent seed for a named sub-stream (e.g. one per kiosk). */
export function deriveSeed (seed: number, label: string): number {
  let h = seed >>> 0 ^ 0x9e3779b9
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0
  return h
}
