// Webhook notifications against real HTTP receivers on both stores: the
// sweep queues a signed call per notification and active webhook of the
// site; a receiver that answers 503 for a while, and one that is not even
// listening, get every call once they are back: nothing lost, none twice,
// in order, each signature valid (checked here with its own HMAC).
import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { parseAlarmConfig } from '../../../services/alarms/alarm-config.ts'
import { raiseAlarm } from '../../../services/alarms/alarm-repository.ts'
import { runAlarmSweep } from '../../../services/alarms/alarm-sweep.ts'
import { deliverDueWebhooks, retryDelayMs } from '../../../services/alarms/webhook-delivery.ts'
import { createWebhook, deactivateWebhook } from '../../../services/alarms/webhooks.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const T0 = Date.UTC(2026, 2, 4, 9, 30)
const config = parseAlarmConfig({})
const opts = { timeoutMs: 5000, batch: 100 }

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

  // both receivers down: every call fails, nothing is lost, each waits its pause
  let clock = T0 + 15 * 60_000
  t.same(await deliverDueWebhooks(db, opts, clock), { delivered: 0, failed: 4 })
  t.same(await deliverDueWebhooks(db, opts, clock + 500), { delivered: 0, failed: 0 }, 'nothing is due before the pause is over')
  clock += 1000
  t.same(await deliverDueWebhooks(db, opts, clock), { delivered: 0, failed: 4 }, 'retried after 1 s, still down')
  const errors = await db.selectFrom('webhook_deliveries').select(['attempts', 'last_error']).execute()
  t.ok(errors.every(e => e.attempts === 2 && e.last_error != null), 'attempts and the last error are kept')
  t.ok(errors.some(e => e.last_error === 'HTTP 503') && errors.some(e => /ECONNREFUSED/.test(e.last_error ?? '')), 'a 503 and a refused connection')

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
  t.equal(failing.refusedCount(), 4, 'while down it was asked once per attempt: two calls, two attempts each')
})
