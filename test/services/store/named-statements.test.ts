// On PostgreSQL the hot-path statements (services/store/prepared.ts) run as
// named statements: prepared once per connection, then only bound and
// executed. Checked in the server's own view of the session
// (pg_prepared_statements), through the real store; and a connection whose
// prepared statements predate a schema change falls back to unnamed ones.
import t from 'tap'
import { sql } from 'kysely'
import { registryVersion } from '../../../services/devices/registry-version.ts'
import { prepare } from '../../../services/store/prepared.ts'
import { aSite } from '../../fixtures/builders.ts'
import { postgresSkipReason, postgresSkipReasonIfAny, openPostgresTestStore } from '../../helpers/stores.ts'

t.test('prepared statements are named on PostgreSQL; ad-hoc queries are not', { skip: await postgresSkipReasonIfAny() }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  // one transaction: one connection, whose session the catalogue view shows
  const seen = await store.db.transaction().execute(async trx => {
    const versions = [await registryVersion(trx), await registryVersion(trx), await registryVersion(trx)]
    const adHoc = await sql<{ version: string }>`select version from registry_version where id = ${1}`.execute(trx)
    const statements = await sql<{ name: string, statement: string }>`select name, statement from pg_prepared_statements`.execute(trx)
    return { versions, adHoc: Number(adHoc.rows[0]?.version), statements: statements.rows }
  })
  t.same(seen.versions, [seen.adHoc, seen.adHoc, seen.adHoc], 'the named statement answers like an ad-hoc one')
  const versionRead = seen.statements.filter(s => s.statement.includes('from "registry_version"'))
  t.equal(versionRead.length, 1, 'the version read is prepared once on this connection, however often it runs')
  t.match(versionRead[0]?.name, /^k[0-9a-f]{24}$/, 'named after its text')
  t.notOk(seen.statements.some(s => s.statement.includes('from registry_version')), 'an ad-hoc query stays unnamed')
})

t.test('once a prepared SELECT * predates a new column, the pool runs its statements unnamed', { skip: await postgresSkipReasonIfAny() }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error(postgresSkipReason)
  const site = await aSite(store.db)
  const readSite = prepare<{ id: string }, Record<string, unknown>>((db, p) => db.selectFrom('sites').selectAll().where('id', '=', p.id))
  await store.db.connection().execute(async conn => {
    t.match(await readSite.first(conn, { id: site.id }), { id: site.id }, 'prepared on this connection')
    // while `conn` is held, a transaction runs on another connection: prepared there too
    t.match(await store.db.transaction().execute(trx => readSite.first(trx, { id: site.id })), { id: site.id }, 'and on another')
    // another node's migration during a rolling upgrade
    await sql`alter table sites add column added_later text`.execute(store.db)
    t.match(await readSite.first(conn, { id: site.id }), { id: site.id, added_later: null }, 'the next run sees the new column instead of failing')
    t.match(await readSite.first(conn, { id: site.id }), { id: site.id, added_later: null }, 'and so does every later one')
    t.match(await store.db.transaction().execute(trx => readSite.first(trx, { id: site.id })), { id: site.id, added_later: null }, 'a transaction on the other connection too')
  })
})
