// A lease in the store: the one way a periodic job (sweeps, escalation,
// roll-ups, shipping) runs in one process at a time when several backend
// processes share one database. Taking or renewing is one atomic upsert, so
// two processes that try at the same instant cannot both win: the row is
// theirs when it is free (never held, released or expired) or already theirs.
//
// Times come from each process's clock: nodes keep NTP time, and a lease's
// time-to-live must be well above their skew (seconds, not milliseconds).
import { sql } from 'kysely'
import type { Executor } from '../store/executor.ts'

export interface Lease {
  name: string
  holder: string
  expiresAtMs: number
  /** Grows each time the lease changes hands; a renewal keeps it. */
  fencingToken: number
}

/**
 * Takes the lease `name` for `holder` until `nowMs + ttlMs`, or renews it if
 * `holder` has it. Undefined when another holder's lease is still running.
 */
export async function acquireLease (db: Executor, name: string, holder: string, ttlMs: number, nowMs: number): Promise<Lease | undefined> {
  if (!(ttlMs > 0)) throw new RangeError(`lease ttl must be positive, got ${ttlMs}`)
  const expiresAtMs = nowMs + ttlMs
  const row = await db.insertInto('job_leases')
    .values({ name, holder, expires_at_ms: expiresAtMs, fencing_token: 1 })
    .onConflict(oc => oc.column('name').doUpdateSet({
      holder,
      expires_at_ms: expiresAtMs,
      fencing_token: sql<number>`case when job_leases.holder = ${holder} and job_leases.expires_at_ms > ${nowMs} then job_leases.fencing_token else job_leases.fencing_token + 1 end`
    }).where(eb => eb.or([
      eb.and([eb('job_leases.holder', '=', holder), eb('job_leases.expires_at_ms', '>', nowMs)]),
      eb('job_leases.expires_at_ms', '<=', nowMs)
    ])))
    .returning(['name', 'holder', 'expires_at_ms', 'fencing_token'])
    .executeTakeFirst()
  return row == null ? undefined : { name: row.name, holder: row.holder, expiresAtMs: Number(row.expires_at_ms), fencingToken: Number(row.fencing_token) }
}

/** Gives the lease up at once (if `holder` has it), so another process need not wait for it to expire. */
export async function releaseLease (db: Executor, name: string, holder: string): Promise<boolean> {
  const result = await db.updateTable('job_leases').set({ expires_at_ms: 0 })
    .where('name', '=', name).where('holder', '=', holder).where('expires_at_ms', '>', 0)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** The lease as stored, held or not (for /health and tests). */
export async function findLease (db: Executor, name: string): Promise<Lease | undefined> {
  const row = await db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst()
  return row == null ? undefined : { name: row.name, holder: row.holder, expiresAtMs: Number(row.expires_at_ms), fencingToken: Number(row.fencing_token) }
}
