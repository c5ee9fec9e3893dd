// The one-writer rule on the embedded store: separate connections to one file
// whose transactions read, then write, at the same time. Before BEGIN IMMEDIATE
// and the write lock, the second one failed at once with SQLITE_BUSY(_SNAPSHOT)
// (SQLite does not wait when a deferred transaction upgrades to writing).
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import t from 'tap'
import { appendEntry, balanceOf } from '../../../services/ledger/ledger.ts'
import { openStore } from '../../../services/store/open-database.ts'
import { createWriteLock } from '../../../services/store/sqlite-write-lock.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { openSqliteTestStore, tempDir } from '../../helpers/stores.ts'

const at = 1_700_000_000_000

function gate (): { opened: Promise<void>, open: () => void } {
  let open!: () => void
  const opened = new Promise<void>(resolve => { open = resolve })
  return { opened, open }
}

t.test('two connections read, then write, at the same time: the second waits, both apply', async t => {
  const path = join(tempDir(t), 'one-writer.db')
  const a = await openSqliteTestStore(t, path)
  const b = await openSqliteTestStore(t, path)
  const site = await aSite(a.db)
  const { household } = await aHouseholdWithCard(a.db, site.id)
  await appendEntry(a.db, { householdId: household.id, kind: 'earn', points: 100, idempotencyKey: 'seed', nowMs: at })

  const aHasRead = gate()
  const letAWrite = gate()
  const order: string[] = []
  const first = a.db.transaction().execute(async trx => {
    order.push(`a read ${await balanceOf(trx, household.id)}`)
    aHasRead.open()
    await letAWrite.opened
    await appendEntry(trx, { householdId: household.id, kind: 'redeem', points: -60, idempotencyKey: 'a', nowMs: at })
    order.push('a wrote')
  })
  await aHasRead.opened
  const second = b.db.transaction().execute(async trx => {
    order.push(`b read ${await balanceOf(trx, household.id)}`)
    return appendEntry(trx, { householdId: household.id, kind: 'redeem', points: -60, idempotencyKey: 'b', nowMs: at })
  })
  // b is waiting for the lock, not failing: let a finish
  letAWrite.open()
  await first
  await t.rejects(second, { code: 'INSUFFICIENT_POINTS' }, 'b saw a\'s write (no stale snapshot), and was refused by the rule, not by SQLITE_BUSY')
  t.same(order, ['a read 100', 'a wrote', 'b read 40'], 'b started only after a committed')
  t.equal(await balanceOf(b.db, household.id), 40)
})

t.test('many connections append at once: exact balance, every refusal is INSUFFICIENT_POINTS', async t => {
  const path = join(tempDir(t), 'many.db')
  const main = await openSqliteTestStore(t, path) // migrates the new file
  const stores = [main, ...await Promise.all(Array.from({ length: 5 }, () => openSqliteTestStore(t, path)))]
  const site = await aSite(main.db)
  const { household } = await aHouseholdWithCard(main.db, site.id)
  await appendEntry(main.db, { householdId: household.id, kind: 'earn', points: 100, idempotencyKey: 'seed', nowMs: at })
  const debits = Array.from({ length: 30 }, (_, i) => stores[i % stores.length]!.db.transaction().execute(async trx => {
    await balanceOf(trx, household.id) // read first: the upgrade that used to fail
    return appendEntry(trx, { householdId: household.id, kind: 'redeem', points: -7, idempotencyKey: `d${i}`, nowMs: at })
  }))
  const results = await Promise.allSettled(debits)
  const refused = results.filter(r => r.status === 'rejected').map(r => (r.reason as { code?: string }).code)
  t.equal(results.length - refused.length, 14, 'floor(100 / 7) debits applied')
  t.same(new Set(refused), new Set(['INSUFFICIENT_POINTS']))
  t.equal(await balanceOf(main.db, household.id), 2)
})

t.test('the write lock hands over between threads and never blocks the waiting thread', async t => {
  const lock = createWriteLock()
  // a worker thread takes the lock and holds it until told to let go
  const worker = new Worker(`
    const { workerData, parentPort } = require('node:worker_threads')
    const cells = new Int32Array(workerData)
    Atomics.compareExchange(cells, 0, 0, 2)
    parentPort.postMessage('holding')
    parentPort.once('message', () => {
      // release as the lock does: hand over to the main thread if it waits
      if (Atomics.load(cells, 1) === 1) { Atomics.store(cells, 1, 0); Atomics.store(cells, 0, 1) } else Atomics.store(cells, 0, 0)
      Atomics.notify(cells, 0)
      parentPort.postMessage('released')
    })`, { eval: true, workerData: lock.buffer })
  t.teardown(() => worker.terminate())
  await new Promise(resolve => worker.once('message', resolve))
  let acquired = false
  const acquiring = lock.acquire().then(() => { acquired = true })
  // the event loop keeps turning while the main thread waits
  let turns = 0
  while (turns < 20) { await new Promise(resolve => setImmediate(resolve)); turns++ }
  t.equal(acquired, false, 'still waiting while the worker holds it')
  worker.postMessage('release')
  await acquiring
  t.equal(acquired, true)
  lock.release()
  t.equal(new Int32Array(lock.buffer)[0], 0, 'free again')
})

t.test('a thread that died holding the lock does not block the store', async t => {
  const lock = createWriteLock()
  new Int32Array(lock.buffer)[0] = 2 // the worker held it when it died
  lock.releaseIfHeldBy(2)
  await lock.acquire()
  lock.release()
  t.pass('acquired after the dead holder was released')
})

t.test('a store file busy in another process: the main thread retries without blocking', async t => {
  const path = join(tempDir(t), 'busy.db')
  const store = await openSqliteTestStore(t, path)
  const site = await aSite(store.db)
  const { household } = await aHouseholdWithCard(store.db, site.id)
  // another process (here: a raw better-sqlite3 connection, as the CLI would hold) takes SQLite's write lock
  const SQLite = (await import('better-sqlite3')).default
  const other = new SQLite(path)
  t.teardown(() => other.close())
  other.exec('begin immediate')
  let done = false
  const write = appendEntry(store.db, { householdId: household.id, kind: 'earn', points: 5, idempotencyKey: 'k', nowMs: at }).then(r => { done = true; return r })
  let turns = 0
  while (turns < 50) { await new Promise(resolve => setImmediate(resolve)); turns++ }
  t.equal(done, false, 'waiting while the other process writes; the event loop still turns')
  other.exec('commit')
  t.equal((await write).entry.balance_after, 5)
  const reopened = await openStore({ SQLITE_PATH: path })
  t.equal(await balanceOf(reopened.db, household.id), 5)
  await reopened.close()
})
