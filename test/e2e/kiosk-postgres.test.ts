// The same kiosk flow with DATABASE_URL=postgres://…: the repositories and
// rules behind the broker run unchanged on PostgreSQL (no ingest worker there).
// Skipped with a reason on a laptop without PostgreSQL; required under CI=true.
import { randomBytes } from 'node:crypto'
import t from 'tap'
import pg from 'pg'
import { balanceOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend } from '../helpers/backend.ts'
import { inCI, postgresAdminUrl } from '../helpers/env.ts'
import { postgresAvailable, postgresSkipReason } from '../helpers/stores.ts'

const skip = !inCI && !(await postgresAvailable()) ? postgresSkipReason : false

t.test('swipe → open → deposit → points → display on PostgreSQL, replays once, bad input dead-lettered', { skip }, async t => {
  const name = `kiosk_e2e_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  t.teardown(async () => {
    // no pause for the backend's pool to finish closing: WITH (FORCE) ends the sessions still closing
    const cleanup = new pg.Client({ connectionString: postgresAdminUrl })
    await cleanup.connect()
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await cleanup.end()
  })
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`

  const backend = await startTestBackend(t, { DATABASE_URL: url.toString() })
  t.equal(backend.store.dialect, 'postgres')
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)

  await kiosk.publishJson('events/swipe', { eventId: 'pg1', ts: Date.now(), card: card.uid })
  const open = await kiosk.waitFor(m => m.payload.type === 'open')
  const deposit = { eventId: 'pg2', ts: Date.now(), sessionId: open.payload.sessionId, lines: [{ category: 'plastic', grams: 2000 }, { category: 'hazardous', grams: 40, count: 1 }] }
  await kiosk.publishJson('events/deposit', deposit)
  t.equal(await balanceOf(db, household.id), 120 + 50, 'credited before PUBACK')
  t.match((await kiosk.waitFor(m => m.payload.type === 'display')).payload, { pointsEarned: 170, balancePoints: 170, outcome: 'credited' })
  await kiosk.publishJson('events/deposit', deposit)
  t.equal(await balanceOf(db, household.id), 170, 'replay counted once')

  await kiosk.publishRaw(`devices/${device.id}/events/deposit`, '{"eventId": ')
  t.equal((await kiosk.waitFor(m => m.topic.endsWith('/errors'))).payload.code, 'MALFORMED_JSON')
  t.same(await ledgerInvariantViolations(db), [])
})
