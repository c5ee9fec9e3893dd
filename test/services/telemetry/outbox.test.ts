// The outbox contract on SQLite and PostgreSQL: append inside a transaction,
// read in order, delete only what was confirmed, dead-letter with a reason,
// drop the oldest at the bound.
import t from 'tap'
import { createOutboxSink, deadLetterRows, deleteRows, outboxStats, readOldest, trimOutbox } from '../../../services/telemetry/outbox.ts'
import { eachStore } from '../../helpers/stores.ts'

const point = (i: number) => ({ line: `m,site=s v=${i}i`, atMs: 1_700_000_000_000 + i })

await eachStore(t, 'outbox', async (t, store) => {
  const { db } = store
  const sink = createOutboxSink()
  await db.transaction().execute(trx => sink.append(trx, Array.from({ length: 10 }, (_, i) => point(i)), 1000))
  await t.rejects(db.transaction().execute(async trx => {
    await sink.append(trx, [point(99)], 1000)
    throw new Error('the event failed')
  }), 'a rolled-back batch leaves no telemetry')
  let rows = await readOldest(db, 4)
  t.same(rows.map(r => r.line), [0, 1, 2, 3].map(i => point(i).line), 'oldest first')
  await deleteRows(db, rows.map(r => r.id))
  await deadLetterRows(db, [{ row: (await readOldest(db, 1))[0]!, status: 400, reason: 'unable to parse' }], 2000)
  const dead = await db.selectFrom('telemetry_dead_letters').selectAll().execute()
  t.match(dead, [{ status_code: 400, reason: 'unable to parse', line: new RegExp(`^${point(4).line} \\d+$`) }])

  let stats = await outboxStats(db)
  t.ok(stats.depth >= 5, 'depth counts what is left')
  t.equal(await trimOutbox(db, stats, 3), 2, 'the two oldest dropped at the bound')
  rows = await readOldest(db, 100)
  t.same(rows.map(r => r.line), [7, 8, 9].map(i => point(i).line), 'the newest kept')
  stats = await outboxStats(db)
  t.equal(stats.oldestCreatedAtMs, 1000)
  t.equal(await trimOutbox(db, stats, 3), 0)
})
