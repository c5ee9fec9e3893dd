// Group commit: items submitted while a commit is running wait and go
// together in the next one, so concurrent events share one transaction and
// one fsync. A batch whose commit fails is retried item by item, so one bad
// item cannot keep the others from being stored.
export interface GroupCommitOptions<I, R> {
  maxBatch: number
  /** Applies all items in one transaction; returns one result per item, in order. */
  commitBatch: (items: I[]) => Promise<R[]>
}

export interface GroupCommit<I, R> {
  submit: (item: I) => Promise<R>
  /** Resolves when everything submitted so far is committed (or failed). */
  drain: () => Promise<void>
  pending: () => number
}

interface Waiting<I, R> { item: I, resolve: (r: R) => void, reject: (e: unknown) => void }

export function createGroupCommit<I, R> (options: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  let queue: Waiting<I, R>[] = []
  let running: Promise<void> | null = null

  async function commitOne (w: Waiting<I, R>): Promise<void> {
    try {
      const [result] = await options.commitBatch([w.item])
      w.resolve(result as R)
    } catch (err) {
      w.reject(err)
    }
  }

  async function run (): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch)
      queue = queue.slice(batch.length)
      try {
        const results = await options.commitBatch(batch.map(w => w.item))
        batch.forEach((w, i) => w.resolve(results[i] as R))
      } catch (err) {
        if (batch.length === 1) batch[0]?.reject(err)
        else for (const w of batch) await commitOne(w)
      }
    }
    running = null
  }

  return {
    submit (item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject })
        // start on the next turn so events arriving in the same socket read share the commit
        running ??= new Promise<void>(resolve => setImmediate(resolve)).then(run)
      })
    },
    async drain () {
      while (running != null) await running
    },
    pending: () => queue.length
  }
}
