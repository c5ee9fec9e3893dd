// prepare(): a statement built once with named placeholders runs with new
// values each time, keeps the builder's constants, and refuses a call that
// leaves a placeholder without a value. Both stores.
import t from 'tap'
import { prepare } from '../../../services/store/prepared.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const activeCardOf = prepare<{ householdId: string }, { uid: string }>((db, p) => db.selectFrom('cards').select('uid')
  .where('household_id', '=', p.householdId).where('status', '=', 'active'))
const setStatus = prepare<{ uid: string, status: 'active' | 'lost' }>((db, p) => db.updateTable('cards').set({ status: p.status }).where('uid', '=', p.uid))

eachStore(t, 'one compiled statement, new values each run', async (t, store) => {
  const site = await aSite(store.db)
  const a = await aHouseholdWithCard(store.db, site.id)
  const b = await aHouseholdWithCard(store.db, site.id)
  t.same(await activeCardOf.first(store.db, { householdId: a.household.id }), { uid: a.card.uid })
  t.same(await activeCardOf.first(store.db, { householdId: b.household.id }), { uid: b.card.uid }, 'the same statement with another value')
  t.equal(await setStatus.affected(store.db, { uid: a.card.uid, status: 'lost' }), 1, 'rows changed')
  t.equal(await activeCardOf.first(store.db, { householdId: a.household.id }), undefined, "the builder's constant ('active') is kept")
  t.equal(await setStatus.affected(store.db, { uid: 'no-such-card', status: 'lost' }), 0)
  await store.db.transaction().execute(async trx => {
    t.same(await activeCardOf.first(trx, { householdId: b.household.id }), { uid: b.card.uid }, 'runs inside a transaction too')
  })
  await t.rejects(activeCardOf.run(store.db, {} as { householdId: string }), /no value for :householdId/, 'a missing value is refused before the store sees it')
})
