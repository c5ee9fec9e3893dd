// A fresh, empty PostgreSQL database for a backend under test (DATABASE_URL),
// dropped afterwards. Undefined (skip) outside CI when no server is reachable;
// under CI=true a missing server fails the test.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Test } from 'tap'
import { inCI, postgresAdminUrl } from './env.ts'
import { postgresAvailable, postgresSkipReason } from './stores.ts'

export async function freshPostgresUrl (t: Test): Promise<string> {
  if (!(await postgresAvailable())) {
    if (inCI) throw new Error(postgresSkipReason)
    throw new Error('freshPostgresUrl called without a server: check postgresSkip() first')
  }
  const name = `kiosk_e2e_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  // registered first, so it runs after the backend's own teardown has closed its pool;
  // WITH (FORCE) ends any connection still closing
  t.teardown(async () => {
    const cleanup = new pg.Client({ connectionString: postgresAdminUrl })
    await cleanup.connect()
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await cleanup.end()
  })
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** tap's `skip` option: a reason outside CI without a server, else false. */
export async function postgresSkip (): Promise<string | false> {
  return !inCI && !(await postgresAvailable()) ? postgresSkipReason : false
}
