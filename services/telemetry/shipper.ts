// Ships the outbox to InfluxDB: oldest rows first, in batches (full batch, or
// the oldest row is `flushMs` old), deleting rows only after InfluxDB
// confirmed them. Failures: `retry`/`hold` → exponential backoff honouring
// Retry-After, rows stay; `reject` → bisect to the bad lines, dead-letter
// them with the server's reason, ship the rest. Also enforces the bound:
// past `maxRows` the oldest rows are dropped and counted; past 80 % an alarm.
// With several backend processes on one store, one ships at a time: each pass
// first takes or renews the `telemetry-shipper` lease (services/jobs/lease.ts).
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../store/database.ts'
import { deadLetterRows, deleteRows, outboxStats, readOldest, renderLine, trimDeadLetters, trimOutbox, type OutboxRow, type OutboxStats, type Rejected } from './outbox.ts'
import { TelemetryWriteError, toWriteError, type TelemetryWriter } from './influx-writer.ts'
import { acquireLease, releaseLease } from '../jobs/lease.ts'
import { processId } from '../jobs/process-id.ts'

const LEASE_NAME = 'telemetry-shipper'

export interface ShipperOptions {
  db: Kysely<Database>
  log: Logger
  writer: TelemetryWriter
  /** Most points per write (TELEMETRY_BATCH_SIZE). */
  batchSize: number
  /** A partial batch is sent once its oldest point is this old (TELEMETRY_FLUSH_MS). */
  flushMs: number
  /** Bound of the outbox (TELEMETRY_OUTBOX_MAX_ROWS); the oldest rows beyond it are dropped. */
  maxRows: number
  /** Share of maxRows that raises the near-full alarm (default 0.8); cleared below 0.7 of it. */
  nearFullRatio?: number
  minRetryMs?: number
  maxRetryMs?: number
  /** Most extra writes spent isolating bad lines of one refused batch (default 64). */
  maxBisectWrites?: number
  now?: () => number
  /** Who this shipper is in the lease (default: this process), and how long its lease lasts unrenewed (default 30 s). */
  lease?: { holder?: string, ttlMs?: number }
}

export interface TelemetryHealth {
  enabled: boolean
  depth: number
  oldestUnsentAgeMs: number | null
  lastSuccessAtMs: number | null
  lastError: { atMs: number, message: string, status?: number | undefined } | null
  /** Consecutive failed writes (0 = healthy). */
  failures: number
  shipped: number
  dropped: number
  deadLettered: number
  outboxNearFull: boolean
  nearFullAlarms: number
  maxRows: number
  /** False while another process holds the shipping lease: this one ships nothing and its depth is not refreshed. */
  leaseHeld: boolean
}

export interface Shipper {
  start: () => void
  /** Stops the loop; an in-flight write is aborted (its rows stay and go next time). */
  stop: () => Promise<void>
  health: () => TelemetryHealth
  /** One pass: trim, refresh stats, ship what is due (used by tests and the benchmark). */
  runOnce: (opts?: { force?: boolean }) => Promise<'shipped' | 'idle' | 'failed' | 'waiting' | 'not-holder'>
}

export function createShipper (options: ShipperOptions): Shipper {
  const { db, log, writer, batchSize, flushMs, maxRows } = options
  const now = options.now ?? Date.now
  const nearFullAt = Math.floor(maxRows * (options.nearFullRatio ?? 0.8))
  const clearAt = Math.floor(maxRows * (options.nearFullRatio ?? 0.8) * 0.875)
  const minRetryMs = options.minRetryMs ?? 1000
  const maxRetryMs = options.maxRetryMs ?? 60_000
  const maxBisectWrites = options.maxBisectWrites ?? 64
  const pollMs = Math.max(10, Math.min(flushMs, 250))
  const leaseHolder = options.lease?.holder ?? processId
  // a pass can spend a while in retries and bisection: the lease outlives it by far
  const leaseTtlMs = options.lease?.ttlMs ?? 30_000
  let leaseHeld = false
  let leaseExpiresAtMs = 0
  let nextLeaseTryAtMs = 0

  /** Takes or renews the lease, touching the store only when half of it has run or (for a waiting process) every tenth of it. */
  async function holdLease (): Promise<boolean> {
    const t = now()
    if (leaseHeld && t < leaseExpiresAtMs - leaseTtlMs / 2) return true
    if (!leaseHeld && t < nextLeaseTryAtMs) return false
    const lease = await acquireLease(db, LEASE_NAME, leaseHolder, leaseTtlMs, t)
    if ((lease != null) !== leaseHeld) log.info({ holder: leaseHolder }, lease != null ? 'telemetry shipping lease taken: this process ships' : 'telemetry shipping lease held by another process')
    leaseHeld = lease != null
    leaseExpiresAtMs = lease?.expiresAtMs ?? 0
    nextLeaseTryAtMs = t + leaseTtlMs / 10
    return leaseHeld
  }

  let stats: OutboxStats = { depth: 0, oldestCreatedAtMs: null, maxId: null }
  const state = {
    lastSuccessAtMs: null as number | null,
    lastError: null as TelemetryHealth['lastError'],
    failures: 0,
    nextAttemptAtMs: 0,
    shipped: 0,
    dropped: 0,
    deadLettered: 0,
    nearFull: false,
    nearFullAlarms: 0
  }
  let running = false
  let loop: Promise<void> | undefined
  let abort: AbortController | undefined
  let wake: (() => void) | undefined

  async function refresh (): Promise<void> {
    stats = await outboxStats(db)
    const dropped = await trimOutbox(db, stats, maxRows)
    if (dropped > 0) {
      state.dropped += dropped
      log.error({ dropped, maxRows, droppedTotal: state.dropped }, 'telemetry outbox full: oldest points dropped')
      stats = await outboxStats(db)
    }
    if (!state.nearFull && stats.depth >= nearFullAt) {
      state.nearFull = true
      state.nearFullAlarms++
      // no alarms domain yet: this log line and health.outboxNearFull are the alarm
      log.error({ depth: stats.depth, maxRows, lastError: state.lastError?.message }, 'ALARM telemetry outbox nearly full: InfluxDB is not taking points')
    } else if (state.nearFull && stats.depth < clearAt) {
      state.nearFull = false
      log.info({ depth: stats.depth, maxRows }, 'telemetry outbox alarm cleared')
    }
  }

  function backoffMs (err: TelemetryWriteError): number {
    if (err.retryAfterMs != null) return Math.min(err.retryAfterMs, 10 * maxRetryMs)
    const base = Math.min(maxRetryMs, minRetryMs * 2 ** Math.min(state.failures - 1, 20))
    return Math.round(base / 2 + Math.random() * base / 2)
  }

  function failed (err: TelemetryWriteError): void {
    state.failures++
    state.lastError = { atMs: now(), message: err.message, status: err.status }
    const delayMs = backoffMs(err)
    state.nextAttemptAtMs = now() + delayMs
    const fields = { kind: err.kind, status: err.status, err: err.message, failures: state.failures, retryInMs: delayMs, depth: stats.depth }
    if (err.kind === 'hold') log.error(fields, 'InfluxDB refuses our writes (token, org or bucket?): telemetry kept in the outbox')
    else if (state.failures === 1 || state.failures % 10 === 0) log.warn(fields, 'telemetry write failed: kept in the outbox, will retry')
  }

  function succeeded (count: number): void {
    if (state.failures > 0) log.info({ afterFailures: state.failures, depth: stats.depth }, 'telemetry writes succeed again')
    state.failures = 0
    state.nextAttemptAtMs = 0
    state.lastSuccessAtMs = now()
    state.shipped += count
  }

  async function write (rows: readonly OutboxRow[]): Promise<void> {
    abort = new AbortController()
    try {
      await writer.write(rows.map(renderLine), abort.signal)
    } catch (err) {
      throw toWriteError(err)
    } finally {
      abort = undefined
    }
  }

  /** Splits a refused batch until the bad lines stand alone. Throws if a retriable error interrupts. */
  async function isolate (rows: readonly OutboxRow[], err: TelemetryWriteError, budget: { writes: number }, ok: OutboxRow[], bad: Rejected[]): Promise<void> {
    if (rows.length === 1 || budget.writes <= 0) {
      for (const row of rows) bad.push({ row, status: err.status ?? 400, reason: err.message })
      return
    }
    const half = Math.ceil(rows.length / 2)
    for (const part of [rows.slice(0, half), rows.slice(half)]) {
      budget.writes--
      try {
        await write(part)
        ok.push(...part)
      } catch (e) {
        const partErr = toWriteError(e)
        if (partErr.kind !== 'reject') throw partErr
        await isolate(part, partErr, budget, ok, bad)
      }
    }
  }

  async function ship (rows: OutboxRow[]): Promise<void> {
    try {
      await write(rows)
      await deleteRows(db, rows.map(r => r.id))
      succeeded(rows.length)
      return
    } catch (e) {
      const err = toWriteError(e)
      if (err.kind !== 'reject') return failed(err)
      const ok: OutboxRow[] = []
      const bad: Rejected[] = []
      try {
        await isolate(rows, err, { writes: maxBisectWrites }, ok, bad)
      } catch (again) {
        return failed(toWriteError(again))
      }
      await deleteRows(db, ok.map(r => r.id))
      await deadLetterRows(db, bad, now())
      state.dropped += await trimDeadLetters(db, maxRows)
      state.deadLettered += bad.length
      state.lastError = { atMs: now(), message: err.message, status: err.status }
      log.warn({ status: err.status, reason: err.message, deadLettered: bad.length, shipped: ok.length }, 'InfluxDB refused telemetry lines: dead-lettered with the reason')
      // InfluxDB answered: not an outage
      state.failures = 0
      state.nextAttemptAtMs = 0
      if (ok.length > 0) succeeded(ok.length)
    }
  }

  async function runOnce (opts: { force?: boolean } = {}): Promise<'shipped' | 'idle' | 'failed' | 'waiting' | 'not-holder'> {
    if (!(await holdLease())) return 'not-holder'
    await refresh()
    if (stats.depth === 0) return 'idle'
    if (!opts.force && now() < state.nextAttemptAtMs) return 'waiting'
    const rows = await readOldest(db, batchSize)
    const oldest = rows[0]
    if (oldest == null) return 'idle'
    if (!opts.force && rows.length < batchSize && now() - oldest.created_at_ms < flushMs) return 'waiting'
    const failuresBefore = state.failures
    await ship(rows)
    stats = await outboxStats(db)
    return state.failures > failuresBefore ? 'failed' : 'shipped'
  }

  async function run (): Promise<void> {
    while (running) {
      let outcome: Awaited<ReturnType<typeof runOnce>> = 'failed'
      try {
        outcome = await runOnce()
      } catch (err) {
        // the store failed (not InfluxDB): nothing was lost, try again shortly
        log.error({ err }, 'telemetry shipper pass failed')
      }
      if (outcome === 'shipped' || !running) continue
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, pollMs)
        wake = () => { clearTimeout(timer); resolve() }
      })
      wake = undefined
    }
  }

  return {
    start () {
      if (running) return
      running = true
      loop = run()
    },
    async stop () {
      running = false
      abort?.abort()
      wake?.()
      await loop
      if (leaseHeld) {
        leaseHeld = false
        await releaseLease(db, LEASE_NAME, leaseHolder).catch((err: unknown) => { log.warn({ err }, 'telemetry shipping lease not released') })
      }
    },
    health () {
      return {
        enabled: true,
        depth: stats.depth,
        oldestUnsentAgeMs: stats.oldestCreatedAtMs == null ? null : Math.max(0, now() - stats.oldestCreatedAtMs),
        lastSuccessAtMs: state.lastSuccessAtMs,
        lastError: state.lastError,
        failures: state.failures,
        shipped: state.shipped,
        dropped: state.dropped,
        deadLettered: state.deadLettered,
        outboxNearFull: state.nearFull,
        nearFullAlarms: state.nearFullAlarms,
        maxRows,
        leaseHeld
      }
    },
    runOnce
  }
}
