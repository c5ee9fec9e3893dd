// Test harness for the HTTP API: a real SQLite (or PostgreSQL) store, the app
// built by buildApp(), staff of each role with tokens, and a small inject wrapper.
// `onEachStore(tap)` registers every test of a file twice, `[sqlite]` and
// `[postgres]`; harness() opens the store of the test it is called in.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import { testConfig, type Config } from '../../../services/config.ts'
import { createLogger, type Logger } from '../../../services/logger.ts'
import { buildApp } from '../../../services/http/app.ts'
import type { HttpSecurityOptions } from '../../../services/http/security.ts'
import { createStaff } from '../../../services/staff/staff.ts'
import type { Database, StaffRole } from '../../../services/store/database.ts'
import type { Store } from '../../../services/store/open-database.ts'
import type { DeviceSessions } from '../../../services/devices/credentials.ts'
import type { Test } from 'tap'
import { inCI } from '../../helpers/env.ts'
import { openPostgresTestStore, openSqliteTestStore, postgresAvailable, postgresSkipReason } from '../../helpers/stores.ts'
import { aSite } from '../../fixtures/builders.ts'

interface TapLike { teardown: (fn: () => unknown) => void }

export interface Caller {
  id: string
  token: string
  call: (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>
}

export interface Harness {
  app: FastifyInstance
  db: Kysely<Database>
  siteId: string
  otherSiteId: string
  /** All-sites admin, and site-bound staff of each role at `siteId`. */
  admin: Caller
  counter: Caller
  manager: Caller
  manager2: Caller
  siteAdmin: Caller
  /** A manager bound to `otherSiteId`. */
  otherManager: Caller
  anonymous: Caller
  staff: (role: StaffRole, siteId: string | null, username?: string) => Promise<Caller>
}

let n = 0

type StoreKind = 'sqlite' | 'postgres'
const storeKindOf = new WeakMap<object, StoreKind>()
const postgresSkip = !inCI && !(await postgresAvailable()) ? postgresSkipReason : false

/**
 * A `t` whose `test(name, fn)` runs `fn` once per store kind: `name [sqlite]`
 * and `name [postgres]` (skipped with the reason outside CI when PostgreSQL
 * is not reachable). harness() called inside `fn` opens that kind of store.
 */
export function onEachStore (t: Test): { test: (name: string, fn: (t: Test) => Promise<void>) => void } {
  return {
    test (name, fn) {
      t.test(`${name} [sqlite]`, async tt => { storeKindOf.set(tt, 'sqlite'); await fn(tt) })
      t.test(`${name} [postgres]`, { skip: postgresSkip }, async tt => { storeKindOf.set(tt, 'postgres'); await fn(tt) })
    }
  }
}

/** The store kind onEachStore chose for `t` or one of its parents; SQLite otherwise. */
function storeKindFor (t: TapLike): StoreKind {
  for (let at: unknown = t; at != null; at = (at as { parent?: unknown }).parent) {
    const kind = storeKindOf.get(at as object)
    if (kind != null) return kind
  }
  return 'sqlite'
}

async function openTestStore (t: TapLike): Promise<Store> {
  if (storeKindFor(t) === 'sqlite') return openSqliteTestStore(t)
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  return store
}

export async function harness (t: TapLike, opts: { store?: Store, health?: () => Record<string, unknown>, deviceSessions?: DeviceSessions, security?: Partial<HttpSecurityOptions>, config?: Partial<Config>, log?: Logger } = {}): Promise<Harness> {
  const store = opts.store ?? await openTestStore(t)
  const db = store.db
  const app = await buildApp({ db, log: opts.log ?? createLogger({ LOG_LEVEL: 'silent' }, false), config: testConfig(opts.config), health: opts.health, deviceSessions: opts.deviceSessions, security: opts.security })
  t.teardown(() => app.close())
  const caller = (id: string, token: string): Caller => ({
    id,
    token,
    call: (method, url, body, headers = {}) => app.inject({
      method, url, ...(body === undefined ? {} : { payload: body as object }),
      headers: { ...(token === '' ? {} : { authorization: `Bearer ${token}` }), ...headers }
    })
  })
  const staff = async (role: StaffRole, siteId: string | null, username = `${role}${process.pid}n${++n}`) => {
    const created = await createStaff(db, { username, name: `Test ${role} ${n}`, role, siteId })
    return caller(created.staff.id, created.token)
  }
  const site = await aSite(db)
  const other = await aSite(db)
  return {
    app, db, siteId: site.id, otherSiteId: other.id,
    admin: await staff('admin', null),
    counter: await staff('counter', site.id),
    manager: await staff('manager', site.id),
    manager2: await staff('manager', site.id),
    siteAdmin: await staff('admin', site.id),
    otherManager: await staff('manager', other.id),
    anonymous: caller('', ''),
    staff
  }
}

/** The `error.code` of a JSON error body. */
export function errorCode (res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code
}
