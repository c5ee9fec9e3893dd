// Opens the store the config names: embedded SQLite (default) or PostgreSQL.
// SQLite runs in WAL mode with synchronous=FULL so a commit is on disk (fsync)
// before it returns: the ledger acknowledges nothing that is not durable.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from './database.ts'
import { migrateToLatest } from './migrations.ts'

export type Dialect = 'sqlite' | 'postgres'

export interface Store {
  db: Kysely<Database>
  dialect: Dialect
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
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

/**
 * Kysely's SQLite driver prepares every statement on every execution; the
 * hot path runs the same few dozen SQL texts over and over, so prepared
 * statements are kept (bounded, least recently used dropped first).
 */
function withStatementCache (sqlite: SQLite.Database, maxStatements = 500): SqliteDatabase {
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}
