// Runs a job every `everyMs` in one process at a time across all processes on
// the store: each pass first takes or renews the job's lease (lease.ts) and
// runs only while it holds it. A holder that dies stops renewing; after its
// lease expires (`ttlMs`) another process takes over. A pass must finish well
// within `ttlMs`, or another process may start the job while it still runs.
import type { Logger } from 'pino'
import type { Executor } from '../store/executor.ts'
import { acquireLease, releaseLease, type Lease } from './lease.ts'
import { processId } from './process-id.ts'

export interface PeriodicJobOptions {
  db: Executor
  name: string
  everyMs: number
  /** How long a lease lasts without renewal; default three passes. */
  ttlMs?: number
  holder?: string
  log: Logger
  now?: () => number
  run: (pass: { lease: Lease, nowMs: number }) => Promise<void>
}

export type PassOutcome = 'ran' | 'not-holder' | 'failed'

export interface PeriodicJob {
  /** One pass now (tests, and the loop itself). */
  runOnce: () => Promise<PassOutcome>
  /** Stops the loop, waits for a running pass, and releases the lease. */
  stop: () => Promise<void>
}

export function startPeriodicJob (opts: PeriodicJobOptions): PeriodicJob {
  const now = opts.now ?? Date.now
  const holder = opts.holder ?? processId
  const ttlMs = opts.ttlMs ?? opts.everyMs * 3
  const log = opts.log.child({ job: opts.name })
  let running = true
  let wake: (() => void) | undefined
  let heldToken: number | undefined

  async function runOnce (): Promise<PassOutcome> {
    const nowMs = now()
    let lease: Lease | undefined
    try {
      lease = await acquireLease(opts.db, opts.name, holder, ttlMs, nowMs)
    } catch (err) {
      log.warn({ err }, 'lease not renewed: the store failed')
      return 'failed'
    }
    if (lease == null) {
      if (heldToken != null) log.info('lease lost to another process')
      heldToken = undefined
      return 'not-holder'
    }
    if (heldToken !== lease.fencingToken) log.info({ fencingToken: lease.fencingToken }, 'lease taken: this process runs the job')
    heldToken = lease.fencingToken
    try {
      await opts.run({ lease, nowMs })
      return 'ran'
    } catch (err) {
      log.error({ err }, 'periodic job pass failed')
      return 'failed'
    }
  }

  async function loop (): Promise<void> {
    while (running) {
      await runOnce()
      if (!running) break
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, opts.everyMs)
        timer.unref()
        wake = () => { clearTimeout(timer); resolve() }
      })
      wake = undefined
    }
  }

  const looping = loop()
  return {
    runOnce,
    async stop () {
      running = false
      wake?.()
      await looping
      if (heldToken != null) await releaseLease(opts.db, opts.name, holder).catch((err: unknown) => { log.warn({ err }, 'lease not released') })
    }
  }
}
