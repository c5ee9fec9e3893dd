// The one-writer rule for the embedded store. SQLite lets one connection write
// at a time and does not wait (busy_timeout) when a deferred transaction turns
// from reading to writing: with the ingest worker and the main thread (HTTP,
// presence, telemetry) both writing, that failed at once with SQLITE_BUSY.
// So every write transaction first takes this lock, then `BEGIN IMMEDIATE`.
//
// The lock lives in a SharedArrayBuffer shared by the main thread and the
// ingest worker, and is waited for asynchronously (Atomics.waitAsync): a
// waiting writer never blocks the broker's event loop. It is fair between the
// two threads: releasing hands the lock to the other thread when it waits, so
// a worker committing batch after batch cannot starve the counter's HTTP
// writes (and the other way round). Within one thread, writers queue in order.
import { resolve } from 'node:path'
import { isMainThread } from 'node:worker_threads'

const HOLDER = 0
const FREE = 0
/** Party ids: the main thread and the (one) ingest worker of a store file. */
export type Party = 1 | 2
const waitingSlot = (party: Party) => party

export interface WriteLock {
  /** Resolves when this thread holds the lock; queue order within the thread. */
  acquire: () => Promise<void>
  release: () => void
  /** Frees the lock if `party` holds it (its thread died while writing). */
  releaseIfHeldBy: (party: Party) => void
  /** Shared with the worker thread through workerData. */
  buffer: SharedArrayBuffer
}

export function createWriteLock (buffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT), party: Party = isMainThread ? 1 : 2): WriteLock {
  const cells = new Int32Array(buffer)
  // writers of this thread wait here, in order, before contending across threads
  let queue: Promise<void> = Promise.resolve()
  let releaseLocal: (() => void) | undefined

  async function acquireShared (): Promise<void> {
    for (;;) {
      if (Atomics.load(cells, HOLDER) === party) return // handed over by the other thread
      Atomics.store(cells, waitingSlot(party), 1)
      if (Atomics.compareExchange(cells, HOLDER, FREE, party) === FREE) {
        Atomics.store(cells, waitingSlot(party), 0)
        return
      }
      const holder = Atomics.load(cells, HOLDER)
      if (holder === party) return
      const wait = Atomics.waitAsync(cells, HOLDER, holder)
      if (wait.async) await wait.value
    }
  }

  function releaseShared (from: Party): void {
    const to: Party = from === 1 ? 2 : 1
    if (Atomics.load(cells, waitingSlot(to)) === 1) {
      Atomics.store(cells, waitingSlot(to), 0)
      Atomics.store(cells, HOLDER, to)
    } else {
      Atomics.store(cells, HOLDER, FREE)
    }
    Atomics.notify(cells, HOLDER)
  }

  return {
    buffer,
    async acquire () {
      const previous = queue
      let done!: () => void
      queue = new Promise<void>(resolve => { done = resolve })
      await previous
      releaseLocal = done
      try {
        await acquireShared()
      } catch (err) {
        releaseLocal = undefined
        done()
        throw err
      }
    },
    release () {
      const done = releaseLocal
      releaseLocal = undefined
      releaseShared(party)
      done?.()
    },
    releaseIfHeldBy (dead) {
      Atomics.store(cells, waitingSlot(dead), 0)
      if (Atomics.load(cells, HOLDER) === dead) releaseShared(dead)
    }
  }
}

// One lock per database file in this thread, so separate connections to the
// same file (tests, the CLI in-process) take turns instead of failing busy.
const locks = new Map<string, WriteLock>()

export function writeLockFor (path: string): WriteLock {
  let lock = locks.get(resolve(path))
  if (lock == null) {
    lock = createWriteLock()
    locks.set(resolve(path), lock)
  }
  return lock
}

/** In the ingest worker: use the main thread's lock for this file. */
export function adoptWriteLock (path: string, buffer: SharedArrayBuffer): WriteLock {
  const lock = createWriteLock(buffer)
  locks.set(resolve(path), lock)
  return lock
}
