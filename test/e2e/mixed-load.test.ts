// Kiosks at full rate while 20 counter clients redeem and approve adjustments
// on the same households, for 30 s, on both stores (embedded SQLite with the
// ingest worker, and PostgreSQL). Every HTTP client and every kiosk has its own
// connection, so their transactions truly overlap. It used to give HTTP 500s
// (SQLITE_BUSY) and kiosk connections closed without PUBACK.
// Afterwards each household's balance must equal exactly what its kiosks
// displayed minus what the counter paid out plus what managers approved.
import t, { type Test } from 'tap'
import { ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { createStaff } from '../../services/staff/staff.ts'
import type { Config } from '../../services/config.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { connectDevice, startTestBackend, type TestDevice } from '../helpers/backend.ts'
import { postgresSkipReasonIfAny, postgresTestDatabaseUrl } from '../helpers/stores.ts'

const DURATION_MS = 30_000
const KIOSKS = 10
const HOUSEHOLDS = 20
const REDEEMERS = 14
const ADJUSTERS = 6

interface Tally { displayed: Map<string, number>, paid: Map<string, number>, approved: Map<string, number> }
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)

async function runMixedLoad (t: Test, overrides: Partial<Config>): Promise<void> {
  const backend = await startTestBackend(t, { HTTP_REDEMPTIONS_PER_MIN: 0, MQTT_DEVICE_PUBLISHES_PER_S: 0, ...overrides })
  const { db } = backend.store
  const site = await aSite(db)
  const households = await Promise.all(Array.from({ length: HOUSEHOLDS }, () => aHouseholdWithCard(db, site.id)))
  const kioskRows = await Promise.all(Array.from({ length: KIOSKS }, () => aKiosk(db, site.id)))
  const staff = await Promise.all(Array.from({ length: REDEEMERS + ADJUSTERS }, (_, i) =>
    createStaff(db, { username: `counter-${site.id}-${i}`, name: `Counter ${i}`, role: 'counter', siteId: site.id })))
  const manager = await createStaff(db, { username: `manager-${site.id}`, name: 'Manager', role: 'manager', siteId: site.id })

  const tally: Tally = { displayed: new Map(), paid: new Map(), approved: new Map() }
  const serverErrors: string[] = []
  let closedWithoutPuback = 0
  let visits = 0
  let redemptions = 0
  let refusedRedemptions = 0
  let adjustments = 0
  const deadline = Date.now() + DURATION_MS

  async function http (token: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number, body: Record<string, unknown> }> {
    const res = await fetch(`${backend.httpUrl}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body)
    })
    const json = await res.json() as Record<string, unknown>
    if (res.status >= 500) serverErrors.push(`${path} ${res.status} ${JSON.stringify(json)}`)
    return { status: res.status, body: json }
  }

  async function kioskLoop (kiosk: TestDevice, deviceId: string, k: number): Promise<void> {
    for (let v = 0; Date.now() < deadline; v++) {
      const { household, card } = households[(k * 7 + v) % HOUSEHOLDS]!
      const swipeId = `${deviceId}-s${v}`
      await kiosk.publishJson('events/swipe', { eventId: swipeId, ts: Date.now(), card: card.uid })
      const open = await kiosk.waitFor(m => m.payload.swipeEventId === swipeId, 20_000)
      if (open.payload.type !== 'open') throw new Error(`swipe denied: ${JSON.stringify(open.payload)}`)
      const depositId = `${deviceId}-d${v}`
      await kiosk.publishJson('events/deposit', { eventId: depositId, ts: Date.now(), sessionId: open.payload.sessionId, lines: [{ category: 'paper', grams: 500 + (v % 7) * 100 }] })
      const display = await kiosk.waitFor(m => m.payload.depositEventId === depositId, 20_000)
      add(tally.displayed, household.id, display.payload.pointsEarned as number)
      kiosk.received.length = 0 // keep the search short; everything of this visit is accounted for
      visits++
    }
  }

  async function redeemLoop (token: string, w: number): Promise<void> {
    for (let i = 0; Date.now() < deadline; i++) {
      const { household } = households[(w * 3 + i) % HOUSEHOLDS]!
      const points = 5 + (i % 4)
      const res = await http(token, '/redemptions', { householdId: household.id, kind: 'cash', points }, { 'idempotency-key': `r-${w}-${i}` })
      if (res.status === 201) { add(tally.paid, household.id, points); redemptions++ } else if (res.status === 409 && (res.body.error as { code?: string } | undefined)?.code === 'INSUFFICIENT_POINTS') refusedRedemptions++
      else if (res.status < 500) throw new Error(`redemption answered ${res.status} ${JSON.stringify(res.body)}`)
    }
  }

  async function adjustLoop (token: string, w: number): Promise<void> {
    for (let i = 0; Date.now() < deadline; i++) {
      const { household } = households[(w * 5 + i) % HOUSEHOLDS]!
      const requested = await http(token, '/adjustments', { householdId: household.id, points: 3, reason: `scale fault refund ${w}/${i}` })
      if (requested.status !== 201) { if (requested.status < 500) throw new Error(`adjustment answered ${requested.status}`); continue }
      const decided = await http(manager.token, `/adjustments/${requested.body.id as string}/approve`, {})
      if (decided.status === 200) { add(tally.approved, household.id, 3); adjustments++ } else if (decided.status < 500) throw new Error(`approval answered ${decided.status} ${JSON.stringify(decided.body)}`)
    }
  }

  const kiosks = await Promise.all(kioskRows.map(async ({ device, secret }) => {
    const kiosk = await connectDevice(t, backend.mqttUrl, device.id, secret)
    // the test never ends a kiosk's connection before the load is over: any close is the server's
    kiosk.client.on('close', () => { if (Date.now() < deadline) closedWithoutPuback++ })
    return { kiosk, deviceId: device.id }
  }))

  await Promise.all([
    ...kiosks.map(({ kiosk, deviceId }, k) => kioskLoop(kiosk, deviceId, k)),
    ...staff.slice(0, REDEEMERS).map(({ token }, w) => redeemLoop(token, w)),
    ...staff.slice(REDEEMERS).map(({ token }, w) => adjustLoop(token, w))
  ])

  t.same(serverErrors, [], 'no HTTP 5xx')
  t.equal(closedWithoutPuback, 0, 'no kiosk connection closed by the server')
  t.ok(visits > KIOSKS && redemptions > REDEEMERS && adjustments > ADJUSTERS, `load ran: ${visits} visits, ${redemptions} redemptions (${refusedRedemptions} refused for balance), ${adjustments} adjustments`)
  for (const { household } of households) {
    const expected = (tally.displayed.get(household.id) ?? 0) - (tally.paid.get(household.id) ?? 0) + (tally.approved.get(household.id) ?? 0)
    const row = await db.selectFrom('households').select('balance_points').where('id', '=', household.id).executeTakeFirstOrThrow()
    t.equal(Number(row.balance_points), expected, `household ${household.id}: displayed − paid + approved`)
  }
  t.same(await ledgerInvariantViolations(db), [], 'every balance is the sum of its entries')
}

t.test('kiosks at full rate and 20 counter clients on the same households [sqlite, ingest worker]', async t => {
  await runMixedLoad(t, { INGEST_WORKER: true })
})

t.test('kiosks at full rate and 20 counter clients on the same households [postgres]', { skip: await postgresSkipReasonIfAny() }, async t => {
  await runMixedLoad(t, { DATABASE_URL: await postgresTestDatabaseUrl(t) })
})
