// Medians, ranges and percentiles.
export function percentile (sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] as number
}

export function median (values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid] as number : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

export interface Summary { median: number, min: number, max: number, rounds: number[] }

export function summarize (rounds: number[]): Summary {
  const finite = rounds.filter(Number.isFinite)
  return { median: median(finite), min: finite.length > 0 ? Math.min(...finite) : NaN, max: finite.length > 0 ? Math.max(...finite) : NaN, rounds }
}

/** Latencies (ms) → p50/p99 of one run. */
export function latencySummary (latenciesMs: number[]): { p50: number, p99: number, max: number, n: number } {
  const s = [...latenciesMs].sort((a, b) => a - b)
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s.length > 0 ? s[s.length - 1] as number : NaN, n: s.length }
}

/**
 * Requests still unanswered at the end count with the time they have waited
 * so far (a lower bound), so an overloaded server shows as a large p99, not as
 * a missing figure. Returns how many there were.
 */
export function unanswered<K> (scheduledAt: Map<K, number>, measuredFrom: number, latencies: number[]): number {
  const now = performance.now()
  let n = 0
  for (const at of scheduledAt.values()) {
    if (at >= measuredFrom) { latencies.push(now - at); n++ }
  }
  return n
}
