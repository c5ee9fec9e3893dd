// Webhook notifications against real HTTP receivers on both stores: the
// sweep queues a signed call per notification and active webhook of the
// site; a receiver that answers 503 for a while, and one that is not even
// listening, get every call once they are back: nothing lost, none twice,
// in order, each signature valid (checked here with its own HMAC). A
// receiver that never answers costs its webhook one call per pass and holds
// back no other webhook; a deactivated webhook's queued calls are not sent.
import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import t, { type Test } from 'tap'
import { parseAlarmConfig } from '../../../services/alarms/alarm-config.ts'
import { raiseAlarm } from '../../../services/alarms/alarm-repository.ts'
import { runAlarmSweep } from '../../../services/alarms/alarm-sweep.ts'
import { deliverDueWebhooks, retryDelayMs } from '../../../services/alarms/webhook-delivery.ts'
import { startWebhookDelivery } from '../../../services/alarms/webhook-job.ts'
import { createWebhook, deactivateWebhook } from '../../../services/alarms/webhooks.ts'
import { operatorGauges } from '../../../services/alarms/operator-gauges.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const T0 = Date.UTC(2026, 2, 4, 9, 30)
const config = parseAlarmConfig({})
const opts = { timeoutMs: 5000, callsPerWebhook: 5, concurrency: 8, passBudgetMs: 60_000 }

t.test('retryDelayMs: 1 s doubling, at most 5 minutes', async t => {
  const cases: Array<[number, number]> = [[1, 1000], [2, 2000], [3, 4000], [9, 256_000], [10, 300_000], [50, 300_000]]
  for (const [attempts, ms] of cases) t.equal(retryDelayMs(attempts), ms, `after ${attempts} failures`)
})

interface Received { key: string, body: Record<string, unknown>, signatureValid: boolean }

/** A real HTTP receiver that answers `status()` and records what it accepted (2xx) and refused. */
async function receiver (t: Test, secret: () => string) {
  let status = 503
  const accepted: Received[] = []
  let refused = 0
  const server: Server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => { raw += chunk.toString() })
    req.on('end', () => {
      if (status !== 200) { refused++; res.writeHead(status).end(); return }
      const [tPart, vPart] = String(req.headers['x-alarm-signature']).split(',')
      const expected = createHmac('sha256', secret()).update(`${tPart?.slice(2) ?? ''}.${raw}`).digest('hex')
      accepted.push({ key: String(req.headers['x-alarm-delivery']), body: JSON.parse(raw) as Record<string, unknown>, signatureValid: vPart === `v1=${expected}` })
      res.writeHead(200).end('ok')
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  t.teardown(() => new Promise<void>(resolve => { server.close(() => resolve()) }))
  return {
    url: `http://127.0.0.1:${port}/hook`,
    accepted,
    refusedCount: () => refused,
    setStatus: (s: number) => { status = s },
    stop: () => new Promise<void>(resolve => { server.close(() => resolve()) }),
    start: () => new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve))
  }
}

eachStore(t, 'receivers that are down for a while get everything once they are back, once each', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const quiet = await aSite(db)
  const { device } = await aKiosk(db, site.id)
  let secretA = ''
  let secretB = ''
  const failing = await receiver(t, () => secretA)
  const closed = await receiver(t, () => secretB)
  await closed.stop() // not listening at all: connections are refused
  closed.setStatus(200)
  secretA = (await createWebhook(db, { siteId: site.id, url: failing.url }, T0)).secret
  secretB = (await createWebhook(db, { siteId: site.id, url: closed.url }, T0)).secret
  const elsewhere = await createWebhook(db, { siteId: quiet.id, url: failing.url }, T0)
  await deactivateWebhook(db, (await createWebhook(db, { siteId: site.id, url: failing.url }, T0)).webhook.id)

  const smoke = await raiseAlarm(db, { key: { siteId: site.id, deviceId: device.id, type: 'smoke', source: '' }, severity: 'critical' }, { kind: 'device', id: device.id }, T0)
  await runAlarmSweep(db, config, {}, T0)
  await runAlarmSweep(db, config, {}, T0 + 15 * 60_000) // the first reminder
  const queued = await db.selectFrom('webhook_deliveries').select(['webhook_id', 'notification_key']).execute()
  t.equal(queued.length, 4, 'two notifications × the two active webhooks of the site (not the inactive one, not another site\'s)')
  t.notOk(queued.some(q => q.webhook_id === elsewhere.webhook.id))

  // both receivers down: each webhook's oldest call fails and the newer one waits behind it
  let clock = T0 + 15 * 60_000
  t.same(await deliverDueWebhooks(db, opts, clock), { delivered: 0, failed: 2 })
  t.same(await deliverDueWebhooks(db, opts, clock + 500), { delivered: 0, failed: 0 }, 'nothing is due before the pause is over')
  clock += 1000
  t.same(await deliverDueWebhooks(db, opts, clock), { delivered: 0, failed: 2 }, 'retried after 1 s, still down')
  const rows = await db.selectFrom('webhook_deliveries').select(['notification_key', 'attempts', 'last_error']).execute()
  const raised = rows.filter(r => r.notification_key.endsWith(':raised'))
  const reminders = rows.filter(r => !r.notification_key.endsWith(':raised'))
  t.ok(raised.every(e => e.attempts === 2 && e.last_error != null), 'attempts and the last error are kept')
  t.ok(reminders.every(e => e.attempts === 0), 'a newer call is not sent while an older one of its webhook fails')
  t.ok(raised.some(e => e.last_error === 'HTTP 503') && raised.some(e => /ECONNREFUSED/.test(e.last_error ?? '')), 'a 503 and a refused connection')

  // they come back
  failing.setStatus(200)
  await closed.start()
  clock += 2000
  t.same(await deliverDueWebhooks(db, opts, clock), { delivered: 4, failed: 0 })
  t.same(await deliverDueWebhooks(db, opts, clock + 3_600_000), { delivered: 0, failed: 0 }, 'delivered calls are not sent again')
  const smokeId = smoke.ok ? smoke.alarm.id : ''
  for (const r of [failing, closed]) {
    t.same(r.accepted.map(a => a.key), [`${smokeId}:raised`, `${smokeId}:reminder:1`], 'each notification once, in order')
    t.ok(r.accepted.every(a => a.signatureValid), 'signed with the webhook\'s secret')
    t.match(r.accepted[0]?.body, { key: `${smokeId}:raised`, kind: 'raised', to: 'site-staff', alarm: { id: smokeId, type: 'smoke', severity: 'critical', siteId: site.id, deviceId: device.id } })
  }
  t.equal(failing.refusedCount(), 2, 'while down it was asked once per attempt of its oldest call')
})

/** A receiver that accepts connections and reads calls but never answers: each call ends at the sender's timeout. */
async function silentReceiver (t: Test) {
  let asked = 0
  const server: Server = createServer(req => { req.resume(); asked++ })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>(resolve => { server.closeAllConnections(); server.close(() => resolve()) }))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, askedCount: () => asked }
}

/** `n` alarms of one kiosk (separate bins: separate keys), raised at `atMs`, and the sweep that queues their calls. */
async function raiseAndSweep (db: Executor, siteId: string, n: number, atMs: number): Promise<string[]> {
  const { device } = await aKiosk(db, siteId)
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const r = await raiseAlarm(db, { key: { siteId, deviceId: device.id, type: 'bin-jammed', source: `bin-${i}` }, severity: 'major' }, { kind: 'device', id: device.id }, atMs)
    if (r.ok) ids.push(r.alarm.id)
  }
  await runAlarmSweep(db, config, {}, atMs)
  return ids
}

eachStore(t, 'a receiver that never answers costs its webhook one call per pass; another site\'s webhook gets all its calls in that pass', async (t, store) => {
  const { db } = store
  const stuckSite = await aSite(db)
  const site = await aSite(db)
  const stuck = await silentReceiver(t)
  const healthy = await receiver(t, () => '')
  healthy.setStatus(200)
  const stuckHook = await createWebhook(db, { siteId: stuckSite.id, url: stuck.url }, T0)
  await createWebhook(db, { siteId: site.id, url: healthy.url }, T0)
  await raiseAndSweep(db, stuckSite.id, 10, T0) // older: first in line
  const ids = await raiseAndSweep(db, site.id, 3, T0 + 60_000)

  // the job as deployed: started, it runs its first pass at once; stop() waits for that pass and ends the loop
  const reports: Array<{ delivered: number, failed: number }> = []
  const job = startWebhookDelivery({ db, log: pino({ level: 'silent' }), everyMs: 3_600_000, timeoutMs: 1000, holder: 'webhook-test', onReport: r => reports.push(r) })
  await job.stop()

  t.same(reports, [{ delivered: 3, failed: 1 }], 'one pass: the healthy webhook\'s three calls, one timed-out call of the stuck one')
  t.same(healthy.accepted.map(a => a.key).sort(), ids.map(id => `${id}:raised`).sort(), 'every call of the healthy webhook delivered in the first pass')
  t.equal(stuck.askedCount(), 1, 'the stuck receiver was asked once, not once per queued call')
  const stuckCalls = await db.selectFrom('webhook_deliveries').select(['attempts', 'delivered_at_ms']).where('webhook_id', '=', stuckHook.webhook.id).orderBy('id').execute()
  t.same(stuckCalls.map(c => c.attempts), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'its oldest call failed; the nine behind it wait, kept')
  t.ok(stuckCalls.every(c => c.delivered_at_ms == null))
})

eachStore(t, 'a deactivated webhook\'s queued calls are not sent and not counted as pending', async (t, store) => {
  const { db } = store
  const site = await aSite(db)
  const kept = await receiver(t, () => '')
  const dropped = await receiver(t, () => '')
  kept.setStatus(200)
  dropped.setStatus(200)
  await createWebhook(db, { siteId: site.id, url: kept.url }, T0)
  const off = await createWebhook(db, { siteId: site.id, url: dropped.url }, T0)
  const ids = await raiseAndSweep(db, site.id, 2, T0)
  t.equal((await db.selectFrom('webhook_deliveries').select('id').execute()).length, 4, 'two calls queued for each webhook')
  await deactivateWebhook(db, off.webhook.id)
  const pending = async (): Promise<unknown> => (await operatorGauges(db, T0)).find(g => g.name === 'kiosk_webhook_deliveries_pending')?.samples
  t.same(await pending(), [{ value: 2 }], 'only the active webhook\'s calls are pending')

  t.same(await deliverDueWebhooks(db, opts, T0), { delivered: 2, failed: 0 })
  t.same(await deliverDueWebhooks(db, opts, T0 + 3_600_000), { delivered: 0, failed: 0 }, 'nothing left to send, an hour on')
  t.same(kept.accepted.map(a => a.key).sort(), ids.map(id => `${id}:raised`).sort(), 'the active webhook gets its calls')
  t.same(dropped.accepted, [], 'the deactivated one gets none')
  t.same(await pending(), [{ value: 0 }], 'the deactivated webhook\'s queued calls are not pending')
})
