// Kysely's SQLite dialect with the one-writer rule (sqlite-write-lock.ts):
// every transaction takes the write lock and starts with BEGIN IMMEDIATE, so it
// holds SQLite's write lock from its first statement (no deferred read→write
// upgrade that fails with SQLITE_BUSY or SQLITE_BUSY_SNAPSHOT); a write outside
// a transaction takes the lock for its one statement; reads never wait (WAL).
//
// Another process on the same file (the operator CLI) can still hold SQLite's
// lock: on the main thread busy_timeout is 0 and SQLITE_BUSY is retried after
// a short asynchronous pause, so that wait never blocks the event loop either.
import { setTimeout as pause } from 'node:timers/promises'
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryResult, type SqliteDatabase, type TransactionSettings } from 'kysely'
import type { WriteLock } from './sqlite-write-lock.ts'

const BUSY_PAUSES_MS = [1, 2, 5, 10, 20, 50, 100]
const BUSY_GIVE_UP_MS = 10_000

function isBusy (err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/** Runs `fn` again after short pauses while another process holds the file's lock. */
async function retryWhileBusy<T> (fn: () => Promise<T>): Promise<T> {
  const startedAt = Date.now()
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      if (!isBusy(err) || Date.now() - startedAt > BUSY_GIVE_UP_MS) throw err
      await pause(BUSY_PAUSES_MS[Math.min(attempt, BUSY_PAUSES_MS.length - 1)])
    }
  }
}

class OneWriterConnection implements DatabaseConnection {
  inTransaction = false
  constructor (readonly inner: DatabaseConnection, private readonly lock: WriteLock, private readonly isReadOnly: (sql: string) => boolean) {}

  async executeQuery<R> (query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) return this.inner.executeQuery<R>(query)
    if (this.isReadOnly(query.sql)) return retryWhileBusy(() => this.inner.executeQuery<R>(query))
    await this.lock.acquire()
    try {
      return await retryWhileBusy(() => this.inner.executeQuery<R>(query))
    } finally {
      this.lock.release()
    }
  }

  streamQuery<R> (query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize)
  }
}

class OneWriterDriver implements Driver {
  private connection: OneWriterConnection | undefined
  constructor (private readonly inner: Driver, private readonly lock: WriteLock, private readonly isReadOnly: (sql: string) => boolean) {}

  init (): Promise<void> { return this.inner.init() }

  async acquireConnection (): Promise<DatabaseConnection> {
    const inner = await this.inner.acquireConnection()
    if (this.connection?.inner !== inner) this.connection = new OneWriterConnection(inner, this.lock, this.isReadOnly)
    return this.connection
  }

  async beginTransaction (connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const c = connection as OneWriterConnection
    await this.lock.acquire()
    try {
      await retryWhileBusy(() => c.inner.executeQuery(CompiledQuery.raw('begin immediate')))
      c.inTransaction = true
    } catch (err) {
      this.lock.release()
      throw err
    }
  }

  async commitTransaction (connection: DatabaseConnection): Promise<void> {
    const c = connection as OneWriterConnection
    // a failed commit is followed by rollbackTransaction, which releases the lock
    await c.inner.executeQuery(CompiledQuery.raw('commit'))
    c.inTransaction = false
    this.lock.release()
  }

  async rollbackTransaction (connection: DatabaseConnection): Promise<void> {
    const c = connection as OneWriterConnection
    try {
      await c.inner.executeQuery(CompiledQuery.raw('rollback'))
    } finally {
      c.inTransaction = false
      this.lock.release()
    }
  }

  releaseConnection (connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as OneWriterConnection).inner)
  }

  destroy (): Promise<void> { return this.inner.destroy() }
}

/** `isReadOnly(sql)`: the statement writes nothing (better-sqlite3's `Statement.readonly`). */
export function oneWriterSqliteDialect (database: SqliteDatabase, lock: WriteLock, isReadOnly: (sql: string) => boolean): SqliteDialect {
  return new (class extends SqliteDialect {
    override createDriver (): Driver {
      return new OneWriterDriver(super.createDriver(), lock, isReadOnly)
    }
  })({ database })
}
