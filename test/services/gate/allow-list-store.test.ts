// A site's allow-list snapshots on both stores: a new version only when the
// content changed; two connections making the list at once agree on one
// version (the second takes the first one's snapshot); lost cards leave it;
// the list source never hands out a list its transaction did not commit.
import t from 'tap'
import type { AllowList } from '../../../schemas/gate.ts'
import { createAllowListSource, currentAllowList, siteListVersion, snapshotOf } from '../../../services/gate/allow-list-store.ts'
import { hashCard } from '../../../services/gate/allow-list.ts'
import { gateSite } from '../../../services/gate/gate-repository.ts'
import { setCardStatus } from '../../../services/households/card-registry.ts'
import { aHouseholdWithCard, aSite } from '../../fixtures/builders.ts'
import { eachStore, eachStoreConnections } from '../../helpers/stores.ts'

await eachStore(t, 'versions move only with the content', async (t, { db }) => {
  const site = await aSite(db)
  const a = await aHouseholdWithCard(db, site.id)
  const b = await aHouseholdWithCard(db, site.id)
  const v1 = await currentAllowList(db, site.id)
  t.equal(v1.version, 1)
  const { salt } = await gateSite(db, site.id)
  t.same(v1.entries.map(e => e.cardHash).sort(), [hashCard(salt, a.card.uid), hashCard(salt, b.card.uid)].sort())
  t.equal((await currentAllowList(db, site.id)).version, 1, 'nothing changed: same version')
  await setCardStatus(db, a.card.uid, 'lost')
  const v2 = await currentAllowList(db, site.id)
  t.equal(v2.version, 2)
  t.same(v2.entries.map(e => e.cardHash), [hashCard(salt, b.card.uid)], 'the lost card is gone')
  t.same(await snapshotOf(db, site.id, 1), v1, 'the base of a delta is kept')
})

await eachStore(t, 'a list source rebuilds only when the registry moved', async (t, { db }) => {
  const site = await aSite(db)
  const a = await aHouseholdWithCard(db, site.id)
  const source = createAllowListSource()
  const first = await source(db, site.id, Date.now())
  t.equal(await source(db, site.id, Date.now()), first, 'the same list, not rebuilt (a reconnect storm reads one row per gate)')
  await setCardStatus(db, a.card.uid, 'blocked')
  const next = await source(db, site.id, Date.now())
  t.equal(next.version, first.version + 1, 'rebuilt after the card was blocked')
  t.same(next.entries, [])
})

await eachStore(t, 'a list made in a transaction that rolled back is never handed out: the next call makes its version again, from the store', async (t, { db }) => {
  const site = await aSite(db)
  const a = await aHouseholdWithCard(db, site.id)
  const b = await aHouseholdWithCard(db, site.id)
  const { salt } = await gateSite(db, site.id)
  const source = createAllowListSource()
  const now = Date.now()
  const v1 = await source(db, site.id, now)
  await setCardStatus(db, a.card.uid, 'blocked')
  let undone: AllowList | undefined
  // a connect or sync transaction that made the next version and then failed (a deadlock victim, a dropped connection)
  await t.rejects(db.transaction().execute(async trx => {
    undone = await source(trx, site.id, now + 1)
    throw new Error('rolled back')
  }), /rolled back/)
  t.equal(undone?.version, v1.version + 1)
  t.equal(await siteListVersion(db, site.id), v1.version, 'the store never had it')

  const next = await source(db, site.id, now + 2)
  t.not(next, undone, 'not the list of the rolled-back transaction')
  t.equal(next.version, v1.version + 1)
  t.equal(await siteListVersion(db, site.id), next.version, 'the version handed out is the site\'s committed one')
  t.same(await snapshotOf(db, site.id, next.version), next, 'and its stored content is what was handed out')

  await setCardStatus(db, b.card.uid, 'blocked')
  const after = await source(db, site.id, now + 3)
  t.equal(after.version, next.version + 1, 'the next change is the next version, not a second content under an old number')
  t.notOk(after.entries.some(e => e.cardHash === hashCard(salt, b.card.uid)), 'without the card blocked last')
})

await eachStoreConnections(t, 'two connections make the list at once: one version, one snapshot', 2, async (t, [one, two]) => {
  const site = await aSite(one!.db)
  await aHouseholdWithCard(one!.db, site.id)
  await gateSite(one!.db, site.id)
  const [x, y] = await Promise.all([
    one!.db.transaction().execute(trx => currentAllowList(trx, site.id)),
    two!.db.transaction().execute(trx => currentAllowList(trx, site.id))
  ])
  t.equal(x.version, 1)
  t.same(y, x, 'both answer the same list')
  const rows = await one!.db.selectFrom('allow_list_snapshots').select('version').where('site_id', '=', site.id).execute()
  t.same(rows.map(r => r.version), [1])
})
