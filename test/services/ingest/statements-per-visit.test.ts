// How many SQL statements one kiosk visit (swipe → open, deposit → display)
// costs on the device path, counted on the real stores through a Kysely
// plugin that sees every executed statement (BEGIN and COMMIT excluded: one
// pair per batch). The visit is measured after a first visit warmed the
// registry cache, as in steady operation: each batch holds one event, the
// worst case (a loaded server puts many events in one batch).
import t from 'tap'
import { defaultRateTable } from '../../../schemas/rate-table.ts'
import { topics } from '../../../schemas/topics.ts'
import { createBatchCommitter } from '../../../services/ingest/commit-device-batch.ts'
import { aHouseholdWithCard, aKiosk, aSite } from '../../fixtures/builders.ts'
import { statementCounter } from '../../helpers/statement-counter.ts'
import { eachStore } from '../../helpers/stores.ts'

const settings = { sessionOpenWindowMs: 120_000, sessionDepositWindowMs: 86_400_000 }

for (const [name, dailyCapPoints] of [['no daily cap', 0], ['with a daily cap', 1000]] as const) {
  eachStore(t, `one visit, ${name}: statements on the device path`, async (t, store) => {
    const site = await aSite(store.db, { rateTable: { ...defaultRateTable, dailyCapPoints } })
    const { device } = await aKiosk(store.db, site.id)
    const { card } = await aHouseholdWithCard(store.db, site.id)
    const count = statementCounter()
    const commit = createBatchCommitter(store.db.withPlugin(count.plugin), settings, undefined)
    let seq = 0
    const send = async (type: 'swipe' | 'deposit', body: Record<string, unknown>) => {
      const [processed] = await commit([{ deviceId: device.id, topic: topics.event(device.id, type), payload: Buffer.from(JSON.stringify({ eventId: `e${++seq}`, ts: Date.now(), ...body })), qos: 1, receivedAtMs: Date.now() }])
      return JSON.parse(processed!.outgoing[0]!.payload) as Record<string, unknown>
    }
    const visit = async () => {
      const open = await send('swipe', { card: card.uid })
      const swipe = count.take()
      const display = await send('deposit', { sessionId: open.sessionId, lines: [{ category: 'paper', grams: 1000 }] })
      t.match(display, { type: 'display', outcome: 'credited', pointsEarned: 40 })
      return { swipe, deposit: count.take() }
    }
    await visit()
    const warm = await visit()
    t.comment(`statements per visit (${name}): swipe ${warm.swipe}, deposit ${warm.deposit}, total ${warm.swipe + warm.deposit} in 2 transactions`)
    // swipe: registry version, insert event, household, insert session, outcome, insert command
    t.equal(warm.swipe, 6, 'swipe')
    // deposit: registry version, insert event, session, day row (+1 to lock it under a cap), balance,
    // ledger entry, insert deposit, close session, outcome, insert command
    t.equal(warm.deposit, dailyCapPoints === 0 ? 10 : 11, 'deposit')
  })
}
