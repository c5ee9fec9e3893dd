// Group commit: items submitted while a commit is running wait and go
// together in the next one, so concurrent events share one transaction and
// one fsync. A batch whose commit fails is retried item by item, so one bad
// item cannot keep the others from being stored. With `maxInFlight` > 1 the
// next batch is handed over before the previous one finished (pipelining: a
// worker thread that commits in order never waits for the next batch).
// With `maxQueued` the queue is bounded: a caller checks `hasRoom()` before
// submitting and waits for `onRoom`; a submission beyond the bound is refused
// (QueueFullError), never buffered.
export interface GroupCommitOptions<I, R> {
  maxBatch: number
  /** Most items waiting for a commit (in flight not counted); default unbounded. */
  maxQueued?: number
  /** Batches handed to `commitBatch` at once; 1 = strictly one after another. */
  maxInFlight?: number
  /** Applies all items in one transaction; returns one result per item, in order. */
  commitBatch: (items: I[]) => Promise<R[]>
  /**
   * An item that still fails alone after the retries: the result to give instead of
   * refusing it (e.g. a dead letter), or a rejection to refuse it after all.
   */
  onPersistentFailure?: (item: I, err: unknown) => Promise<R>
}

export interface GroupCommit<I, R> {
  submit: (item: I) => Promise<R>
  /** Resolves when everything submitted so far is committed (or failed). */
  drain: () => Promise<void>
  pending: () => number
  /** Largest `pending()` seen so far (the queue's high-water mark). */
  peak: () => number
  /** False when a submission now would be refused. */
  hasRoom: () => boolean
  /** Called each time room appears (a batch left the queue while it was full or nearly). */
  onRoom: (listener: () => void) => void
}

export class QueueFullError extends Error {
  override name = 'QueueFullError'
  readonly code = 'INGEST_QUEUE_FULL'
}

const RETRY_PAUSES_MS = [20, 100, 400]

interface Waiting<I, R> { item: I, resolve: (r: R) => void, reject: (e: unknown) => void }

export function createGroupCommit<I, R> (options: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  const maxInFlight = options.maxInFlight ?? 1
  const maxQueued = options.maxQueued ?? Number.POSITIVE_INFINITY
  const roomListeners: Array<() => void> = []
  let peak = 0
  let queue: Waiting<I, R>[] = []
  let inFlight = 0
  let scheduled = false
  let idle: Array<() => void> = []

  // After a failed batch each item is tried alone, with short pauses: a
  // transient failure (a busy lock, a restarting worker) then costs a delay,
  // not a refused event; an item that keeps failing goes to
  // `onPersistentFailure`, or is refused (no PUBACK).
  async function commitOne (w: Waiting<I, R>, failedAlready: boolean): Promise<void> {
    for (let attempt = failedAlready ? 1 : 0; ; attempt++) {
      if (attempt > 0) await new Promise(resolve => setTimeout(resolve, RETRY_PAUSES_MS[attempt - 1]))
      try {
        const [result] = await options.commitBatch([w.item])
        w.resolve(result as R)
        return
      } catch (err) {
        if (attempt < RETRY_PAUSES_MS.length) continue
        if (options.onPersistentFailure == null) { w.reject(err); return }
        await options.onPersistentFailure(w.item, err).then(w.resolve, w.reject)
        return
      }
    }
  }

  async function commit (batch: Waiting<I, R>[]): Promise<void> {
    try {
      const results = await options.commitBatch(batch.map(w => w.item))
      batch.forEach((w, i) => w.resolve(results[i] as R))
    } catch {
      for (const w of batch) await commitOne(w, batch.length === 1)
    }
  }

  function dispatch (): void {
    scheduled = false
    const wasFull = queue.length >= maxQueued
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch)
      queue = queue.slice(batch.length)
      inFlight++
      void commit(batch).finally(() => {
        inFlight--
        dispatch()
      })
    }
    if (inFlight === 0 && queue.length === 0) {
      const waiters = idle
      idle = []
      for (const wake of waiters) wake()
    }
    // only a queue that refused (or would have) has callers waiting for room
    if (wasFull && queue.length < maxQueued) for (const listener of roomListeners) listener()
  }

  return {
    submit (item) {
      if (queue.length >= maxQueued) return Promise.reject(new QueueFullError(`ingest queue full (${maxQueued} waiting)`))
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject })
        if (queue.length > peak) peak = queue.length
        // start on the next turn so events arriving in the same socket read share the commit
        if (!scheduled && inFlight < maxInFlight) {
          scheduled = true
          setImmediate(dispatch)
        }
      })
    },
    drain () {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve()
      return new Promise<void>(resolve => idle.push(resolve))
    },
    pending: () => queue.length,
    peak: () => peak,
    hasRoom: () => queue.length < maxQueued,
    onRoom: listener => { roomListeners.push(listener) }
  }
}
