// A transaction a test keeps open on either store: on PostgreSQL the points
// tests' holder (with the backend pid, to see who waits for whom); on SQLite
// one that holds the write lock (BEGIN IMMEDIATE) until release().
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../services/store/database.ts'
import { holdTransaction, type HeldTransaction } from '../points/held-transaction.ts'

export function holdOpen<T> (postgres: boolean, db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): HeldTransaction<T> {
  if (postgres) return holdTransaction(db, work)
  let release = () => {}
  const released = new Promise<void>(resolve => { release = resolve })
  let worked: (value: T) => void = () => {}
  const workDone = new Promise<T>(resolve => { worked = resolve })
  const committed = db.transaction().execute(async trx => {
    const value = await work(trx)
    worked(value)
    await released
    return value
  })
  return { worked: Promise.race([workDone, committed]), release, committed, pid: Promise.resolve(-1) }
}
