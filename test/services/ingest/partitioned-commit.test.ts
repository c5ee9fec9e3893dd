// On PostgreSQL a batch commits in concurrent partitions by device. Order per
// device must hold (a deposit before a second deposit into the same session:
// the first credits, the second is refused) and money must be exact while
// kiosks sharing households credit concurrently under a daily cap (the day
// row, then the balance, locked in every partition: deadlocks are retried).
import t from 'tap'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import { topics } from '../../../schemas/topics.ts'
import { createBatchCommitter, POSTGRES_PARTITIONS } from '../../../services/ingest/commit-device-batch.ts'
import { partitionByDevice } from '../../../services/ingest/partitions.ts'
import { ledgerInvariantViolations } from '../../../services/ledger/ledger.ts'
import type { DevicePublish } from '../../../broker/mqtt-broker.ts'
import { createHousehold } from '../../../services/households/household-registry.ts'
import { linkCard } from '../../../services/households/card-registry.ts'
import { aKiosk, aSite } from '../../fixtures/builders.ts'
import { openPostgresTestStore, postgresSkipReasonIfAny } from '../../helpers/stores.ts'

const settings = { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: 86_400_000 }

t.test('partitions: one device always in one group, in arrival order', async t => {
  const publishes = ['a', 'b', 'a', 'c', 'b', 'a', 'd', 'e', 'f', 'g'].map(deviceId => ({ deviceId }))
  const groups = partitionByDevice(publishes, 4)
  t.same(groups.flat().sort((x, y) => x - y), publishes.map((_, i) => i), 'every publish in exactly one group')
  for (const group of groups) {
    t.same(group, [...group].sort((x, y) => x - y), 'arrival order inside a group')
    for (const device of new Set(group.map(i => publishes[i]!.deviceId))) {
      t.equal(groups.filter(g => g.some(i => publishes[i]!.deviceId === device)).length, 1, `${device} in one group`)
    }
  }
  t.ok(groups.length > 1, 'seven devices spread over more than one group')
  t.same(partitionByDevice(publishes, 1), [publishes.map((_, i) => i)], 'one partition: the batch as it came')
})

t.test('concurrent partitions on PostgreSQL: order per device, exact balances under a daily cap', { skip: await postgresSkipReasonIfAny() }, async t => {
  const store = await openPostgresTestStore(t)
  if (store == null) throw new Error('PostgreSQL expected')
  const { db } = store
  const dailyCapPoints = 400
  const site = await aSite(db, { rateTable: { ...defaultRateTable, dailyCapPoints } })
  const households = await Promise.all([0, 1, 2, 3].map(async i => {
    const household = await createHousehold(db, { siteId: site.id, label: `9-9-${i}` })
    const card = await linkCard(db, { uid: `CARD-P-${i}`, householdId: household.id })
    return { household, card }
  }))
  // 16 kiosks; four share each household (its card swiped at four kiosks at once)
  const kiosks = await Promise.all(Array.from({ length: 16 }, async (_, i) => ({ id: (await aKiosk(db, site.id, `kiosk-p-${i}`)).device.id, card: households[i % 4]!.card.uid })))
  t.ok(partitionByDevice(kiosks.map(k => ({ deviceId: k.id })), POSTGRES_PARTITIONS).length > 1, 'the kiosks fall into several partitions')

  const commit = createBatchCommitter(db, settings, undefined)
  let seq = 0
  const publish = (deviceId: string, type: 'swipe' | 'deposit', body: Record<string, unknown>): DevicePublish =>
    ({ deviceId, topic: topics.event(deviceId, type), payload: Buffer.from(JSON.stringify({ eventId: `ev${++seq}`, ts: Date.now(), ...body })), qos: 1, receivedAtMs: Date.now() })
  const paper = (grams: number) => [{ category: 'paper', grams }]

  let credited = 0
  for (let visit = 0; visit < 3; visit++) {
    const swipes = await commit(kiosks.map(k => publish(k.id, 'swipe', { card: k.card })))
    const sessions = swipes.map(r => (JSON.parse(r.outgoing[0]!.payload) as { type: string, sessionId: string }))
    t.ok(sessions.every(s => s.type === 'open'), `visit ${visit + 1}: every swipe opened`)
    // per kiosk: a deposit (40 points), then a second one into the same session (must be refused)
    const first = kiosks.map((k, i) => publish(k.id, 'deposit', { sessionId: sessions[i]!.sessionId, lines: paper(1000) }))
    const second = kiosks.map((k, i) => publish(k.id, 'deposit', { sessionId: sessions[i]!.sessionId, lines: paper(2000) }))
    const results = await commit([...first, ...second])
    t.ok(results.slice(0, 16).every(r => r.result === 'applied'), 'each first deposit applied')
    t.same(results.slice(16).map(r => r.deadLetterCode), kiosks.map(() => 'SESSION_CLOSED'), 'each second deposit refused: it came after the first')
    credited += results.slice(0, 16).reduce((sum, r) => sum + (r.pointsCredited ?? 0), 0)
  }

  // 4 kiosks × 3 visits × 40 points = 480 offered per household, capped at 400 a day
  const balances = await db.selectFrom('households').select(['id', 'balance_points']).where('site_id', '=', site.id).orderBy('id').execute()
  t.same(balances.map(b => b.balance_points), [400, 400, 400, 400], 'each household earned exactly the cap')
  t.equal(credited, 1600, 'the results report what the balances hold')
  const days = await db.selectFrom('daily_earnings').select('points').execute()
  t.same(days.map(d => Number(d.points)), [400, 400, 400, 400], 'day rows agree')
  t.same(await ledgerInvariantViolations(db), [], 'every balance equals the sum of its entries')
  const stored = await db.selectFrom('deposits').select(['outcome']).execute()
  t.equal(stored.length, 48, 'one deposit stored per visit and kiosk')
})
