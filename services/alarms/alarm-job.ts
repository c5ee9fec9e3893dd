// The alarm sweep as a periodic job: one process at a time across all
// backend processes on the store (services/jobs/periodic-job.ts), every
// `everyMs`. Each pass is alarm-sweep.ts; what it did is logged and counted.
import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../jobs/periodic-job.ts'
import type { Executor } from '../store/executor.ts'
import type { AlarmConfig } from './alarm-config.ts'
import { runAlarmSweep, type SweepInputs, type SweepReport } from './alarm-sweep.ts'

export const ALARM_SWEEP_JOB = 'alarm-sweep'

export interface AlarmSweepOptions {
  db: Executor
  log: Logger
  config: AlarmConfig
  everyMs: number
  inputs?: SweepInputs
  now?: () => number
  /** Who holds the lease (default: this process); the backend passes its NODE_ID. */
  holder?: string
  /** Called after each pass this process ran (metrics, live pages). */
  onReport?: (report: SweepReport) => void
}

export function startAlarmSweep (opts: AlarmSweepOptions): PeriodicJob {
  return startPeriodicJob({
    db: opts.db,
    name: ALARM_SWEEP_JOB,
    everyMs: opts.everyMs,
    // a pass over a large fleet can take seconds: the lease outlasts a slow pass
    ttlMs: Math.max(opts.everyMs * 3, 30_000),
    log: opts.log,
    ...(opts.now != null ? { now: opts.now } : {}),
    ...(opts.holder != null ? { holder: opts.holder } : {}),
    async run ({ nowMs }) {
      const report = await runAlarmSweep(opts.db, opts.config, opts.inputs ?? {}, nowMs)
      const { notifications, ...counts } = report
      if (notifications.length > 0 || counts.raised > 0 || counts.cleared > 0 || counts.shelvesExpired > 0 || counts.floods.raised + counts.floods.cleared + counts.floods.grouped > 0) {
        opts.log.info({ ...counts, notifications: notifications.length }, 'alarm sweep')
      }
      opts.onReport?.(report)
    }
  })
}
