// A small seeded PRNG (mulberry32) so every fuzz run can be repeated from its seed.
export interface Prng {
  next: () => number
  int: (maxExclusive: number) => number
  pick: <T>(items: readonly T[]) => T
  chance: (p: number) => boolean
  bytes: (n: number) => Buffer
}

export function createPrng (seed: number): Prng {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const int = (maxExclusive: number) => Math.floor(next() * maxExclusive)
  return {
    next,
    int,
    pick: items => items[int(items.length)] as (typeof items)[number],
    chance: p => next() < p,
    bytes: n => Buffer.from(Array.from({ length: n }, () => int(256)))
  }
}
