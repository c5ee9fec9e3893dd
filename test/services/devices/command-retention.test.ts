// Old finished commands are pruned; anything that may still reach its device
// stays, whatever its age. Both stores; then the job itself in a backend.
import t from 'tap'
import { pruneCommands } from '../../../services/devices/command-retention.ts'
import type { CommandStatus } from '../../../services/devices/tables.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { startTestBackend } from '../../helpers/backend.ts'
import { eachStore } from '../../helpers/stores.ts'

const day = 86_400_000
const now = Date.UTC(2026, 10, 26, 12)

async function seed (db: Executor, deviceId: string, rows: Array<[id: string, status: CommandStatus, ageDays: number, expiresInDays: number]>): Promise<void> {
  await db.insertInto('commands').values(rows.map(([id, status, ageDays, expiresInDays]) => ({
    cmd_id: id, device_id: deviceId, type: 'display', payload: '{}', status,
    created_at_ms: now - ageDays * day, expires_at_ms: now + expiresInDays * day, sent_count: 1, last_sent_at_ms: null, acked_at_ms: null, ack_error: null
  }))).execute()
}

const remaining = async (db: Executor) => (await db.selectFrom('commands').select('cmd_id').orderBy('cmd_id').execute()).map(r => r.cmd_id)

eachStore(t, 'finished commands older than the retention go; pending deliverable ones and recent ones stay', async (t, store) => {
  const site = await aSite(store.db)
  const { device } = await aKiosk(store.db, site.id)
  await seed(store.db, device.id, [
    ['acked-old', 'acked', 40, -39],
    ['failed-old', 'failed', 31, -30],
    ['expired-old', 'expired', 90, -83],
    ['pending-old-lapsed', 'pending', 35, -28], // past its expiry: nothing sends it again
    ['pending-old-live', 'pending', 35, 2], // a long-lived command still deliverable (e.g. a gate's list)
    ['acked-recent', 'acked', 29, -28],
    ['pending-recent', 'pending', 1, 1]
  ])
  const pass = await pruneCommands(store.db, { retentionMs: 30 * day, chunk: 100, maxChunks: 10 }, now)
  t.same(pass, { deleted: 4, chunks: 1 })
  t.same(await remaining(store.db), ['acked-recent', 'pending-old-live', 'pending-recent'])
  t.same(await pruneCommands(store.db, { retentionMs: 30 * day, chunk: 100, maxChunks: 10 }, now), { deleted: 0, chunks: 1 }, 'a second pass finds nothing')
})

eachStore(t, 'a pass deletes in chunks and stops after maxChunks; the next pass goes on', async (t, store) => {
  const site = await aSite(store.db)
  const { device } = await aKiosk(store.db, site.id)
  await seed(store.db, device.id, Array.from({ length: 7 }, (_, i) => [`old-${i}`, 'acked', 60, -59] as [string, CommandStatus, number, number]))
  t.same(await pruneCommands(store.db, { retentionMs: 30 * day, chunk: 3, maxChunks: 2 }, now), { deleted: 6, chunks: 2 })
  t.equal((await remaining(store.db)).length, 1)
  t.same(await pruneCommands(store.db, { retentionMs: 30 * day, chunk: 3, maxChunks: 2 }, now), { deleted: 1, chunks: 1 })
  t.same(await remaining(store.db), [])
})

t.test('the backend runs the pruning as a periodic job under its lease; 0 days turns it off', async t => {
  const backend = await startTestBackend(t, { COMMAND_RETENTION_DAYS: 7 })
  const site = await aSite(backend.store.db)
  const { device } = await aKiosk(backend.store.db, site.id)
  const realNow = Date.now()
  await backend.store.db.insertInto('commands').values([
    { cmd_id: 'week-old', device_id: device.id, type: 'display', payload: '{}', status: 'acked', created_at_ms: realNow - 8 * day, expires_at_ms: realNow - 8 * day + 60_000, sent_count: 1, last_sent_at_ms: null, acked_at_ms: null, ack_error: null },
    { cmd_id: 'today', device_id: device.id, type: 'display', payload: '{}', status: 'acked', created_at_ms: realNow - 3600_000, expires_at_ms: realNow, sent_count: 1, last_sent_at_ms: null, acked_at_ms: null, ack_error: null }
  ]).execute()
  t.equal(await backend.commandRetention?.runOnce(), 'ran')
  t.same(await remaining(backend.store.db), ['today'])
  const lease = await backend.store.db.selectFrom('job_leases').selectAll().where('name', '=', 'command-retention').executeTakeFirst()
  t.ok(lease != null, 'under the lease named command-retention')

  const keeper = await startTestBackend(t, { COMMAND_RETENTION_DAYS: 0 })
  t.equal(keeper.commandRetention, undefined, 'COMMAND_RETENTION_DAYS=0: no pruning')
})
