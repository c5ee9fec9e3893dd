// Splitting a batch into partitions that may commit concurrently, and
// retrying a transaction PostgreSQL chose as a deadlock victim.

/**
 * Indices of `publishes` grouped by device (the same device always in the same group, its
 * events in arrival order); empty groups left out.
 */
export function partitionByDevice (publishes: ReadonlyArray<{ deviceId: string }>, partitions: number): number[][] {
  const groups: number[][] = Array.from({ length: partitions }, () => [])
  publishes.forEach((p, i) => groups[hash(p.deviceId) % partitions]!.push(i))
  return groups.filter(g => g.length > 0)
}

function hash (s: string): number {
  let h = 2166136261 // FNV-1a
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

// 40P01 deadlock_detected, 40001 serialization_failure: the transaction was rolled back whole
// and may simply run again. Concurrent partitions crediting the same households can deadlock
// (day row, then balance, taken in event order in each).
const RETRYABLE = new Set(['40P01', '40001'])
const MAX_ATTEMPTS = 10

export async function retryOnDeadlock<T> (run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code
      if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw err
      // a random pause, growing with the attempts: run again at once, the same partitions
      // would take the same locks in the same order and could deadlock again
      await new Promise(resolve => setTimeout(resolve, Math.random() * 5 * 2 ** Math.min(attempt, 6)))
    }
  }
}
