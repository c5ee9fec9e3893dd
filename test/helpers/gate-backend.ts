// A real backend (broker on a free port, real store) for the gate tests, on
// either store: `eachBackendStore` runs a body once on SQLite and once on
// PostgreSQL (skipped with the reason on a laptop, required under CI=true).
import type { Test } from 'tap'
import type { Backend, BackendTestHooks } from '../../services/backend.ts'
import type { Config } from '../../services/config.ts'
import { startTestBackend } from './backend.ts'
import { createPostgresTestDatabase, postgresSkipReason, postgresSkipReasonIfAny } from './stores.ts'

export type StoreKind = 'sqlite' | 'postgres'

export async function startBackendOn (t: Test, store: StoreKind, overrides: Partial<Config> = {}, testHooks: BackendTestHooks = {}): Promise<Backend> {
  if (store === 'sqlite') return startTestBackend(t, overrides, testHooks)
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error(postgresSkipReason)
  return startTestBackend(t, { DATABASE_URL: url, ...overrides }, testHooks)
}

export async function eachBackendStore (t: Test, name: string, body: (t: Test, store: StoreKind) => Promise<void>): Promise<void> {
  t.test(`${name} [sqlite]`, async tt => body(tt, 'sqlite'))
  t.test(`${name} [postgres]`, { skip: await postgresSkipReasonIfAny() }, async tt => body(tt, 'postgres'))
}
