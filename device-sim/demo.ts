// `npm run demo`: the backend on embedded defaults, first one resident's story
// told step by step (resident-story.ts: a deposit at a kiosk, a gate passed
// online and offline, an e-bike charged with those points at a pile), then
// simulated kiosks and residents, so a newcomer sees balances move within a minute.
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
import { provisionStory, runResidentStory } from './resident-story.ts'

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

One resident's story (every balance and ledger line below is read from the store):`)
const scene = await provisionStory(db, backend.pepper, site.id, 'demo-story')
await runResidentStory(db, backend.mqttUrl, scene, line => { console.log(line) })

console.log(`
Now the whole compound.
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
