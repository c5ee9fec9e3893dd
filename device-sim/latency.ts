// Percentiles of measured latencies, for the run summary.
export interface LatencySummary { count: number, p50?: number, p95?: number, p99?: number, max?: number }

export function latencySummary (samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0 }
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]! }
}
