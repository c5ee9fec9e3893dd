// Transactions a test holds open on PostgreSQL, and what pg_stat_activity
// says a backend is waiting for: to show that a second writer really queues
// behind a row lock instead of only finishing in a lucky order.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../../services/store/database.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { eventually } from './deposit-scene.ts'

export interface HeldTransaction<T> {
  /** The backend running the transaction. */
  pid: Promise<number>
  /** Resolves once `work` is done; its locks are still held. */
  worked: Promise<T>
  release: () => void
  committed: Promise<T>
}

/** Runs `work` in a transaction and keeps it open until `release()`. */
export function holdTransaction<T> (db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): HeldTransaction<T> {
  let release = () => {}
  const released = new Promise<void>(resolve => { release = resolve })
  let pid: (value: number) => void = () => {}
  const pidKnown = new Promise<number>(resolve => { pid = resolve })
  let worked: (value: T) => void = () => {}
  const workDone = new Promise<T>(resolve => { worked = resolve })
  const committed = db.transaction().execute(async trx => {
    pid(await backendPid(trx))
    const value = await work(trx)
    worked(value)
    await released
    return value
  })
  // a failing `work` rejects `worked` too, so a test waiting on it fails instead of hanging
  return { pid: pidKnown, worked: Promise.race([workDone, committed]), release, committed }
}

export async function backendPid (db: Executor): Promise<number> {
  return (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid ?? -1
}

export interface LockWait { pid: number, query: string, blockers: number[] }

/**
 * Waits until a backend of this database waits for a lock: backend `pid`, or
 * any backend running a statement that starts with `statement`.
 */
export async function lockWait (db: Executor, who: { pid: number } | { statement: string }): Promise<LockWait> {
  const pid = 'pid' in who ? who.pid : null
  const statement = 'statement' in who ? who.statement : ''
  return eventually(`${pid != null ? `backend ${pid}` : `a backend running "${statement} …"`} to wait for a lock`, async () => {
    const { rows } = await sql<LockWait>`select pid, query, pg_blocking_pids(pid) as blockers from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'
        and starts_with(query, ${statement}) and (${pid}::int is null or pid = ${pid})`.execute(db)
    return rows[0]
  })
}
