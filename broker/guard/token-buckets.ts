// Token buckets by key (an IP address, a device id). A bucket holds up to
// `burst` tokens and refills at `perSecond`. Buckets that have refilled to
// full are forgotten, so the map holds only keys that were busy recently.
export interface TokenBuckets {
  /** Takes a token if there is one; false (and nothing taken) when empty. */
  tryTake: (key: string, nowMs?: number) => boolean
  /** Takes a token, going into debt if needed; returns how long the caller should wait, ms. */
  takeWithDelay: (key: string, nowMs?: number) => number
  /** Takes a token if there is one, never going below zero (for counting failures). */
  drain: (key: string, nowMs?: number) => void
  /** True when fewer than one token is left. */
  isEmpty: (key: string, nowMs?: number) => boolean
  size: () => number
}

interface Bucket { tokens: number, atMs: number }

export function createTokenBuckets (options: { burst: number, perSecond: number, maxKeys?: number }): TokenBuckets {
  const { burst, perSecond } = options
  const maxKeys = options.maxKeys ?? 100_000
  const buckets = new Map<string, Bucket>()
  let sweepAt = Math.min(1024, maxKeys)

  function refilled (key: string, nowMs: number): Bucket {
    let bucket = buckets.get(key)
    if (bucket == null) {
      if (buckets.size >= sweepAt) sweep(nowMs)
      bucket = { tokens: burst, atMs: nowMs }
      buckets.set(key, bucket)
      return bucket
    }
    const elapsedS = Math.max(0, nowMs - bucket.atMs) / 1000
    bucket.tokens = Math.min(burst, bucket.tokens + elapsedS * perSecond)
    bucket.atMs = nowMs
    return bucket
  }

  function sweep (nowMs: number): void {
    for (const [key, b] of buckets) {
      if (b.tokens + (Math.max(0, nowMs - b.atMs) / 1000) * perSecond >= burst) buckets.delete(key)
    }
    // still too many busy keys: forget the oldest half rather than grow without bound
    if (buckets.size >= maxKeys) for (const key of [...buckets.keys()].slice(0, buckets.size >> 1)) buckets.delete(key)
    sweepAt = Math.min(maxKeys, Math.max(1024, buckets.size * 2))
  }

  return {
    tryTake (key, nowMs = Date.now()) {
      const b = refilled(key, nowMs)
      if (b.tokens < 1) return false
      b.tokens -= 1
      return true
    },
    takeWithDelay (key, nowMs = Date.now()) {
      const b = refilled(key, nowMs)
      b.tokens -= 1
      return b.tokens >= 0 ? 0 : Math.ceil((-b.tokens / perSecond) * 1000)
    },
    drain (key, nowMs = Date.now()) {
      const b = refilled(key, nowMs)
      b.tokens = Math.max(0, b.tokens - 1)
    },
    isEmpty: (key, nowMs = Date.now()) => buckets.has(key) && refilled(key, nowMs).tokens < 1,
    size: () => buckets.size
  }
}
