// A staff action and its audit row commit together: the HTTP layer runs each
// mutating route's handler inside an audit context (services/http/audit.ts),
// and `transaction()` writes the context's row as the first statement of the
// action's own transaction. Committed ⇒ the row is there; rolled back ⇒ it is
// not (the HTTP layer then records the refusal before answering).
//
// First, not last: the transaction writes from its first statement, so on
// SQLite it never upgrades a read snapshot at the end (which fails at once
// with SQLITE_BUSY when another connection wrote meanwhile), whichever BEGIN
// the dialect issues.
// Outside a staff request (ingest, CLI, tests) it is a plain transaction.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../store/database.ts'
import { insertAuditRecords, type AuditRecord } from './audit-log.ts'

export interface AuditContext {
  /** The row of this request as a committed action (the route's success status, time so far); undefined: not a staff action. */
  committedRecord: () => AuditRecord | undefined
  /** True once a transaction holding the row has committed. */
  written: boolean
}

const current = new AsyncLocalStorage<AuditContext>()

/** Runs `fn` (a route handler) with `context` as the audit context of every transaction it starts. */
export function runAudited<T> (context: AuditContext, fn: () => T): T {
  return current.run(context, fn)
}

/** `db.transaction().execute(fn)`, carrying the audit row of the staff action it is part of. */
export async function transaction<T> (db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const context = current.getStore()
  if (context == null || context.written) return db.transaction().execute(fn)
  const result = await db.transaction().execute(async trx => {
    const record = context.committedRecord()
    if (record != null) await insertAuditRecords(trx, [record])
    return fn(trx)
  })
  context.written = true
  return result
}
