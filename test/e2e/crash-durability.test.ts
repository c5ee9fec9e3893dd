// Durable before acknowledged: kill -9 the backend while deposits are in
// flight. Every deposit whose PUBACK reached the kiosk is in the ledger after
// the crash; after a restart the kiosk replays everything it sent and each
// deposit is counted exactly once.
import { join } from 'node:path'
import t from 'tap'
import mqtt from 'mqtt'
import { openStore } from '../../services/store/open-database.ts'
import { balanceOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { spawnBackend } from '../helpers/backend-process.ts'
import { tempDir } from '../helpers/stores.ts'

t.test('kill -9 mid-stream loses no acknowledged deposit and doubles none', async t => {
  const dbPath = join(tempDir(t), 'kiosk.db')
  const setup = await openStore({ SQLITE_PATH: dbPath })
  const site = await aSite(setup.db)
  const { device, secret } = await aKiosk(setup.db, site.id)
  const { household, card } = await aHouseholdWithCard(setup.db, site.id)
  await setup.db.updateTable('sites').set({ rate_table: JSON.stringify({ rates: { paper: { mode: 'per_kg', pointsPerKg: 1000 } }, dailyCapPoints: 0, maxGramsPerLine: 50_000, maxPointsPerDeposit: 10_000_000 }) }).where('id', '=', site.id).execute()
  await setup.close()

  let backend = await spawnBackend({ SQLITE_PATH: dbPath })
  t.teardown(() => backend.kill())
  let client = await mqtt.connectAsync(backend.mqttUrl, { clientId: device.id, username: device.id, password: secret, protocolVersion: 4, reconnectPeriod: 0 })
  await client.subscribeAsync(`devices/${device.id}/commands`, { qos: 1 })
  const sessions = new Map<string, string>()
  client.on('message', (_topic, payload) => {
    const cmd = JSON.parse(payload.toString()) as { type: string, swipeEventId: string, sessionId: string }
    if (cmd.type === 'open') sessions.set(cmd.swipeEventId, cmd.sessionId)
  })
  const visits = 150
  await Promise.all(Array.from({ length: visits }, (_, i) => client.publishAsync(`devices/${device.id}/events/swipe`, JSON.stringify({ eventId: `s${i}`, ts: Date.now(), card: card.uid }), { qos: 1 })))
  while (sessions.size < visits) await new Promise(resolve => setTimeout(resolve, 10))

  // deposit i is worth i+1 grams × 1 point/g, so the balance tells exactly which were credited
  const deposits = Array.from({ length: visits }, (_, i) => ({ eventId: `d${i}`, ts: Date.now(), sessionId: sessions.get(`s${i}`), lines: [{ category: 'paper', grams: i + 1 }] }))
  const acked = new Set<number>()
  const killAfter = 15
  let killed: Promise<void> | undefined
  let crashed!: () => void
  const crash = new Promise<void>(resolve => { crashed = resolve })
  await Promise.allSettled(deposits.map(async (d, i) => {
    await new Promise(resolve => setTimeout(resolve, i * 3)) // a steady stream, not one burst
    if (killed != null) return
    // a publish in flight at the crash never gets its PUBACK: stop waiting when the process is gone
    const puback = await Promise.race([client.publishAsync(`devices/${device.id}/events/deposit`, JSON.stringify(d), { qos: 1 }).then(() => true), crash.then(() => false)])
    if (!puback) return
    acked.add(i)
    if (acked.size === killAfter) killed = backend.kill().then(crashed)
  }))
  await killed
  client.end(true)
  t.ok(acked.size >= killAfter && acked.size < visits, `${acked.size} of ${visits} deposits were acknowledged before the crash`)

  const after = await openStore({ SQLITE_PATH: dbPath })
  const credited = await after.db.selectFrom('deposits').select('event_id').execute()
  const creditedIds = new Set(credited.map(r => r.event_id))
  for (const i of acked) t.ok(creditedIds.has(`d${i}`), `acknowledged deposit d${i} survived the crash`)
  await after.close()

  // restart; the kiosk replays its whole buffer (it cannot know which acks were lost)
  backend = await spawnBackend({ SQLITE_PATH: dbPath })
  client = await mqtt.connectAsync(backend.mqttUrl, { clientId: device.id, username: device.id, password: secret, protocolVersion: 4, reconnectPeriod: 0 })
  await Promise.all(deposits.map(d => client.publishAsync(`devices/${device.id}/events/deposit`, JSON.stringify(d), { qos: 1 })))
  await client.endAsync()
  await backend.stop()

  const final = await openStore({ SQLITE_PATH: dbPath })
  t.teardown(() => final.close())
  const expected = deposits.reduce((sum, _d, i) => sum + (i + 1) * 1, 0)
  t.equal(await balanceOf(final.db, household.id), expected, 'every deposit counted exactly once')
  t.equal((await final.db.selectFrom('ledger_entries').select('id').execute()).length, visits)
  t.same(await ledgerInvariantViolations(final.db), [])
})
