import type { Kysely, Transaction } from 'kysely'
import type { Database } from './database.ts'

/** Either the database or an open transaction: repository functions take both. */
export type Executor = Kysely<Database> | Transaction<Database>

/** Runs `fn` in a transaction unless `db` already is one. */
export async function inTransaction<T> (db: Executor, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>)
  return db.transaction().execute(fn)
}
