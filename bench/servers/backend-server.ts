// The system under test: startBackend() with a prepared SQLite file (or a
// PostgreSQL database when `databaseUrl` is given), MQTT on a
// free loopback port, logs silent. Reports its port, then answers stats
// requests (metrics, connected devices) until told to stop.
import { pino } from 'pino'
import { startBackend } from '../../services/backend.ts'
import { testConfig } from '../../services/config.ts'
import { appendEntry } from '../../services/ledger/ledger.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { seedWebSite } from '../setup/web-site.ts'
import { childOptions, onParent, toParent, watchdog } from '../lib/child.ts'

const opts = childOptions<{ sqlitePath: string, databaseUrl?: string, pepperFile: string, maxMs: number }>()
watchdog(opts.maxMs)

const backend = await startBackend(testConfig({
  MQTT_PORT: 0, MQTT_HOST: '127.0.0.1', HTTP_PORT: 0, HTTP_HOST: '127.0.0.1', SQLITE_PATH: opts.sqlitePath, DATABASE_URL: opts.databaseUrl, DEVICE_SECRET_PEPPER_FILE: opts.pepperFile, MQTT_DEVICE_PUBLISHES_PER_S: 0,
  // the mixed figure's counter clients redeem far faster than a real till: no per-staff rate limit
  HTTP_REDEMPTIONS_PER_MIN: 0
}), pino({ level: 'silent' }))

onParent(async message => {
  if (message.type === 'gc') {
    globalThis.gc?.()
    toParent({ type: 'gc-done', connected: backend.broker.connectedCount() })
  } else if (message.type === 'stats') {
    toParent({ type: 'stats', connected: backend.broker.connectedCount(), pending: backend.ingest.pending(), metrics: JSON.parse(JSON.stringify(backend.metrics)) as unknown })
  } else if (message.type === 'seed-counter') {
    // the mixed figure: counter staff with tokens, and points on the households they redeem from
    const { siteId, staff, householdIds, points } = message as unknown as { siteId: string, staff: number, householdIds: string[], points: number }
    const db = backend.store.db
    const tokens: string[] = []
    for (let i = 0; i < staff; i++) tokens.push((await createStaff(db, { username: `bench-counter-${i}`, name: `Counter ${i}`, role: 'counter', siteId })).token)
    for (const householdId of householdIds) await appendEntry(db, { householdId, kind: 'adjust', points, idempotencyKey: `bench-seed:${householdId}`, nowMs: Date.now() })
    toParent({ type: 'seeded', tokens })
  } else if (message.type === 'seed-manager') {
    // the gate figures block cards over HTTP, as a manager does
    const { token } = await createStaff(backend.store.db, { username: 'bench-manager', name: 'Bench manager', role: 'manager', siteId: null })
    toParent({ type: 'seeded', token })
  } else if (message.type === 'seed-web') {
    // the web figures: a site with many devices and a manager who signs in with a password
    const { siteId, devices, password } = message as unknown as { siteId: string, devices: number, password: string }
    toParent({ type: 'seeded', ...await seedWebSite(backend.store.db, { siteId, devices, password }) })
  } else if (message.type === 'charging-settled') {
    // the charging figure checks that every stop it timed settled its session
    const row = await backend.store.db.selectFrom('charging_sessions').select(eb => eb.fn.countAll<number>().as('n')).where('status', '=', 'stopped').where('charged_points', 'is not', null).executeTakeFirstOrThrow()
    toParent({ type: 'charging-settled', settled: Number(row.n) })
  } else if (message.type === 'stop') {
    await backend.close()
    process.exit(0) // lets --cpu-prof write its profile
  }
})
toParent({ type: 'ready', port: backend.mqttPort, httpUrl: backend.httpUrl })
