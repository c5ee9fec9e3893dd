// Real stores for tests: a fresh SQLite file in a temp dir, and a fresh
// PostgreSQL database per test (dropped afterwards). PostgreSQL tests skip
// with a reason on a laptop without a server, and fail under CI=true.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Test } from 'tap'
import { openStore, type Store } from '../../services/store/open-database.ts'
import { inCI, postgresAdminUrl } from './env.ts'
import { until } from './wait.ts'

interface TapLike { teardown: (fn: () => unknown) => void }

export function tempDir (t: TapLike, prefix = 'kiosk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function openSqliteTestStore (t: TapLike, path?: string): Promise<Store> {
  const store = await openStore({ SQLITE_PATH: path ?? join(tempDir(t), 'test.db') })
  t.teardown(() => store.close())
  return store
}

let postgresReachable: Promise<boolean> | undefined
export function postgresAvailable (): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      await client.end()
      return true
    } catch {
      return false
    }
  })()
  return postgresReachable
}

/**
 * A fresh, empty PostgreSQL database, dropped in teardown: its URL. Register it
 * before whatever connects to it, so that (teardowns run last-in first-out)
 * everything using it has closed before the drop.
 */
export async function aPostgresTestDatabase (t: TapLike, prefix = 'kiosk_test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  t.teardown(async () => {
    const cleanup = new pg.Client({ connectionString: postgresAdminUrl })
    await cleanup.connect()
    try {
      // pg's pool.end() resolves before the server has seen its sockets close: wait until the
      // server lists no session of this database (FORCE stays as the backstop), so a drop never
      // races a backend that is still exiting
      await until(`no session left on ${name}`, async () => (await cleanup.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [name])).rowCount === 0, 10_000)
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    } finally {
      await cleanup.end()
    }
  })
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** A fresh, migrated PostgreSQL database, or undefined (skip) when none is reachable outside CI. */
export async function openPostgresTestStore (t: TapLike): Promise<Store | undefined> {
  if (!(await postgresAvailable())) {
    if (inCI) throw new Error(`PostgreSQL is required under CI but ${postgresAdminUrl} is not reachable`)
    return undefined
  }
  const store = await openStore({ DATABASE_URL: await aPostgresTestDatabase(t), SQLITE_PATH: '' })
  t.teardown(() => store.close())
  return store
}

export const postgresSkipReason = `PostgreSQL not reachable at ${postgresAdminUrl} (required under CI=true)`

/**
 * Runs `body` once per store kind: the same contract against SQLite and
 * PostgreSQL. The PostgreSQL run is skipped (with the reason) only outside CI.
 */
export async function eachStore (t: Test, name: string, body: (t: Test, store: Store) => Promise<void>): Promise<void> {
  t.test(`${name} [sqlite]`, async tt => body(tt, await openSqliteTestStore(tt)))
  const skip = !inCI && !(await postgresAvailable()) ? postgresSkipReason : false
  t.test(`${name} [postgres]`, { skip }, async tt => {
    const store = await openPostgresTestStore(tt)
    if (store == null) throw new Error(postgresSkipReason)
    await body(tt, store)
  })
}
