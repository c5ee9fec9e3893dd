// The whole story with the simulator, over real sockets: kiosks and residents
// deposit through the real broker, the counter redeems over real HTTP, and
// balances, history and the ledger invariant agree at the end.
import t from 'tap'
import { runFleet, SimKiosk } from '../../device-sim/index.ts'
import { balanceOf, historyOf, ledgerInvariantViolations } from '../../services/ledger/ledger.ts'
import { createStaff } from '../../services/staff/staff.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../fixtures/builders.ts'
import { startTestBackend } from '../helpers/backend.ts'

t.test('simulated kiosks earn points; the counter redeems them over HTTP', async t => {
  const backend = await startTestBackend(t)
  const { db } = backend.store
  const site = await aSite(db)
  const kiosks = await Promise.all([1, 2, 3].map(() => aKiosk(db, site.id)))
  const residents = await Promise.all(Array.from({ length: 12 }, () => aHouseholdWithCard(db, site.id)))
  const { token } = await createStaff(db, { username: `counter-${site.id}`, name: 'Counter Li', role: 'counter', siteId: site.id })

  const summary = await runFleet({
    mqttUrl: backend.mqttUrl,
    kiosks: kiosks.map(k => ({ deviceId: k.device.id, secret: k.secret })),
    cards: residents.map(r => r.card.uid),
    visits: 40,
    ratePerS: 40,
    seed: 7,
    badRate: 0.1,
    offlineRate: 0.1,
    offlineMs: { min: 100, max: 400 }
  })
  t.equal(summary.visits, 40)
  t.equal(summary.deposited, 40, 'every visit ended with a deposit and a display')
  t.equal(summary.depositsAcked, summary.depositsSent)
  t.equal(summary.unsentEvents, 0, 'nothing left in any kiosk outbox')
  t.equal(summary.errorRepliesReceived, Object.values(backend.metrics.deadLettered).reduce((a, b) => a + b, 0), 'every injected bad payload answered and dead-lettered')

  const credited = await db.selectFrom('ledger_entries').select(eb => eb.fn.sum<number>('points').as('sum')).where('kind', '=', 'earn').executeTakeFirstOrThrow()
  t.equal(Number(credited.sum), summary.pointsCredited, 'points on the kiosks\' displays = points in the ledger')
  t.equal((await db.selectFrom('deposits').select('id').execute()).length, 40, 'each deposit stored once despite offline replays')

  // the counter: the richest household redeems 100 points (1 yuan) in cash
  const richest = residents.map(r => r.household.id)
  const balances = await Promise.all(richest.map(id => balanceOf(db, id)))
  const index = balances.indexOf(Math.max(...balances))
  const householdId = richest[index] as string
  const before = balances[index] as number
  t.ok(before >= 100, `richest household has ${before} points`)

  const redeem = (key: string, points: number) => fetch(`${backend.httpUrl}/api/redemptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ cardUid: residents[index]?.card.uid, kind: 'cash', points })
  })
  const res = await redeem('till-1-0001', 100)
  t.equal(res.status, 201)
  const body = await res.json() as { balancePoints: number, receipt: string }
  t.equal(body.balancePoints, before - 100)
  t.match(body.receipt, /CNY 1\.00/)
  t.equal((await redeem('till-1-0001', 100)).status, 201, 'a retried request is answered again')
  t.equal((await redeem('till-1-0002', before)).status, 409, 'overdraw refused')
  t.equal(await balanceOf(db, householdId), before - 100, 'charged once')

  const history = await fetch(`${backend.httpUrl}/api/households/${householdId}/ledger`, { headers: { authorization: `Bearer ${token}` } })
  const page = await history.json() as { entries: Array<{ kind: string, points: number }>, balancePoints: number }
  t.equal(page.balancePoints, before - 100)
  t.same(page.entries[0], { ...page.entries[0], kind: 'redeem', points: -100 })
  t.equal(page.entries.reduce((sum, e) => sum + e.points, 0), before - 100, 'history adds up to the balance')
  t.same((await historyOf(db, householdId, { limit: 100 })).entries.length, page.entries.length)
  t.same(await ledgerInvariantViolations(db), [])
})

t.test('a kiosk that loses its network after the window opened replays its deposit', async t => {
  const backend = await startTestBackend(t)
  const { db } = backend.store
  const site = await aSite(db)
  const { device, secret } = await aKiosk(db, site.id)
  const { household, card } = await aHouseholdWithCard(db, site.id)
  const kiosk = new SimKiosk({ mqttUrl: backend.mqttUrl, deviceId: device.id, secret, reconnectPeriodMs: 100 })
  t.teardown(() => kiosk.close())
  await kiosk.start()
  const result = await kiosk.visit(card.uid, [{ category: 'paper', grams: 1000 }], { offlineAfterOpenMs: 300 })
  t.equal(result.outcome, 'deposited', 'display arrived after the replay')
  t.equal(result.pointsEarned, 40)
  t.equal(await balanceOf(db, household.id), 40)
})
