// Audit rows of requests that committed no audited transaction (refused by
// authorization or validation, failed and rolled back): written before the
// answer is sent, the request waits for its row. Rows of one event-loop turn
// share one insert, so a burst of refusals shares one commit.
import type { Logger } from 'pino'
import type { Executor } from '../store/executor.ts'
import { insertAuditRecords, type AuditRecord } from './audit-log.ts'

export interface AuditWriter {
  /** Writes one record with the others of this event-loop turn; resolves once written (or its failure logged), never rejects. */
  record: (entry: AuditRecord) => Promise<void>
  /** Writes what is queued now (tests, shutdown). */
  flush: () => Promise<void>
  /** Records written so far and records that could not be written. */
  counts: () => { written: number, failed: number }
}

const maxRowsPerInsert = 500

interface Batch { records: AuditRecord[], done: Promise<void>, resolve: () => void }

export function createAuditWriter (db: Executor, log: Logger): AuditWriter {
  let next: Batch | undefined
  let running: Promise<void> = Promise.resolve()
  let written = 0
  let failed = 0

  async function write (records: AuditRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += maxRowsPerInsert) {
      const rows = records.slice(i, i + maxRowsPerInsert)
      try {
        await insertAuditRecords(db, rows)
        written += rows.length
      } catch (err) {
        failed += rows.length
        // the answer goes out all the same (the action did not happen); the lost row is logged loudly
        log.error({ err, records: rows }, 'audit records not written')
      }
    }
  }

  function flush (): Promise<void> {
    const batch = next
    next = undefined
    if (batch != null) running = running.then(() => write(batch.records)).then(batch.resolve)
    return running
  }

  return {
    record (entry) {
      if (next == null) {
        let resolve = () => {}
        const done = new Promise<void>(r => { resolve = r })
        next = { records: [], done, resolve }
        setImmediate(() => { void flush() })
      }
      next.records.push(entry)
      return next.done
    },
    flush,
    counts: () => ({ written, failed })
  }
}
