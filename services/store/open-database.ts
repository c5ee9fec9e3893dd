// Opens the store the config names: embedded SQLite (default) or PostgreSQL.
// SQLite runs in WAL mode with synchronous=FULL so a commit is on disk (fsync)
// before it returns: the ledger acknowledges nothing that is not durable.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from './database.ts'
import { migrateToLatest } from './migrations/index.ts'
import { useNamedStatements } from './named-statements.ts'
import { oneWriterSqliteDialect } from './sqlite-dialect.ts'
import { writeLockFor, type WriteLock } from './sqlite-write-lock.ts'

export type Dialect = 'sqlite' | 'postgres'

export interface Store {
  db: Kysely<Database>
  dialect: Dialect
  /** SQLite only: the file's write lock, shared with the ingest worker (sqlite-write-lock.ts). */
  writeLock?: WriteLock
  close: () => Promise<void>
}

// int8 (bigint) columns hold millisecond times, well inside Number's range.
pg.types.setTypeParser(20, (value: string) => Number(value))

export async function openStore (config: Pick<Config, 'DATABASE_URL' | 'SQLITE_PATH'>): Promise<Store> {
  const store = config.DATABASE_URL != null ? openPostgres(config.DATABASE_URL) : openSqlite(config.SQLITE_PATH)
  try {
    await migrateToLatest(store.db as Kysely<unknown>)
  } catch (err) {
    await store.close()
    throw err
  }
  return store
}

function openSqlite (path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  // Our own writers take turns through the write lock. Only another process (the CLI) can make
  // SQLite busy: the main thread must not block its event loop on that (the dialect retries
  // asynchronously); a worker thread may wait inside SQLite.
  sqlite.pragma(`busy_timeout = ${isMainThread ? 0 : 5000}`)
  sqlite.pragma('foreign_keys = ON')
  const writeLock = writeLockFor(path)
  const statements = withStatementCache(sqlite)
  const db = new Kysely<Database>({ dialect: oneWriterSqliteDialect(statements, writeLock, sql => statements.prepare(sql).readonly) })
  return { db, dialect: 'sqlite', writeLock, close: () => db.destroy() }
}

/**
 * Kysely's SQLite driver prepares every statement on every execution; the
 * hot path runs the same few dozen SQL texts over and over, so prepared
 * statements are kept (bounded, least recently used dropped first).
 */
function withStatementCache (sqlite: SQLite.Database, maxStatements = 500): { close: () => void, prepare: (sql: string) => SQLite.Statement } {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => { cache.clear(); sqlite.close() },
    prepare (sql: string) {
      let statement = cache.get(sql)
      if (statement != null) {
        cache.delete(sql) // re-insert: Map order is recency order
      } else {
        statement = sqlite.prepare(sql)
        if (cache.size >= maxStatements) cache.delete(cache.keys().next().value as string)
      }
      cache.set(sql, statement)
      return statement
    }
  }
}

function openPostgres (url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle connection dropped by the server (restart, failover) must not crash
  // the process; the pool replaces it on the next query.
  pool.on('error', err => { process.emitWarning(`PostgreSQL idle connection error: ${err.message}`) })
  useNamedStatements(pool)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}
