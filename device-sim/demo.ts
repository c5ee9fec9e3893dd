// `npm run demo`: the backend on embedded defaults plus simulated kiosks and
// residents, so a newcomer sees deposits and balances move within a minute,
// then an e-bike charged with those points at a simulated pile.
// Everything lives in ./data/demo.db (recreated each run); the backend keeps
// running afterwards with --stay, so the API at /docs can be explored.
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startBackend } from '../services/backend.ts'
import { ConfigError, loadConfig } from '../services/config.ts'
import { createHousehold } from '../services/households/household-registry.ts'
import { createSite } from '../services/sites/site-registry.ts'
import { linkCard } from '../services/households/card-registry.ts'
import { provisionDevice } from '../services/devices/device-registry.ts'
import { createLogger } from '../services/logger.ts'
import { createStaff } from '../services/staff/staff.ts'
import { runFleet } from './fleet.ts'
import { formatSummary } from './report.ts'
import { SimCharger } from './charger.ts'
import { addTariffVersion } from '../services/charging/tariff-repository.ts'
import { chargingLimitsSchema } from '../schemas/charging.ts'

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    kiosks: { type: 'string', default: '4' },
    residents: { type: 'string', default: '40' },
    rate: { type: 'string', default: '4' },
    stay: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})
if (args.help === true) {
  console.log('npm run demo -- [--minutes 1] [--kiosks 4] [--residents 40] [--rate 4 visits/s] [--stay]\nEnvironment as for npm start; defaults: MQTT_PORT=1884 HTTP_PORT=3000 SQLITE_PATH=./data/demo.db')
  process.exit(0)
}

let config
try {
  // 1884, not 1883: on many developer machines Mosquitto already owns 1883
  config = loadConfig(undefined, { MQTT_PORT: '1884', HTTP_PORT: '3000', SQLITE_PATH: './data/demo.db', LOG_LEVEL: 'warn' })
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(2)
}
if (config.DATABASE_URL == null) for (const suffix of ['', '-wal', '-shm']) rmSync(config.SQLITE_PATH + suffix, { force: true })

const backend = await startBackend(config, createLogger(config))
const { db } = backend.store
const site = await createSite(db, { id: 'demo-garden-court', name: 'Garden Court (demo)' })
const kiosks = await Promise.all(Array.from({ length: Number(args.kiosks) }, (_, i) =>
  provisionDevice(db, backend.pepper, { id: `demo-kiosk-${String(i + 1).padStart(2, '0')}`, siteId: site.id, kind: 'kiosk' })))
const cards: string[] = []
for (let i = 0; i < Number(args.residents); i++) {
  // building-unit-room, as the property office writes it: 10 rooms per unit, 2 units per building
  const label = `${1 + Math.floor(i / 20)}-${1 + Math.floor((i % 20) / 10)}-${101 + (i % 10)}`
  const household = await createHousehold(db, { siteId: site.id, label })
  const card = await linkCard(db, { uid: `DEMO${String(i).padStart(5, '0')}`, householdId: household.id })
  cards.push(card.uid)
}
const { token } = await createStaff(db, { username: 'demo-admin', name: 'Demo admin', role: 'admin' })

console.log(`
Demo backend up.
  devices (MQTT): ${backend.mqttUrl}   staff API: ${backend.httpUrl}/api   OpenAPI: ${backend.httpUrl}/docs
  admin token:    ${token}
  ${kiosks.length} kiosks, ${cards.length} households with cards at site ${site.id}
Running residents for ${String(args.minutes)} minute(s)…
`)

async function topBalances (): Promise<string> {
  const rows = await db.selectFrom('households').select(['id', 'label', 'balance_points']).orderBy('balance_points', 'desc').limit(5).execute()
  return rows.map(r => `${r.label} ${r.balance_points}`).join(' | ')
}

let printing = Promise.resolve()
const summary = await runFleet({
  mqttUrl: backend.mqttUrl,
  kiosks: kiosks.map(k => ({ deviceId: k.device.id, secret: k.secret })),
  cards,
  durationMs: Number(args.minutes) * 60_000,
  ratePerS: Number(args.rate),
  progressEveryMs: 5000,
  onProgress: p => {
    printing = printing.then(async () => {
      console.log(`${(p.elapsedMs / 1000).toFixed(0).padStart(3)} s  visits ${p.visits}  credited ${backend.metrics.pointsCredited} points in ${backend.metrics.depositsCredited} deposits  top balances: ${await topBalances()}`)
    })
  }
})
await printing
console.log('\n' + formatSummary(summary))

// charging: the richest household charges its e-bike with those points, at a simulated pile whose
// clock runs 60 000 times faster (a six-hour CC/CV charge in well under a second of meter values)
const charger = await provisionDevice(db, backend.pepper, { id: 'demo-pile-01', siteId: site.id, kind: 'charger' })
await addTariffVersion(db, {
  siteId: site.id, deviceId: null, tariff: { pricing: { kind: 'per_kwh', pointsPerKwh: 100 }, startFeePoints: 0, freeSessionSeconds: 0, minCostPoints: 0 },
  limits: chargingLimitsSchema.parse({}), holdDefaultPoints: 300, holdMaxPoints: 1000, createdBy: 'demo', nowMs: Date.now()
})
const rider = await db.selectFrom('households').innerJoin('cards', 'cards.household_id', 'households.id')
  .select(['households.id', 'households.label', 'households.balance_points', 'cards.uid']).orderBy('households.balance_points', 'desc').executeTakeFirst()
if (rider != null) {
  const pile = new SimCharger({ mqttUrl: backend.mqttUrl, deviceId: charger.device.id, secret: charger.secret, deviceStepMs: 30 * 60_000, tickMs: 30 })
  await pile.start()
  const started = await pile.swipe(rider.uid, 1)
  console.log(`\nHousehold ${rider.label} (${rider.balance_points} points) swipes at ${charger.device.id} port 1: ${started.outcome === 'started' ? `${started.holdPoints} points held` : JSON.stringify(started)}`)
  if (started.outcome === 'started') {
    const reason = await pile.sessions.get(1)?.stopped
    const session = await db.selectFrom('charging_sessions').select(['charged_points', 'state']).where('id', '=', started.sessionId).executeTakeFirstOrThrow()
    const { stop } = JSON.parse(session.state) as { stop: { energyWh: number } | null }
    const after = await db.selectFrom('households').select(['balance_points', 'held_points']).where('id', '=', rider.id).executeTakeFirstOrThrow()
    console.log(`Charged ${stop?.energyWh ?? 0} Wh, stopped ${String(reason)}: ${session.charged_points ?? 0} points charged, the rest released. Balance ${after.balance_points}, held ${after.held_points}.`)
  }
  await pile.close()
}

// the counter side: redeem 100 points (1 yuan) for the richest household, over the real HTTP API
const richest = await db.selectFrom('households').select(['id']).orderBy('balance_points', 'desc').executeTakeFirst()
if (richest != null) {
  const res = await fetch(`${backend.httpUrl}/api/redemptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'demo-redeem-1' },
    body: JSON.stringify({ householdId: richest.id, kind: 'cash', points: 100 })
  })
  const body = await res.json() as { receipt?: string, error?: unknown }
  console.log(`\nCounter redeems 100 points for 1 yuan (HTTP ${res.status}):\n${body.receipt ?? JSON.stringify(body)}`)
}

if (args.stay === true) {
  console.log('\nBackend keeps running (Ctrl-C to stop).')
  process.on('SIGINT', () => { backend.close().then(() => process.exit(0), () => process.exit(1)) })
} else {
  await backend.close()
}
