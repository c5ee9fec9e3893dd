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
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 10_000 }) // a loaded machine can take seconds to accept: 2 s once read as "no server"
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
 * The URL of a fresh, empty PostgreSQL database, dropped at teardown (register
 * it before whatever connects to it: teardowns run last-in first-out), or
 * undefined (skip) when none is reachable outside CI.
 */
export async function createPostgresTestDatabase (t: TapLike): Promise<string | undefined> {
  if (!(await postgresAvailable())) {
    if (inCI) throw new Error(`PostgreSQL is required under CI but ${postgresAdminUrl} is not reachable`)
    return undefined
  }
  return postgresTestDatabaseUrl(t)
}

/** The URL of a fresh, empty PostgreSQL database, dropped when the test ends (a backend under test migrates it). */
export async function postgresTestDatabaseUrl (t: TapLike): Promise<string> {
  const name = `kiosk_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  t.teardown(async () => {
    // WITH (FORCE) ends connections that are still closing (pg's pool.end() resolves before its sockets are gone)
    const cleanup = new pg.Client({ connectionString: postgresAdminUrl })
    await cleanup.connect()
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await cleanup.end()
  })
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** A fresh, migrated PostgreSQL database, or undefined (skip) when none is reachable outside CI. */
export async function openPostgresTestStore (t: TapLike): Promise<Store | undefined> {
  const url = await createPostgresTestDatabase(t)
  if (url == null) return undefined
  const store = await openStore({ DATABASE_URL: url, SQLITE_PATH: '' })
  t.teardown(() => store.close())
  return store
}

export const postgresSkipReason = `PostgreSQL not reachable at ${postgresAdminUrl} (required under CI=true)`

/** A tap `skip` value for a PostgreSQL variant: the reason outside CI without a server, else false. */
export async function postgresSkipReasonIfAny (): Promise<string | false> {
  return !inCI && !(await postgresAvailable()) ? postgresSkipReason : false
}

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

/**
 * Like eachStore, with `count` separate connections to one database, so that
 * transactions started at once truly overlap: SQLite files opened `count`
 * times (they take turns through the write lock, as the ingest worker and the
 * HTTP thread do), PostgreSQL with a pool per connection.
 */
export async function eachStoreConnections (t: Test, name: string, count: number, body: (t: Test, stores: Store[]) => Promise<void>): Promise<void> {
  const openMany = async (open: () => Promise<Store>): Promise<Store[]> => {
    const stores = [await open()] // the first one migrates the new database
    for (let i = 1; i < count; i++) stores.push(await open())
    return stores
  }
  t.test(`${name} [sqlite]`, async tt => {
    const path = join(tempDir(tt), 'shared.db')
    await body(tt, await openMany(() => openSqliteTestStore(tt, path)))
  })
  t.test(`${name} [postgres]`, { skip: await postgresSkipReasonIfAny() }, async tt => {
    const url = await createPostgresTestDatabase(tt)
    if (url == null) throw new Error(postgresSkipReason)
    await body(tt, await openMany(async () => {
      const store = await openStore({ DATABASE_URL: url, SQLITE_PATH: '' })
      tt.teardown(() => store.close())
      return store
    }))
  })
}

/** Connection settings of one store that several backend nodes (and the CLI) share in a test. */
export type SharedStore = { SQLITE_PATH: string } | { SQLITE_PATH: string, DATABASE_URL: string }

/** Runs `body` once with a shared SQLite file and once with a shared PostgreSQL database (required under CI=true). */
export async function eachSharedStore (t: Test, name: string, body: (t: Test, shared: SharedStore) => Promise<void>): Promise<void> {
  t.test(`${name} [sqlite]`, async tt => body(tt, { SQLITE_PATH: join(tempDir(tt), 'shared.db') }))
  t.test(`${name} [postgres]`, { skip: await postgresSkipReasonIfAny() }, async tt => {
    const url = await createPostgresTestDatabase(tt)
    if (url == null) throw new Error(postgresSkipReason)
    await body(tt, { SQLITE_PATH: '', DATABASE_URL: url })
  })
}
