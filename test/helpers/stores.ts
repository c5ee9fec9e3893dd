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

/** A fresh, migrated PostgreSQL database, or undefined (skip) when none is reachable outside CI. */
export async function openPostgresTestStore (t: TapLike): Promise<Store | undefined> {
  if (!(await postgresAvailable())) {
    if (inCI) throw new Error(`PostgreSQL is required under CI but ${postgresAdminUrl} is not reachable`)
    return undefined
  }
  const name = `kiosk_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  const store = await openStore({ DATABASE_URL: url.toString(), SQLITE_PATH: '' })
  t.teardown(async () => {
    await store.close()
    // pg's pool.end() resolves before its sockets are gone; let them close before dropping the database
    await new Promise(resolve => setTimeout(resolve, 100))
    const cleanup = new pg.Client({ connectionString: postgresAdminUrl })
    await cleanup.connect()
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await cleanup.end()
  })
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
