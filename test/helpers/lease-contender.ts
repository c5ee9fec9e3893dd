// A separate process that runs a periodic job under the store's lease and
// records each pass in `lease_probe` (which the test creates): two of these
// on one database show that the job runs in one process at a time.
// Usage: node --import tsx test/helpers/lease-contender.ts <sqlite path | postgres url> <holder>
import pino from 'pino'
import { sql } from 'kysely'
import { startPeriodicJob } from '../../services/jobs/periodic-job.ts'
import { openStore } from '../../services/store/open-database.ts'

const [target = '', holder = ''] = process.argv.slice(2)
const store = await openStore(target.startsWith('postgres') ? { DATABASE_URL: target, SQLITE_PATH: '' } : { SQLITE_PATH: target })
const job = startPeriodicJob({
  db: store.db,
  name: 'probe',
  holder,
  everyMs: 25,
  ttlMs: 3000, // far above a pass, even on a loaded machine: B must not take over from a live A
  log: pino({ level: 'warn' }, pino.destination(2)),
  run: async ({ lease, nowMs }) => {
    await sql`insert into lease_probe (holder, fencing_token, at_ms) values (${holder}, ${lease.fencingToken}, ${nowMs})`.execute(store.db)
  }
})
// the job's timer does not keep a process alive (a backend has its servers); this one has nothing else
const keepAlive = setInterval(() => {}, 1 << 30)
process.stdout.write('started\n')
process.on('SIGTERM', () => { clearInterval(keepAlive); void job.stop().then(() => store.close()).then(() => process.exit(0)) })
