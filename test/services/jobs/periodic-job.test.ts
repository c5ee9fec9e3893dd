// A periodic job runs in one process at a time: the lease keeps a second
// process idle while the first renews it, and hands the job over when the
// first is killed (after the lease expires) or stops (at once). Both stores,
// real separate processes.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { once } from 'node:events'
import t, { type Test } from 'tap'
import pino from 'pino'
import { sql } from 'kysely'
import { startPeriodicJob } from '../../../services/jobs/periodic-job.ts'
import { findLease } from '../../../services/jobs/lease.ts'
import { openStore, type Store } from '../../../services/store/open-database.ts'
import { createPostgresTestDatabase, eachStoreConnections, postgresSkipReasonIfAny, tempDir } from '../../helpers/stores.ts'
import { waitUntil } from '../../helpers/wait-until.ts'

const silent = pino({ level: 'silent' })

interface Contender { child: ChildProcess, exited: Promise<unknown> }

async function spawnContender (t: Test, target: string, holder: string): Promise<Contender> {
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'helpers', 'lease-contender.ts'), target, holder], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = once(child, 'exit')
  t.teardown(async () => { if (child.exitCode == null && child.signalCode == null) { child.kill('SIGKILL'); await exited } })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('started')) resolve() })
    child.once('exit', code => reject(new Error(`contender ${holder} exited with ${String(code)}`)))
  })
  return { child, exited }
}

interface Pass { holder: string, fencing_token: number }
async function passes (store: Store): Promise<Pass[]> {
  const { rows } = await sql<Pass>`select holder, fencing_token from lease_probe order by id`.execute(store.db)
  return rows.map(r => ({ holder: r.holder, fencing_token: Number(r.fencing_token) }))
}
const by = (all: Pass[], holder: string): Pass[] => all.filter(p => p.holder === holder)

async function handOverBetweenProcesses (t: Test, store: Store, target: string): Promise<void> {
  const id = store.dialect === 'sqlite' ? sql`id integer primary key autoincrement` : sql`id serial primary key`
  await sql`create table lease_probe (${id}, holder text not null, fencing_token bigint not null, at_ms bigint not null)`.execute(store.db)

  const a = await spawnContender(t, target, 'A')
  await waitUntil(async () => by(await passes(store), 'A').length >= 3, 'A runs the job')
  await spawnContender(t, target, 'B')
  // B has started and tries every 25 ms; A goes on running and B never does
  const aBefore = by(await passes(store), 'A').length
  await waitUntil(async () => by(await passes(store), 'A').length >= aBefore + 10, 'A runs ten more passes beside B', 20_000)
  t.same(by(await passes(store), 'B'), [], 'B never ran while A held the lease')

  a.child.kill('SIGKILL')
  await a.exited
  await waitUntil(async () => by(await passes(store), 'B').length >= 3, 'B takes over after A died', 20_000)
  const all = await passes(store)
  const tokensA = new Set(by(all, 'A').map(p => p.fencing_token))
  const tokensB = new Set(by(all, 'B').map(p => p.fencing_token))
  t.same([...tokensA], [1], 'A ran under one term')
  t.same([...tokensB], [2], 'B runs under the next term')
  const firstB = all.findIndex(p => p.holder === 'B')
  t.same(all.slice(firstB).filter(p => p.holder === 'A'), [], 'no pass of A after B started')
}

t.test('two processes on one SQLite file', async t => {
  const path = join(tempDir(t), 'jobs.db')
  const store = await openStore({ SQLITE_PATH: path })
  t.teardown(() => store.close())
  await handOverBetweenProcesses(t, store, path)
})

t.test('two processes on one PostgreSQL database', { skip: await postgresSkipReasonIfAny() }, async t => {
  const url = await createPostgresTestDatabase(t)
  if (url == null) throw new Error('unreachable: skipped above')
  const store = await openStore({ DATABASE_URL: url, SQLITE_PATH: '' })
  t.teardown(() => store.close())
  await handOverBetweenProcesses(t, store, url)
})

void eachStoreConnections(t, 'a stopped job releases its lease and the other runs at once', 2, async (t, [a, b]) => {
  const ran: string[] = []
  const hour = 3_600_000
  const jobA = startPeriodicJob({ db: a!.db, name: 'sweep', holder: 'A', everyMs: hour, log: silent, run: async () => { ran.push('A') } })
  await waitUntil(() => ran.length === 1, 'A ran its first pass')
  const jobB = startPeriodicJob({ db: b!.db, name: 'sweep', holder: 'B', everyMs: hour, log: silent, run: async () => { ran.push('B') } })
  t.equal(await jobB.runOnce(), 'not-holder')
  t.equal(await jobA.runOnce(), 'ran', 'the holder renews and runs')
  await jobA.stop()
  t.equal((await findLease(b!.db, 'sweep'))?.expiresAtMs, 0, 'stop released the lease')
  t.equal(await jobB.runOnce(), 'ran', 'B runs at once, without waiting for an expiry')
  t.same(ran.filter(x => x === 'A'), ['A', 'A'])
  t.ok(ran.includes('B'))
  await jobB.stop()
})

void eachStoreConnections(t, 'a failing pass is reported and the lease is kept', 1, async (t, [a]) => {
  let calls = 0
  const job = startPeriodicJob({ db: a!.db, name: 'flaky', holder: 'A', everyMs: 3_600_000, log: silent, run: async () => { calls++; throw new Error('boom') } })
  await waitUntil(() => calls === 1, 'first pass ran')
  t.equal(await job.runOnce(), 'failed')
  t.equal((await findLease(a!.db, 'flaky'))?.holder, 'A', 'still the holder: the next pass retries')
  await job.stop()
})

void eachStoreConnections(t, 'a node restarted after a crash takes its own lease back at once', 2, async (t, [before, after]) => {
  const hour = 3_600_000
  let ran = 0
  // the crashed process: it took the lease and never stopped (no release)
  const crashed = startPeriodicJob({ db: before!.db, name: 'sweep', holder: 'node-1', everyMs: hour, log: silent, run: async () => { ran++ } })
  await waitUntil(() => ran === 1, 'the first process ran')
  const other = startPeriodicJob({ db: after!.db, name: 'sweep', holder: 'node-2', everyMs: hour, log: silent, run: async () => {} })
  t.equal(await other.runOnce(), 'not-holder', 'another node waits for the lease to expire')
  const restarted = startPeriodicJob({ db: after!.db, name: 'sweep', holder: 'node-1', everyMs: hour, log: silent, run: async () => { ran++ } })
  t.equal(await restarted.runOnce(), 'ran', 'the same node runs at once: it renews its own lease')
  t.equal((await findLease(after!.db, 'sweep'))?.fencingToken, 1, 'the same term')
  await Promise.all([restarted.stop(), other.stop(), crashed.stop()])
})
