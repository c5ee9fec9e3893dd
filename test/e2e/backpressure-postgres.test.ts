// Back-pressure on PostgreSQL: capacity held at zero by a long transaction
// that locks the events table, then committed; the scenario and its
// assertions are in test/helpers/overload.ts.
import t from 'tap'
import pg from 'pg'
import { overload } from '../helpers/overload.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'

t.test('overload on PostgreSQL: the same, with the events table locked by a long transaction', { skip: await postgresSkipReasonIfAny() }, async t => {
  const url = await postgresTestDatabaseUrl(t)
  await overload(t, { DATABASE_URL: url }, async () => {
    const holder = new pg.Client({ connectionString: url })
    await holder.connect()
    await holder.query('BEGIN')
    // ingest inserts into device_events: EXCLUSIVE blocks them, reads still pass
    await holder.query('LOCK TABLE device_events IN EXCLUSIVE MODE')
    return async () => {
      await holder.query('COMMIT')
      await holder.end()
    }
  }, 250) // fewer than on SQLite: PostgreSQL commits these swipes several times slower, and this file must stay in its time budget
})
