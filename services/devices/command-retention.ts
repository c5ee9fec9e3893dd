// Commands are delivery state while they may still reach their device, and
// history after that: every kiosk visit records two, every gate reconnect
// two more, so without pruning the table only grows. A command is finished
// when it was acked, failed or expired, or is still pending but past its
// expiry (nothing sends it again); finished commands older than the
// retention are deleted in chunks. Pending commands that may still be
// delivered are never touched, whatever their age. An ack arriving for a
// pruned command is dead-lettered as COMMAND_UNKNOWN, like any unknown one.
import type { Executor } from '../store/executor.ts'

const finishedStatuses = ['acked', 'failed', 'expired'] as const

/** Deletes up to `limit` finished commands created before `cutoffMs`; returns how many. */
export async function pruneFinishedCommands (db: Executor, cutoffMs: number, nowMs: number, limit: number): Promise<number> {
  const doomed = db.selectFrom('commands').select('cmd_id')
    .where('created_at_ms', '<', cutoffMs)
    .where(eb => eb.or([eb('status', 'in', finishedStatuses), eb.and([eb('status', '=', 'pending'), eb('expires_at_ms', '<=', nowMs)])]))
    .limit(limit)
  const result = await db.deleteFrom('commands').where('cmd_id', 'in', doomed).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export interface RetentionPass { deleted: number, chunks: number }

/** One pass: chunk after chunk (each its own statement, short locks) until a chunk comes back short or `maxChunks` ran. */
export async function pruneCommands (db: Executor, opts: { retentionMs: number, chunk: number, maxChunks: number }, nowMs: number): Promise<RetentionPass> {
  const cutoffMs = nowMs - opts.retentionMs
  let deleted = 0
  let chunks = 0
  while (chunks < opts.maxChunks) {
    const n = await pruneFinishedCommands(db, cutoffMs, nowMs, opts.chunk)
    chunks++
    deleted += n
    if (n < opts.chunk) break
  }
  return { deleted, chunks }
}
