// Issue 12: every periodic rule runs once even with several backend processes
// on one PostgreSQL. Two real backend processes (services/main.ts, separate
// NODE_IDs) share one database, each with its own broker, alarm sweep and
// webhook delivery every 100 ms. The kiosks connect to the process that does
// not hold the sweep's lease, so presence is written by one process and the
// offline rule run by the other. A kiosk goes offline: one alarm row, one
// occurrence, one raise, one webhook outbox row and one call to a real
// receiver, also after many more passes of both processes. Then the process
// holding the sweep's lease is killed with SIGKILL; the other takes the lease
// over once it expires, and a second kiosk going offline is alarmed once too.
// (A kiosk connected to the killed process would be shown offline only after
// NODE_DEAD_AFTER_MS, test/e2e/presence-two-nodes.test.ts; hence the choice of broker.)
import t from 'tap'
import { ALARM_SWEEP_JOB } from '../../services/alarms/alarm-job.ts'
import { alarmTypes } from '../../services/alarms/alarm-rules.ts'
import { WEBHOOK_JOB } from '../../services/alarms/webhook-job.ts'
import { findLease } from '../../services/jobs/lease.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { openStore } from '../../services/store/open-database.ts'
import { aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice } from '../helpers/backend.ts'
import { spawnBackend, type BackendProcess } from '../helpers/backend-process.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'
import { waitUntil } from '../helpers/wait-until.ts'
import { startWebhookReceiver } from '../helpers/webhook-receiver.ts'

const everyMs = 100
const offlineAfterMs = 1000
/** The alarm sweep's lease lives at least 30 s (alarm-job.ts): a takeover waits for it to expire. */
const takeoverMs = 60_000

t.test('two processes on one PostgreSQL: the offline alarm is raised and delivered once, and the sweep survives kill -9 of its holder', { skip: await postgresSkipReasonIfAny() }, async t => {
  const url = await postgresTestDatabaseUrl(t)
  const observer = await openStore({ DATABASE_URL: url, SQLITE_PATH: '' })
  t.teardown(() => observer.close())
  const { db } = observer
  const site = await aSite(db)
  const first = await aKiosk(db, site.id)
  const second = await aKiosk(db, site.id)
  const { token } = await createStaff(db, { username: 'site-admin', name: 'Admin', role: 'admin', siteId: site.id })

  const { url: hookUrl, received } = await startWebhookReceiver(t)

  const env = (node: string) => ({
    DATABASE_URL: url, SQLITE_PATH: '', NODE_ID: node, ALARM_SWEEP_MS: String(everyMs), WEBHOOK_DELIVERY_MS: String(everyMs), WEBHOOK_TIMEOUT_MS: '1000',
    ALARM_SETTINGS: JSON.stringify({ offline: { offlineAfterMs } })
  })
  const processes = new Map<string, BackendProcess>()
  for (const node of ['node-a', 'node-b']) {
    const p = await spawnBackend(env(node))
    t.teardown(() => p.kill())
    processes.set(node, p)
  }
  await waitUntil(async () => (await findLease(db, ALARM_SWEEP_JOB))?.holder != null, 'a process holds the sweep lease')
  const initial = await findLease(db, ALARM_SWEEP_JOB)
  const holderId = initial?.holder ?? ''
  const survivorId = holderId === 'node-a' ? 'node-b' : 'node-a'
  const holder = processes.get(holderId)
  const survivor = processes.get(survivorId)
  if (holder == null || survivor == null) throw new Error(`the lease is held by ${holderId}, not by a process of this test`)
  t.pass(`${holderId} runs the sweep; the kiosks connect to ${survivorId}`)

  const made = await fetch(`${survivor.httpUrl}/api/sites/${site.id}/webhooks`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: hookUrl })
  })
  t.equal(made.status, 201, 'webhook registered over HTTP')

  const kiosks = [await connectDevice(t, survivor.mqttUrl, first.device.id, first.secret), await connectDevice(t, survivor.mqttUrl, second.device.id, second.secret)]
  const onlineCount = async () => (await db.selectFrom('devices').select('id').where('site_id', '=', site.id).where('online', '=', 1).execute()).length
  await waitUntil(async () => await onlineCount() === 2, 'both kiosks are shown online')

  const alarmsOf = (deviceId: string) => db.selectFrom('alarms').select(['id', 'count', 'active']).where('device_id', '=', deviceId).where('type', '=', alarmTypes.offline).execute()
  /** Resolves once the lease of `job` was renewed `passes` times more (each pass renews it). */
  const morePasses = async (job: string, passes: number) => {
    const from = (await findLease(db, job))?.expiresAtMs ?? 0
    await waitUntil(async () => ((await findLease(db, job))?.expiresAtMs ?? 0) >= from + passes * everyMs, `${passes} more passes of ${job}`, 30_000)
  }
  const onceEach = async (deviceId: string, what: string) => {
    const rows = await alarmsOf(deviceId)
    t.same(rows.map(r => [Number(r.count), r.active]), [[1, 1]], `${what}: one alarm row, one occurrence, active`)
    const alarmId = rows[0]?.id ?? ''
    const changes = await db.selectFrom('alarm_changes').select(['action', 'actor_id']).where('alarm_id', '=', alarmId).execute()
    t.same(changes, [{ action: 'raise', actor_id: 'offline' }], `${what}: raised once`)
    const outbox = await db.selectFrom('webhook_deliveries').select(['notification_key', 'delivered_at_ms']).where('body', 'like', `%${alarmId}%`).execute()
    t.equal(outbox.length, 1, `${what}: one webhook outbox row`)
    t.ok(outbox[0]?.delivered_at_ms != null, `${what}: delivered`)
    t.equal(received.filter(r => r.alarm.deviceId === deviceId).length, 1, `${what}: the receiver was called once`)
  }

  await kiosks[0]?.end()
  await waitUntil(async () => (await alarmsOf(first.device.id)).length > 0, 'the first kiosk is alarmed', 15_000)
  await waitUntil(() => received.length >= 1, 'the receiver is called', 15_000)
  // both processes keep sweeping and delivering (one of each does the work): nothing is raised or sent again
  await morePasses(ALARM_SWEEP_JOB, 10)
  await morePasses(WEBHOOK_JOB, 10)
  await onceEach(first.device.id, 'the first kiosk')

  t.match(await findLease(db, ALARM_SWEEP_JOB), { holder: holderId, fencingToken: initial?.fencingToken }, 'the sweep never changed hands while its holder lived')
  await holder.kill()
  await waitUntil(async () => (await findLease(db, ALARM_SWEEP_JOB))?.holder === survivorId, `${survivorId} takes the sweep over once the killed holder's lease expires`, takeoverMs)
  t.ok(((await findLease(db, ALARM_SWEEP_JOB))?.fencingToken ?? 0) > (initial?.fencingToken ?? 0), 'a new fencing token with the new holder')
  await kiosks[1]?.end()
  await waitUntil(async () => (await alarmsOf(second.device.id)).length > 0, 'the second kiosk is alarmed by the survivor', 15_000)
  await waitUntil(() => received.length >= 2, 'the receiver is called again', takeoverMs)
  await waitUntil(async () => (await findLease(db, WEBHOOK_JOB))?.holder === survivorId, `${survivorId} delivers webhooks`, takeoverMs)
  await morePasses(ALARM_SWEEP_JOB, 10)
  await morePasses(WEBHOOK_JOB, 10)
  await onceEach(second.device.id, 'the second kiosk')
  await onceEach(first.device.id, 'the first kiosk, after the takeover')
  t.equal(received.length, 2, 'two calls in all')
})
