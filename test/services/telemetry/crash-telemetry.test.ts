// kill -9 of a process that accepts events and ships telemetry, mid-stream:
// after a restart every accepted point arrives in InfluxDB exactly once.
// Real InfluxDB 1.6.7 behind the test-side /api/v2/write → /write front (see
// test/helpers/influx.ts); the count is read back with InfluxQL. The kill
// lands while one batch is written to InfluxDB but not yet confirmed (the
// worst moment: it will be sent again and must upsert, not double).
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import t from 'tap'
import mqtt from 'mqtt'
import { openStore } from '../../../services/store/open-database.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { countPoints, influxSkip, startInflux, startInfluxFront } from '../../helpers/influx.ts'
import { tempDir } from '../../helpers/stores.ts'
import type { TelemetryBackendOptions } from './telemetry-backend.ts'

const skip = influxSkip()

async function spawnChild (options: TelemetryBackendOptions): Promise<{ child: ChildProcess, mqttUrl: string, exited: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'telemetry-child.ts'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const mqttUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child did not start in 20 s')), 20_000)
    child.once('exit', code => reject(new Error(`child exited with ${String(code)}`)))
    createInterface({ input: child.stdout! }).on('line', line => {
      try { const { mqttUrl } = JSON.parse(line) as { mqttUrl?: string }; if (mqttUrl != null) { clearTimeout(timer); resolve(mqttUrl) } } catch { /* not ours */ }
    })
  })
  return { child, mqttUrl, exited }
}

t.test('kill -9 mid-stream: every accepted point arrives exactly once after restart', { skip }, async t => {
  const influx = await startInflux(t)
  const front = await startInfluxFront(t, influx)
  const bucket = 'crash'
  await influx.createDatabase(bucket)
  const sqlitePath = join(tempDir(t), 'kiosk.db')
  const setup = await openStore({ SQLITE_PATH: sqlitePath })
  const site = await aSite(setup.db)
  const { device, secret } = await aKiosk(setup.db, site.id)
  await setup.close()
  const options: TelemetryBackendOptions = { sqlitePath, influx: { url: front.url, org: 'o', bucket, timeoutMs: 5000 }, batchSize: 20, flushMs: 10 }

  let backend = await spawnChild(options)
  t.teardown(() => { backend.child.kill('SIGKILL') })
  front.delayMs = 40 // keep the shipper mid-stream while events arrive
  const killAt = 6
  front.onWrite = n => { if (n === killAt) front.set({ kind: 'forward-then-hang' }, 1) }
  const client = await mqtt.connectAsync(backend.mqttUrl, { clientId: device.id, username: device.id, password: secret, protocolVersion: 4, reconnectPeriod: 0 })
  client.on('error', () => {})
  let acked = 0
  let killed = false
  const sending = (async () => {
    // windows of 25 concurrent publishes: a steady stream faster than the (slowed) shipper
    for (let round = 0; round < 400 && !killed; round++) {
      await Promise.all(Array.from({ length: 25 }, async (_, j) => {
        const ok = await Promise.race([
          client.publishAsync(`devices/${device.id}/events/swipe`, JSON.stringify({ eventId: `sw${round}-${j}`, ts: Date.now(), card: 'NOPE1234' }), { qos: 1 }).then(() => true, () => false),
          backend.exited.then(() => false)
        ])
        if (ok) acked++
      }))
    }
  })()
  while (front.stats.forwarded < killAt) await new Promise(resolve => setTimeout(resolve, 5))
  backend.child.kill('SIGKILL') // the batch of write #killAt is in InfluxDB, its confirmation never arrives
  killed = true
  await backend.exited
  await sending
  client.end(true)
  const before = await countPoints(influx, bucket, 'swipe', 'count')
  t.ok(acked > before, `${acked} events acknowledged, ${before} points in InfluxDB at the crash`)

  front.onWrite = undefined
  front.delayMs = 0
  backend = await spawnChild(options)
  const check = await openStore({ SQLITE_PATH: sqlitePath })
  t.teardown(() => check.close())
  const accepted = (await check.db.selectFrom('device_events').select('event_id').where('type', '=', 'swipe').execute()).length
  t.ok(accepted >= acked, `${accepted} events stored (every acknowledged one and maybe a few in flight)`)
  const deadline = Date.now() + 30_000
  while ((await check.db.selectFrom('telemetry_outbox').select('id').limit(1).execute()).length > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
  backend.child.kill('SIGTERM')
  await backend.exited
  t.equal(await countPoints(influx, bucket, 'swipe', 'count'), accepted, 'one point per accepted event: none lost, none doubled')
})
