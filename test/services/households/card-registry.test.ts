// Cards on both stores: a card's gate schedule belongs to its holder, so
// unlinking a returned card clears it (and moves the registry version the
// ingest's cache of card schedules is keyed by). Relinked at another site the
// card no longer names a schedule that site lacks (its gates' list builds);
// reissued at its own site it does not carry the old holder's hours. A card
// unlinked before unlinking cleared schedules loses the old one when linked.
import t from 'tap'
import { createRegistryCache } from '../../../services/devices/registry-cache.ts'
import { registryVersion } from '../../../services/devices/registry-version.ts'
import { currentAllowList } from '../../../services/gate/allow-list-store.ts'
import { putSchedule, scheduleOfCard, setCardSchedule } from '../../../services/gate/gate-repository.ts'
import { linkCard, setCardStatus } from '../../../services/households/card-registry.ts'
import { createHousehold } from '../../../services/households/household-registry.ts'
import type { Executor } from '../../../services/store/executor.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { eachStore } from '../../helpers/stores.ts'

const contractor = { id: 'contractor', weekdays: { mon: [{ from: '08:00', to: '18:00' }] }, holidays: [], dateRanges: [], freeExit: false }
const scheduleRows = (db: Executor, uid: string) => db.selectFrom('card_schedules').selectAll().where('card_uid', '=', uid).execute()

await eachStore(t, 'unlinking a card clears its schedule: relinked elsewhere the list builds, reissued at home it has no time limit', async (t, { db }) => {
  const home = await aSite(db)
  const away = await aSite(db)
  await putSchedule(db, home.id, contractor)
  const moving = await aHouseholdWithCard(db, home.id)
  const returned = await aHouseholdWithCard(db, home.id)
  for (const uid of [moving.card.uid, returned.card.uid]) await setCardSchedule(db, uid, 'contractor')
  const cache = createRegistryCache()
  const memo = async (uid: string) => (await cache.forBatch(db)).memo(`gate-schedule:${home.id}:${uid}`, () => scheduleOfCard(db, home.id, uid))
  t.match(await memo(returned.card.uid), { id: 'contractor' }, 'the ingest caches the card\'s schedule')

  const before = await registryVersion(db)
  await setCardStatus(db, moving.card.uid, 'unlinked')
  await setCardStatus(db, returned.card.uid, 'unlinked')
  t.same(await scheduleRows(db, moving.card.uid), [], 'the unlinked card has no schedule')
  t.ok(await registryVersion(db) > before, 'the registry version moved with it')

  await linkCard(db, { uid: moving.card.uid, householdId: (await createHousehold(db, { siteId: away.id, label: 'b-1' })).id })
  const awayList = await currentAllowList(db, away.id)
  t.same(awayList.entries.map(e => e.schedule), [0], 'the other site\'s list builds, the card without a time limit')

  await linkCard(db, { uid: returned.card.uid, householdId: (await createHousehold(db, { siteId: home.id, label: 'a-9' })).id })
  t.equal(await scheduleOfCard(db, home.id, returned.card.uid), null, 'reissued at its own site: not the old holder\'s hours')
  t.equal(await memo(returned.card.uid), null, 'nor from the ingest\'s cache')
  t.same((await currentAllowList(db, home.id)).entries.map(e => e.schedule), [0])
})

await eachStore(t, 'a card unlinked before unlinking cleared schedules loses the old schedule when linked again', async (t, { db }) => {
  const home = await aSite(db)
  const away = await aSite(db)
  await putSchedule(db, home.id, contractor)
  const { card } = await aHouseholdWithCard(db, home.id)
  await setCardStatus(db, card.uid, 'unlinked')
  await db.insertInto('card_schedules').values({ card_uid: card.uid, schedule_id: 'contractor' }).execute() // what an earlier version left
  await linkCard(db, { uid: card.uid, householdId: (await createHousehold(db, { siteId: away.id, label: 'b-2' })).id })
  t.same(await scheduleRows(db, card.uid), [])
  t.same((await currentAllowList(db, away.id)).entries.map(e => e.schedule), [0], 'the other site\'s list builds')
})
